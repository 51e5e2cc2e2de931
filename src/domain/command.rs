//! Commands: what a person asks for, in the imperative. A command may be refused.

use super::{AccountId, Money};

/// A request to change the account. `decide` turns it into events or a [`super::Rejection`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open the account under a fresh id (made by the caller, so `decide` stays deterministic).
    OpenAccount {
        /// The new account's id.
        account_id: AccountId,
        /// The owner's name as typed; `decide` trims and checks it.
        owner: String,
    },
    /// Put money in.
    DepositMoney {
        /// How much; must be more than zero.
        amount: Money,
    },
    /// Take money out.
    WithdrawMoney {
        /// How much; must be more than zero and at most the balance.
        amount: Money,
    },
    /// Close the account, paying out whatever it still holds.
    CloseAccount,
}

impl Command {
    /// A short description in words, for the list of rejected attempts.
    pub fn describe(&self) -> String {
        match self {
            Command::OpenAccount { owner, .. } => format!("Open account for \"{}\"", owner.trim()),
            Command::DepositMoney { amount } => format!("Deposit {amount}"),
            Command::WithdrawMoney { amount } => format!("Withdraw {amount}"),
            Command::CloseAccount => "Close account".to_string(),
        }
    }
}
