//! The read model a learner built with the form: the fold its [`Definition`] describes. One
//! entry of the registry like the others, so it gets what they get (its own position, lag,
//! checkpoints for the slider, a stored copy, a rebuild whenever its definition changes).

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::event_fields::{value_of, FieldValue};
use super::read_model::ReadModel;
use super::utc_month;
use super::your_definition::{ColumnKind, Compiled, Definition, GroupBy, Operation};
use super::Registered;
use crate::domain::Event;
use crate::eventstore::RecordedEvent;

/// How many values a List cell keeps; the rest are counted.
pub const LIST_KEEP: usize = 20;

/// Which row of the result an event goes to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupKey {
    /// Grouped by nothing: the one row.
    All,
    /// An account (or, for a transfer's own events that name none, the transfer's stream).
    Stream(String),
    /// A month the events were recorded in, as `202603`.
    Month(i64),
}

/// One cell of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    /// How many events.
    Count(u64),
    /// Amounts added minus amounts subtracted, in cents (it may go below zero).
    Total(i64),
    /// The smallest amount so far, in cents.
    Smallest(Option<u64>),
    /// The largest amount so far, in cents.
    Largest(Option<u64>),
    /// The latest value, in words.
    Latest(Option<String>),
    /// The first values, in words, and how many more there were.
    List {
        /// The first [`LIST_KEEP`] values.
        kept: Vec<String>,
        /// How many came after them.
        more: u64,
    },
}

impl Cell {
    /// A cell before any event.
    fn empty(kind: ColumnKind) -> Cell {
        match kind {
            ColumnKind::Count => Cell::Count(0),
            ColumnKind::Total => Cell::Total(0),
            ColumnKind::Smallest => Cell::Smallest(None),
            ColumnKind::Largest => Cell::Largest(None),
            ColumnKind::Latest => Cell::Latest(None),
            ColumnKind::List => Cell::List {
                kept: Vec::new(),
                more: 0,
            },
        }
    }

    /// What it keeps.
    fn kind(&self) -> ColumnKind {
        match self {
            Cell::Count(_) => ColumnKind::Count,
            Cell::Total(_) => ColumnKind::Total,
            Cell::Smallest(_) => ColumnKind::Smallest,
            Cell::Largest(_) => ColumnKind::Largest,
            Cell::Latest(_) => ColumnKind::Latest,
            Cell::List { .. } => ColumnKind::List,
        }
    }

    /// Takes in one event's value by `operation` (a checked definition pairs each operation
    /// with its column's kind and a field that suits it).
    fn take(&mut self, operation: Operation, value: Option<FieldValue>) {
        let cents = match value {
            Some(FieldValue::Money(m)) => m.cents(),
            _ => 0,
        };
        let signed = i64::try_from(cents).unwrap_or(i64::MAX);
        let words = || value.map_or_else(String::new, FieldValue::words);
        match (self, operation) {
            (Cell::Count(n), _) => *n += 1,
            (Cell::Total(t), Operation::Subtract) => *t = t.saturating_sub(signed),
            (Cell::Total(t), _) => *t = t.saturating_add(signed),
            (Cell::Smallest(m), _) => *m = Some(m.map_or(cents, |m| m.min(cents))),
            (Cell::Largest(m), _) => *m = Some(m.map_or(cents, |m| m.max(cents))),
            (Cell::Latest(latest), _) => *latest = Some(words()),
            (Cell::List { kept, more }, _) => {
                if kept.len() < LIST_KEEP {
                    kept.push(words());
                } else {
                    *more += 1;
                }
            }
        }
    }
}

/// The result of a learner's definition: one row of cells per group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YourReadModel {
    /// The checked definition it folds (`None`: an empty one, folding nothing).
    compiled: Option<Rc<Compiled>>,
    groups: BTreeMap<GroupKey, Vec<Cell>>,
}

impl YourReadModel {
    /// The read model `compiled` describes, before any event.
    pub fn new(compiled: Compiled) -> Self {
        YourReadModel {
            compiled: Some(Rc::new(compiled)),
            groups: BTreeMap::new(),
        }
    }

    /// The checked definition it folds.
    pub fn compiled(&self) -> Option<&Compiled> {
        self.compiled.as_deref()
    }

    /// Its rows, in the order of their groups (accounts by id, months in order).
    pub fn groups(&self) -> &BTreeMap<GroupKey, Vec<Cell>> {
        &self.groups
    }
}

/// The row `recorded` goes to under `group_by`.
fn group_of(group_by: GroupBy, recorded: &RecordedEvent) -> GroupKey {
    match group_by {
        GroupBy::Nothing => GroupKey::All,
        GroupBy::Month => GroupKey::Month(utc_month(recorded.recorded_at_ms)),
        GroupBy::Account => GroupKey::Stream(match &recorded.event {
            // A transfer's request lives in the transfer's stream: it is the account it is from.
            Event::TransferRequested { from, .. } => from.to_string(),
            _ => recorded.stream_id.clone(),
        }),
    }
}

impl ReadModel for YourReadModel {
    fn apply(&mut self, recorded: &RecordedEvent) {
        let Some(compiled) = &self.compiled else {
            return;
        };
        let name = recorded.event.name();
        let mut rows = compiled.rows.iter().filter(|row| row.0 == name).peekable();
        if rows.peek().is_none() {
            return;
        }
        let cells = self
            .groups
            .entry(group_of(compiled.definition.group_by, recorded))
            .or_insert_with(|| {
                compiled
                    .columns
                    .iter()
                    .map(|c| Cell::empty(c.kind))
                    .collect()
            });
        for (_, operation, field, column) in rows {
            cells[*column].take(*operation, value_of(&recorded.event, field));
        }
    }
}

impl Registered for YourReadModel {
    const TITLE: &'static str = "Your read model";
    const SLUG: &'static str = "yours";

    /// The definition's fingerprint: a copy of another definition is another version, so it
    /// is never read as this one's.
    fn version(&self) -> u32 {
        self.compiled
            .as_ref()
            .map_or(0, |c| c.definition.fingerprint())
    }

    /// The definition as one JSON line, then one JSON line per row: `[group, cells]`.
    fn encode(&self, out: &mut String) {
        let Some(compiled) = &self.compiled else {
            return;
        };
        let lines = std::iter::once(serde_json::to_string(&compiled.definition))
            .chain(self.groups.iter().map(|row| serde_json::to_string(&row)));
        for line in lines.flatten() {
            out.push_str(&line);
            out.push('\n');
        }
    }

    fn decode(version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        let definition: Definition = serde_json::from_str(lines.next()?).ok()?;
        let compiled = definition.compile().ok()?;
        if definition.fingerprint() != version {
            return None;
        }
        let mut groups = BTreeMap::new();
        for line in lines {
            let (key, cells): (GroupKey, Vec<Cell>) = serde_json::from_str(line).ok()?;
            let fits = cells.len() == compiled.columns.len()
                && cells.iter().zip(&compiled.columns).all(|(cell, column)| {
                    cell.kind() == column.kind
                        && !matches!(cell, Cell::List { kept, .. } if kept.len() > LIST_KEEP)
                });
            if !fits {
                return None;
            }
            groups.insert(key, cells);
        }
        Some(YourReadModel {
            compiled: Some(Rc::new(compiled)),
            groups,
        })
    }
}
