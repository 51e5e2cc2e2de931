//! What a read model written by a learner can read of each event: its fields by name, with
//! what kind of value each holds. The names are the domain's (`amount`, not a stored payload's
//! `amount_cents` or `{cents, currency}`): upcasting has already made every stored version of an
//! event the same event by the time a read model sees it.

use crate::domain::{Day, Event, Money};

/// What kind of value a field holds, which says what can be done with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An amount of money: it can be added, subtracted, compared.
    Money,
    /// Words or an id.
    Text,
    /// A whole number that counts nothing (a stream version).
    Number,
    /// A date, or nothing.
    Day,
}

impl FieldKind {
    /// True when Add, Subtract, Minimum and Maximum apply to it.
    pub fn is_money(self) -> bool {
        self == FieldKind::Money
    }
}

/// One field's value in one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'e> {
    /// An amount.
    Money(Money),
    /// Words or an id.
    Text(&'e str),
    /// A whole number.
    Number(u64),
    /// A date.
    Day(Day),
    /// The field is there but holds nothing (a deposit that took effect as recorded).
    Nothing,
}

impl FieldValue<'_> {
    /// As a table cell says it.
    pub fn words(self) -> String {
        match self {
            FieldValue::Money(m) => m.to_string(),
            FieldValue::Text(t) => t.to_string(),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Day(d) => d.to_string(),
            FieldValue::Nothing => "(none)".to_string(),
        }
    }
}

/// Each event type's fields, in the order Event details shows them.
pub const EVENT_FIELDS: [(&str, &[(&str, FieldKind)]); 12] = [
    (
        "AccountOpened",
        &[("account_id", FieldKind::Text), ("owner", FieldKind::Text)],
    ),
    (
        "MoneyDeposited",
        &[
            ("amount", FieldKind::Money),
            ("effective_on", FieldKind::Day),
        ],
    ),
    ("MoneyWithdrawn", &[("amount", FieldKind::Money)]),
    ("BalancePaidOut", &[("amount", FieldKind::Money)]),
    (
        "WithdrawalReversed",
        &[
            ("withdrawal", FieldKind::Number),
            ("amount", FieldKind::Money),
        ],
    ),
    ("AccountClosed", &[]),
    (
        "TransferDebited",
        &[
            ("transfer_id", FieldKind::Text),
            ("to", FieldKind::Text),
            ("amount", FieldKind::Money),
        ],
    ),
    (
        "TransferCredited",
        &[
            ("transfer_id", FieldKind::Text),
            ("from", FieldKind::Text),
            ("amount", FieldKind::Money),
        ],
    ),
    (
        "TransferRefunded",
        &[
            ("transfer_id", FieldKind::Text),
            ("amount", FieldKind::Money),
            ("reason", FieldKind::Text),
        ],
    ),
    (
        "TransferRequested",
        &[
            ("transfer_id", FieldKind::Text),
            ("from", FieldKind::Text),
            ("to", FieldKind::Text),
            ("amount", FieldKind::Money),
        ],
    ),
    ("TransferCompleted", &[]),
    ("TransferFailed", &[("reason", FieldKind::Text)]),
];

/// The fields of the event type named `event`, or `None` for a name no event has.
pub fn fields_of(event: &str) -> Option<&'static [(&'static str, FieldKind)]> {
    EVENT_FIELDS
        .iter()
        .find(|(name, _)| *name == event)
        .map(|(_, fields)| *fields)
}

/// The kind of `field` of the event type named `event`, if it has that field.
pub fn kind_of(event: &str, field: &str) -> Option<FieldKind> {
    fields_of(event)?
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, kind)| *kind)
}

/// The value of `field` in `event`, or `None` when its type has no such field.
pub fn value_of<'e>(event: &'e Event, field: &str) -> Option<FieldValue<'e>> {
    let money = |m: &Money| Some(FieldValue::Money(*m));
    match (event, field) {
        (Event::AccountOpened { account_id, .. }, "account_id") => {
            Some(FieldValue::Text(account_id.as_str()))
        }
        (Event::AccountOpened { owner, .. }, "owner") => Some(FieldValue::Text(owner.as_str())),
        (Event::MoneyDeposited { effective_on, .. }, "effective_on") => {
            Some(effective_on.map_or(FieldValue::Nothing, FieldValue::Day))
        }
        (Event::WithdrawalReversed { withdrawal, .. }, "withdrawal") => {
            Some(FieldValue::Number(*withdrawal))
        }
        (
            Event::MoneyDeposited { amount, .. }
            | Event::MoneyWithdrawn { amount }
            | Event::BalancePaidOut { amount }
            | Event::WithdrawalReversed { amount, .. }
            | Event::TransferDebited { amount, .. }
            | Event::TransferCredited { amount, .. }
            | Event::TransferRefunded { amount, .. }
            | Event::TransferRequested { amount, .. },
            "amount",
        ) => money(amount),
        (
            Event::TransferDebited { transfer_id, .. }
            | Event::TransferCredited { transfer_id, .. }
            | Event::TransferRefunded { transfer_id, .. }
            | Event::TransferRequested { transfer_id, .. },
            "transfer_id",
        ) => Some(FieldValue::Text(transfer_id.as_str())),
        (Event::TransferDebited { to, .. } | Event::TransferRequested { to, .. }, "to") => {
            Some(FieldValue::Text(to.as_str()))
        }
        (Event::TransferCredited { from, .. } | Event::TransferRequested { from, .. }, "from") => {
            Some(FieldValue::Text(from.as_str()))
        }
        (Event::TransferRefunded { reason, .. } | Event::TransferFailed { reason }, "reason") => {
            Some(FieldValue::Text(reason))
        }
        _ => None,
    }
}
