//! The one registry of read models. Each registered read model gets, from here and nowhere
//! else: its own position (the last event it applied), idempotent and in-order delivery,
//! catching up at its own pace (the lag of an asynchronous projection), a stored copy beside the
//! ledger that is read back only when it provably fits, a rebuild from position 1 whenever it
//! does not, and checkpoints, so it can be shown at any point of the past. Adding a read model
//! is one file implementing [`Registered`] and one [`Registry::register`] call.
//!
//! Copies are disposable caches, one storage key each: the ledger is never touched here.

use std::fmt;

use super::copy::Unusable;
use super::registered::Entry;
use super::{Delivered, Kept, Registered};
use crate::eventstore::{Digests, KeyValueStore, RecordedEvent, StorageError};

/// The storage key of the copy of the read model named `slug`, beside the ledger stored under
/// `ledger_key`.
pub fn copy_key(ledger_key: &str, slug: &str) -> String {
    format!("{}{slug}", copy_prefix(ledger_key))
}

/// What every copy's key beside the ledger under `ledger_key` starts with.
fn copy_prefix(ledger_key: &str) -> String {
    format!("{ledger_key}.read-model.")
}

/// One registered read model, and the position of its copy in storage as last written or read
/// (`None`: no copy known to match).
struct Slot {
    entry: Box<dyn Entry>,
    saved: Option<u64>,
}

impl Clone for Slot {
    fn clone(&self) -> Self {
        Slot {
            entry: self.entry.clone_entry(),
            saved: self.saved,
        }
    }
}

/// A slot is said by its name and positions: states are long, and their copies say them.
impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Slot")
            .field("slug", &self.entry.slug())
            .field("position", &self.entry.position())
            .field("saved", &self.saved)
            .finish()
    }
}

/// Read models, in the order they were registered, each kept with its own position.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    slots: Vec<Slot>,
}

/// What the registry knows of one read model, whatever its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration {
    /// Its title.
    pub title: &'static str,
    /// Its name in storage keys.
    pub slug: &'static str,
    /// The version of its code.
    pub version: u32,
    /// The last position it applied.
    pub position: u64,
}

impl Registry {
    /// No read model yet.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Registers `initial` (its state before any event), at position 0: it takes every event
    /// from position 1 on its next catch-up. A read model of the same type already registered
    /// is replaced (a new version deployed), and its stored copy no longer counts as saved.
    pub fn register<R: Registered>(&mut self, initial: R) {
        let slot = Slot {
            entry: Box::new(Kept::new(initial)),
            saved: None,
        };
        match self.index_of(R::SLUG) {
            Some(index) => self.slots[index] = slot,
            None => self.slots.push(slot),
        }
    }

    /// Takes the read model of type `R` out of the registry (its stored copy is left for the
    /// caller to remove). True when it was registered.
    pub fn unregister<R: Registered>(&mut self) -> bool {
        let Some(index) = self.index_of(R::SLUG) else {
            return false;
        };
        self.slots.remove(index);
        true
    }

    /// Registers `initial` and folds every event of `events` into it at once: a read model added
    /// later covers the whole past.
    pub fn register_built<R: Registered>(&mut self, initial: R, events: &[RecordedEvent]) {
        self.register(initial);
        if let Some(kept) = self.get_mut::<R>() {
            kept.catch_up(events, usize::MAX);
        }
    }

    /// The read model of type `R`, with its position, if registered.
    pub fn get<R: Registered>(&self) -> Option<&Kept<R>> {
        self.slots
            .iter()
            .find_map(|s| s.entry.as_any().downcast_ref::<Kept<R>>())
    }

    /// The read model of type `R`, to catch up at its own pace (a paced rebuild).
    pub fn get_mut<R: Registered>(&mut self) -> Option<&mut Kept<R>> {
        self.slots
            .iter_mut()
            .find_map(|s| s.entry.as_any_mut().downcast_mut::<Kept<R>>())
    }

