//! Events: facts that happened, in the past tense. Once recorded they never change.
//!
//! Two kinds of stream hold them. An account's stream holds what happened to its money; a
//! transfer's stream holds what became of the transfer as a whole. A transfer's money moves in
//! the accounts' own streams (debited from one, credited to the other, refunded when the credit
//! is refused), each under that account's rules: the account is the consistency boundary.

use super::{AccountId, Day, Money, OwnerName, TransferId};

/// Something that happened. The stored form (type name, schema version, JSON payload) is kept
/// apart from this type in `eventstore::event_types`, so the domain can change without breaking
/// what is already stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
        /// The date it took effect, when that is earlier than the day it was recorded (a
        /// cheque paid in on the 1st, entered on the 7th): what was true then differs from
        /// what the ledger knew then. `None`: it took effect as it was recorded.
        effective_on: Option<Day>,
    },
    /// Money was taken out by a withdrawal. (Up to release 0.4.0 closing recorded its payout as
    /// this event too, followed by `AccountClosed` in the same command; those stay as stored.)
    MoneyWithdrawn {
        /// How much.
        amount: Money,
    },
    /// As the account closed, what was left in it was paid out to its owner: recorded by the
    /// close command, just before `AccountClosed`. Its own type, as the business did something
    /// other than a withdrawal.
    BalancePaidOut {
        /// How much.
        amount: Money,
    },
    /// A withdrawal was found wrong (disputed, and upheld): its money is put back. The
    /// withdrawal stays as recorded; this new fact names it by its version in this stream.
    WithdrawalReversed {
        /// The stream version of the withdrawal reversed.
        withdrawal: u64,
        /// Its amount, put back.
        amount: Money,
    },
    /// The account was closed; it accepts nothing from now on.
    AccountClosed,
    /// In the source account's stream: money left it for a transfer. Until the destination is
    /// credited (or the money comes back) it is in flight, in neither account.
    TransferDebited {
        /// Which transfer.
        transfer_id: TransferId,
        /// Where the money is going.
        to: AccountId,
        /// How much.
        amount: Money,
    },
    /// In the destination account's stream: the transfer's money arrived.
    TransferCredited {
        /// Which transfer.
        transfer_id: TransferId,
        /// Where the money came from.
        from: AccountId,
        /// How much.
        amount: Money,
    },
    /// In the source account's stream: the destination refused the credit, so the money came
    /// back. The compensation of a debit, never an edit of it.
    TransferRefunded {
        /// Which transfer.
        transfer_id: TransferId,
        /// How much came back.
        amount: Money,
        /// Why the destination refused it, in words.
        reason: String,
    },
    /// In the transfer's own stream: a person asked to move money between two accounts.
    TransferRequested {
        /// The transfer's id, also the id of its stream.
        transfer_id: TransferId,
        /// The account to debit.
        from: AccountId,
        /// The account to credit.
        to: AccountId,
        /// How much.
        amount: Money,
    },
    /// In the transfer's own stream: debited and credited, done.
    TransferCompleted,
    /// In the transfer's own stream: it did not happen; no money moved in the end.
    TransferFailed {
        /// Why, in words.
        reason: String,
    },
}

