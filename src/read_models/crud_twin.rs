//! The CRUD twin: the same commands run by a CRUD application as an experienced developer would
//! write it. One `accounts` table (id, owner, balance, status); a deposit or a withdrawal updates
//! the balance; a transfer is one transaction that updates both rows or, refused, changes
//! nothing; closing sets the status. What it loses is what the comparison is about: every
//! earlier value, the intent behind each change, and so the answers to questions nobody planned.
//! It has what such a table ordinarily has (a status instead of a DELETE, a `created_at`), so
//! the comparison is with CRUD at its best, not a straw man.
//!
//! It follows the ledger's accepted commands, one event at a time, and decides with its own
//! table: a transfer runs whole when it is requested, so the process's later steps run nothing
//! here. When steps are delivered one at a time the two can disagree (CRUD has already moved
//! money the ledger's process has not debited yet), and the twin then refuses by its own rules.

use std::collections::HashMap;

use crate::domain::{Event, Money, TransferId};
use crate::eventstore::{encode_event, RecordedEvent};

use super::read_model::ReadModel;
use super::{format_utc, Registered};

/// A row of `accounts`, as CRUD holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    owner: String,
    balance: Money,
    /// Where it was closed (`status = 'closed'`), if it was.
    closed_at: Option<u64>,
    /// When the row was inserted, in ms since the Unix epoch.
    created_at_ms: i64,
}

/// A transfer CRUD ran when it was requested, until the ledger's process ends it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RanTransfer {
    transfer_id: TransferId,
    /// The position of the event it ran at.
    at: u64,
    /// Committed, or refused and nothing written.
    committed: bool,
    /// Requested through the process (ends with the transfer's own last event), or one atomic
    /// write (ends with its credit).
    requested: bool,
}

/// The `accounts` table after some events, and how many values its updates overwrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrudTable {
    rows: Vec<Row>,
    /// Where each account's id is in `rows`.
    index: HashMap<String, usize>,
    /// Transfers CRUD already ran whose events are still arriving (a handful at most).
    transfers: Vec<RanTransfer>,
    /// Values overwritten so far: each one still in the ledger, in no row.
    overwritten: usize,
}

/// Why CRUD's own checks refused a command the ledger accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The row's balance is less than the amount.
    Short { row: usize, amount: Money },
    /// One of a transfer's two accounts has no open row.
    NotOpen,
}

/// What one event made CRUD do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A row was inserted.
    Inserted {
        row: usize,
    },
    /// A balance was updated; it `was` this.
    Updated {
        row: usize,
        was: Money,
    },
    /// The row's status was set to closed, its balance `paid_out` in the same UPDATE.
    Closed {
        row: usize,
        paid_out: Money,
    },
    /// Both balances updated in one transaction; `was` holds what they were.
    Transferred {
        from: usize,
        to: usize,
        was: (Money, Money),
    },
    Refused(Refusal),
    /// The command this event belongs to ran (or was refused) whole at `at`.
    RanEarlier {
        at: u64,
        committed: bool,
    },
    /// The close ran whole at `at`.
    ClosedEarlier {
        at: u64,
    },
    /// An event CRUD has no row for (never in a history that passed the rules).
    Nothing,
}

impl CrudTable {
    fn open_row(&self, id: &str) -> Option<usize> {
        self.index
            .get(id)
            .copied()
            .filter(|&row| self.rows[row].closed_at.is_none())
    }

    /// `BEGIN; UPDATE; UPDATE; COMMIT;` when both rows are open and the source holds enough,
    /// else nothing at all.
    fn transfer(&mut self, from: &str, to: &str, amount: Money) -> Outcome {
        let (Some(from), Some(to)) = (self.open_row(from), self.open_row(to)) else {
            return Outcome::Refused(Refusal::NotOpen);
        };
        let was = (self.rows[from].balance, self.rows[to].balance);
        let Some(left) = was.0.checked_sub(amount) else {
            return Outcome::Refused(Refusal::Short { row: from, amount });
        };
        self.rows[from].balance = left;
        self.rows[to].balance = was.1.saturating_add(amount);
        self.overwritten += 2;
        Outcome::Transferred { from, to, was }
    }

