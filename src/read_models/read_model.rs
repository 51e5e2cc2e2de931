//! The one shape every read model has: an initial state (`Default`) and `apply`, one event at a
//! time. Replay is a fold; time travel is a fold up to the cursor, from the nearest checkpoint.

use crate::eventstore::RecordedEvent;

/// A read model: derived from the events alone, so it can always be rebuilt from them.
pub trait ReadModel: Clone + Default {
    /// Takes in the next event, in position order.
    fn apply(&mut self, recorded: &RecordedEvent);
}

/// The read model after `events`, from its initial state.
pub fn fold<R: ReadModel>(events: &[RecordedEvent]) -> R {
    fold_from(R::default(), events)
}

/// The read model after `events`, from `state`.
pub fn fold_from<R: ReadModel>(mut state: R, events: &[RecordedEvent]) -> R {
    for recorded in events {
        state.apply(recorded);
    }
    state
}
