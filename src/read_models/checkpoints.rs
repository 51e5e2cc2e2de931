//! Checkpoints for cheap time travel, for any read model: its state at the position it started
//! from and after every `interval` events since, so a jump to any point folds at most
//! `interval - 1` events instead of the whole history.
//!
//! They are derived data: recorded only while events are folded, dropped with the read model
//! whenever the events are replaced, and never stored, so they cannot disagree with a full fold.

use crate::eventstore::RecordedEvent;

use super::read_model::{fold_from, ReadModel};

/// Events between two checkpoints.
pub const CHECKPOINT_INTERVAL: usize = 1000;

/// A read model at a point in history, and what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay<R> {
    /// The state.
    pub state: R,
    /// How many events it folds.
    pub events_applied: usize,
    /// The checkpoint the fold started from: the state after this many events (0 is genesis).
    pub from_checkpoint: usize,
    /// How many events were folded on top of it.
    pub replayed: usize,
}

/// A read model's states at some positions of one ledger, in position order: its initial state
/// (genesis), the state read from a stored copy if it started from one, and every `interval`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoints<R> {
    interval: u64,
    /// (the events folded, the state after them), ascending; the first is genesis.
    states: Vec<(usize, R)>,
}

impl<R: ReadModel> Checkpoints<R> {
    /// The read model's `initial` state before any event, and a checkpoint every `interval`
    /// events.
    pub fn new(initial: R, interval: usize) -> Self {
        Checkpoints {
            interval: interval.max(1) as u64,
            states: vec![(0, initial)],
        }
    }

    /// The state after the first `position` events, taken in as a checkpoint when the position
    /// falls on one. Positions come in ascending order, as events are folded.
    pub fn record(&mut self, position: u64, state: &R) {
        if position.is_multiple_of(self.interval) {
            self.states.push((position as usize, state.clone()));
        }
    }

    /// A state read from a copy, at `position`: the checkpoints after genesis are dropped, and
    /// time travel from there on starts from it.
    pub fn restart_at(&mut self, position: u64, state: &R) {
        self.states.truncate(1);
        self.states.push((position as usize, state.clone()));
    }

    /// How many checkpoints there are (genesis included).
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Always false: genesis is a checkpoint.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The nearest checkpoint at or before `k` events.
    fn nearest(&self, k: usize) -> &(usize, R) {
        // Genesis is at 0, so at least one checkpoint is at or before k.
        let after = self.states.partition_point(|(at, _)| *at <= k);
        &self.states[after.saturating_sub(1)]
    }

    /// The read model after the first `k` events of `events`, folded from the nearest
    /// checkpoint at or before k.
    pub fn replay_to(&self, events: &[RecordedEvent], k: usize) -> Replay<R> {
        let k = k.min(events.len());
        let &(from, ref state) = self.nearest(k);
        Replay {
            state: fold_from(state.clone(), &events[from..k]),
            events_applied: k,
            from_checkpoint: from,
            replayed: k - from,
        }
    }
}
