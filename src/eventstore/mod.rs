//! The event store: the [`EventStore`] interface (one way to append, with expected versions per
//! stream), envelopes around events, the table of event types with their codecs and upcasters,
//! the versioned storage format, and the [`Ledger`] over any [`KeyValueStore`] (memory here, for
//! native tests; the browser's localStorage backend lives with the rest of the browser code, in
//! `web/`).
//!
//! Every rule about *what* may be recorded lives in the domain; this layer only guarantees that
//! what was accepted is recorded once, in order, and read back exactly.

mod chunked;
mod digest;
mod envelope;
mod event_store;
mod event_types;
mod format;
mod import_file;
mod ledger_log;
mod limits;
mod memory_store;
mod quarantine;
mod schema;
mod schema_error;
mod share_link;
mod store;
mod writer;

pub use chunked::{chunk_key, chunk_key_in, Manifest, CHUNKED_FORMAT_VERSION, CHUNK_SIZE};
pub use digest::{Digest, Digests};
pub use envelope::{CommandContext, Metadata, RecordedEvent};
pub use event_store::{AppendError, EventStore, ExpectedVersion, StreamWrite, UnitOfWork};
pub use event_types::{
    by_name as event_type_named, latest_version, upcast, EventType, Upcaster, CURRENCY,
    EVENT_TYPES, MAX_REASON_CHARS, UPCASTERS,
};
pub use format::{
    decode_document, decode_full, encode_document, encode_export, envelope_json, Document,
    FormatError, FORMAT_NAME, FORMAT_VERSION,
};
pub use import_file::{check_import, check_recorded, read_import, Import, ImportError};
pub use ledger_log::{Ledger, LEDGER_KEY};
pub use limits::{check_envelope, is_id, LimitError, MAX_EVENTS, MAX_ID_CHARS, MAX_RECORDED_AT_MS};
pub use memory_store::MemoryStore;
pub use quarantine::{quarantine, quarantine_key, raw_dump};
pub use schema::{decode_event, encode_event, encode_event_at, StoredEvent};
pub use schema_error::SchemaError;
pub use share_link::{
    base64url, from_base64url, link_fragment, link_payload, parse_fragment, read_link, LinkError,
    LinkParts, LINK_PREFIX, MAX_LINK_CHARS,
};
pub use store::{ledger_keys, KeyValueStore, StorageError};
pub use writer::{writer_key, Writer};
