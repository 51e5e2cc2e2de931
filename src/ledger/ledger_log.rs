//! The ledger: an append-only log of event streams over a key-value store.

use thiserror::Error;

use super::format::{decode_document, encode_document};
use super::{CommandContext, KeyValueStore, RecordedEvent, StorageError};
use crate::domain::Event;

/// The storage key the page's ledger lives under.
pub const LEDGER_KEY: &str = "replay-bank.ledger";

/// Why an append wrote nothing.
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
        /// The version found in storage at write time.
        actual: u64,
    },
    /// Storage failed; nothing was written.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// An append-only, multi-stream event log kept in a [`KeyValueStore`] under one key.
///
/// Storage is the source of truth: every append re-reads it and checks the expected stream
/// version against what is stored *at write time*, so two writers can never both append at the
/// same version. Nothing is ever rewritten except by appending, or deleted except by [`Ledger::clear`].
#[derive(Debug)]
pub struct Ledger<S> {
    store: S,
    key: String,
    events: Vec<RecordedEvent>,
}

impl<S: KeyValueStore> Ledger<S> {
    /// Opens the ledger stored under `key`, validating all of it. Unreadable data is reported as
    /// [`StorageError::Unreadable`] and left exactly as it is.
    pub fn open(store: S, key: &str) -> Result<Self, StorageError> {
        let events = read(&store, key)?;
        Ok(Ledger {
            store,
            key: key.to_string(),
            events,
        })
    }

    /// Every recorded event, in position order.
    pub fn events(&self) -> &[RecordedEvent] {
        &self.events
    }

    /// How many events the stream has (0 for a stream that does not exist yet).
    pub fn stream_version(&self, stream_id: &str) -> u64 {
        stream_version(&self.events, stream_id)
    }

    /// Re-reads storage, picking up what other writers appended.
    pub fn reload(&mut self) -> Result<(), StorageError> {
        self.events = read(&self.store, &self.key)?;
        Ok(())
    }

    /// Appends `events` to `stream_id` atomically, if the stream is still at `expected_version`.
    ///
    /// All events of one command go in one write: either all are recorded or none.
    pub fn append(
        &mut self,
        stream_id: &str,
        expected_version: u64,
        events: &[Event],
        context: &CommandContext,
    ) -> Result<&[RecordedEvent], AppendError> {
        // Check against storage as it is now, not as it was when this ledger was loaded.
        let mut stored = read(&self.store, &self.key)?;
        let actual = stream_version(&stored, stream_id);
        if actual != expected_version {
            self.events = stored;
            return Err(AppendError::Conflict {
                stream_id: stream_id.to_string(),
                expected: expected_version,
                actual,
            });
        }
        let first_new = stored.len();
        let metadata = context.metadata();
        for (offset, event) in events.iter().enumerate() {
            let offset = offset as u64;
            stored.push(RecordedEvent {
                position: first_new as u64 + offset + 1,
                stream_id: stream_id.to_string(),
                stream_version: expected_version + offset + 1,
                recorded_at_ms: context.now_ms,
                metadata: metadata.clone(),
                event: event.clone(),
            });
        }
        if !events.is_empty() {
            self.store.set(&self.key, &encode_document(&stored))?;
        }
        self.events = stored;
        Ok(&self.events[first_new..])
    }

    /// Deletes the whole history. The one way to delete anything; the UI asks first.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        self.store.remove(&self.key)?;
        self.events.clear();
        Ok(())
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