    /// Remembers that CRUD ran (or refused) the transfer `id` at this event, with `outcome`,
    /// until the ledger's own events of it end.
    fn ran(
        &mut self,
        recorded: &RecordedEvent,
        id: &TransferId,
        outcome: Outcome,
        requested: bool,
    ) -> Outcome {
        self.transfers.push(RanTransfer {
            transfer_id: id.clone(),
            at: recorded.position,
            committed: matches!(outcome, Outcome::Transferred { .. }),
            requested,
        });
        outcome
    }

    /// The transfer `id` CRUD already ran, forgotten once its last event is in (`ends`).
    fn ran_earlier(&mut self, id: &TransferId, ends: impl Fn(&RanTransfer) -> bool) -> Outcome {
        let Some(i) = self.transfers.iter().position(|t| &t.transfer_id == id) else {
            return Outcome::Nothing;
        };
        let ran = &self.transfers[i];
        let outcome = Outcome::RanEarlier {
            at: ran.at,
            committed: ran.committed,
        };
        if ends(ran) {
            self.transfers.remove(i);
        }
        outcome
    }

    /// Runs the command `recorded` stands for, if it has not run already.
    fn run(&mut self, recorded: &RecordedEvent) -> Outcome {
        let own = self.index.get(recorded.stream_id.as_str()).copied();
        match (&recorded.event, own) {
            (Event::AccountOpened { account_id, owner }, None) => {
                self.index
                    .insert(recorded.stream_id.clone(), self.rows.len());
                self.rows.push(Row {
                    id: account_id.to_string(),
                    owner: owner.to_string(),
                    balance: Money::ZERO,
                    closed_at: None,
                    created_at_ms: recorded.recorded_at_ms,
                });
                Outcome::Inserted {
                    row: self.rows.len() - 1,
                }
            }
            (Event::MoneyDeposited { amount, .. }, Some(row)) => {
                let was = self.rows[row].balance;
                self.rows[row].balance = was.saturating_add(*amount);
                self.overwritten += 1;
                Outcome::Updated { row, was }
            }
            // A correction, to CRUD: one more UPDATE of the balance.
            (Event::WithdrawalReversed { amount, .. }, Some(row)) => {
                let was = self.rows[row].balance;
                self.rows[row].balance = was.saturating_add(*amount);
                self.overwritten += 1;
                Outcome::Updated { row, was }
            }
            (Event::MoneyWithdrawn { amount }, Some(row)) => {
                let was = self.rows[row].balance;
                let Some(left) = was.checked_sub(*amount) else {
                    return Outcome::Refused(Refusal::Short {
                        row,
                        amount: *amount,
                    });
                };
                self.rows[row].balance = left;
                self.overwritten += 1;
                Outcome::Updated { row, was }
            }
            // The close command's payout, then its closing: CRUD runs the close once, at the
            // first of them, paying out what its own row holds.
            (Event::BalancePaidOut { .. } | Event::AccountClosed, Some(row)) => {
                match self.rows[row].closed_at {
                    Some(at) => Outcome::ClosedEarlier { at },
                    None => {
                        let paid_out = std::mem::replace(&mut self.rows[row].balance, Money::ZERO);
                        self.rows[row].closed_at = Some(recorded.position);
                        self.overwritten += if paid_out.is_zero() { 1 } else { 2 };
                        Outcome::Closed { row, paid_out }
                    }
                }
            }
            (
                Event::TransferRequested {
                    transfer_id,
                    from,
                    to,
                    amount,
                },
                _,
            ) => {
                let outcome = self.transfer(from.as_str(), to.as_str(), *amount);
                self.ran(recorded, transfer_id, outcome, true)
            }
            (
                Event::TransferDebited {
                    transfer_id,
                    to,
                    amount,
                },
                _,
            ) => match self.ran_earlier(transfer_id, |_| false) {
                // No request before it: the atomic write, which CRUD runs here, whole.
                Outcome::Nothing => {
                    let from = recorded.stream_id.clone();
                    let outcome = self.transfer(&from, to.as_str(), *amount);
                    self.ran(recorded, transfer_id, outcome, false)
                }
                earlier => earlier,
            },
            (Event::TransferCredited { transfer_id, .. }, _) => {
                self.ran_earlier(transfer_id, |t| !t.requested)
            }
            (Event::TransferRefunded { transfer_id, .. }, _) => {
                self.ran_earlier(transfer_id, |_| false)
            }
            (Event::TransferCompleted | Event::TransferFailed { .. }, _) => {
                let id = TransferId::new(&recorded.stream_id);
                self.ran_earlier(&id, |t| t.requested)
            }
            _ => Outcome::Nothing,
        }
    }

