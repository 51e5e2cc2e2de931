//! A value the page model decides, mirrored into a signal that panels may read and not write.

use leptos::prelude::*;

/// A signal panels read (`get`, `with`, and their untracked forms) and cannot set: only the
/// bank's mirror writes it, after an action of the page model. It wraps the mirror's own
/// signal, so reading it is reading that signal.
pub struct Shown<T: 'static>(RwSignal<T>);

impl<T> Clone for Shown<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Shown<T> {}

impl<T: Send + Sync + 'static> Shown<T> {
    /// A read-only view of `signal`.
    pub(super) fn of(signal: RwSignal<T>) -> Self {
        Shown(signal)
    }

    /// Reads the value, subscribing to its changes.
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with(read)
    }

    /// Reads the value without subscribing.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(read)
    }

    /// Subscribes to its changes without reading it.
    pub fn track(&self) {
        self.0.track();
    }
}

impl<T: Clone + Send + Sync + 'static> Shown<T> {
    /// The value, subscribing to its changes.
    pub fn get(&self) -> T {
        self.0.get()
    }

    /// The value, without subscribing.
    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }
}
