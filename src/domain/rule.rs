//! The business rules, by name: the one place their names are written. `decide` enforces them,
//! a [`super::Rejection`] says which one a command broke, and [`super::rules_for`] lists the ones
//! a command is checked against, in `decide`'s order.

use std::fmt;

/// A rule `decide` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// An account opens once.
    OpensOnce,
    /// A new account's id is well formed.
    WellFormedAccountId,
    /// An owner's name is 1 to 80 printable characters.
    OwnerName,
    /// Money moves only on an open account.
    OpenAccountOnly,
    /// A closed account accepts nothing.
    ClosedAcceptsNothing,
    /// Amounts are positive.
    PositiveAmount,
    /// A deposit or a transfer moves at most [`super::Money::MAX_AMOUNT`]: with at most a
    /// million events, no sum of a ledger's amounts can overflow.
    AmountWithinLimit,
    /// A withdrawal never exceeds the balance.
    NoOverdraft,
    /// The balance never overflows.
    NoOverflow,
    /// An account closes only when none of its outgoing transfers is in flight (a refund
    /// must find it open).
    NoCloseWithTransferInFlight,
    /// A transfer's id is well formed.
    WellFormedTransferId,
    /// A transfer goes from one account to another.
    DifferentAccounts,
    /// A transfer is requested once.
    RequestedOnce,
    /// A requested transfer ends once: completed or failed, never both.
    EndsOnce,
    /// Only a withdrawal can be reversed.
    ReversesAWithdrawal,
    /// A withdrawal is reversed at most once.
    ReversedOnce,
}

impl Rule {
    /// The rule in words, as the page shows it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::OpensOnce => "An account opens once",
            Rule::WellFormedAccountId => "Account ids are well formed",
            Rule::OwnerName => "Owner names are 1 to 80 printable characters",
            Rule::OpenAccountOnly => "Money moves only on an open account",
            Rule::ClosedAcceptsNothing => "A closed account accepts nothing",
            Rule::PositiveAmount => "Amounts are positive",
            Rule::AmountWithinLimit => "A deposit or transfer moves at most $1,000,000,000.00",
            Rule::NoOverdraft => "No overdraft",
            Rule::NoOverflow => "The balance never overflows",
            Rule::NoCloseWithTransferInFlight => "No close while a transfer is in flight",
            Rule::WellFormedTransferId => "Transfer ids are well formed",
            Rule::DifferentAccounts => "A transfer goes to another account",
            Rule::RequestedOnce => "A transfer is requested once",
            Rule::EndsOnce => "A requested transfer ends once",
            Rule::ReversesAWithdrawal => "Only a withdrawal can be reversed",
            Rule::ReversedOnce => "A withdrawal is reversed once",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
