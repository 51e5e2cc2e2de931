//! The stored document: a versioned JSON shape that a learner can read in the browser's storage
//! panel, and a decoder that validates everything before the app trusts it.
//!
//! ```text
//! {"format":"replay-bank-ledger","format_version":1,"events":[
//!   {"position":1,"stream_id":"acc-1a2b3c","stream_version":1,"recorded_at_ms":1795000000000,
//!    "event_type":"AccountOpened","schema_version":1,
//!    "payload":{"account_id":"acc-1a2b3c","owner":"Ada"},
//!    "metadata":{"command_id":"cmd-…","correlation_id":"cmd-…"}}]}
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::limits::{check_envelope, LimitError};
use super::schema::{decode_event, encode_event_at, StoredEvent};
use super::SchemaError;
use super::{Metadata, RecordedEvent};

/// The `format` field every ledger document carries, so a stray value is not mistaken for one.
pub const FORMAT_NAME: &str = "replay-bank-ledger";

/// The document layout this app writes. A different number is refused, never rewritten.
pub const FORMAT_VERSION: u32 = 1;

/// Why stored text is not a ledger this app can trust. Each message says what and where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// Not JSON at all.
    #[error("it is not valid JSON ({detail})")]
    NotJson {
        /// The parser's message, with line and column.
        detail: String,
    },
    /// JSON, but not a Replay Bank ledger document.
    #[error("it is not a Replay Bank ledger ({detail})")]
    WrongShape {
        /// What is missing or of the wrong type.
        detail: String,
    },
    /// A ledger written in a format version this app does not know.
    #[error("it uses ledger format version {found}, and this app reads version {FORMAT_VERSION}")]
    UnknownFormatVersion {
        /// The version found.
        found: u64,
    },
    /// Positions must run 1, 2, 3... with no gap and no repeat.
    #[error(
        "event #{index} has position {found} where {expected} was expected (a gap or a repeat)"
    )]
    PositionOutOfOrder {
        /// The 1-based index of the entry in the list.
        index: usize,
        /// The position it should have.
        expected: u64,
        /// The position it has.
        found: u64,
    },
    /// Stream versions must run 1, 2, 3... within each stream.
    #[error("the event at position {position} has stream version {found} in stream \"{stream_id}\" where {expected} was expected")]
    StreamVersionOutOfOrder {
        /// Its global position.
        position: u64,
        /// Its stream.
        stream_id: String,
        /// The version it should have.
        expected: u64,
        /// The version it has.
        found: u64,
    },
    /// An event the app cannot read.
    #[error("the event at position {position} cannot be read: {source}")]
    BadEvent {
        /// Its global position.
        position: u64,
        /// Why.
        source: SchemaError,
    },
    /// An event outside the limits every event keeps.
    #[error("the event at position {position} is outside the app's limits: {source}")]
    OutOfLimits {
        /// Its global position.
        position: u64,
        /// Which limit.
        source: LimitError,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentV1 {
    format: String,
    format_version: u32,
    /// In exported files: the app version that wrote it, for a person reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    app_version: Option<String>,
    /// In exported files: how many events the time-travel cursor showed, so an import lands
    /// where the exporter was looking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cursor: Option<u64>,
    events: Vec<EnvelopeV1>,
}

/// A decoded document: the events and, for an exported file, what it says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Every event, validated.
    pub events: Vec<RecordedEvent>,
    /// The version of the app that exported it, if it says.
    pub app_version: Option<String>,
    /// The cursor it was exported at, if it says (not yet checked against the events).
    pub cursor: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeV1 {
    position: u64,
    stream_id: String,
    stream_version: u64,
    recorded_at_ms: i64,
    event_type: String,
    schema_version: u32,
    payload: Value,
    metadata: Metadata,
}

/// Writes the ledger as a format-versioned JSON document.
pub fn encode_document(events: &[RecordedEvent]) -> String {
    encode(events, None, None)
}

/// Writes the ledger as a file to share: the document, plus the app version and the cursor.
pub fn encode_export(events: &[RecordedEvent], app_version: &str, cursor: usize) -> String {
    encode(events, Some(app_version.to_string()), Some(cursor as u64))
}

fn encode(events: &[RecordedEvent], app_version: Option<String>, cursor: Option<u64>) -> String {
    let document = DocumentV1 {
        format: FORMAT_NAME.to_string(),
        format_version: FORMAT_VERSION,
        app_version,
        cursor,
        events: events.iter().map(encode_envelope).collect(),
    };
    // Strings, integers and JSON values only: serialising cannot fail.
    serde_json::to_string(&document).unwrap_or_default()
}

/// The JSON of one envelope, as stored, for a learner to inspect.
pub fn envelope_json(event: &RecordedEvent) -> String {
    pretty(&serde_json::to_string(&encode_envelope(event)).unwrap_or_default())
}

/// `compact` JSON, as serde_json writes it, laid out as `serde_json::to_string_pretty` would:
/// two spaces per level, `": "` after a key, `{}` and `[]` when empty. By hand, so the wasm
/// holds one JSON writer rather than a second, pretty copy of it for each type it writes.
pub(crate) fn pretty(compact: &str) -> String {
    fn new_line(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

fn encode_envelope(recorded: &RecordedEvent) -> EnvelopeV1 {
    let StoredEvent {
        event_type,
        schema_version,
        payload,
    } = encode_event_at(&recorded.event, recorded.schema_version);
    EnvelopeV1 {
        position: recorded.position,
        stream_id: recorded.stream_id.clone(),
        stream_version: recorded.stream_version,
        recorded_at_ms: recorded.recorded_at_ms,
        event_type,
        schema_version,
        payload,
        metadata: recorded.metadata.clone(),
    }
}

/// The `format_version` of a stored value, after checking it is a Replay Bank ledger at all.
pub fn format_version(text: &str) -> Result<u64, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| FormatError::NotJson {
        detail: e.to_string(),
    })?;
    version_of(&value)
}

fn version_of(value: &Value) -> Result<u64, FormatError> {
    let object = value.as_object().ok_or_else(|| FormatError::WrongShape {
        detail: "the top level is not an object".to_string(),
    })?;
    if object.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(FormatError::WrongShape {
            detail: format!("the \"format\" field is not \"{FORMAT_NAME}\""),
        });
    }
    object
        .get("format_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| FormatError::WrongShape {
            detail: "\"format_version\" is missing or not a whole number".to_string(),
        })
}

