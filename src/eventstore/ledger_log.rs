//! The ledger: an append-only log of event streams over a key-value store.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::chunked::{
    chunk_key_in, chunk_prefix, decode_chunk, encode_chunk, Manifest, CHUNKED_FORMAT_VERSION,
    CHUNK_SIZE,
};
use super::format::{decode_document, format_version, FormatError};
use super::limits::check_fields;
use super::{
    ledger_keys, writer_key, AppendError, EventStore, KeyValueStore, RecordedEvent, StorageError,
    UnitOfWork, Writer,
};

/// The storage key the page's ledger lives under.
pub const LEDGER_KEY: &str = "replay-bank.ledger";

/// An append-only, multi-stream event log kept in a [`KeyValueStore`], chunked (see
/// [`super::chunked`]) so that an append costs the same at 10 events as at 100,000.
///
/// Storage is the source of truth: every append first reads the small manifest and checks the
/// expected stream version against what is stored *at write time*, so two writers can never
/// both append at the same version. An event the aggregate accepted is never dropped: if storage
/// refuses the write (full, say), it stays here as *unsaved*, and every later append or
/// [`Ledger::save`] retries.
#[derive(Debug)]
pub struct Ledger<S> {
    store: S,
    key: String,
    events: Vec<RecordedEvent>,
    /// How many of `events` storage holds; the rest were accepted but not yet written.
    saved: usize,
    /// Why the last write failed, while some events are unsaved.
    save_error: Option<StorageError>,
    /// Storage holds format 1 (one document): the next write rewrites it as chunks.
    legacy: bool,
    /// Bumped whenever `events` is replaced rather than appended to, so caches built on a
    /// prefix of it (checkpoints, the head state) know to rebuild.
    epoch: u64,
    /// The stored text of the last committed chunk, as this ledger last wrote or read it. Two
    /// tabs writing at once can interleave their chunk and manifest writes, leaving a manifest
    /// that matches ours over a chunk that does not: comparing the chunk too catches that.
    tail: Option<String>,
    /// Each stream's version (how many events it holds), kept with `events`.
    versions: HashMap<String, u64>,
    /// Each command id, with the position of the first event it recorded, kept with `events`:
    /// how a command sent again is recognised. Built on the first command, not on open, so a
    /// long ledger starts as fast as before.
    commands: OnceCell<HashMap<String, u64>>,
    /// The payload versions new events are written in.
    writer: Writer,
    /// Appends are kept unsaved until [`Ledger::finish_batch`].
    in_batch: bool,
    /// The set of chunk keys storage holds the events in (see [`super::chunked`]).
    chunk_set: u8,
}

/// What the ledger key holds, read without reading the chunks.
enum Head {
    Empty,
    Legacy,
    Chunked(Manifest),
}

impl<S: KeyValueStore> Ledger<S> {
    /// Opens the ledger stored under `key`, validating all of it. Unreadable data is reported as
    /// [`StorageError::Unreadable`], naming the key, and left exactly as it is.
    pub fn open(store: S, key: &str) -> Result<Self, StorageError> {
        let legacy = matches!(read_head(&store, key)?, Head::Legacy);
        let Stored {
            events,
            versions,
            tail,
            chunk_set,
        } = read_all(&store, key)?;
        let writer = Writer::from_stored(store.get(&writer_key(key))?.as_deref());
        Ok(Ledger {
            writer,
            store,
            key: key.to_string(),
            saved: events.len(),
            versions,
            commands: OnceCell::new(),
            events,
            save_error: None,
            legacy,
            epoch: 0,
            tail,
            in_batch: false,
            chunk_set,
        })
    }

    /// Gives the store back (benchmarks and tools that copy a ledger).
    pub fn into_store(self) -> S {
        self.store
    }

    /// Every accepted event, saved or not, in position order: [`EventStore::read_all`] from
    /// position 1.
    pub fn events(&self) -> &[RecordedEvent] {
        &self.events
    }

    /// The storage key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Changes whenever the events were replaced rather than appended to.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// How many accepted events are not in storage yet.
    pub fn unsaved(&self) -> usize {
        self.events.len() - self.saved
    }

