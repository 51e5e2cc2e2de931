//! The stored shape of each event (type name, schema version, JSON payload), mapped both ways to
//! the domain's [`Event`]. Keeping the two apart lets the domain evolve while old data still reads.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::domain::{AccountId, Event, Money, OwnerName};

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

/// Why a stored event cannot become a domain event.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    /// A type name this version of the app does not know.
    #[error("unknown event type \"{0}\"")]
    UnknownType(String),
    /// A schema version newer (or older) than this app can read for that type.
    #[error("{event_type} schema version {version} is not supported (this app reads version {supported})")]
    UnsupportedVersion {
        /// The event type.
        event_type: String,
        /// The version found.
        version: u32,
        /// The version this app reads.
        supported: u32,
    },
    /// The payload does not have the fields the type needs.
    #[error("{event_type} payload is invalid: {detail}")]
    BadPayload {
        /// The event type.
        event_type: String,
        /// What was wrong.
        detail: String,
    },
}

/// Every payload is at version 1 so far. A later version adds an upcaster in [`decode_event`].
const CURRENT_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountOpenedV1 {
    account_id: String,
    owner: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AmountV1 {
    amount_cents: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmptyV1 {}

/// Maps a domain event to its stored form.
pub fn encode_event(event: &Event) -> StoredEvent {
    let payload = match event {
        Event::AccountOpened { account_id, owner } => to_value(&AccountOpenedV1 {
            account_id: account_id.as_str().to_string(),
            owner: owner.as_str().to_string(),
        }),
        Event::MoneyDeposited { amount } | Event::MoneyWithdrawn { amount } => {
            to_value(&AmountV1 {
                amount_cents: amount.cents(),
            })
        }
        Event::AccountClosed => to_value(&EmptyV1 {}),
    };
    StoredEvent {
        event_type: event.name().to_string(),
        schema_version: CURRENT_SCHEMA_VERSION,
        payload,
    }
}

/// Maps a stored event back to the domain, checking the payload as strictly as `decide` would
/// have: stored data may have been edited by hand.
pub fn decode_event(stored: &StoredEvent) -> Result<Event, SchemaError> {
    let event_type = stored.event_type.as_str();
    if !matches!(
        event_type,
        "AccountOpened" | "MoneyDeposited" | "MoneyWithdrawn" | "AccountClosed"
    ) {
        return Err(SchemaError::UnknownType(stored.event_type.clone()));
    }
    if stored.schema_version != CURRENT_SCHEMA_VERSION {
        return Err(SchemaError::UnsupportedVersion {
            event_type: stored.event_type.clone(),
            version: stored.schema_version,
            supported: CURRENT_SCHEMA_VERSION,
        });
    }
    let bad = |detail: String| SchemaError::BadPayload {
        event_type: stored.event_type.clone(),
        detail,
    };
    match event_type {
        "AccountOpened" => {
            let p: AccountOpenedV1 = from_value(&stored.payload).map_err(bad)?;
            let account_id = AccountId::new(p.account_id);
            if !account_id.is_well_formed() {
                return Err(bad(format!("\"{account_id}\" is not a valid account id")));
            }
            let owner = OwnerName::parse(&p.owner).map_err(|r| bad(r.to_string()))?;
            Ok(Event::AccountOpened { account_id, owner })
        }
        "MoneyDeposited" | "MoneyWithdrawn" => {
            let p: AmountV1 = from_value(&stored.payload).map_err(bad)?;
            if p.amount_cents == 0 {
                return Err(bad("the amount is zero".to_string()));
            }
            let amount = Money::from_cents(p.amount_cents);
            Ok(if event_type == "MoneyDeposited" {
                Event::MoneyDeposited { amount }
            } else {
                Event::MoneyWithdrawn { amount }
            })
        }
        _ => {
            let _: EmptyV1 = from_value(&stored.payload).map_err(bad)?;
            Ok(Event::AccountClosed)
        }
    }
}

/// The one-letter codes of the compact row encoding (storage format 2), by event type. A payload
/// schema version above 1 is written after the letter (`D2`).
const COMPACT_CODES: [(&str, &str); 4] = [
    ("AccountOpened", "O"),
    ("MoneyDeposited", "D"),
    ("MoneyWithdrawn", "W"),
    ("AccountClosed", "C"),
];

/// An event as a compact row: its code, then its payload fields in a fixed order
/// (`O`: account id, owner; `D` and `W`: amount in cents; `C`: nothing).
pub fn encode_compact(event: &Event) -> (&'static str, Vec<Value>) {
    match event {
        Event::AccountOpened { account_id, owner } => (
            "O",
            vec![
                Value::from(account_id.as_str()),
                Value::from(owner.as_str()),
            ],
        ),
        Event::MoneyDeposited { amount } => ("D", vec![Value::from(amount.cents())]),
        Event::MoneyWithdrawn { amount } => ("W", vec![Value::from(amount.cents())]),
        Event::AccountClosed => ("C", Vec::new()),
    }
}

/// How many payload fields follow a compact code, or why the code is not known.
pub fn compact_arity(code: &str) -> Result<usize, SchemaError> {
    let (event_type, version) = split_code(code)?;
    if version != CURRENT_SCHEMA_VERSION {
        return Err(SchemaError::UnsupportedVersion {
            event_type: event_type.to_string(),
            version,
            supported: CURRENT_SCHEMA_VERSION,
        });
    }
    Ok(match event_type {
        "AccountOpened" => 2,
        "MoneyDeposited" | "MoneyWithdrawn" => 1,
        _ => 0,
    })
}

/// Reads a compact row's event back, with the same checks as [`decode_event`].
pub fn decode_compact(code: &str, fields: &[Value]) -> Result<Event, SchemaError> {
    let (event_type, version) = split_code(code)?;
    let payload = match (event_type, fields) {
        ("AccountOpened", [account_id, owner]) => {
            serde_json::json!({ "account_id": account_id, "owner": owner })
        }
        ("MoneyDeposited" | "MoneyWithdrawn", [amount]) => {
            serde_json::json!({ "amount_cents": amount })
        }
        ("AccountClosed", []) => serde_json::json!({}),
        _ => {
            return Err(SchemaError::BadPayload {
                event_type: event_type.to_string(),
                detail: format!("{} payload fields is the wrong number", fields.len()),
            })
        }
    };
    decode_event(&StoredEvent {
        event_type: event_type.to_string(),
        schema_version: version,
        payload,
    })
}

fn split_code(code: &str) -> Result<(&'static str, u32), SchemaError> {
    let letter = code.get(..1).unwrap_or("");
    let version = match code.get(1..) {
        Some("") | None => 1,
        Some(digits) => digits
            .parse()
            .map_err(|_| SchemaError::UnknownType(format!("code {code}")))?,
    };
    COMPACT_CODES
        .iter()
        .find(|(_, c)| *c == letter)
        .map(|(event_type, _)| (*event_type, version))
        .ok_or_else(|| SchemaError::UnknownType(format!("code {code}")))
}

fn to_value<T: Serialize>(payload: &T) -> Value {
    // These payload structs hold only strings and integers: serialising them cannot fail.
    serde_json::to_value(payload).unwrap_or(Value::Null)
}

fn from_value<T: for<'de> Deserialize<'de>>(payload: &Value) -> Result<T, String> {
    T::deserialize(payload).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_future_schema_version_is_refused_not_guessed() {
        let stored = StoredEvent {
            event_type: "MoneyDeposited".into(),
            schema_version: 2,
            payload: json!({"amount_cents": 5}),
        };
        assert!(matches!(
            decode_event(&stored),
            Err(SchemaError::UnsupportedVersion { version: 2, .. })
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
