//! A read model a learner builds with a form, as data: rows of "when this event happens, do
//! this with one of its fields, into this column", and how to group the result. No code runs:
//! the fold that follows these rows is [`YourReadModel`](super::YourReadModel).
//!
//! A definition may come from the form, from storage or (later) from a file or link, so it is
//! checked before it is folded: every problem is said in words, with its row.

use serde::{Deserialize, Serialize};

use super::event_fields::{fields_of, kind_of, FieldKind, EVENT_FIELDS};

/// What a row does when its event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    /// Counts the events.
    Count,
    /// Adds a field's amount to a running total.
    Add,
    /// Subtracts a field's amount from a running total.
    Subtract,
    /// Keeps the smallest amount.
    Minimum,
    /// Keeps the largest amount.
    Maximum,
    /// Keeps the field's latest value.
    Latest,
    /// Keeps every value of the field.
    List,
}

impl Operation {
    /// Every operation, in the form's order.
    pub const ALL: [Operation; 7] = [
        Operation::Count,
        Operation::Add,
        Operation::Subtract,
        Operation::Minimum,
        Operation::Maximum,
        Operation::Latest,
        Operation::List,
    ];

    /// Its name in the form.
    pub fn label(self) -> &'static str {
        match self {
            Operation::Count => "Count",
            Operation::Add => "Add",
            Operation::Subtract => "Subtract",
            Operation::Minimum => "Minimum",
            Operation::Maximum => "Maximum",
            Operation::Latest => "Latest",
            Operation::List => "List",
        }
    }

    /// The operation named `label` in the form.
    pub fn of_label(label: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|o| o.label() == label)
    }

    /// True when it reads a field (all but Count).
    pub fn reads_field(self) -> bool {
        self != Operation::Count
    }

    /// True when the field must be an amount (it is added, subtracted or compared).
    pub fn needs_money(self) -> bool {
        matches!(
            self,
            Operation::Add | Operation::Subtract | Operation::Minimum | Operation::Maximum
        )
    }

    /// Whether `kind` of field suits it.
    pub fn suits(self, kind: FieldKind) -> bool {
        !self.needs_money() || kind.is_money()
    }

    /// What its column keeps: Add and Subtract share a running total.
    pub fn column_kind(self) -> ColumnKind {
        match self {
            Operation::Count => ColumnKind::Count,
            Operation::Add | Operation::Subtract => ColumnKind::Total,
            Operation::Minimum => ColumnKind::Smallest,
            Operation::Maximum => ColumnKind::Largest,
            Operation::Latest => ColumnKind::Latest,
            Operation::List => ColumnKind::List,
        }
    }
}

/// What a column of the result keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// How many events.
    Count,
    /// Amounts added and subtracted.
    Total,
    /// The smallest amount.
    Smallest,
    /// The largest amount.
    Largest,
    /// The latest value.
    Latest,
    /// Every value.
    List,
}

/// How the result is grouped into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum GroupBy {
    /// One row for all events.
    #[default]
    Nothing,
    /// One row per account.
    Account,
    /// One row per month the events were recorded in (UTC).
    Month,
}

impl GroupBy {
    /// Every grouping, in the form's order.
    pub const ALL: [GroupBy; 3] = [GroupBy::Nothing, GroupBy::Account, GroupBy::Month];

    /// Its name in the form.
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Nothing => "Nothing",
            GroupBy::Account => "The account",
            GroupBy::Month => "The month",
        }
    }

    /// The grouping named `label` in the form.
    pub fn of_label(label: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.label() == label)
    }
}

/// One row of the form: when `when` happens, do `operation` with `field`, into `column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The event type's name.
    pub when: String,
    /// What to do.
    pub operation: Operation,
    /// The field it reads (empty for Count).
    #[serde(default)]
    pub field: String,
    /// The column it writes; empty: a name made from the row ("MoneyDeposited count").
    #[serde(default)]
    pub column: String,
}

