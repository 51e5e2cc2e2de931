//! Events: facts that happened, in the past tense. Once recorded they never change.

use super::{AccountId, Money, OwnerName};

/// Something that happened to the account. The stored form (type name, schema version, JSON
/// payload) is kept apart from this type in `ledger::schema`, so the domain can change without
/// breaking what is already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The account was opened.
    AccountOpened {
        /// The account's id, also the id of its event stream.
        account_id: AccountId,
        /// Who owns it.
        owner: OwnerName,
    },
    /// Money was put in.
    MoneyDeposited {
        /// How much.
        amount: Money,
    },
    /// Money was taken out (by a withdrawal, or as the payout when the account closed).
    MoneyWithdrawn {
        /// How much.
        amount: Money,
    },
    /// The account was closed; it accepts nothing from now on.
    AccountClosed,
}

impl Event {
    /// The event's name, as stored and shown.
    pub fn name(&self) -> &'static str {
        match self {
            Event::AccountOpened { .. } => "AccountOpened",
            Event::MoneyDeposited { .. } => "MoneyDeposited",
            Event::MoneyWithdrawn { .. } => "MoneyWithdrawn",
            Event::AccountClosed => "AccountClosed",
        }
    }

    /// What happened, in words.
    pub fn describe(&self) -> String {
        match self {
            Event::AccountOpened { account_id, owner } => {
                format!("Account {account_id} opened for {owner}")
            }
            Event::MoneyDeposited { amount } => format!("{amount} deposited"),
            Event::MoneyWithdrawn { amount } => format!("{amount} withdrawn"),
            Event::AccountClosed => "Account closed".to_string(),
        }
    }
}
