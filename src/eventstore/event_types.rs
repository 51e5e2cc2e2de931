//! The one table of event types: each type's stored name, the version of its payload's schema,
//! its code in the compact chunk rows, and its payload fields in order. Both stored shapes (the
//! JSON payload of documents and exports, the compact rows of chunks) are read and written
//! through this table and the two functions beside it, so a new event type is one row and one
//! arm in each.

use serde_json::Value;

use super::SchemaError;
use crate::domain::{AccountId, Day, Event, Money, OwnerName, TransferId};

/// One event type as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventType {
    /// The stable type name, e.g. `MoneyDeposited`.
    pub name: &'static str,
    /// The version of its payload's schema this app writes and reads.
    pub version: u32,
    /// Its code in a compact row (format 2 chunks and share links).
    pub code: &'static str,
    /// Its payload fields, in the order compact rows hold them.
    pub fields: &'static [&'static str],
}

const fn ty(name: &'static str, code: &'static str, fields: &'static [&'static str]) -> EventType {
    EventType {
        name,
        version: 1,
        code,
        fields,
    }
}

/// Every event type this app reads and writes. Codes and names are forever: a stored ledger,
/// an export or a link written by any release keeps its meaning.
pub const EVENT_TYPES: [EventType; 12] = [
    ty("AccountOpened", "O", &["account_id", "owner"]),
    ty("MoneyDeposited", "D", &["amount_cents"]),
    ty("MoneyWithdrawn", "W", &["amount_cents"]),
    ty("AccountClosed", "C", &[]),
    ty(
        "TransferDebited",
        "TD",
        &["transfer_id", "to", "amount_cents"],
    ),
    ty(
        "TransferCredited",
        "TC",
        &["transfer_id", "from", "amount_cents"],
    ),
    ty(
        "TransferRefunded",
        "TB",
        &["transfer_id", "amount_cents", "reason"],
    ),
    ty(
        "TransferRequested",
        "TR",
        &["transfer_id", "from", "to", "amount_cents"],
    ),
    ty("TransferCompleted", "TK", &[]),
    ty("TransferFailed", "TF", &["reason"]),
    // From release 0.5.0; earlier closings hold a MoneyWithdrawn here.
    ty("BalancePaidOut", "P", &["amount_cents"]),
    // From release 0.5.0.
    ty("WithdrawalReversed", "R", &["withdrawal", "amount_cents"]),
];

/// A later version of a type's payload, and how a payload one version older becomes it.
#[derive(Debug, Clone, Copy)]
pub struct Upcaster {
    /// The type.
    pub name: &'static str,
    /// The version it reads; it writes the next one.
    pub from: u32,
    /// The payload fields of the next version, in order.
    pub fields: &'static [&'static str],
    /// Payload values of version `from` to those of the next.
    pub up: fn(Vec<Value>) -> Vec<Value>,
}

/// Every upcaster: a chain per type, applied on read, one version at a time, so an event stored
/// in any version is read in the newest (and a v3 is one more row).
pub const UPCASTERS: [Upcaster; 2] = [
    Upcaster {
        name: "MoneyDeposited",
        from: 1,
        fields: &["amount"],
        up: deposit_amount_with_currency,
    },
    // From release 0.5.0.
    Upcaster {
        name: "MoneyDeposited",
        from: 2,
        fields: &["amount", "effective_on"],
        up: deposit_effective_as_recorded,
    },
];

/// MoneyDeposited v1 → v2: the amount says its currency, `{"cents": 1250, "currency": "USD"}`,
/// so a bank that later takes other currencies reads every deposit the same way. Every v1
/// deposit was in dollars.
fn deposit_amount_with_currency(values: Vec<Value>) -> Vec<Value> {
    let cents = values.into_iter().next().unwrap_or(Value::Null);
    let mut amount = serde_json::Map::new();
    amount.insert("cents".to_string(), cents);
    amount.insert("currency".to_string(), Value::from(CURRENCY));
    vec![Value::Object(amount)]
}

/// MoneyDeposited v2 → v3: a deposit may carry the date it took effect (`"2026-12-01"`), when
/// that is earlier than the day it was recorded. Every deposit before v3 took effect as it was
/// recorded: `null`.
fn deposit_effective_as_recorded(mut values: Vec<Value>) -> Vec<Value> {
    values.push(Value::Null);
    values
}

/// The lowest payload version that holds everything `event` says: 3 for a deposit that took
/// effect earlier than recorded (v1 and v2 have no place for the date), else 1. The writer
/// writes at least this version, so no fact is dropped by an older shape.
pub fn least_version(event: &Event) -> u32 {
    match event {
        Event::MoneyDeposited {
            effective_on: Some(_),
            ..
        } => 3,
        _ => 1,
    }
}

