//! The stored shapes of each event, mapped both ways to the domain's [`Event`] through the one
//! table of event types: the JSON payload of documents and exports (type name, schema version,
//! named fields) and the compact rows of chunks (code, fields in order). Keeping the stored shape
//! apart from the domain lets the domain evolve while old data still reads.

use serde_json::Value;

use super::event_types::{
    by_code, by_name, decode_fields, encode_fields, fields_at, later_fields, latest_version,
    least_version, upcast, EventType,
};
use super::SchemaError;
use crate::domain::Event;

/// An event as stored: a stable type name, the version of its payload's schema, and the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The stable type name, e.g. `MoneyDeposited`.
    pub event_type: String,
    /// The version of the payload's shape for this type.
    pub schema_version: u32,
    /// The payload, as JSON.
    pub payload: Value,
}

/// Maps a domain event to its stored form: its type's name and version, and its fields as a
/// JSON object.
pub fn encode_event(event: &Event) -> StoredEvent {
    encode_event_at(event, 1)
}

/// An event's stored shape at payload `version` (the version it was written in, so old events
/// are written back byte for byte; new ones in the writer's version).
pub fn encode_event_at(event: &Event, version: u32) -> StoredEvent {
    let (ty, values) = encode_fields(event);
    let version = version
        .max(least_version(event))
        .min(latest_version(ty.name));
    let values = later_fields(event, version, upcast(ty.name, 1, version, values));
    let fields = fields_at(ty.name, version).unwrap_or(ty.fields);
    let mut payload = serde_json::Map::new();
    for (name, value) in fields.iter().zip(values) {
        payload.insert(name.to_string(), value);
    }
    StoredEvent {
        event_type: ty.name.to_string(),
        schema_version: version,
        payload: Value::Object(payload),
    }
}

/// Maps a stored event back to the domain, upcasting an older payload through the chain first,
/// and checking it as strictly as `decide` would have: stored data may have been edited by hand.
pub fn decode_event(stored: &StoredEvent) -> Result<Event, SchemaError> {
    let ty = by_name(&stored.event_type)
        .ok_or_else(|| SchemaError::UnknownType(stored.event_type.clone()))?;
    let fields = fields_of(ty, stored.schema_version)?;
    let bad = |detail: String| SchemaError::BadPayload {
        event_type: ty.name.to_string(),
        detail,
    };
    let Value::Object(payload) = &stored.payload else {
        return Err(bad("the payload is not an object".to_string()));
    };
    if let Some(extra) = payload.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(bad(format!("unknown field `{extra}`")));
    }
    let values = fields
        .iter()
        .map(|name| {
            payload
                .get(*name)
                .cloned()
                .ok_or_else(|| bad(format!("missing field `{name}`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let latest = upcast(
        ty.name,
        stored.schema_version,
        latest_version(ty.name),
        values,
    );
    decode_fields(ty, &latest)
}

/// The payload fields of `ty` at `version`, or why this app cannot read that version.
fn fields_of(ty: &EventType, version: u32) -> Result<&'static [&'static str], SchemaError> {
    fields_at(ty.name, version).ok_or_else(|| SchemaError::UnsupportedVersion {
        event_type: ty.name.to_string(),
        version,
        supported: latest_version(ty.name),
    })
}

/// An event as a compact row at payload `version`: its code (the type's letters, then the
/// version when above 1, `D2`), then its payload fields in that version's order.
pub fn encode_compact(event: &Event, version: u32) -> (String, Vec<Value>) {
    let stored = encode_event_at(event, version);
    let ty = by_name(&stored.event_type).unwrap_or(&crate::eventstore::EVENT_TYPES[0]);
    let code = match stored.schema_version {
        1 => ty.code.to_string(),
        v => format!("{}{v}", ty.code),
    };
    let fields = fields_at(ty.name, stored.schema_version).unwrap_or(ty.fields);
    let Value::Object(mut payload) = stored.payload else {
        return (code, Vec::new());
    };
    let values = fields
        .iter()
        .map(|f| payload.get_mut(*f).map_or(Value::Null, Value::take))
        .collect();
    (code, values)
}

/// A compact row's code, read once: the event type and the payload version it was written in
/// (`D2` is MoneyDeposited at version 2, `D` at version 1).
#[derive(Debug, Clone, Copy)]
pub struct CompactCode {
    ty: &'static EventType,
    /// The payload version the row was written in.
    pub version: u32,
    /// How many payload fields follow the code in the row.
    pub arity: usize,
}

impl CompactCode {
    /// Reads a code, or says why this app cannot: an unknown type, or a payload version it
    /// does not know.
    pub fn parse(code: &str) -> Result<CompactCode, SchemaError> {
        let (ty, version) = split_code(code)?;
        let arity = fields_of(ty, version)?.len();
        Ok(CompactCode { ty, version, arity })
    }

    /// Reads the row's event back from its payload fields, upcasting it, with the same checks
    /// as [`decode_event`].
    pub fn decode(&self, fields: &[Value]) -> Result<Event, SchemaError> {
        let latest = latest_version(self.ty.name);
        if self.version == latest {
            // Most rows: nothing to upcast, nothing to copy.
            return decode_fields(self.ty, fields);
        }
        decode_fields(
            self.ty,
            &upcast(self.ty.name, self.version, latest, fields.to_vec()),
        )
    }
}

/// A code is the type's letters, then its payload version when above 1 (`D2`).
fn split_code(code: &str) -> Result<(&'static EventType, u32), SchemaError> {
    let unknown = || SchemaError::UnknownType(format!("code {code}"));
    let letters = code
        .find(|c: char| c.is_ascii_digit())
        .map_or(code, |i| &code[..i]);
    let version = match &code[letters.len()..] {
        "" => 1,
        digits => digits.parse().map_err(|_| unknown())?,
    };
    by_code(letters).map(|ty| (ty, version)).ok_or_else(unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_future_schema_version_is_refused_not_guessed() {
        let stored = StoredEvent {
            event_type: "MoneyDeposited".into(),
            schema_version: 4,
            payload: json!({"amount_cents": 5}),
        };
        assert!(matches!(
            decode_event(&stored),
            Err(SchemaError::UnsupportedVersion {
                version: 4,
                supported: 3,
                ..
            })
        ));
    }

    #[test]
    fn a_payload_with_a_zero_amount_or_extra_field_is_refused() {
        for payload in [
            json!({"amount_cents": 0}),
            json!({"amount_cents": 5, "x": 1}),
        ] {
            let stored = StoredEvent {
                event_type: "MoneyWithdrawn".into(),
                schema_version: 1,
                payload,
            };
            assert!(matches!(
                decode_event(&stored),
                Err(SchemaError::BadPayload { .. })
            ));
        }
    }
}
