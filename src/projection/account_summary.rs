//! The "Current state" panel: the account as of a point in history.

use crate::domain::{evolve, initial_state, AccountState};
use crate::ledger::RecordedEvent;

/// The account after the first `events_applied` events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    /// The folded state.
    pub state: AccountState,
    /// How many events were folded into it.
    pub events_applied: usize,
}

/// Folds the first `cursor` events (all of them if `cursor` is past the end).
pub fn summary_at(events: &[RecordedEvent], cursor: usize) -> AccountSummary {
    let applied = &events[..cursor.min(events.len())];
    AccountSummary {
        state: applied.iter().fold(initial_state(), |state, recorded| {
            evolve(state, &recorded.event)
        }),
        events_applied: applied.len(),
    }
}