impl Rule {
    /// A row for `when` doing `operation`, on the first field that suits it.
    pub fn new(when: &str, operation: Operation) -> Rule {
        let mut rule = Rule {
            when: when.to_string(),
            operation,
            field: String::new(),
            column: String::new(),
        };
        rule.pick_field();
        rule
    }

    /// The fields of its event that its operation can read.
    pub fn fields(&self) -> Vec<&'static str> {
        if !self.operation.reads_field() {
            return Vec::new();
        }
        fields_of(&self.when)
            .unwrap_or_default()
            .iter()
            .filter(|(_, kind)| self.operation.suits(*kind))
            .map(|(name, _)| *name)
            .collect()
    }

    /// Keeps its field when it still suits the event and the operation, else takes the first
    /// that does (or none): after the event or the operation changed.
    pub fn pick_field(&mut self) {
        let fields = self.fields();
        if !fields.contains(&self.field.as_str()) {
            self.field = fields.first().map_or_else(String::new, |f| f.to_string());
        }
    }

    /// The column it writes: its own name, or one made from the row.
    pub fn column_name(&self) -> String {
        let own = self.column.trim();
        if !own.is_empty() {
            return own.to_string();
        }
        match self.operation {
            Operation::Count => format!("{} count", self.when),
            // Added and subtracted amounts of one field share a total: a balance is deposits
            // added and withdrawals subtracted.
            Operation::Add | Operation::Subtract => format!("total {}", self.field),
            Operation::Minimum => format!("smallest {}", self.field),
            Operation::Maximum => format!("largest {}", self.field),
            Operation::Latest => format!("latest {}", self.field),
            Operation::List => format!("every {}", self.field),
        }
    }
}

/// The most rows a definition has.
pub const MAX_RULES: usize = 20;
/// The longest name or column name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// A read model built with the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// What the learner calls it.
    pub name: String,
    /// Its rows, in order.
    pub rules: Vec<Rule>,
    /// How its result is grouped.
    #[serde(default)]
    pub group_by: GroupBy,
}

impl Default for Definition {
    /// One row, counting deposits: something to change.
    fn default() -> Self {
        Definition {
            name: "My read model".to_string(),
            rules: vec![Rule::new("MoneyDeposited", Operation::Count)],
            group_by: GroupBy::Nothing,
        }
    }
}

/// One column of a checked definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its heading.
    pub name: String,
    /// What it keeps.
    pub kind: ColumnKind,
}

/// A checked definition, ready to fold: its columns, and for each row the column it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The definition it was checked from.
    pub definition: Definition,
    /// The result's columns, in the order their rows first name them.
    pub columns: Vec<Column>,
    /// For each row: its event, its operation, its field and its column's index.
    pub rows: Vec<(&'static str, Operation, &'static str, usize)>,
}

impl Definition {
    /// The starters the form loads in one click.
    pub fn starters() -> [Definition; 3] {
        let named = |column: &str, mut rule: Rule| {
            rule.column = column.to_string();
            rule
        };
        [
            Definition {
                name: "Deposits per month".to_string(),
                rules: vec![
                    named("deposits", Rule::new("MoneyDeposited", Operation::Count)),
                    named("deposited", Rule::new("MoneyDeposited", Operation::Add)),
                ],
                group_by: GroupBy::Month,
            },
            Definition {
                name: "Transfers per account".to_string(),
                rules: vec![
                    named("sent", Rule::new("TransferDebited", Operation::Count)),
                    named("received", Rule::new("TransferCredited", Operation::Count)),
                    named("refunded", Rule::new("TransferRefunded", Operation::Count)),
                ],
                group_by: GroupBy::Account,
            },
            Definition {
                name: "The largest withdrawal".to_string(),
                rules: vec![named(
                    "largest withdrawal",
                    Rule::new("MoneyWithdrawn", Operation::Maximum),
                )],
                group_by: GroupBy::Nothing,
            },
        ]
    }

