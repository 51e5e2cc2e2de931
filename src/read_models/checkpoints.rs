//! Checkpoints (snapshots) for cheap time travel, for any read model: its state after every
//! `interval` events, so a jump to any point folds at most `interval - 1` events instead of the
//! whole history.
//!
//! They are derived data: built only by folding events, rebuilt whenever the events are replaced,
//! and never stored, so they cannot disagree with a full fold.

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

/// A read model's states after 0, interval, 2 × interval... events of one version of the ledger.
#[derive(Debug, Clone)]
pub struct Checkpoints<R> {
    interval: usize,
    states: Vec<R>,
    epoch: u64,
}

impl<R: ReadModel> Default for Checkpoints<R> {
    fn default() -> Self {
        Checkpoints::new(CHECKPOINT_INTERVAL)
    }
}

impl<R: ReadModel> Checkpoints<R> {
    /// No events yet, a checkpoint every `interval` events.
    pub fn new(interval: usize) -> Self {
        Checkpoints {
            interval: interval.max(1),
            states: vec![R::default()],
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
            let last = self.states.last().cloned().unwrap_or_default();
            let next = fold_from(last, &events[start..start + self.interval]);
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

    /// The read model after the first `k` events, and after the first `k - 1` (`None` at 0), in
    /// one fold: what changed at event k (the CRUD twin's statement) without folding twice. When
    /// k falls on a checkpoint, the state is that checkpoint and the one before it is the only
    /// fold. The replay is the one [`Checkpoints::replay_to`] gives.
    pub fn replay_with_previous(
        &self,
        events: &[RecordedEvent],
        k: usize,
    ) -> (Replay<R>, Option<R>) {
        let k = k.min(events.len());
        let index = (k / self.interval).min(self.states.len() - 1);
        let from = index * self.interval;
        if k == from {
            // The state is a checkpoint: the one before it is the only fold.
            let previous = k.checked_sub(1).map(|j| self.replay_to(events, j).state);
            let replay = Replay {
                state: self.states[index].clone(),
                events_applied: k,
                from_checkpoint: from,
                replayed: 0,
            };
            return (replay, previous);
        }
        let previous = fold_from(self.states[index].clone(), &events[from..k - 1]);
        let mut state = previous.clone();
        state.apply(&events[k - 1]);
        let replay = Replay {
            state,
            events_applied: k,
            from_checkpoint: from,
            replayed: k - from,
        };
        (replay, Some(previous))
    }

    /// The read model after the first `k` events, folded from the nearest checkpoint at or
    /// before k.
    pub fn replay_to(&self, events: &[RecordedEvent], k: usize) -> Replay<R> {
        let k = k.min(events.len());
        let index = (k / self.interval).min(self.states.len() - 1);
        let from = index * self.interval;
        Replay {
            state: fold_from(self.states[index].clone(), &events[from..k]),
            events_applied: k,
            from_checkpoint: from,
            replayed: k - from,
        }
    }
}