/// The one currency this bank keeps.
pub const CURRENCY: &str = "USD";

/// The newest payload version of the type named `name` this app reads.
pub fn latest_version(name: &str) -> u32 {
    1 + UPCASTERS.iter().filter(|u| u.name == name).count() as u32
}

/// The payload fields of `name` at `version`, if this app knows that version.
pub fn fields_at(name: &str, version: u32) -> Option<&'static [&'static str]> {
    match version {
        1 => by_name(name).map(|t| t.fields),
        v => UPCASTERS
            .iter()
            .find(|u| u.name == name && u.from + 1 == v)
            .map(|u| u.fields),
    }
}

/// Payload values of `name` at version `from`, upcast one step at a time to version `to`.
pub fn upcast(name: &str, from: u32, to: u32, mut values: Vec<Value>) -> Vec<Value> {
    let mut version = from;
    while version < to {
        match UPCASTERS
            .iter()
            .find(|u| u.name == name && u.from == version)
        {
            Some(u) => values = (u.up)(values),
            None => break,
        }
        version += 1;
    }
    values
}

/// The longest reason a transfer's failure or refund may carry.
pub const MAX_REASON_CHARS: usize = 500;

/// The type of a stored name, if this app knows it.
pub fn by_name(name: &str) -> Option<&'static EventType> {
    EVENT_TYPES.iter().find(|t| t.name == name)
}

/// The type of a compact code's letters, if this app knows them.
pub fn by_code(code: &str) -> Option<&'static EventType> {
    EVENT_TYPES.iter().find(|t| t.code == code)
}

/// An event's type and its payload values, in the table's field order.
pub fn encode_fields(event: &Event) -> (&'static EventType, Vec<Value>) {
    let cents = |m: &Money| Value::from(m.cents());
    let text = |s: &str| Value::from(s);
    let values = match event {
        Event::AccountOpened { account_id, owner } => {
            vec![text(account_id.as_str()), text(owner.as_str())]
        }
        Event::MoneyDeposited { amount, .. }
        | Event::MoneyWithdrawn { amount }
        | Event::BalancePaidOut { amount } => vec![cents(amount)],
        Event::AccountClosed | Event::TransferCompleted => Vec::new(),
        Event::TransferDebited {
            transfer_id,
            to: account,
            amount,
        }
        | Event::TransferCredited {
            transfer_id,
            from: account,
            amount,
        } => vec![
            text(transfer_id.as_str()),
            text(account.as_str()),
            cents(amount),
        ],
        Event::TransferRefunded {
            transfer_id,
            amount,
            reason,
        } => vec![text(transfer_id.as_str()), cents(amount), text(reason)],
        Event::TransferRequested {
            transfer_id,
            from,
            to,
            amount,
        } => vec![
            text(transfer_id.as_str()),
            text(from.as_str()),
            text(to.as_str()),
            cents(amount),
        ],
        Event::TransferFailed { reason } => vec![text(reason)],
        Event::WithdrawalReversed { withdrawal, amount } => {
            vec![Value::from(*withdrawal), cents(amount)]
        }
    };
    // Every variant has a row; `name()` and the table are kept in step by a test.
    let ty = by_name(event.name()).unwrap_or(&EVENT_TYPES[0]);
    (ty, values)
}

/// Payload values at `version`, upcast from version 1, given what the fields a later version
/// added hold for `event` (an upcaster writes only their default).
pub fn later_fields(event: &Event, version: u32, mut values: Vec<Value>) -> Vec<Value> {
    if let Event::MoneyDeposited {
        effective_on: Some(day),
        ..
    } = event
    {
        let fields = fields_at(event.name(), version).unwrap_or_default();
        if let Some(slot) = fields
            .iter()
            .position(|f| *f == "effective_on")
            .and_then(|i| values.get_mut(i))
        {
            *slot = Value::from(day.to_string());
        }
    }
    values
}

