//! Checkpoints (snapshots) for cheap time travel: the state after every `interval` events, so a
//! jump to any point folds at most `interval - 1` events instead of the whole history.
//!
//! They are derived data: built only by folding events, rebuilt whenever the events are replaced,
//! and never stored, so they cannot disagree with a full fold.

use crate::domain::{evolve, initial_state, AccountState};
use crate::ledger::RecordedEvent;

use super::AccountSummary;

/// Events between two checkpoints.
pub const CHECKPOINT_INTERVAL: usize = 1000;

/// The account at a point in history, and what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    /// The state and how many events it folds.
    pub summary: AccountSummary,
    /// The checkpoint the fold started from: the state after this many events (0 is genesis).
    pub from_checkpoint: usize,
    /// How many events were folded on top of it.
    pub replayed: usize,
}

/// States after 0, interval, 2 × interval... events of one version of the ledger.
#[derive(Debug, Clone)]
pub struct Checkpoints {
    interval: usize,
    states: Vec<AccountState>,
    epoch: u64,
}

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints::new(CHECKPOINT_INTERVAL)
    }
}

impl Checkpoints {
    /// No events yet, a checkpoint every `interval` events.
    pub fn new(interval: usize) -> Self {
        Checkpoints {
            interval: interval.max(1),
            states: vec![initial_state()],
            epoch: 0,
        }
    }

    /// Brings the checkpoints up to date with `events` of ledger `epoch`: extends them when events
    /// were only appended, rebuilds them when the events were replaced.
    pub fn update(&mut self, events: &[RecordedEvent], epoch: u64) {
        let covered = (self.states.len() - 1) * self.interval;
        if epoch != self.epoch || covered > events.len() {
            *self = Checkpoints::new(self.interval);
            self.epoch = epoch;
        }
        while self.states.len() * self.interval <= events.len() {
            let start = (self.states.len() - 1) * self.interval;
            let last = self.states.last().cloned().unwrap_or_else(initial_state);
            let next = events[start..start + self.interval]
                .iter()
                .fold(last, |state, recorded| evolve(state, &recorded.event));
            self.states.push(next);
        }
    }

    /// How many checkpoints there are (genesis included).
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Always false: genesis is a checkpoint.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The account after the first `k` events, folded from the nearest checkpoint at or before k.
    pub fn replay_to(&self, events: &[RecordedEvent], k: usize) -> Replay {
        let k = k.min(events.len());
        let index = (k / self.interval).min(self.states.len() - 1);
        let from = index * self.interval;
        let state = events[from..k]
            .iter()
            .fold(self.states[index].clone(), |state, recorded| {
                evolve(state, &recorded.event)
            });
        Replay {
            summary: AccountSummary {
                state,
                events_applied: k,
            },
            from_checkpoint: from,
            replayed: k - from,
        }
    }
}