    /// Why the unsaved events could not be written, if any are unsaved.
    pub fn save_error(&self) -> Option<&StorageError> {
        self.save_error.as_ref()
    }

    /// The payload versions new events are written in.
    pub fn writer(&self) -> Writer {
        self.writer
    }

    /// "Ship v2": from now on new events are written in each type's newest payload version.
    /// Stored events are not touched: they keep their version and are upcast on read.
    pub fn ship_v2(&mut self) -> Result<(), StorageError> {
        let shipped = Writer { shipped: true };
        self.store.set(&writer_key(&self.key), shipped.stored())?;
        self.writer = shipped;
        Ok(())
    }

    /// The position of the first event recorded by the command with this id, if any was.
    pub fn recorded_by(&self, command_id: &str) -> Option<u64> {
        self.commands
            .get_or_init(|| commands_of(&self.events))
            .get(command_id)
            .copied()
    }

    /// Re-reads storage, picking up what other writers appended. Refused while this ledger holds
    /// unsaved events and someone else wrote, which re-reading would drop.
    pub fn reload(&mut self) -> Result<(), AppendError> {
        self.catch_up()
    }

    /// Starts a batch: many commands in a row (generated history), each appended as usual but
    /// written to storage once, by [`Ledger::finish_batch`]. Storage is checked here and again
    /// when the batch is written; nothing can interleave with the synchronous loop in between.
    pub fn start_batch(&mut self) -> Result<(), AppendError> {
        self.catch_up()?;
        self.in_batch = true;
        Ok(())
    }

    /// Ends a batch and writes what it appended, after checking nobody else wrote meanwhile.
    pub fn finish_batch(&mut self) -> Result<(), AppendError> {
        self.in_batch = false;
        self.save()
    }

    /// Retries writing the unsaved events, after checking nobody else wrote meanwhile.
    pub fn save(&mut self) -> Result<(), AppendError> {
        if self.unsaved() == 0 {
            return Ok(());
        }
        self.catch_up()?;
        self.write_unsaved().map_err(AppendError::from)
    }