impl Event {
    /// The event's name, as stored and shown.
    pub fn name(&self) -> &'static str {
        match self {
            Event::AccountOpened { .. } => "AccountOpened",
            Event::MoneyDeposited { .. } => "MoneyDeposited",
            Event::MoneyWithdrawn { .. } => "MoneyWithdrawn",
            Event::BalancePaidOut { .. } => "BalancePaidOut",
            Event::WithdrawalReversed { .. } => "WithdrawalReversed",
            Event::AccountClosed => "AccountClosed",
            Event::TransferDebited { .. } => "TransferDebited",
            Event::TransferCredited { .. } => "TransferCredited",
            Event::TransferRefunded { .. } => "TransferRefunded",
            Event::TransferRequested { .. } => "TransferRequested",
            Event::TransferCompleted => "TransferCompleted",
            Event::TransferFailed { .. } => "TransferFailed",
        }
    }

    /// The account, besides the one whose stream holds this event, whose decision state (what
    /// `decide` sees) folds it: the source of a transfer, for the credit that lands in the
    /// destination's stream and ends that transfer's time in flight. `None` for every other
    /// event.
    pub fn also_decides_for(&self) -> Option<&AccountId> {
        match self {
            Event::TransferCredited { from, .. } => Some(from),
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::MoneyWithdrawn { .. }
            | Event::BalancePaidOut { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed
            | Event::TransferDebited { .. }
            | Event::TransferRefunded { .. }
            | Event::TransferRequested { .. }
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => None,
        }
    }

    /// Whether `account`'s decision state folds this event, recorded in `stream_id`: every event
    /// of its own stream, and those [`Event::also_decides_for`] it.
    pub fn in_decision_state_of(&self, stream_id: &str, account: &str) -> bool {
        stream_id == account
            || self
                .also_decides_for()
                .is_some_and(|a| a.as_str() == account)
    }

    /// True for the events of a transfer's own stream (not an account's).
    pub fn is_transfer_stream_event(&self) -> bool {
        matches!(
            self,
            Event::TransferRequested { .. }
                | Event::TransferCompleted
                | Event::TransferFailed { .. }
        )
    }

    /// The transfer this event belongs to, if any (the transfer stream's own events other than
    /// the request name it by their stream).
    pub fn transfer_id(&self) -> Option<&TransferId> {
        match self {
            Event::TransferDebited { transfer_id, .. }
            | Event::TransferCredited { transfer_id, .. }
            | Event::TransferRefunded { transfer_id, .. }
            | Event::TransferRequested { transfer_id, .. } => Some(transfer_id),
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::MoneyWithdrawn { .. }
            | Event::BalancePaidOut { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => None,
        }
    }

    /// How this event moved an account's money: in (a deposit, a transfer's credit or refund),
    /// out (a withdrawal or payout, a transfer's debit), or not at all. One answer for every
    /// read model that counts money, so none can forget an event.
    pub fn money_moved(&self) -> Option<MoneyMove> {
        match self {
            Event::MoneyDeposited { amount, .. }
            | Event::WithdrawalReversed { amount, .. }
            | Event::TransferCredited { amount, .. }
            | Event::TransferRefunded { amount, .. } => Some(MoneyMove::In(*amount)),
            Event::MoneyWithdrawn { amount }
            | Event::BalancePaidOut { amount }
            | Event::TransferDebited { amount, .. } => Some(MoneyMove::Out(*amount)),
            Event::AccountOpened { .. }
            | Event::AccountClosed
            | Event::TransferRequested { .. }
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => None,
        }
    }

    /// True for the account events a transfer writes (debit, credit, refund).
    pub fn is_transfer_step(&self) -> bool {
        matches!(
            self,
            Event::TransferDebited { .. }
                | Event::TransferCredited { .. }
                | Event::TransferRefunded { .. }
        )
    }

    /// What happened, in words.
    pub fn describe(&self) -> String {
        match self {
            Event::AccountOpened { account_id, owner } => {
                format!("Account {account_id} opened for {owner}")
            }
            Event::MoneyDeposited {
                amount,
                effective_on: None,
            } => format!("{amount} deposited"),
            Event::MoneyDeposited {
                amount,
                effective_on: Some(day),
            } => format!("{amount} deposited, effective {day}"),
            Event::MoneyWithdrawn { amount } => format!("{amount} withdrawn"),
            Event::BalancePaidOut { amount } => format!("{amount} paid out on closing"),
            Event::WithdrawalReversed { withdrawal, amount } => {
                format!("{amount} put back: the withdrawal at version {withdrawal} reversed")
            }
            Event::AccountClosed => "Account closed".to_string(),
            Event::TransferDebited { amount, to, .. } => {
                format!("{amount} debited, on its way to {to}")
            }
            Event::TransferCredited { amount, from, .. } => {
                format!("{amount} credited, sent by {from}")
            }
            Event::TransferRefunded { amount, reason, .. } => {
                format!("{amount} refunded: {reason}")
            }
            Event::TransferRequested {
                from, to, amount, ..
            } => format!("{amount} from {from} to {to}"),
            Event::TransferCompleted => "Transfer completed".to_string(),
            Event::TransferFailed { reason } => format!("Transfer failed: {reason}"),
        }
    }
}

/// Money that came into or left one account with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyMove {
    /// Into the account.
    In(Money),
    /// Out of the account.
    Out(Money),
}
