//! What each event means for the state. No rule lives here: events are facts.

use super::{initial_state, AccountState, Event};

/// Applies one event to the state.
///
/// `decide` already made sure the event was allowed. Events that do not fit the state (which only
/// hand-edited storage could produce) leave it as it was rather than panic, and the arithmetic
/// saturates for the same reason: a fold must never crash the page.
///
/// An account's state is folded from its own stream and from the credits of its own outgoing
/// transfers, which land in the destination's stream: such a credit (`from` is this account, as
/// a transfer to the same account is refused) moves no money here, it only ends the transfer's
/// time in flight.
pub fn evolve(state: AccountState, event: &Event) -> AccountState {
    match (state, event) {
        (AccountState::NoAccount, Event::AccountOpened { account_id, owner }) => {
            AccountState::Open {
                account_id: account_id.clone(),
                owner: owner.clone(),
                balance: crate::domain::Money::ZERO,
                in_flight: Vec::new(),
            }
        }
        (
            AccountState::Open {
                account_id, owner, ..
            },
            Event::AccountClosed,
        ) => AccountState::Closed { account_id, owner },
        (
            AccountState::Open {
                account_id,
                owner,
                mut balance,
                mut in_flight,
            },
            event,
        ) => {
            match event {
                // Its own transfer arrived: the money is no longer in flight.
                Event::TransferCredited {
                    transfer_id, from, ..
                } if *from == account_id => in_flight.retain(|id| id != transfer_id),
                Event::MoneyDeposited { amount, .. }
                | Event::WithdrawalReversed { amount, .. }
                | Event::TransferCredited { amount, .. } => {
                    balance = balance.saturating_add(*amount)
                }
                Event::TransferRefunded {
                    transfer_id,
                    amount,
                    ..
                } => {
                    in_flight.retain(|id| id != transfer_id);
                    balance = balance.saturating_add(*amount);
                }
                Event::MoneyWithdrawn { amount } | Event::BalancePaidOut { amount } => {
                    balance = balance.saturating_sub(*amount)
                }
                Event::TransferDebited {
                    transfer_id,
                    amount,
                    ..
                } => {
                    in_flight.push(transfer_id.clone());
                    balance = balance.saturating_sub(*amount);
                }
                // A second opening, or a transfer's own event, does not fit an account's stream
                // (a close was taken above).
                Event::AccountOpened { .. }
                | Event::AccountClosed
                | Event::TransferRequested { .. }
                | Event::TransferCompleted
                | Event::TransferFailed { .. } => {}
            }
            AccountState::Open {
                account_id,
                owner,
                balance,
                in_flight,
            }
        }
        (state, _) => state,
    }
}

/// Replays events from the initial state: replay is a fold.
pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> AccountState {
    events.into_iter().fold(initial_state(), evolve)
}