    /// Deletes the whole history. The one way to delete anything; the UI asks first.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        // The ledger key goes first: without it the chunks are no ledger at all.
        for (i, key) in ledger_keys(&self.store, &self.key)?.iter().enumerate() {
            if let Err(error) = self.store.remove(key) {
                if i > 0 {
                    // The manifest is gone, so storage no longer holds these events: keep them
                    // here as unsaved, to be written again, rather than lose them on next read.
                    self.saved = 0;
                    self.legacy = false;
                    self.save_error = Some(error.clone());
                }
                return Err(error);
            }
        }
        self.events.clear();
        self.versions.clear();
        self.commands = OnceCell::new();
        self.saved = 0;
        self.save_error = None;
        self.legacy = false;
        self.epoch += 1;
        self.tail = None;
        Ok(())
    }

    /// Replaces the whole history with `events`, which the caller has validated and the person
    /// has confirmed, having seen that the ledger held `expected` events (an import). Storage is
    /// read first: if another tab wrote since, nothing is replaced. The new history is written
    /// beside the old one, in the other set of chunk keys, and the manifest switches to it last:
    /// until then the old history is the ledger, whole. When storage has no room for both, the
    /// new chunks written so far are removed and nothing is replaced.
    pub fn replace(
        &mut self,
        expected: usize,
        events: Vec<RecordedEvent>,
    ) -> Result<(), AppendError> {
        self.catch_up()?;
        if self.events.len() != expected {
            return Err(AppendError::HeadMoved {
                expected: expected as u64,
                actual: self.events.len() as u64,
            });
        }
        let old_set = self.chunk_set;
        let new_set = 1 - old_set;
        // Left by a replace that stopped half-way: no manifest points at them.
        self.remove_chunk_set(new_set);
        let tail = match write_chunks_from(&mut self.store, &self.key, new_set, &events, 0) {
            Ok(tail) => tail,
            Err(error) => {
                self.remove_chunk_set(new_set);
                return Err(error.into());
            }
        };
        // The commit point: from here on, storage holds the new history.
        let manifest = serde_json::to_string(&Manifest::of(&events, new_set)).unwrap_or_default();
        if let Err(error) = self.store.set(&self.key, &manifest) {
            self.remove_chunk_set(new_set);
            return Err(error.into());
        }
        self.remove_chunk_set(old_set);
        self.versions = versions_of(&events);
        self.commands = OnceCell::new();
        self.saved = events.len();
        self.events = events;
        self.save_error = None;
        self.legacy = false;
        self.epoch += 1;
        self.tail = tail;
        self.chunk_set = new_set;
        Ok(())
    }

    /// Removes every chunk of chunk set `set`, as far as storage lets it (one it keeps is never
    /// read: no manifest points at it, and the next replace into that set removes it first).
    fn remove_chunk_set(&mut self, set: u8) {
        let prefix = chunk_prefix(&self.key, set);
        let Ok(keys) = self.store.keys() else {
            return;
        };
        for key in keys {
            let index = key.strip_prefix(&prefix);
            if index.is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit())) {
                let _ = self.store.remove(&key);
            }
        }
    }

    /// Checks each stream's expected version against this ledger's events and appends the unit's
    /// events in memory. Returns where they start.
    fn record(&mut self, unit: &UnitOfWork<'_>) -> Result<usize, AppendError> {
        for write in &unit.writes {
            let actual = self.stream_version(write.stream_id);
            if !write.expected.admits(actual) {
                return Err(AppendError::Conflict {
                    stream_id: write.stream_id.to_string(),
                    expected: write.expected,
                    actual,
                });
            }
        }
        let first_new = self.events.len();
        let metadata = unit.context.metadata();
        // Checked before anything is recorded: a unit out of the limits records nothing.
        let last = first_new as u64
            + unit
                .writes
                .iter()
                .map(|w| w.events.len() as u64)
                .sum::<u64>();
        for write in &unit.writes {
            check_fields(last, write.stream_id, unit.context.now_ms, &metadata)
                .map_err(AppendError::OutOfLimits)?;
        }
        if let Some(commands) = self.commands.get_mut() {
            if !commands.contains_key(&metadata.command_id) {
                commands.insert(metadata.command_id.clone(), first_new as u64 + 1);
            }
        }
        for write in &unit.writes {
            for event in write.events {
                let version = self.stream_version(write.stream_id) + 1;
                self.versions.insert(write.stream_id.to_string(), version);
                self.events.push(RecordedEvent {
                    position: self.events.len() as u64 + 1,
                    stream_id: write.stream_id.to_string(),
                    stream_version: version,
                    recorded_at_ms: unit.context.now_ms,
                    metadata: metadata.clone(),
                    schema_version: self.writer.version_for(event),
                    event: event.clone(),
                });
            }
        }
        Ok(first_new)
    }

    /// Makes this ledger agree with storage. Cheap when nobody else wrote: one small read.
    fn catch_up(&mut self) -> Result<(), AppendError> {
        let head = read_head(&self.store, &self.key)?;
        let unchanged = match &head {
            Head::Empty => self.saved == 0,
            Head::Legacy => false,
            Head::Chunked(manifest) => {
                manifest.chunk_set == self.chunk_set
                    && manifest.events == self.saved as u64
                    && manifest.last_command_id.as_deref()
                        == self
                            .saved
                            .checked_sub(1)
                            .map(|i| self.events[i].metadata.command_id.as_str())
            }
        };
        let unchanged = unchanged
            && match self.saved {
                0 => true,
                saved => {
                    self.store.get(&chunk_key_in(
                        &self.key,
                        self.chunk_set,
                        (saved - 1) / CHUNK_SIZE,
                    ))? == self.tail
                }
            };
        if unchanged {
            return Ok(());
        }
        let Stored {
            events: stored,
            versions,
            tail,
            chunk_set,
        } = read_all(&self.store, &self.key)?;
        // Storage's last chunk, chunk set and format are taken only with its history: kept
        // beside a history of our own, they would make another tab's look like ours.
        if self.unsaved() > 0 && stored[..] != self.events[..self.saved] {
            return Err(AppendError::Diverged {
                unsaved: self.unsaved(),
            });
        }
        self.tail = tail;
        self.chunk_set = chunk_set;
        self.legacy = matches!(head, Head::Legacy);
        if self.unsaved() > 0 {
            // Storage still holds exactly our saved part: nobody else wrote.
            return Ok(());
        }
        // Another writer's appends extend our history; anything else replaces it.
        if !stored.starts_with(&self.events) {
            self.epoch += 1;
        }
        self.versions = versions;
        self.commands = OnceCell::new();
        self.events = stored;
        self.saved = self.events.len();
        Ok(())
    }

    /// Writes the chunks that changed since the last save, then the manifest, the commit point.
    fn write_unsaved(&mut self) -> Result<(), StorageError> {
        if self.unsaved() == 0 && !self.legacy {
            return Ok(());
        }
        let from = if self.legacy { 0 } else { self.saved };
        let result = (|| -> Result<Option<String>, StorageError> {
            let last = write_chunks_from(
                &mut self.store,
                &self.key,
                self.chunk_set,
                &self.events,
                from / CHUNK_SIZE,
            )?;
            let manifest = serde_json::to_string(&Manifest::of(&self.events, self.chunk_set))
                .unwrap_or_default();
            self.store.set(&self.key, &manifest)?;
            Ok(last)
        })();
        match result {
            Ok(last) => {
                if last.is_some() {
                    self.tail = last;
                }
                self.saved = self.events.len();
                self.save_error = None;
                self.legacy = false;
                Ok(())
            }
            Err(error) => {
                self.save_error = Some(error.clone());
                Err(error)
            }
        }
    }
}