/// Reads a ledger document, checking its format version, the order of positions and stream
/// versions, and every event. Any byte string gives a ledger or a [`FormatError`], never a panic.
pub fn decode_document(text: &str) -> Result<Vec<RecordedEvent>, FormatError> {
    decode_full(text).map(|document| document.events)
}

/// Like [`decode_document`], keeping what an exported file says about itself.
pub fn decode_full(text: &str) -> Result<Document, FormatError> {
    match format_version(text)? {
        v if v == u64::from(FORMAT_VERSION) => {}
        found => return Err(FormatError::UnknownFormatVersion { found }),
    }
    let document: DocumentV1 = serde_json::from_str(text).map_err(|e| FormatError::WrongShape {
        detail: e.to_string(),
    })?;

    let mut stream_versions: HashMap<String, u64> = HashMap::new();
    let mut events = Vec::new();
    for (i, envelope) in document.events.iter().enumerate() {
        let expected = i as u64 + 1;
        if envelope.position != expected {
            return Err(FormatError::PositionOutOfOrder {
                index: i + 1,
                expected,
                found: envelope.position,
            });
        }
        let expected = stream_versions
            .get(envelope.stream_id.as_str())
            .map_or(1, |version| version + 1);
        if envelope.stream_version != expected {
            return Err(FormatError::StreamVersionOutOfOrder {
                position: envelope.position,
                stream_id: envelope.stream_id.clone(),
                expected,
                found: envelope.stream_version,
            });
        }
        stream_versions.insert(envelope.stream_id.clone(), expected);
        let event = decode_event(&StoredEvent {
            event_type: envelope.event_type.clone(),
            schema_version: envelope.schema_version,
            payload: envelope.payload.clone(),
        })
        .map_err(|source| FormatError::BadEvent {
            position: envelope.position,
            source,
        })?;
        let recorded = RecordedEvent {
            position: envelope.position,
            stream_id: envelope.stream_id.clone(),
            stream_version: envelope.stream_version,
            recorded_at_ms: envelope.recorded_at_ms,
            metadata: envelope.metadata.clone(),
            schema_version: envelope.schema_version,
            event,
        };
        check_envelope(&recorded).map_err(|source| FormatError::OutOfLimits {
            position: recorded.position,
            source,
        })?;
        events.push(recorded);
    }
    Ok(Document {
        events,
        app_version: document.app_version,
        cursor: document.cursor,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::pretty;

    #[test]
    fn pretty_lays_out_json_as_serde_json_does() {
        for value in [
            json!({}),
            json!([]),
            json!({"a": 1, "b": [1, -2, {"c": "x"}], "d": {}, "e": [], "f": null, "g": true}),
            json!({"text": "a \"quoted\" {brace}, [bracket]: colon \\ back\\slash\n\u{0001} é"}),
            json!([[[]], {"k": {"k": {"k": "v"}}}]),
            json!("just a string, with: {} and []"),
            json!(12345),
        ] {
            let compact = serde_json::to_string(&value).unwrap();
            assert_eq!(
                pretty(&compact),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }
}