    /// The rows, in opening order, as the table prints them.
    pub fn rows(&self) -> Vec<CrudRow> {
        self.rows.iter().map(printed).collect()
    }

    /// How many values CRUD's updates have overwritten so far; the ledger keeps every one.
    pub fn values_overwritten(&self) -> usize {
        self.overwritten
    }
}

impl ReadModel for CrudTable {
    fn apply(&mut self, recorded: &RecordedEvent) {
        self.run(recorded);
    }
}

impl Registered for CrudTable {
    const TITLE: &'static str = "CRUD twin";
    const SLUG: &'static str = "crud-twin";
    // Folded from the events at every start, as the slider needs it at any point.
    const KEEPS_COPY: bool = false;

    /// Keeps no copy ([`Registered::KEEPS_COPY`]).
    fn encode(&self, _out: &mut String) {}

    fn decode(_version: u32, _lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        None
    }
}

/// A row of `accounts`, printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudRow {
    /// `id`.
    pub id: String,
    /// `owner`.
    pub owner: String,
    /// `balance`, in dollars and cents as SQL would print a DECIMAL.
    pub balance: String,
    /// `status`: `open` or `closed` (a closed account keeps its row).
    pub status: &'static str,
    /// `created_at`, in UTC as SQL prints a TIMESTAMP.
    pub created_at: String,
}

fn printed(row: &Row) -> CrudRow {
    CrudRow {
        id: row.id.clone(),
        owner: row.owner.clone(),
        balance: decimal(row.balance),
        status: if row.closed_at.is_some() {
            "closed"
        } else {
            "open"
        },
        created_at: timestamp(row.created_at_ms),
    }
}

/// What the command of one event made each side run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudStatement {
    /// What CRUD ran against `accounts` (or, as an SQL comment, why it ran nothing).
    pub crud_sql: String,
    /// The values that statement overwrote; `None` when it overwrote nothing.
    pub lost: Option<String>,
    /// What the change meant, which no column records; `None` when nothing changed.
    pub unrecorded: Option<String>,
    /// What event sourcing runs instead: one more row in an append-only `events` table.
    pub event_sql: String,
}

/// The CRUD table at the cursor, and the statement of the cursor's event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrudTwin {
    /// One row per account opened, in opening order.
    pub rows: Vec<CrudRow>,
    /// The statement of the last applied event.
    pub last: Option<CrudStatement>,
    /// How many values CRUD has overwritten so far: all kept in the ledger.
    pub values_lost: usize,
}

fn decimal(money: Money) -> String {
    format!("{}.{:02}", money.cents() / 100, money.cents() % 100)
}

/// A TIMESTAMP as SQL prints it: the ledger's UTC time without its zone.
fn timestamp(ms: i64) -> String {
    let mut utc = format_utc(ms);
    utc.truncate(utc.len() - " UTC".len());
    utc
}

/// SQL text literal: quotes doubled, so a name such as O'Brien stays one value.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn set_balance(row: &Row) -> String {
    format!(
        "UPDATE accounts SET balance = {} WHERE id = {};",
        decimal(row.balance),
        quoted(&row.id)
    )
}

/// The twin after the first `cursor` events. `table_at(k)` gives the table after the first k
/// events (from the nearest checkpoint, in the page), so only the last event's command is run
/// again, and a jump costs no more at 100,000 events than the state panel's own fold.
pub fn crud_twin_at(
    events: &[RecordedEvent],
    cursor: usize,
    table_at: impl Fn(usize) -> CrudTable,
) -> CrudTwin {
    let cursor = cursor.min(events.len());
    let Some(recorded) = cursor.checked_sub(1).map(|last| &events[last]) else {
        let empty = table_at(0);
        return CrudTwin {
            rows: empty.rows(),
            last: None,
            values_lost: empty.overwritten,
        };
    };
    let mut table = table_at(cursor - 1);
    let outcome = table.run(recorded);
    let last = statement(&table, outcome, recorded);
    CrudTwin {
        rows: table.rows(),
        last: Some(last),
        values_lost: table.overwritten,
    }
}