    /// Every registered read model, in registration order.
    pub fn registrations(&self) -> impl Iterator<Item = Registration> + '_ {
        self.slots.iter().map(|s| Registration {
            title: s.entry.title(),
            slug: s.entry.slug(),
            version: s.entry.version(),
            position: s.entry.position(),
        })
    }

    /// The position of the read model named `slug`, if registered.
    pub fn position(&self, slug: &str) -> Option<u64> {
        self.index_of(slug).map(|i| self.slots[i].entry.position())
    }

    /// Applies every event each read model has not applied yet, except those named in
    /// `waiting` (which catch up at their own pace). Returns how many deliveries there were.
    pub fn catch_up(&mut self, events: &[RecordedEvent], waiting: &[&str]) -> usize {
        self.slots
            .iter_mut()
            .filter(|s| !waiting.contains(&s.entry.slug()))
            .map(|s| s.entry.catch_up(events, usize::MAX))
            .sum()
    }

    /// Delivers one event to every read model (a retried delivery, say), and says what each did
    /// with it: applied, skipped as already applied, or refused for a gap.
    pub fn deliver(&mut self, recorded: &RecordedEvent) -> Vec<(&'static str, Delivered)> {
        self.slots
            .iter_mut()
            .map(|s| (s.entry.slug(), s.entry.deliver(recorded)))
            .collect()
    }

    /// Reads each read model's copy stored beside the ledger under `key`, brings every read
    /// model up to `events`, and lists those whose copy could not be used (they were rebuilt
    /// from the events), with the reason. An empty ledger keeps no copies: a missing one there
    /// is not listed.
    pub fn load(
        &mut self,
        store: &impl KeyValueStore,
        key: &str,
        events: &[RecordedEvent],
    ) -> Vec<(&'static str, Unusable)> {
        let mut rebuilt = Vec::new();
        let mut digests = Digests::new(events);
        for slot in self.slots.iter_mut().filter(|s| s.entry.keeps_copy()) {
            let stored = store.get(&copy_key(key, slot.entry.slug())).ok().flatten();
            let restored = match stored {
                Some(text) => slot.entry.restore(&text, events, &mut digests),
                None => Err(Unusable::Missing),
            };
            match restored {
                Ok(position) => slot.saved = Some(position),
                Err(Unusable::Missing) if events.is_empty() => {}
                Err(why) => rebuilt.push((slot.entry.slug(), why)),
            }
        }
        for slot in &mut self.slots {
            slot.entry.catch_up(events, usize::MAX);
        }
        rebuilt
    }

    /// True when any read model's copy in storage is behind it.
    pub fn unsaved(&self) -> bool {
        self.slots
            .iter()
            .any(|s| s.entry.keeps_copy() && s.saved != Some(s.entry.position()))
    }

    /// Writes the copies that changed since they were last written, except those named in
    /// `waiting` (a read model mid-rebuild waits for its end). An empty ledger keeps no
    /// copies: theirs are removed. A copy that cannot be written makes every copy go, so no
    /// stale one is left: they are rebuilt on the next start.
    pub fn save(
        &mut self,
        store: &mut impl KeyValueStore,
        key: &str,
        events: &[RecordedEvent],
        waiting: &[&str],
    ) -> Result<(), StorageError> {
        let mut digests = Digests::new(events);
        for index in 0..self.slots.len() {
            let slot = &self.slots[index];
            let position = slot.entry.position();
            if !slot.entry.keeps_copy()
                || slot.saved == Some(position)
                || waiting.contains(&slot.entry.slug())
            {
                continue;
            }
            let copy = copy_key(key, slot.entry.slug());
            let written = match digests.at(position) {
                Some(digest) if !events.is_empty() => {
                    store.set(&copy, &slot.entry.copy_text(events, digest))
                }
                _ => store.remove(&copy),
            };
            if let Err(error) = written {
                self.remove_copies(store, key);
                return Err(error);
            }
            self.slots[index].saved = Some(position);
        }
        Ok(())
    }

    /// Removes every read model's copy beside the ledger under `key`, registered or not (the
    /// ledger and anything else are untouched); returns true when there was one to remove.
    pub fn remove_copies(&mut self, store: &mut impl KeyValueStore, key: &str) -> bool {
        let prefix = copy_prefix(key);
        // Every key under the copies' prefix; the registered ones by name where the store cannot
        // list its keys.
        let copies = store.keys().unwrap_or_else(|_| {
            self.slots
                .iter()
                .map(|s| copy_key(key, s.entry.slug()))
                .collect()
        });
        let mut removed = false;
        for copy in copies.iter().filter(|k| k.starts_with(&prefix)) {
            // A copy storage cannot read is left: on the next start it is unusable and rebuilt.
            if store.get(copy).ok().flatten().is_some() {
                removed |= store.remove(copy).is_ok();
            }
        }
        for slot in &mut self.slots {
            slot.saved = None;
        }
        removed
    }

    /// The copy of the read model named `slug` as it would be written now.
    pub fn copy_text(&self, slug: &str, events: &[RecordedEvent]) -> Option<String> {
        let entry = &self.slots[self.index_of(slug)?].entry;
        let digest = Digests::new(events).at(entry.position())?;
        Some(entry.copy_text(events, digest))
    }

    fn index_of(&self, slug: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.entry.slug() == slug)
    }
}
