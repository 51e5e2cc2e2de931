//! A read model that keeps its own state and its own position: the last ledger position it
//! applied. Delivery is idempotent (a position already applied is skipped, so a retried or
//! replayed delivery changes nothing) and in order (a gap is refused, never folded around).

use crate::eventstore::RecordedEvent;

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

/// A read model's state and the position it has applied up to (0: nothing yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept<R> {
    state: R,
    position: u64,
}

impl<R: ReadModel> Kept<R> {
    /// `state` before any event.
    pub fn new(state: R) -> Self {
        Kept { state, position: 0 }
    }

    /// A state read back from a copy, which says the position it was saved at.
    pub fn restored(state: R, position: u64) -> Self {
        Kept { state, position }
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
        self.state.apply(recorded);
        self.position = recorded.position;
        Delivered::Applied
    }

    /// Applies the events of `events` (the ledger from position 1) after its position, at most
    /// `limit` of them; returns how many it applied.
    pub fn catch_up(&mut self, events: &[RecordedEvent], limit: usize) -> usize {
        let from = (self.position as usize).min(events.len());
        let to = from.saturating_add(limit).min(events.len());
        for recorded in &events[from..to] {
            self.state.apply(recorded);
        }
        self.position = to as u64;
        to - from
    }
}
