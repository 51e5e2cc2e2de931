//! The CRUD twin: what a table with one row per account would hold after the same commands, the
//! SQL each event would have run against it, and what that SQL destroyed. Beside it, the one
//! INSERT into an events table that event sourcing runs instead. A transfer, in CRUD, is two
//! UPDATEs: between them the money is in no row, and nothing records that it is owed.

use crate::domain::{AccountState, Event, Money};
use crate::eventstore::{encode_event, RecordedEvent};

use super::BankState;

/// The `accounts` row, as CRUD would hold it after the first k events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudRow {
    /// `id`.
    pub id: String,
    /// `owner`.
    pub owner: String,
    /// `balance`, in dollars and cents as SQL would print a DECIMAL.
    pub balance: String,
    /// `status`.
    pub status: &'static str,
}

/// The statement one event stands for, on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudStatement {
    /// What CRUD would run against `accounts`.
    pub crud_sql: String,
    /// What that statement overwrote or deleted, in words; `None` when nothing was lost.
    pub lost: Option<String>,
    /// What event sourcing runs instead: one more row in an append-only `events` table.
    pub event_sql: String,
}

/// The CRUD table after the first `cursor` events, and the statement of event `cursor` (the last
/// one applied), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudTwin {
    /// One row per open account, in opening order (a closed account's row was deleted).
    pub rows: Vec<CrudRow>,
    /// The statement of the last applied event.
    pub last: Option<CrudStatement>,
    /// How many values CRUD has destroyed so far, UPDATE by UPDATE: all kept in the ledger.
    pub values_lost: usize,
    /// Money a transfer has taken from one row and not yet put in another: between two
    /// UPDATEs without a transaction, a crash here loses it, as no table says it is owed.
    pub money_lost: Option<Money>,
}

fn decimal(money: Money) -> String {
    format!("{}.{:02}", money.cents() / 100, money.cents() % 100)
}

/// SQL text literal: quotes doubled, so a name such as O'Brien stays one value.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The CRUD table after the first `cursor` events, and the statement of event `cursor` (the last
/// one applied), if any. `state_at(k)` gives the bank after the first k events (from the
/// nearest checkpoint, in the page), so only the last event's SQL is written and a jump costs no
/// more at 100,000 events than the state panel's own fold.
pub fn crud_twin_at(
    events: &[RecordedEvent],
    cursor: usize,
    state_at: impl Fn(usize) -> BankState,
) -> CrudTwin {
    let applied = &events[..cursor.min(events.len())];
    let Some(recorded) = applied.last() else {
        return CrudTwin {
            rows: Vec::new(),
            last: None,
            values_lost: 0,
            money_lost: None,
        };
    };
    let before = state_at(applied.len() - 1);
    let after = state_at(applied.len());
    let id = quoted(&recorded.stream_id);
    let stored = encode_event(&recorded.event);
    let event_sql = format!(
        "INSERT INTO events (position, stream_id, version, type, payload) VALUES ({}, {id}, {}, {}, {});",
        recorded.position,
        recorded.stream_version,
        quoted(&stored.event_type),
        // The compact JSON, as Display would write it; Display would bring a second copy of
        // serde_json's writer (for fmt::Write) into the wasm.
        quoted(&serde_json::to_string(&stored.payload).unwrap_or_default()),
    );
    let balance_of = |state: &BankState| {
        decimal(
            state
                .account(&recorded.stream_id)
                .map_or(Money::ZERO, AccountState::balance),
        )
    };
    let update = || {
        (
            format!(
                "UPDATE accounts SET balance = {} WHERE id = {id};",
                balance_of(&after)
            ),
            Some(format!("balance {}", balance_of(&before))),
        )
    };
    let (crud_sql, lost) = match &recorded.event {
        Event::AccountOpened { account_id, owner } => (
            format!(
                "INSERT INTO accounts (id, owner, balance, status) VALUES ({}, {}, 0.00, 'open');",
                quoted(account_id.as_str()),
                quoted(owner.as_str()),
            ),
            None,
        ),
        Event::MoneyDeposited { .. }
        | Event::MoneyWithdrawn { .. }
        | Event::TransferDebited { .. }
        | Event::TransferCredited { .. }
        | Event::TransferRefunded { .. } => update(),
        Event::AccountClosed => (
            format!("DELETE FROM accounts WHERE id = {id};"),
            before
                .account(&recorded.stream_id)
                .and_then(row_of)
                .map(|row| {
                    format!(
                        "the whole row: id {}, owner {}, balance {}, status {}",
                        row.id, row.owner, row.balance, row.status
                    )
                }),
        ),
        // CRUD keeps no record of a transfer itself: only the two balances it changes.
        Event::TransferRequested { .. }
        | Event::TransferCompleted
        | Event::TransferFailed { .. } => (
            "-- nothing: no table holds the transfer, only the two balances it changes".to_string(),
            None,
        ),
    };
    let in_flight = after.totals().in_flight;
    CrudTwin {
        rows: after
            .accounts()
            .iter()
            .filter_map(|(_, state)| row_of(state))
            .collect(),
        last: Some(CrudStatement {
            crud_sql,
            lost,
            event_sql,
        }),
        // Every UPDATE and DELETE destroyed a value; INSERTs and transfer records destroyed
        // nothing.
        values_lost: applied
            .iter()
            .filter(|r| {
                !matches!(
                    r.event,
                    Event::AccountOpened { .. }
                        | Event::TransferRequested { .. }
                        | Event::TransferCompleted
                        | Event::TransferFailed { .. }
                )
            })
            .count(),
        money_lost: (!in_flight.is_zero()).then_some(in_flight),
    }
}

/// An open account's row; a closed one was deleted, and before opening there was no INSERT.
fn row_of(state: &AccountState) -> Option<CrudRow> {
    match state {
        AccountState::Open {
            account_id,
            owner,
            balance,
            ..
        } => Some(CrudRow {
            id: account_id.to_string(),
            owner: owner.to_string(),
            balance: decimal(*balance),
            status: "open",
        }),
        AccountState::Closed { .. } | AccountState::NoAccount => None,
    }
}
