//! The ledger: an append-only log of event streams over a key-value store.

use thiserror::Error;

use super::format::{decode_document, encode_document};
use super::{CommandContext, KeyValueStore, RecordedEvent, StorageError};
use crate::domain::Event;

/// The storage key the page's ledger lives under.
pub const LEDGER_KEY: &str = "replay-bank.ledger";

/// Why an append recorded nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppendError {
    /// The stream moved on since the caller read it (another tab, say). The ledger has re-read
    /// storage, so the caller can decide again against the fresh state.
    #[error("stream \"{stream_id}\" is at version {actual}, not the expected {expected}: someone else wrote first")]
    Conflict {
        /// The stream.
        stream_id: String,
        /// The version the caller expected.
        expected: u64,
        /// The version found at write time.
        actual: u64,
    },
    /// Storage could not even be read, so the expected version could not be checked.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// This tab holds unsaved events and another writer appended to storage meanwhile: the two
    /// histories must not be merged blindly, so nothing more is accepted here.
    #[error("another tab wrote to the ledger while this tab still had {unsaved} unsaved events; download them to keep them")]
    Diverged {
        /// How many events only this tab holds.
        unsaved: usize,
    },
}

/// An append-only, multi-stream event log kept in a [`KeyValueStore`] under one key.
///
/// Storage is the source of truth: every append re-reads it and checks the expected stream
/// version against what is stored *at write time*, so two writers can never both append at the
/// same version. An event the aggregate accepted is never dropped: if storage refuses the write
/// (full, say), it stays here as *unsaved*, and every later append or [`Ledger::save`] retries.
#[derive(Debug)]
pub struct Ledger<S> {
    store: S,
    key: String,
    events: Vec<RecordedEvent>,
    /// How many of `events` storage holds; the rest were accepted but not yet written.
    saved: usize,
    /// Why the last write failed, while some events are unsaved.
    save_error: Option<StorageError>,
}

impl<S: KeyValueStore> Ledger<S> {
    /// Opens the ledger stored under `key`, validating all of it. Unreadable data is reported as
    /// [`StorageError::Unreadable`] and left exactly as it is.
    pub fn open(store: S, key: &str) -> Result<Self, StorageError> {
        let events = read(&store, key)?;
        Ok(Ledger {
            store,
            key: key.to_string(),
            saved: events.len(),
            events,
            save_error: None,
        })
    }

    /// Every accepted event, saved or not, in position order.
    pub fn events(&self) -> &[RecordedEvent] {
        &self.events
    }

    /// The storage key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How many accepted events are not in storage yet.
    pub fn unsaved(&self) -> usize {
        self.events.len() - self.saved
    }

    /// Why the unsaved events could not be written, if any are unsaved.
    pub fn save_error(&self) -> Option<&StorageError> {
        self.save_error.as_ref()
    }

    /// How many events the stream has (0 for a stream that does not exist yet).
    pub fn stream_version(&self, stream_id: &str) -> u64 {
        stream_version(&self.events, stream_id)
    }

    /// Re-reads storage, picking up what other writers appended. Refused while this ledger holds
    /// unsaved events, which re-reading would drop.
    pub fn reload(&mut self) -> Result<(), AppendError> {
        let stored = read(&self.store, &self.key)?;
        if self.unsaved() > 0 {
            // Storage still holding exactly our saved part means nobody else wrote: nothing new.
            return self.diverged_unless_prefix(&stored);
        }
        self.saved = stored.len();
        self.events = stored;
        Ok(())
    }

    /// Appends `events` to `stream_id` atomically, if the stream is still at `expected_version`.
    ///
    /// All events of one command go in one write. `Ok` means the ledger accepted them; whether
    /// they are in storage yet is [`Ledger::unsaved`] (and [`Ledger::save_error`] says why not).
    pub fn append(
        &mut self,
        stream_id: &str,
        expected_version: u64,
        events: &[Event],
        context: &CommandContext,
    ) -> Result<&[RecordedEvent], AppendError> {
        // Check against storage as it is now, not as it was when this ledger was loaded.
        let stored = read(&self.store, &self.key)?;
        if self.unsaved() == 0 {
            self.saved = stored.len();
            self.events = stored;
        } else {
            self.diverged_unless_prefix(&stored)?;
        }
        let actual = self.stream_version(stream_id);
        if actual != expected_version {
            return Err(AppendError::Conflict {
                stream_id: stream_id.to_string(),
                expected: expected_version,
                actual,
            });
        }
        let first_new = self.events.len();
        let metadata = context.metadata();
        for (offset, event) in events.iter().enumerate() {
            let offset = offset as u64;
            self.events.push(RecordedEvent {
                position: first_new as u64 + offset + 1,
                stream_id: stream_id.to_string(),
                stream_version: expected_version + offset + 1,
                recorded_at_ms: context.now_ms,
                metadata: metadata.clone(),
                event: event.clone(),
            });
        }
        // A failed write is remembered, not returned: the events are accepted either way.
        let _ = self.write_all();
        Ok(&self.events[first_new..])
    }

    /// Retries writing the unsaved events, after checking nobody else wrote meanwhile.
    pub fn save(&mut self) -> Result<(), AppendError> {
        if self.unsaved() == 0 {
            return Ok(());
        }
        let stored = read(&self.store, &self.key)?;
        self.diverged_unless_prefix(&stored)?;
        self.write_all().map_err(AppendError::from)
    }

    /// Deletes the whole history. The one way to delete anything; the UI asks first.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        self.store.remove(&self.key)?;
        self.events.clear();
        self.saved = 0;
        self.save_error = None;
        Ok(())
    }

    fn write_all(&mut self) -> Result<(), StorageError> {
        match self.store.set(&self.key, &encode_document(&self.events)) {
            Ok(()) => {
                self.saved = self.events.len();
                self.save_error = None;
                Ok(())
            }
            Err(error) => {
                self.save_error = Some(error.clone());
                Err(error)
            }
        }
    }

    /// While events are unsaved, storage must still hold exactly what this ledger saved.
    fn diverged_unless_prefix(&self, stored: &[RecordedEvent]) -> Result<(), AppendError> {
        if stored == &self.events[..self.saved] {
            Ok(())
        } else {
            Err(AppendError::Diverged {
                unsaved: self.unsaved(),
            })
        }
    }
}

fn read(store: &impl KeyValueStore, key: &str) -> Result<Vec<RecordedEvent>, StorageError> {
    match store.get(key)? {
        None => Ok(Vec::new()),
        Some(text) => decode_document(&text).map_err(|error| StorageError::Unreadable {
            key: key.to_string(),
            error,
        }),
    }
}

fn stream_version(events: &[RecordedEvent], stream_id: &str) -> u64 {
    events
        .iter()
        .rev()
        .find(|e| e.stream_id == stream_id)
        .map_or(0, |e| e.stream_version)
}