    /// Checks every row and column: the definition ready to fold, or every problem found, in
    /// words, each naming its row.
    pub fn compile(&self) -> Result<Compiled, Vec<String>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push("Give it a name.".to_string());
        } else if self.name.chars().count() > MAX_NAME_CHARS {
            problems.push(format!(
                "The name is longer than {MAX_NAME_CHARS} characters."
            ));
        }
        if self.rules.is_empty() {
            problems.push("It has no rows yet: add one, or start from an example.".to_string());
        } else if self.rules.len() > MAX_RULES {
            problems.push(format!(
                "It has {} rows, and at most {MAX_RULES} are allowed: remove some.",
                self.rules.len()
            ));
        }
        let mut columns: Vec<Column> = Vec::new();
        let mut rows = Vec::new();
        for (index, rule) in self.rules.iter().enumerate().take(MAX_RULES) {
            let row = index + 1;
            match check_rule(rule) {
                Ok((when, field)) => {
                    let name = rule.column_name();
                    let kind = rule.operation.column_kind();
                    let at = match columns.iter().position(|c| c.name == name) {
                        Some(at) if columns[at].kind != kind => {
                            problems.push(format!(
                                "Row {row} writes \"{name}\" with {}, where an earlier row keeps something else: give it a column name of its own.",
                                rule.operation.label()
                            ));
                            continue;
                        }
                        Some(at) => at,
                        None if rule.column.chars().count() > MAX_NAME_CHARS => {
                            problems.push(format!(
                                "Row {row}: the column name is longer than {MAX_NAME_CHARS} characters."
                            ));
                            continue;
                        }
                        None => {
                            columns.push(Column { name, kind });
                            columns.len() - 1
                        }
                    };
                    rows.push((when, rule.operation, field, at));
                }
                Err(problem) => problems.push(format!("Row {row}: {problem}")),
            }
        }
        if problems.is_empty() {
            Ok(Compiled {
                definition: self.clone(),
                columns,
                rows,
            })
        } else {
            Err(problems)
        }
    }

    /// A number that changes whenever what it folds changes (not its name): the version of
    /// its code, so a stored copy of another definition is never read as this one's.
    pub fn fingerprint(&self) -> u32 {
        let folded = Definition {
            name: String::new(),
            ..self.clone()
        };
        let text = serde_json::to_string(&folded).unwrap_or_default();
        // FNV-1a: equal definitions, equal numbers.
        text.bytes().fold(0x811c_9dc5, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    }
}

/// A row's event type and field as the table of fields spells them, or what is wrong with it.
fn check_rule(rule: &Rule) -> Result<(&'static str, &'static str), String> {
    let Some((when, fields)) = EVENT_FIELDS.iter().find(|(name, _)| *name == rule.when) else {
        return Err(format!("no event is called \"{}\".", rule.when));
    };
    if !rule.operation.reads_field() {
        return Ok((when, ""));
    }
    let op = rule.operation.label();
    if fields.is_empty() {
        return Err(format!("{when} has no fields: only Count applies to it."));
    }
    if rule.operation.needs_money() && !fields.iter().any(|(_, kind)| kind.is_money()) {
        return Err(format!(
            "{when} carries no amount, and {op} works on one: use Count, Latest or List."
        ));
    }
    let Some(kind) = kind_of(when, &rule.field) else {
        let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        return Err(if rule.field.is_empty() {
            format!("{op} needs a field of {when}: one of {}.", names.join(", "))
        } else {
            format!(
                "{when} has no field \"{}\"; its fields are {}.",
                rule.field,
                names.join(", ")
            )
        });
    };
    if !rule.operation.suits(kind) {
        return Err(format!(
            "{op} works on an amount, and {} is not one: use Latest or List for it.",
            rule.field
        ));
    }
    let field = fields
        .iter()
        .map(|(name, _)| *name)
        .find(|name| *name == rule.field)
        .unwrap_or_default();
    Ok((when, field))
}
