//! What each event means for the state. No rule lives here: events are facts.

use super::{initial_state, AccountState, Event};

/// Applies one event to the state.
///
/// `decide` already made sure the event was allowed. Events that do not fit the state (which only
/// hand-edited storage could produce) leave it as it was rather than panic, and the arithmetic
/// saturates for the same reason: a fold must never crash the page.
pub fn evolve(state: AccountState, event: &Event) -> AccountState {
    match (state, event) {
        (AccountState::NoAccount, Event::AccountOpened { account_id, owner }) => {
            AccountState::Open {
                account_id: account_id.clone(),
                owner: owner.clone(),
                balance: crate::domain::Money::ZERO,
            }
        }
        (
            AccountState::Open {
                account_id,
                owner,
                balance,
            },
            Event::MoneyDeposited { amount }
            | Event::TransferCredited { amount, .. }
            | Event::TransferRefunded { amount, .. },
        ) => AccountState::Open {
            account_id,
            owner,
            balance: balance.saturating_add(*amount),
        },
        (
            AccountState::Open {
                account_id,
                owner,
                balance,
            },
            Event::MoneyWithdrawn { amount } | Event::TransferDebited { amount, .. },
        ) => AccountState::Open {
            account_id,
            owner,
            balance: balance.saturating_sub(*amount),
        },
        (
            AccountState::Open {
                account_id, owner, ..
            },
            Event::AccountClosed,
        ) => AccountState::Closed { account_id, owner },
        (state, _) => state,
    }
}

/// Replays events from the initial state: replay is a fold.
pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> AccountState {
    events.into_iter().fold(initial_state(), evolve)
}
