//! The events and the time-travel cursor: what panels read at the cursor, and the actions that
//! move it.

use leptos::prelude::*;

use super::Bank;
use crate::app::{EventDetails, Page};
use crate::domain::AccountState;
use crate::eventstore::RecordedEvent;
use crate::read_models::{BankState, CrudTwin, Question, Replay};

impl Bank {
    /// Reads the events (all of them, saved or not), subscribing to their changes.
    pub fn with_events<R>(&self, read: impl FnOnce(&[RecordedEvent]) -> R) -> R {
        self.revision.track();
        self.page.with_value(|page| read(page.events()))
    }

    /// "Event details" of the event at `position`, subscribing to the events.
    pub fn event_details(&self, position: usize) -> Option<EventDetails> {
        self.revision.track();
        self.page.with_value(|page| page.event_details(position))
    }

    /// How many events the ledger holds.
    pub fn head_untracked(&self) -> usize {
        self.head.get_untracked()
    }

    /// How many events the ledger holds, subscribing to changes.
    pub fn head(&self) -> usize {
        self.head.get()
    }

    /// How many events the time-travel view folds.
    pub fn shown(&self) -> usize {
        self.cursor.get().shown(self.head())
    }

    /// Moves the slider to show the first `k` events (the present when k reaches the head).
    /// Every slider move, button and shortcut goes through here.
    pub fn seek(&self, k: usize) {
        self.act(|page| page.seek(k));
    }

    /// Moves the slider to the ledger as it stood at the moment typed (UTC).
    pub fn seek_as_at(&self, moment: String) {
        self.act(|page| page.seek_as_at(&moment));
    }

    /// One event back (stays at genesis).
    pub fn step_back(&self) {
        self.act(Page::step_back);
    }

    /// One event forward (the last step is the present).
    pub fn step_forward(&self) {
        self.act(Page::step_forward);
    }

    /// Follows the present again.
    pub fn back_to_now(&self) {
        self.act(Page::back_to_now);
    }

    /// Moves the scenario's narration `delta` steps (the "," and "." shortcuts); nothing when no
    /// scenario is shown or the step does not exist.
    pub fn scenario_step_by(&self, delta: isize) {
        self.act(|page| page.scenario_step_by(delta));
    }

    /// True while the view shows the past.
    pub fn in_past(&self) -> bool {
        self.shown() < self.head()
    }

    /// Reads the bank at the cursor without copying it.
    pub fn with_at_cursor<R>(&self, read: impl FnOnce(&Replay<BankState>) -> R) -> R {
        self.at_cursor.with(read)
    }

    /// The chosen account as of the cursor.
    pub fn chosen_at_cursor(&self) -> AccountState {
        let chosen = self.chosen.get();
        self.at_cursor
            .with(|at| at.state.account_or_none(chosen.as_deref()))
    }

    /// The CRUD twin at the cursor.
    pub fn crud_twin_at_cursor(&self) -> CrudTwin {
        self.shown();
        self.revision.track();
        self.page.with_value(Page::crud_twin_at_cursor)
    }

    /// The questions, answered at the cursor about the chosen account and across accounts.
    pub fn questions_at_cursor(&self) -> Vec<Question> {
        self.chosen.track();
        self.shown();
        self.revision.track();
        self.page.with_value(Page::questions_at_cursor)
    }
}
