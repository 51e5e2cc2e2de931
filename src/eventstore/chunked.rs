//! Storage format 2: a small manifest under the ledger key, and the events in chunks of compact
//! rows under their own keys, so an append rewrites one chunk and the manifest, not the ledger.
//!
//! ```text
//! replay-bank.ledger          {"format":"replay-bank-ledger","format_version":2,"chunk_size":1000,
//!                              "events":3,"last_command_id":"k3j2h1g0f9e8"}
//! replay-bank.ledger.chunk.0  {"first":1,"t":1795000000000,"streams":["acc-3f9a1c"],"rows":[
//!                               [0,0,"O","acc-3f9a1c","Ada","m2x8c1q9z0a1"],
//!                               [0,5230,"D",125000,"k3j2h1g0f9e8"],
//!                               [0,0,"W",125000,"p0o9i8u7y6t5"]]}
//! ```
//!
//! A row is `[stream, ms since the previous row, code, ...payload, command id, correlation id]`:
//! `stream` indexes the chunk's `streams`; the first row's time counts from `t`; the code and the
//! payload fields' order come from the one table of event types (`event_types`): `O`
//! AccountOpened (account id, owner), `D` MoneyDeposited, `W` MoneyWithdrawn and `P`
//! BalancePaidOut (cents), `R` WithdrawalReversed (its withdrawal's version, cents), `C`
//! AccountClosed, and the transfers' `TR`, `TD`, `TC`, `TB`, `TK`, `TF`; the correlation id is
//! left out when it equals the command id. Positions and stream versions are not stored: they
//! follow from the order, and are rebuilt on reading.
//!
//! The manifest is written last and is the commit point: rows past its `events` count (left by a
//! write that failed half-way) are ignored, so no crash between two keys can tear the ledger.
//!
//! A replaced ledger (an import) is written beside the one it replaces, in the other of two sets
//! of chunk keys (`.chunk.N`, or `.chunk.b.N`, named by the manifest's `chunk_set`: 1), and
//! the manifest switches to it last; a manifest of set 0 (every ledger before it) is written as
//! it always was, without the field.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::format::{FormatError, FORMAT_NAME};
use super::limits::{check_envelope, MAX_EVENTS};
use super::schema::{encode_compact, CompactCode};
use super::{Metadata, RecordedEvent};

/// The chunked layout's format version.
pub const CHUNKED_FORMAT_VERSION: u32 = 2;

/// Events per chunk: small enough that rewriting the last chunk is cheap, large enough that a
/// 100,000-event ledger is a hundred keys.
pub const CHUNK_SIZE: usize = 1000;

/// What the ledger key holds in format 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Always [`CHUNKED_FORMAT_VERSION`].
    pub format_version: u32,
    /// Events per chunk.
    pub chunk_size: usize,
    /// How many events are committed.
    pub events: u64,
    /// The command id of the last committed event: with `events`, tells whether another writer
    /// has written since (two writers can commit the same count).
    pub last_command_id: Option<String>,
    /// Which set of chunk keys holds the events: 0 (`.chunk.N`) or 1 (`.chunk.b.N`).
    #[serde(default, skip_serializing_if = "is_first_set")]
    pub chunk_set: u8,
}

fn is_first_set(set: &u8) -> bool {
    *set == 0
}

impl Manifest {
    /// The manifest for `events`, stored in chunk set `chunk_set`.
    pub fn of(events: &[RecordedEvent], chunk_set: u8) -> Manifest {
        Manifest {
            format: FORMAT_NAME.to_string(),
            format_version: CHUNKED_FORMAT_VERSION,
            chunk_size: CHUNK_SIZE,
            events: events.len() as u64,
            last_command_id: events.last().map(|e| e.metadata.command_id.clone()),
            chunk_set,
        }
    }

    /// How many events it commits, or why that count cannot be: more than a ledger holds. (A
    /// count from storage is never trusted as a size: an edited one must not stop the app.)
    pub fn event_count(&self) -> Result<usize, FormatError> {
        usize::try_from(self.events)
            .ok()
            .filter(|_| self.events <= MAX_EVENTS)
            .ok_or_else(|| FormatError::WrongShape {
                detail: format!(
                    "the manifest counts {} events, more than the 1,000,000 a ledger can hold",
                    self.events
                ),
            })
    }
}

/// The key of chunk `index` of the ledger under `key`, in chunk set 0.
pub fn chunk_key(key: &str, index: usize) -> String {
    chunk_key_in(key, 0, index)
}

/// The key of chunk `index` of the ledger under `key`, in chunk set `set`.
pub fn chunk_key_in(key: &str, set: u8, index: usize) -> String {
    format!("{}{index}", chunk_prefix(key, set))
}