/// Builds the domain event from a type's payload values (in field order), checking each as
/// strictly as `decide` would have: stored data may have been edited by hand.
pub fn decode_fields(ty: &EventType, values: &[Value]) -> Result<Event, SchemaError> {
    let bad = |detail: String| SchemaError::BadPayload {
        event_type: ty.name.to_string(),
        detail,
    };
    // The values are in the type's newest shape (older ones are upcast first).
    let fields = fields_at(ty.name, latest_version(ty.name)).unwrap_or(ty.fields);
    if values.len() != fields.len() {
        return Err(bad(format!(
            "{} payload fields where {} has {}",
            values.len(),
            ty.name,
            fields.len()
        )));
    }
    let field = |name: &str| -> &Value {
        let index = fields.iter().position(|f| *f == name).unwrap_or(0);
        &values[index]
    };
    let text = |name: &str| -> Result<&str, SchemaError> {
        field(name)
            .as_str()
            .ok_or_else(|| bad(format!("{name} is not text")))
    };
    let account = |name: &str| -> Result<AccountId, SchemaError> {
        let id = AccountId::new(text(name)?);
        if id.is_well_formed() {
            Ok(id)
        } else {
            Err(bad(format!("\"{id}\" is not a valid account id")))
        }
    };
    let transfer = || -> Result<TransferId, SchemaError> {
        let id = TransferId::new(text("transfer_id")?);
        if id.is_well_formed() {
            Ok(id)
        } else {
            Err(bad(format!("\"{id}\" is not a valid transfer id")))
        }
    };
    let amount = || -> Result<Money, SchemaError> {
        match field("amount_cents").as_u64() {
            Some(0) => Err(bad("the amount is zero".to_string())),
            Some(cents) => Ok(Money::from_cents(cents)),
            None => Err(bad(
                "amount_cents is not a whole number of cents".to_string()
            )),
        }
    };
    let reason = || -> Result<String, SchemaError> {
        let reason = text("reason")?;
        let chars = reason.chars().count();
        if reason.trim().is_empty() || chars > MAX_REASON_CHARS {
            return Err(bad(format!(
                "the reason must be 1 to {MAX_REASON_CHARS} characters"
            )));
        }
        Ok(reason.to_string())
    };
    Ok(match ty.name {
        "AccountOpened" => Event::AccountOpened {
            account_id: account("account_id")?,
            owner: OwnerName::read(text("owner")?).map_err(|r| bad(r.to_string()))?,
        },
        "MoneyDeposited" => Event::MoneyDeposited {
            amount: deposited_amount(field("amount")).map_err(bad)?,
            effective_on: match field("effective_on") {
                Value::Null => None,
                Value::String(day) => {
                    Some(Day::parse(day).map_err(|why| bad(format!("effective_on: {why}")))?)
                }
                _ => return Err(bad("effective_on is neither a date nor null".to_string())),
            },
        },
        "MoneyWithdrawn" => Event::MoneyWithdrawn { amount: amount()? },
        "BalancePaidOut" => Event::BalancePaidOut { amount: amount()? },
        "WithdrawalReversed" => Event::WithdrawalReversed {
            // A stream version: its first event (the opening) is 1, never a withdrawal.
            withdrawal: match field("withdrawal").as_u64() {
                Some(version) if version > 1 => version,
                _ => {
                    return Err(bad(
                        "withdrawal is not a stream version after the opening".to_string()
                    ))
                }
            },
            amount: amount()?,
        },
        "AccountClosed" => Event::AccountClosed,
        "TransferDebited" => Event::TransferDebited {
            transfer_id: transfer()?,
            to: account("to")?,
            amount: amount()?,
        },
        "TransferCredited" => Event::TransferCredited {
            transfer_id: transfer()?,
            from: account("from")?,
            amount: amount()?,
        },
        "TransferRefunded" => Event::TransferRefunded {
            transfer_id: transfer()?,
            amount: amount()?,
            reason: reason()?,
        },
        "TransferRequested" => Event::TransferRequested {
            transfer_id: transfer()?,
            from: account("from")?,
            to: account("to")?,
            amount: amount()?,
        },
        "TransferCompleted" => Event::TransferCompleted,
        "TransferFailed" => Event::TransferFailed { reason: reason()? },
        other => return Err(SchemaError::UnknownType(other.to_string())),
    })
}

/// A MoneyDeposited v2 amount: `{"cents": 1250, "currency": "USD"}`.
fn deposited_amount(value: &Value) -> Result<Money, String> {
    let Value::Object(amount) = value else {
        return Err("the amount is not an object of cents and currency".to_string());
    };
    if let Some(extra) = amount.keys().find(|k| *k != "cents" && *k != "currency") {
        return Err(format!("the amount has an unknown field `{extra}`"));
    }
    match amount.get("currency").and_then(Value::as_str) {
        Some(CURRENCY) => {}
        Some(other) => {
            return Err(format!(
                "the currency {other} is not kept by this bank ({CURRENCY})"
            ))
        }
        None => return Err("the amount has no currency".to_string()),
    }
    match amount.get("cents").and_then(Value::as_u64) {
        Some(0) => Err("the amount is zero".to_string()),
        Some(cents) => Ok(Money::from_cents(cents)),
        None => Err("the amount's cents are not a whole number".to_string()),
    }
}
