//! The "Your read model" form as the page shows it, decided natively: each control's label, id,
//! choices and value, and the edit a new value makes. The adapter draws it with one function
//! per kind of control.

use crate::read_models::{Definition, GroupBy, Operation, Rule, EVENT_FIELDS, MAX_RULES};

use super::page::YourEdit;

/// The Field select's one option when no field of the event suits the operation.
pub const NO_FIELD: &str = "(none suits)";

/// A select: its options and the one chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Its visible label, also its accessible name.
    pub label: &'static str,
    /// Its element id (unique on the page, so the focus can come back to it).
    pub id: String,
    /// Its options, in order.
    pub options: Vec<String>,
    /// The option chosen.
    pub chosen: String,
    /// What choosing `option` changes.
    pub edit: ChoiceEdit,
}

/// What a choice changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceEdit {
    /// A row's event.
    When(usize),
    /// A row's operation.
    Operation(usize),
    /// A row's field.
    Field(usize),
    /// The grouping.
    GroupBy,
}

impl ChoiceEdit {
    /// The edit that choosing `option` makes, or `None` for an option no edit has.
    pub fn to(self, option: String) -> Option<YourEdit> {
        Some(match self {
            ChoiceEdit::When(row) => YourEdit::When(row, option),
            ChoiceEdit::Operation(row) => YourEdit::Operation(row, Operation::of_label(&option)?),
            ChoiceEdit::Field(row) => YourEdit::Field(row, option),
            ChoiceEdit::GroupBy => YourEdit::GroupBy(GroupBy::of_label(&option)?),
        })
    }
}

/// One row of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowForm {
    /// Which row, counted from 0.
    pub index: usize,
    /// "Row 2", its group's name.
    pub legend: String,
    /// When this event happens, what to do, and (when it reads one) the field.
    pub choices: Vec<Choice>,
    /// Its column's own name (empty: made from the row).
    pub column: String,
    /// The name made from the row, shown while it has none of its own.
    pub made_column: String,
    /// Its column field's id.
    pub column_id: String,
    /// "Remove row 2".
    pub remove: String,
    /// Its Remove button's id.
    pub remove_id: String,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YourForm {
    /// The read model's name.
    pub name: String,
    /// Its rows.
    pub rows: Vec<RowForm>,
    /// How its result is grouped.
    pub group_by: Choice,
    /// Whether another row may be added.
    pub can_add: bool,
}

/// The form of `definition`.
pub fn your_form(definition: &Definition) -> YourForm {
    YourForm {
        name: definition.name.clone(),
        // Edited storage may hold thousands: the form draws what a definition may have, and its
        // problem says how many there are.
        rows: definition
            .rules
            .iter()
            .take(MAX_RULES)
            .enumerate()
            .map(row_form)
            .collect(),
        group_by: Choice {
            label: "Group by",
            id: "yours-group-by".to_string(),
            options: GroupBy::ALL.map(|g| g.label().to_string()).to_vec(),
            chosen: definition.group_by.label().to_string(),
            edit: ChoiceEdit::GroupBy,
        },
        can_add: definition.rules.len() < MAX_RULES,
    }
}

fn row_form((row, rule): (usize, &Rule)) -> RowForm {
    let n = row + 1;
    let mut choices = vec![
        Choice {
            label: "When this event happens",
            id: format!("yours-{n}-when"),
            options: EVENT_FIELDS.map(|(name, _)| name.to_string()).to_vec(),
            chosen: rule.when.clone(),
            edit: ChoiceEdit::When(row),
        },
        Choice {
            label: "What to do",
            id: format!("yours-{n}-operation"),
            options: Operation::ALL.map(|o| o.label().to_string()).to_vec(),
            chosen: rule.operation.label().to_string(),
            edit: ChoiceEdit::Operation(row),
        },
    ];
    if rule.operation.reads_field() {
        let fields: Vec<String> = rule.fields().iter().map(ToString::to_string).collect();
        choices.push(Choice {
            label: "Field",
            id: format!("yours-{n}-field"),
            // No field of its event suits the operation: the problem says why.
            chosen: if fields.is_empty() {
                NO_FIELD.to_string()
            } else {
                rule.field.clone()
            },
            options: if fields.is_empty() {
                vec![NO_FIELD.to_string()]
            } else {
                fields
            },
            edit: ChoiceEdit::Field(row),
        });
    }
    RowForm {
        index: row,
        legend: format!("Row {n}"),
        choices,
        column: rule.column.clone(),
        made_column: Rule {
            column: String::new(),
            ..rule.clone()
        }
        .column_name(),
        column_id: format!("yours-{n}-column"),
        remove: format!("Remove row {n}"),
        remove_id: format!("yours-{n}-remove"),
    }
}
