//! A read model that keeps its own state and its own position: the last ledger position it
//! applied. Delivery is idempotent (a position already applied is skipped, so a retried or
//! replayed delivery changes nothing) and in order (a gap is refused, never folded around). As
//! it folds, it keeps checkpoints, so it can be shown at any earlier point cheaply.

use crate::eventstore::RecordedEvent;

use super::checkpoints::{Checkpoints, Replay, CHECKPOINT_INTERVAL};
use super::read_model::ReadModel;

/// What a delivery did to a kept read model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    /// The event was the next one: applied.
    Applied,
    /// The read model had applied this position already: nothing changed.
    Skipped,
    /// Events before this one were never delivered: refused, nothing changed.
    Gap {
        /// The position the read model waits for.
        expected: u64,
    },
}

/// A read model's state, the position it has applied up to (0: nothing yet) and its
/// checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept<R> {
    state: R,
    position: u64,
    checkpoints: Checkpoints<R>,
}

impl<R: ReadModel> Default for Kept<R> {
    fn default() -> Self {
        Kept::new(R::default())
    }
}

impl<R: ReadModel> Kept<R> {
    /// `state` before any event, with a checkpoint every [`CHECKPOINT_INTERVAL`] events.
    pub fn new(state: R) -> Self {
        Kept::with_interval(state, CHECKPOINT_INTERVAL)
    }

    /// `state` before any event, with a checkpoint every `interval` events.
    pub fn with_interval(state: R, interval: usize) -> Self {
        Kept {
            checkpoints: Checkpoints::new(state.clone(), interval),
            state,
            position: 0,
        }
    }

    /// Takes the state read back from a copy, which says the position it was saved at, in
    /// place of what it had.
    pub fn restore(&mut self, state: R, position: u64) {
        self.checkpoints.restart_at(position, &state);
        self.state = state;
        self.position = position;
    }

    /// The read model after the first `k` events of `events` (the ledger it follows), folded
    /// from its nearest checkpoint: the past, however far its own position is.
    pub fn at(&self, events: &[RecordedEvent], k: usize) -> Replay<R> {
        self.checkpoints.replay_to(events, k)
    }

    /// How many checkpoints it keeps (genesis included).
    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// Applies the next event and takes a checkpoint when one falls due.
    fn apply_next(&mut self, recorded: &RecordedEvent) {
        self.state.apply(recorded);
        self.position += 1;
        self.checkpoints.record(self.position, &self.state);
    }

    /// The state.
    pub fn state(&self) -> &R {
        &self.state
    }

    /// The last position applied.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Delivers one event: applied when it is the next position, skipped when already applied.
    pub fn deliver(&mut self, recorded: &RecordedEvent) -> Delivered {
        if recorded.position <= self.position {
            return Delivered::Skipped;
        }
        if recorded.position != self.position + 1 {
            return Delivered::Gap {
                expected: self.position + 1,
            };
        }
        self.apply_next(recorded);
        Delivered::Applied
    }

    /// Applies the events of `events` (the ledger from position 1) after its position, at most
    /// `limit` of them; returns how many it applied.
    pub fn catch_up(&mut self, events: &[RecordedEvent], limit: usize) -> usize {
        let from = (self.position as usize).min(events.len());
        let to = from.saturating_add(limit).min(events.len());
        self.position = from as u64;
        for recorded in &events[from..to] {
            self.apply_next(recorded);
        }
        to - from
    }
}