impl<S: KeyValueStore> EventStore for Ledger<S> {
    /// Checks every stream against storage as it is now, not as it was when this ledger was
    /// loaded, then writes the events. `Ok` means the ledger accepted them; whether they are in
    /// storage yet is [`Ledger::unsaved`] (and [`Ledger::save_error`] says why not). In a batch,
    /// storage is neither read nor written until the batch ends.
    fn append(&mut self, unit: &UnitOfWork<'_>) -> Result<&[RecordedEvent], AppendError> {
        if !self.in_batch {
            let epoch = self.epoch;
            self.catch_up()?;
            if self.epoch != epoch {
                // Counts alone cannot tell two histories of the same length apart.
                return Err(AppendError::Rewritten);
            }
        }
        let first_new = self.record(unit)?;
        if !self.in_batch {
            // A failed write is remembered, not returned: the events are accepted either way.
            let _ = self.write_unsaved();
        }
        Ok(&self.events[first_new..])
    }

    fn read_all(&self, position: u64) -> &[RecordedEvent] {
        let from = usize::try_from(position.saturating_sub(1)).unwrap_or(usize::MAX);
        &self.events[from.min(self.events.len())..]
    }

    fn read_stream<'a>(
        &'a self,
        stream_id: &'a str,
        version: u64,
    ) -> impl Iterator<Item = &'a RecordedEvent> + 'a {
        self.events
            .iter()
            .filter(move |e| e.stream_id == stream_id && e.stream_version >= version)
    }

    fn stream_version(&self, stream_id: &str) -> u64 {
        self.versions.get(stream_id).copied().unwrap_or(0)
    }
}

fn unreadable(key: &str, error: FormatError) -> StorageError {
    StorageError::Unreadable {
        key: key.to_string(),
        error,
    }
}

/// Reads only the ledger key: enough to tell whether anyone wrote since.
fn read_head(store: &impl KeyValueStore, key: &str) -> Result<Head, StorageError> {
    let Some(text) = store.get(key)? else {
        return Ok(Head::Empty);
    };
    match format_version(&text).map_err(|e| unreadable(key, e))? {
        1 => Ok(Head::Legacy),
        v if v == u64::from(CHUNKED_FORMAT_VERSION) => serde_json::from_str::<Manifest>(&text)
            .map(Head::Chunked)
            .map_err(|e| {
                unreadable(
                    key,
                    FormatError::WrongShape {
                        detail: format!("the manifest: {e}"),
                    },
                )
            }),
        found => Err(unreadable(key, FormatError::UnknownFormatVersion { found })),
    }
}

/// What a read of the stored ledger found.
struct Stored {
    events: Vec<RecordedEvent>,
    /// Each stream's version after `events`.
    versions: HashMap<String, u64>,
    /// The last chunk's text, which the next append rewrites.
    tail: Option<String>,
    /// The set of chunk keys the manifest names.
    chunk_set: u8,
}