/// What the keys of chunk set `set` of the ledger under `key` start with, before the index.
pub fn chunk_prefix(key: &str, set: u8) -> String {
    match set {
        0 => format!("{key}.chunk."),
        _ => format!("{key}.chunk.b."),
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Chunk {
    first: u64,
    t: i64,
    streams: Vec<String>,
    rows: Vec<Vec<Value>>,
}

/// Encodes `events`, which start at global position `first`, as one chunk.
pub fn encode_chunk(first: u64, events: &[RecordedEvent]) -> String {
    let t = events.first().map_or(0, |e| e.recorded_at_ms);
    let mut streams: Vec<String> = Vec::new();
    let mut previous = t;
    let rows = events
        .iter()
        .map(|e| {
            let stream = match streams.iter().position(|s| *s == e.stream_id) {
                Some(i) => i,
                None => {
                    streams.push(e.stream_id.clone());
                    streams.len() - 1
                }
            };
            let (code, payload) = encode_compact(&e.event, e.schema_version);
            let mut row = Vec::with_capacity(5 + payload.len());
            row.push(Value::from(stream));
            row.push(Value::from(e.recorded_at_ms - previous));
            row.push(Value::from(code));
            row.extend(payload);
            row.push(Value::from(e.metadata.command_id.as_str()));
            if e.metadata.correlation_id != e.metadata.command_id {
                row.push(Value::from(e.metadata.correlation_id.as_str()));
            }
            previous = e.recorded_at_ms;
            row
        })
        .collect();
    serde_json::to_string(&Chunk {
        first,
        t,
        streams,
        rows,
    })
    .unwrap_or_default()
}

/// Decodes a chunk that stands alone (a shared link's), every row of it, from position 1.
pub fn decode_whole_chunk(text: &str) -> Result<Vec<RecordedEvent>, FormatError> {
    let chunk = parse_chunk(text, 0)?;
    let mut events = Vec::new();
    let rows = chunk.rows.len();
    decode_rows(chunk, 0, rows, &mut events, &mut HashMap::new())?;
    Ok(events)
}

fn parse_chunk(text: &str, index: usize) -> Result<Chunk, FormatError> {
    serde_json::from_str(text).map_err(|e| FormatError::WrongShape {
        detail: format!("chunk {index}: {e}"),
    })
}

/// Decodes chunk `index` (stored under `key`), appending at most `wanted` events to `events`.
/// `stream_versions` carries each stream's version across chunks.
pub fn decode_chunk(
    text: &str,
    index: usize,
    wanted: usize,
    events: &mut Vec<RecordedEvent>,
    stream_versions: &mut HashMap<String, u64>,
) -> Result<(), FormatError> {
    decode_rows(
        parse_chunk(text, index)?,
        index,
        wanted,
        events,
        stream_versions,
    )
}

/// Appends at most `wanted` of a parsed chunk's rows to `events`, checking each.
fn decode_rows(
    chunk: Chunk,
    index: usize,
    wanted: usize,
    events: &mut Vec<RecordedEvent>,
    stream_versions: &mut HashMap<String, u64>,
) -> Result<(), FormatError> {
    let wrong = |detail: String| FormatError::WrongShape {
        detail: format!("chunk {index}: {detail}"),
    };
    let first = events.len() as u64 + 1;
    if chunk.first != first {
        return Err(FormatError::PositionOutOfOrder {
            index: events.len() + 1,
            expected: first,
            found: chunk.first,
        });
    }
    if chunk.rows.len() < wanted {
        return Err(wrong(format!(
            "it holds {} events where the manifest counts {wanted}",
            chunk.rows.len()
        )));
    }
    let mut previous = chunk.t;
    for mut row in chunk.rows.into_iter().take(wanted) {
        let position = events.len() as u64 + 1;
        let bad = |detail: &str| FormatError::WrongShape {
            detail: format!("chunk {index}, the row of position {position}: {detail}"),
        };
        let stream = row
            .first()
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| chunk.streams.get(i))
            .ok_or_else(|| bad("its stream index is not in the chunk's streams"))?;
        let delta = row
            .get(1)
            .and_then(Value::as_i64)
            .ok_or_else(|| bad("its time is not a whole number"))?;
        let code = row
            .get(2)
            .and_then(Value::as_str)
            .ok_or_else(|| bad("its event code is not text"))?;
        let code = CompactCode::parse(code)
            .map_err(|source| FormatError::BadEvent { position, source })?;
        let payload = row
            .get(3..3 + code.arity)
            .ok_or_else(|| bad("it has too few payload fields"))?;
        let event = code
            .decode(payload)
            .map_err(|source| FormatError::BadEvent { position, source })?;
        let ids_from = (3 + code.arity).min(row.len());
        let ids = &mut row[ids_from..];
        // The ids are taken out of the row, which is dropped next, rather than copied.
        let (command_id, correlation_id) = match ids {
            [Value::String(c)] => (c.clone(), std::mem::take(c)),
            [Value::String(c), Value::String(r)] => (std::mem::take(c), std::mem::take(r)),
            _ => {
                return Err(bad(
                    "it needs a command id and at most a correlation id after the payload",
                ))
            }
        };
        previous = previous
            .checked_add(delta)
            .ok_or_else(|| bad("its time is out of range"))?;
        // Looked up before a new stream's id is copied: most rows continue a stream.
        let version = match stream_versions.get_mut(stream) {
            Some(version) => {
                *version += 1;
                *version
            }
            None => {
                stream_versions.insert(stream.clone(), 1);
                1
            }
        };
        let recorded = RecordedEvent {
            position,
            stream_id: stream.clone(),
            stream_version: version,
            recorded_at_ms: previous,
            metadata: Metadata {
                command_id,
                correlation_id,
            },
            schema_version: code.version,
            event,
        };
        check_envelope(&recorded)
            .map_err(|source| FormatError::OutOfLimits { position, source })?;
        events.push(recorded);
    }
    Ok(())
}
