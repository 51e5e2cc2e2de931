//! Which rules `decide` checks for a command, in the order it checks them, so a learner can see
//! a command pass (or fail) each one. The rules themselves live in `decide` only: this list names
//! them, and a property test keeps it complete (every rejection's rule is listed for its command).

use super::{Command, Rejection, Rule};

/// What happened to one rule when a command was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The command satisfied it.
    Passed,
    /// The command broke it: decide stopped here.
    Failed,
    /// Decide stopped at an earlier rule.
    NotReached,
}

/// The rules decide checks for `command`, in order.
pub fn rules_for(command: &Command) -> &'static [Rule] {
    match command {
        Command::OpenAccount { .. } => &[
            Rule::ClosedAcceptsNothing,
            Rule::OpensOnce,
            Rule::WellFormedAccountId,
            Rule::OwnerName,
        ],
        Command::DepositMoney { .. } => &[
            Rule::OpenAccountOnly,
            Rule::ClosedAcceptsNothing,
            Rule::PositiveAmount,
            Rule::AmountWithinLimit,
            Rule::NoOverflow,
        ],
        Command::WithdrawMoney { .. } => &[
            Rule::OpenAccountOnly,
            Rule::ClosedAcceptsNothing,
            Rule::PositiveAmount,
            Rule::NoOverdraft,
        ],
        Command::CloseAccount => &[
            Rule::OpenAccountOnly,
            Rule::ClosedAcceptsNothing,
            Rule::NoCloseWithTransferInFlight,
        ],
        Command::DebitTransfer { .. } => &[
            Rule::OpenAccountOnly,
            Rule::ClosedAcceptsNothing,
            Rule::PositiveAmount,
            Rule::AmountWithinLimit,
            Rule::NoOverdraft,
        ],
        Command::CreditTransfer { .. } | Command::RefundTransfer { .. } => &[
            Rule::OpenAccountOnly,
            Rule::ClosedAcceptsNothing,
            Rule::PositiveAmount,
            Rule::AmountWithinLimit,
            Rule::NoOverflow,
        ],
    }
}

/// The rules a transfer request is checked against, in `decide_transfer`'s order. The money's
/// rules are the accounts' own, checked later in each step, each in its own stream: a step an
/// account refuses is recorded as the transfer failing or being refunded, not as a rejection.
pub const TRANSFER_RULES: [Rule; 4] = [
    Rule::WellFormedTransferId,
    Rule::PositiveAmount,
    Rule::AmountWithinLimit,
    Rule::DifferentAccounts,
];

/// The rules reversing a withdrawal is checked against, in `decide_reversal`'s order.
pub const REVERSAL_RULES: [Rule; 5] = [
    Rule::OpenAccountOnly,
    Rule::ClosedAcceptsNothing,
    Rule::ReversesAWithdrawal,
    Rule::ReversedOnce,
    Rule::NoOverflow,
];

/// Each rule of `command` with what happened to it, given decide's answer.
pub fn rule_checks(command: &Command, refused: Option<&Rejection>) -> Vec<(Rule, Check)> {
    checks_of(rules_for(command), refused)
}

/// Each rule of a transfer request with what happened to it.
pub fn transfer_rule_checks(refused: Option<&Rejection>) -> Vec<(Rule, Check)> {
    checks_of(&TRANSFER_RULES, refused)
}

/// Each rule of a withdrawal's reversal with what happened to it.
pub fn reversal_rule_checks(refused: Option<&Rejection>) -> Vec<(Rule, Check)> {
    checks_of(&REVERSAL_RULES, refused)
}

fn checks_of(rules: &[Rule], refused: Option<&Rejection>) -> Vec<(Rule, Check)> {
    let failed = refused.map(Rejection::rule);
    let mut reached = true;
    rules
        .iter()
        .map(|&rule| {
            let check = if !reached {
                Check::NotReached
            } else if Some(rule) == failed {
                reached = false;
                Check::Failed
            } else {
                Check::Passed
            };
            (rule, check)
        })
        .collect()
}
