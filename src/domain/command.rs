//! Commands: what a person asks for, in the imperative. A command may be refused.

use super::{AccountId, Day, Money, TransferId};

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
        /// The date it took effect, if earlier than today (checked at the edge, which has a
        /// clock and the account's opening date).
        effective_on: Option<Day>,
    },
    /// Take money out.
    WithdrawMoney {
        /// How much; must be more than zero and at most the balance.
        amount: Money,
    },
    /// Close the account, paying out whatever it still holds.
    CloseAccount,
    /// Sent by a transfer's process to the source: take the money out for the transfer.
    DebitTransfer {
        /// Which transfer.
        transfer_id: TransferId,
        /// Where it goes.
        to: AccountId,
        /// How much; at most the balance.
        amount: Money,
    },
    /// Sent by a transfer's process to the destination: take the money in.
    CreditTransfer {
        /// Which transfer.
        transfer_id: TransferId,
        /// Where it comes from.
        from: AccountId,
        /// How much.
        amount: Money,
    },
    /// Sent by a transfer's process to the source when the destination refused the credit:
    /// give the money back, saying why.
    RefundTransfer {
        /// Which transfer.
        transfer_id: TransferId,
        /// How much.
        amount: Money,
        /// Why the destination refused it.
        reason: String,
    },
}

impl Command {
    /// A short description in words, for the list of rejected attempts.
    pub fn describe(&self) -> String {
        match self {
            Command::OpenAccount { owner, .. } => format!("Open account for \"{}\"", owner.trim()),
            Command::DepositMoney {
                amount,
                effective_on: None,
            } => format!("Deposit {amount}"),
            Command::DepositMoney {
                amount,
                effective_on: Some(day),
            } => format!("Deposit {amount} effective {day}"),
            Command::WithdrawMoney { amount } => format!("Withdraw {amount}"),
            Command::CloseAccount => "Close account".to_string(),
            Command::DebitTransfer {
                transfer_id,
                amount,
                ..
            } => format!("Debit {amount} for transfer {transfer_id}"),
            Command::CreditTransfer {
                transfer_id,
                amount,
                ..
            } => format!("Credit {amount} of transfer {transfer_id}"),
            Command::RefundTransfer {
                transfer_id,
                amount,
                ..
            } => format!("Refund {amount} of transfer {transfer_id}"),
        }
    }
}