/// What CRUD ran for `recorded` (with `outcome`, leaving `table`), and the INSERT event
/// sourcing runs instead.
fn statement(table: &CrudTable, outcome: Outcome, recorded: &RecordedEvent) -> CrudStatement {
    let row = |i: usize| &table.rows[i];
    let (crud_sql, lost, unrecorded) = match outcome {
        Outcome::Inserted { row: i } => (
            format!(
                "INSERT INTO accounts (id, owner, balance, status, created_at) VALUES ({}, {}, 0.00, 'open', {});",
                quoted(&row(i).id),
                quoted(&row(i).owner),
                quoted(&timestamp(row(i).created_at_ms)),
            ),
            None,
            None,
        ),
        Outcome::Updated { row: i, was } => (
            set_balance(row(i)),
            Some(format!("balance {}", decimal(was))),
            Some(format!("that {} changed it", what_changed(&recorded.event))),
        ),
        Outcome::Closed { row: i, paid_out } if paid_out.is_zero() => (
            format!(
                "UPDATE accounts SET status = 'closed' WHERE id = {};",
                quoted(&row(i).id)
            ),
            Some("status open".to_string()),
            None,
        ),
        Outcome::Closed { row: i, paid_out } => (
            format!(
                "UPDATE accounts SET balance = 0.00, status = 'closed' WHERE id = {};",
                quoted(&row(i).id)
            ),
            Some(format!("balance {}, status open", decimal(paid_out))),
            Some(format!("that closing paid out {paid_out}")),
        ),
        Outcome::Transferred { from, to, was } => (
            format!(
                "BEGIN; {} {} COMMIT;",
                set_balance(row(from)),
                set_balance(row(to))
            ),
            Some(format!(
                "balances {} and {}",
                decimal(was.0),
                decimal(was.1)
            )),
            Some(format!(
                "that a transfer moved {} between them",
                row(to).balance.checked_sub(was.1).unwrap_or(Money::ZERO)
            )),
        ),
        Outcome::Refused(Refusal::Short { row: i, amount }) => (
            format!(
                "-- refused, nothing written: balance {} is less than {}",
                decimal(row(i).balance),
                decimal(amount)
            ),
            None,
            None,
        ),
        Outcome::Refused(Refusal::NotOpen) => (
            "-- refused, nothing written: both accounts must be open".to_string(),
            None,
            None,
        ),
        Outcome::RanEarlier { at, committed } => (
            if committed {
                format!("-- nothing: CRUD ran the whole transfer at #{at}, in one transaction")
            } else {
                format!("-- nothing: CRUD refused this transfer at #{at}")
            },
            None,
            None,
        ),
        Outcome::ClosedEarlier { at } => (
            format!("-- nothing: CRUD closed the account at #{at}, in one UPDATE"),
            None,
            None,
        ),
        Outcome::Nothing => ("-- nothing".to_string(), None, None),
    };
    let stored = encode_event(&recorded.event);
    let event_sql = format!(
        "INSERT INTO events (position, stream_id, version, type, payload) VALUES ({}, {}, {}, {}, {});",
        recorded.position,
        quoted(&recorded.stream_id),
        recorded.stream_version,
        quoted(&stored.event_type),
        // The compact JSON, as Display would write it; Display would bring a second copy of
        // serde_json's writer (for fmt::Write) into the wasm.
        quoted(&serde_json::to_string(&stored.payload).unwrap_or_default()),
    );
    CrudStatement {
        crud_sql,
        lost,
        unrecorded,
        event_sql,
    }
}

/// The change an event made to one balance, in words: "a deposit of $80.50".
fn what_changed(event: &Event) -> String {
    match event {
        Event::MoneyDeposited { amount, .. } => format!("a deposit of {amount}"),
        Event::MoneyWithdrawn { amount } => format!("a withdrawal of {amount}"),
        Event::WithdrawalReversed { amount, .. } => {
            format!("the reversal of a withdrawal of {amount}")
        }
        other => other.name().to_string(),
    }
}
