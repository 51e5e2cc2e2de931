//! The learner's own read model on the page: each change the form makes is one named action,
//! checked, and (when it checks) folded from position 1 at once, timed.

use crate::app::format::{count, tenths};
use crate::app::your_read_model_view::{your_view, YourView};
use crate::eventstore::KeyValueStore;
use crate::read_models::{Definition, GroupBy, Operation, Rule, MAX_RULES};

use super::Page;

/// One change to the learner's definition, as the form makes it. Rows are counted from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YourEdit {
    /// Starts one: a row counting deposits.
    Start,
    /// Loads one of [`Definition::starters`], in place of what the form holds.
    Starter(usize),
    /// Renames it.
    Name(String),
    /// Groups its rows differently.
    GroupBy(GroupBy),
    /// A row's event.
    When(usize, String),
    /// A row's operation.
    Operation(usize, Operation),
    /// A row's field.
    Field(usize, String),
    /// A row's column name (empty: one made from the row).
    Column(usize, String),
    /// One more row, like the last.
    AddRow,
    /// Takes a row away.
    RemoveRow(usize),
    /// Takes the read model away, with its stored copy.
    Remove,
}

impl<S: KeyValueStore + Clone> Page<S> {
    /// The "Your read model" region at the slider, once the learner made one.
    pub fn your_read_model(&self) -> Option<YourView> {
        let mut view = your_view(
            &self.read_models,
            self.showing.events(),
            self.shown(),
            self.present(),
        )?;
        view.rebuilt = self.your_note.clone().unwrap_or_default();
        Some(view)
    }

    /// What is wrong with the learner's definition, each naming its row (none while it
    /// checks, or while there is none).
    pub fn your_problems(&self) -> Vec<String> {
        self.read_models
            .your_definition()
            .and_then(|d| d.compile().err())
            .unwrap_or_default()
    }

    /// The learner's definition as the form shows it.
    pub fn your_definition(&self) -> Option<&Definition> {
        self.read_models.your_definition()
    }

    /// Makes one change to the learner's definition. When the result checks and folds
    /// differently, the read model is rebuilt from position 1, timed by `clock` (ms); when it
    /// does not, the region says why and the definition is kept as it is, to be put right.
    pub fn edit_your_read_model(&mut self, edit: YourEdit, clock: &dyn Fn() -> f64) {
        let mut definition = self.read_models.your_definition().cloned();
        if let Some(d) = &mut definition {
            apply(d, &edit);
        } else if let YourEdit::Starter(_) | YourEdit::Start = edit {
            let mut d = Definition::default();
            apply(&mut d, &edit);
            definition = Some(d);
        }
        if edit == YourEdit::Remove {
            definition = None;
        }
        let name = definition
            .as_ref()
            .map(|d| d.name.trim().to_string())
            .unwrap_or_default();
        let events = self.showing.events();
        let started = clock();
        let rebuilt = self.read_models.define_yours(definition, events);
        let folding_ms = clock() - started;
        match rebuilt {
            Ok(true) => {
                let note = format!(
                    "Rebuilt from {} in {} ms.",
                    count(events.len(), "event", "events"),
                    tenths(folding_ms)
                );
                self.messages
                    .success(format!("Your read model \"{name}\": {note}"));
                self.your_note = Some(note);
            }
            Ok(false) if edit == YourEdit::Remove => {
                self.your_note = None;
                self.messages.success(if self.writes_copies() {
                    "Your read model is removed, with its stored copy. The ledger is untouched."
                } else {
                    "Your read model is removed. The ledger is untouched."
                });
            }
            // Nothing is folded while it has a problem: how it was last built no longer holds.
            Err(_) => self.your_note = None,
            Ok(false) => {}
        }
    }
}

/// Makes `edit` to `definition`; a row that is not there is left alone.
fn apply(definition: &mut Definition, edit: &YourEdit) {
    let rules = &mut definition.rules;
    match edit {
        YourEdit::Start | YourEdit::Remove => {}
        YourEdit::Starter(index) => {
            if let Some(starter) = Definition::starters().get(*index) {
                *definition = starter.clone();
            }
        }
        YourEdit::Name(name) => definition.name = name.clone(),
        YourEdit::GroupBy(group_by) => definition.group_by = *group_by,
        YourEdit::When(row, when) => {
            if let Some(rule) = rules.get_mut(*row) {
                rule.when = when.clone();
                rule.pick_field();
            }
        }
        YourEdit::Operation(row, operation) => {
            if let Some(rule) = rules.get_mut(*row) {
                rule.operation = *operation;
                rule.pick_field();
            }
        }
        YourEdit::Field(row, field) => {
            if let Some(rule) = rules.get_mut(*row) {
                rule.field = field.clone();
            }
        }
        YourEdit::Column(row, column) => {
            if let Some(rule) = rules.get_mut(*row) {
                rule.column = column.clone();
            }
        }
        YourEdit::AddRow => {
            if rules.len() < MAX_RULES {
                let when = rules.last().map_or("MoneyDeposited", |r| r.when.as_str());
                let rule = Rule::new(when, Operation::Count);
                rules.push(rule);
            }
        }
        YourEdit::RemoveRow(row) => {
            if *row < rules.len() {
                rules.remove(*row);
            }
        }
    }
}
