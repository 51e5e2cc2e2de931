//! The transfer as an aggregate of its own: its stream records that it was requested and how
//! it ended. It holds no money: the money moves in the two accounts' streams, each under that
//! account's rules, driven step by step by the transfer's process (`transfer_process`).

use super::{AccountId, Event, Money, Rejection, TransferId};

/// Where a transfer is in its life, as its own stream tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferState {
    /// Not requested yet.
    NotRequested,
    /// Requested, not ended.
    Requested {
        /// The account to debit.
        from: AccountId,
        /// The account to credit.
        to: AccountId,
        /// How much.
        amount: Money,
    },
    /// Ended: completed or failed.
    Ended,
}

/// What may be asked of a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferCommand {
    /// A person asks to move `amount` from one account to another.
    Request {
        /// A fresh id (made by the caller, so `decide_transfer` stays deterministic).
        transfer_id: TransferId,
        /// The account to debit.
        from: AccountId,
        /// The account to credit.
        to: AccountId,
        /// How much; more than zero.
        amount: Money,
    },
    /// The process: both accounts recorded their side.
    Complete,
    /// The process: it did not happen (the debit was refused, or the credit was and the money
    /// went back).
    Fail {
        /// Why, in words.
        reason: String,
    },
}

impl TransferCommand {
    /// The command in words.
    pub fn describe(&self) -> String {
        match self {
            TransferCommand::Request {
                from, to, amount, ..
            } => format!("Transfer {amount} from {from} to {to}"),
            TransferCommand::Complete => "Complete the transfer".to_string(),
            TransferCommand::Fail { .. } => "Mark the transfer failed".to_string(),
        }
    }
}

/// Decides a transfer command against the transfer's own state. Whether the money can move is
/// for the accounts to decide, each in its own stream.
pub fn decide_transfer(
    state: &TransferState,
    command: &TransferCommand,
) -> Result<Vec<Event>, Rejection> {
    match (state, command) {
        (
            TransferState::NotRequested,
            TransferCommand::Request {
                transfer_id,
                from,
                to,
                amount,
            },
        ) => {
            if !transfer_id.is_well_formed() {
                return Err(Rejection::InvalidTransferId {
                    transfer_id: transfer_id.clone(),
                });
            }
            if amount.is_zero() {
                return Err(Rejection::AmountNotPositive);
            }
            if *amount > Money::MAX_AMOUNT {
                return Err(Rejection::AmountTooLarge { amount: *amount });
            }
            if from == to {
                return Err(Rejection::SameAccount {
                    account_id: from.clone(),
                });
            }
            Ok(vec![Event::TransferRequested {
                transfer_id: transfer_id.clone(),
                from: from.clone(),
                to: to.clone(),
                amount: *amount,
            }])
        }
        (_, TransferCommand::Request { transfer_id, .. }) => {
            Err(Rejection::TransferAlreadyRequested {
                transfer_id: transfer_id.clone(),
            })
        }
        (TransferState::NotRequested, _) => Err(Rejection::TransferNotRequested),
        (TransferState::Ended, _) => Err(Rejection::TransferAlreadyEnded),
        (TransferState::Requested { .. }, TransferCommand::Complete) => {
            Ok(vec![Event::TransferCompleted])
        }
        (TransferState::Requested { .. }, TransferCommand::Fail { reason }) => {
            Ok(vec![Event::TransferFailed {
                reason: reason.clone(),
            }])
        }
    }
}

/// What one event of the transfer's stream means for it.
pub fn evolve_transfer(state: TransferState, event: &Event) -> TransferState {
    match (state, event) {
        (
            TransferState::NotRequested,
            Event::TransferRequested {
                from, to, amount, ..
            },
        ) => TransferState::Requested {
            from: from.clone(),
            to: to.clone(),
            amount: *amount,
        },
        (
            TransferState::Requested { .. },
            Event::TransferCompleted | Event::TransferFailed { .. },
        ) => TransferState::Ended,
        (state, _) => state,
    }
}