/// Reads and validates the whole ledger, in either format, with the text of its last chunk and
/// the set of chunk keys it is in.
fn read_all(store: &impl KeyValueStore, key: &str) -> Result<Stored, StorageError> {
    let manifest = match read_head(store, key)? {
        Head::Empty => {
            // Chunks without their manifest are events nobody can count: said, never ignored.
            let chunks = ledger_keys(store, key)?;
            if let Some(first) = chunks.first() {
                let count = match chunks.len() {
                    1 => "this chunk is".to_string(),
                    2 => "it and one more chunk are".to_string(),
                    n => format!("it and {} more chunks are", n - 1),
                };
                return Err(unreadable(
                    first,
                    FormatError::WrongShape {
                        detail: format!(
                            "{count} stored without the manifest under \"{key}\" that counts their events"
                        ),
                    },
                ));
            }
            return Ok(Stored {
                events: Vec::new(),
                versions: HashMap::new(),
                tail: None,
                chunk_set: 0,
            });
        }
        Head::Legacy => {
            let text = store.get(key)?.unwrap_or_default();
            let events = decode_document(&text).map_err(|e| unreadable(key, e))?;
            return Ok(Stored {
                versions: versions_of(&events),
                events,
                tail: None,
                chunk_set: 0,
            });
        }
        Head::Chunked(manifest) => manifest,
    };
    if manifest.chunk_size != CHUNK_SIZE || manifest.chunk_set > 1 {
        return Err(unreadable(
            key,
            FormatError::WrongShape {
                detail: format!(
                    "chunks of {} events in set {}, where this app writes {CHUNK_SIZE} in set 0 or 1",
                    manifest.chunk_size, manifest.chunk_set
                ),
            },
        ));
    }
    let total = manifest.event_count().map_err(|e| unreadable(key, e))?;
    // Grown as chunks are read, never sized by the count before the events are there.
    let mut events = Vec::new();
    let mut stream_versions = HashMap::new();
    let mut tail = None;
    for index in 0..total.div_ceil(CHUNK_SIZE) {
        let chunk = chunk_key_in(key, manifest.chunk_set, index);
        let text = store.get(&chunk)?.ok_or_else(|| {
            unreadable(
                &chunk,
                FormatError::WrongShape {
                    detail: "this chunk is missing".to_string(),
                },
            )
        })?;
        let wanted = (total - index * CHUNK_SIZE).min(CHUNK_SIZE);
        decode_chunk(&text, index, wanted, &mut events, &mut stream_versions)
            .map_err(|e| unreadable(&chunk, e))?;
        tail = Some(text);
    }
    Ok(Stored {
        events,
        versions: stream_versions,
        tail,
        chunk_set: manifest.chunk_set,
    })
}

/// Writes the chunks of `events` from chunk `first` on, in chunk set `set`. Returns the last
/// chunk's text, if it wrote any.
fn write_chunks_from(
    store: &mut impl KeyValueStore,
    key: &str,
    set: u8,
    events: &[RecordedEvent],
    first: usize,
) -> Result<Option<String>, StorageError> {
    let mut last = None;
    let mut chunk = first;
    while chunk * CHUNK_SIZE < events.len() {
        let start = chunk * CHUNK_SIZE;
        let end = (start + CHUNK_SIZE).min(events.len());
        let text = encode_chunk(start as u64 + 1, &events[start..end]);
        store.set(&chunk_key_in(key, set, chunk), &text)?;
        last = Some(text);
        chunk += 1;
    }
    Ok(last)
}

/// Each command id in `events`, with the position of its first event.
fn commands_of(events: &[RecordedEvent]) -> HashMap<String, u64> {
    let mut commands = HashMap::new();
    for e in events {
        if !commands.contains_key(&e.metadata.command_id) {
            commands.insert(e.metadata.command_id.clone(), e.position);
        }
    }
    commands
}

/// Each stream's version after `events`.
fn versions_of(events: &[RecordedEvent]) -> HashMap<String, u64> {
    let mut versions = HashMap::new();
    for e in events {
        versions.insert(e.stream_id.clone(), e.stream_version);
    }
    versions
}
