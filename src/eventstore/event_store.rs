//! The event store's interface: one way to append (a unit of work over one or several streams,
//! each with the version its decision was made against) and reads of every event or of one
//! stream from a position. Everything that records events goes through [`EventStore::append`].
//! (The page and the read models still read the ledger's whole log through `Ledger::events`, the
//! same events as `read_all(1)`.)

use std::fmt;

use thiserror::Error;

use super::{CommandContext, LimitError, RecordedEvent, StorageError};
use crate::domain::Event;

/// What an appender believes a stream holds, checked at write time (as KurrentDB does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedVersion {
    /// Write whatever the stream holds: for appends no decision depended on.
    Any,
    /// The stream must not exist yet: a new account, a new transfer.
    NoStream,
    /// The stream must hold exactly this many events: the version the decision was made
    /// against.
    Exactly(u64),
}

impl ExpectedVersion {
    /// Whether a stream holding `actual` events is what this expects.
    pub fn admits(self, actual: u64) -> bool {
        match self {
            ExpectedVersion::Any => true,
            ExpectedVersion::NoStream => actual == 0,
            ExpectedVersion::Exactly(n) => actual == n,
        }
    }
}

impl From<u64> for ExpectedVersion {
    /// A stream version as counted (0 is a stream that does not exist).
    fn from(version: u64) -> Self {
        match version {
            0 => ExpectedVersion::NoStream,
            n => ExpectedVersion::Exactly(n),
        }
    }
}

impl fmt::Display for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedVersion::Any => f.write_str("any version"),
            ExpectedVersion::NoStream => f.write_str("no stream"),
            ExpectedVersion::Exactly(n) => write!(f, "version {n}"),
        }
    }
}

/// Events for one stream, within a unit of work.
#[derive(Debug, Clone, Copy)]
pub struct StreamWrite<'a> {
    /// The stream.
    pub stream_id: &'a str,
    /// What the caller believes it holds.
    pub expected: ExpectedVersion,
    /// What to append to it, in order.
    pub events: &'a [Event],
}

/// One append: what one command decided, for one stream or several (an atomic transfer's debit
/// and credit), recorded together or not at all. A stream may be listed with no events, so that
/// its version is checked in the same write without adding to it.
#[derive(Debug, Clone)]
pub struct UnitOfWork<'a> {
    /// The command the events come from: their ids and their time.
    pub context: &'a CommandContext,
    /// Each stream's events and expected version, in the order they are recorded.
    pub writes: Vec<StreamWrite<'a>>,
}

impl<'a> UnitOfWork<'a> {
    /// A unit of work for the command `context` describes, with no stream yet.
    pub fn new(context: &'a CommandContext) -> Self {
        UnitOfWork {
            context,
            writes: Vec::new(),
        }
    }

    /// Adds `events` for `stream_id`, expected to be at `expected`.
    pub fn with(
        mut self,
        stream_id: &'a str,
        expected: impl Into<ExpectedVersion>,
        events: &'a [Event],
    ) -> Self {
        self.writes.push(StreamWrite {
            stream_id,
            expected: expected.into(),
            events,
        });
        self
    }

    /// Also checks that `stream` is still at its version, if given, without adding to it: the
    /// stream a decision relied on besides the one it writes to.
    pub fn unchanged(self, stream: Option<(&'a str, u64)>) -> Self {
        match stream {
            Some((stream_id, version)) => self.with(stream_id, version, &[]),
            None => self,
        }
    }
}

/// Why an append recorded nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppendError {
    /// The stream moved on since the caller read it (another tab, say). The store has re-read
    /// storage, so the caller can decide again against the fresh state.
    #[error("stream \"{stream_id}\" is at version {actual}, not the expected {expected}: someone else wrote first")]
    Conflict {
        /// The stream.
        stream_id: String,
        /// What the caller expected.
        expected: ExpectedVersion,
        /// The version found at write time.
        actual: u64,
    },
    /// Events were appended to the ledger (to any stream) since the caller confirmed a
    /// replacement.
    #[error(
        "the ledger holds {actual} events, not the expected {expected}: someone else wrote first"
    )]
    HeadMoved {
        /// The length the caller expected.
        expected: u64,
        /// The length found at write time.
        actual: u64,
    },
    /// Storage holds another history than the one the caller decided against (a stale tab
    /// overwrote events), even if its length matches: the caller must decide again.
    #[error("the ledger was rewritten by another tab since it was read")]
    Rewritten,
    /// Storage could not even be read, so the expected version could not be checked.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// An event of the unit would break the limits every event keeps (a ledger full at
    /// 1,000,000 events, an id or a time out of range): nothing of the unit is recorded.
    #[error("the event would be outside the app's limits: {0}")]
    OutOfLimits(LimitError),
    /// This tab holds unsaved events and another writer appended to storage meanwhile: the two
    /// histories must not be merged blindly, so nothing more is accepted here.
    #[error("another tab wrote to the ledger while this tab still had {unsaved} unsaved events; download them to keep them")]
    Diverged {
        /// How many events only this tab holds.
        unsaved: usize,
    },
}

/// An append-only log of streams. Positions are global, 1-based and gapless; each event also
/// has its version within its stream, 1-based and gapless.
pub trait EventStore {
    /// Records `unit` if every stream in it is still as its write expects, else nothing: the one
    /// way events are recorded. Returns the events it recorded, in position order.
    fn append(&mut self, unit: &UnitOfWork<'_>) -> Result<&[RecordedEvent], AppendError>;

    /// Every event at `position` and after, in position order (`read_all(1)` is the whole log).
    fn read_all(&self, position: u64) -> &[RecordedEvent];

    /// The events of one stream at `version` and after, in order (`read_stream(id, 1)` is the
    /// whole stream; a stream that does not exist is empty).
    fn read_stream<'a>(
        &'a self,
        stream_id: &'a str,
        version: u64,
    ) -> impl Iterator<Item = &'a RecordedEvent> + 'a;

    /// How many events the stream holds: 0 for a stream that does not exist yet.
    fn stream_version(&self, stream_id: &str) -> u64;
}
