//! Actions that show a history from elsewhere beside the own ledger: a shared link, a guided
//! scenario; and the two ways back: keep it, or return to the own ledger as it was.

use crate::app::format::{count, group_thousands};
use crate::app::{Aside, Cursor, History, RejectedAttempt, Showing};
use crate::bank_service::BankService;
use crate::eventstore::{check_import, Import, KeyValueStore, MAX_LINK_CHARS};
use crate::read_models::fold;

use super::Page;

impl<S: KeyValueStore + Clone> Page<S> {
    /// A history is shown in place of the own ledger, so never while the own ledger holds
    /// events storage does not have, or a generation run is appending. `Err` says why not.
    pub fn can_show_link(&self) -> Result<(), String> {
        if let Some(unsaved) = &self.unsaved {
            return Err(format!(
                "this tab holds {} pending, not committed. Save now or download the ledger first, then open the link again",
                count(unsaved.count, "event", "events")
            ));
        }
        if self.generation.is_some() {
            return Err(
                "history is being generated. Open the link again when that finishes".into(),
            );
        }
        Ok(())
    }

    /// A link the adapter read (decompressed and checked), or why it could not: shown
    /// read-only if the page can show one now, else refused in words. The own ledger is
    /// untouched either way.
    pub fn open_link(&mut self, opened: Result<Import, String>) {
        // Checked again: things may have changed while the browser decompressed.
        match opened.and_then(|import| self.can_show_link().map(|()| import)) {
            Ok(import) => self.show_shared(import),
            Err(error) => self.fail(format!(
                "This link could not be opened: {error}. Your own ledger is unchanged."
            )),
        }
    }

    /// Shows a checked history, read-only, in memory, at its cursor. The own ledger waits
    /// aside as it was, unsaved events and all; opening a second history while one is shown
    /// keeps the own ledger aside, not the first history.
    pub fn show_shared(&mut self, import: Import) {
        let events = import.events.len();
        let cursor = import.cursor;
        self.show_history(import, None);
        self.messages.set_status(format!(
            "Opened a shared history of {}, read-only; the slider shows event {}.",
            count(events, "event", "events"),
            group_thousands(cursor),
        ));
    }

    fn show_history(&mut self, import: Import, scenario: Option<usize>) {
        let history = History {
            state: fold(&import.events),
            events: import.events,
        };
        let own = self.take_showing().into_aside();
        self.show(match scenario {
            None => Showing::Shared { history, own },
            Some(index) => Showing::Scenario {
                history,
                index,
                step: 0,
                own,
            },
        });
        self.settle();
        self.seek(import.cursor);
    }

    /// Shows the guided scenario `name`, read-only, like a shared history: its refused
    /// commands become the rejected attempts, and the slider starts at its first step.
    pub fn load_scenario(&mut self, name: &str)
    where
        S: Default,
    {
        let scenarios = crate::app::scenarios::all();
        let Some((index, scenario)) = scenarios.iter().enumerate().find(|(_, s)| s.name == name)
        else {
            return self.fail(format!("There is no scenario named \"{name}\"."));
        };
        if let Err(reason) = self.can_show_link() {
            return self.fail(format!("The scenario was not loaded: {reason}."));
        }
        // Recorded in an empty store of the page's type: never in the page's own storage.
        let recorded = scenario.record_in(S::default());
        let first = scenario.steps.first().map_or(0, |s| s.cursor) as u64;
        match check_import(recorded.events, Some(first), None) {
            Ok(import) => {
                self.show_history(import, Some(index));
                self.rejected = recorded
                    .refused
                    .iter()
                    .enumerate()
                    .map(|(i, (command, rejection))| {
                        RejectedAttempt::described(i + 1, command, rejection)
                    })
                    .collect();
                self.messages.set_status(format!(
                    "Loaded the scenario \"{}\", read-only: its caption at the top tells it step by step.",
                    scenario.title
                ));
            }
            Err(error) => self.fail(format!("The scenario could not be loaded: {error}.")),
        }
    }

    /// Moves the narration to `step` of the scenario shown, and the slider with it.
    pub fn scenario_step(&mut self, step: usize) {
        let Showing::Scenario {
            index,
            step: current,
            ..
        } = &mut self.showing
        else {
            return;
        };
        let Some(target) = crate::app::scenarios::all()
            .get(*index)
            .and_then(|s| s.steps.get(step).cloned())
        else {
            return;
        };
        *current = step;
        self.seek(target.cursor);
    }

    /// Moves the narration `delta` steps from where it is (the "," and "." shortcuts); nothing
    /// when no scenario is shown or that step does not exist.
    pub fn scenario_step_by(&mut self, delta: isize) {
        if let Some(next) = self
            .scenario()
            .and_then(|(_, step)| step.checked_add_signed(delta))
        {
            self.scenario_step(next);
        }
    }

    /// Makes the history shown the own ledger, replacing it; the person saw the own ledger
    /// hold `expected` events when they confirmed. The cursor stays where it was.
    pub fn keep_shared(&mut self, expected: usize) {
        if self.readonly {
            return;
        }
        let events = self.events().to_vec();
        let cursor = self.cursor;
        let reopened = match &self.showing {
            Showing::Shared { own, .. } | Showing::Scenario { own, .. } => match own {
                // The own ledger could not be read before: storage may hold a readable one now.
                Aside::Unreadable {
                    last_read: None, ..
                } => Some(self.open_stored()),
                _ => None,
            },
            _ => return,
        };
        match reopened {
            Some(Ok(ledger)) => self.set_aside(Aside::Own(BankService::new(ledger))),
            Some(Err(error)) => {
                return self.fail(format!(
                    "Your stored ledger could not be read, so it was not replaced: {error}."
                ))
            }
            None => {}
        }
        self.drop_copies_for_a_replace();
        let result = match &mut self.showing {
            Showing::Shared { own, .. } | Showing::Scenario { own, .. } => match own {
                Aside::Own(own)
                | Aside::Unreadable {
                    last_read: Some(own),
                    ..
                } => own.replace(expected, events),
                Aside::Unreadable { .. } => return,
            },
            _ => return,
        };
        if let Err(error) = &result {
            return self.fail(format!(
                "Nothing was replaced: {error}. Go back to your ledger to see it, then keep the shared history again if you still want to."
            ));
        }
        let own = match self.take_showing().into_aside() {
            Aside::Own(own)
            | Aside::Unreadable {
                last_read: Some(own),
                ..
            } => own,
            // Not reached: the replace above needed a ledger.
            aside => return self.show(aside.restore()),
        };
        self.leave_shared(Showing::Own(own));
        self.cursor = cursor.within(self.head);
        self.messages.success(format!(
            "Kept: this history is now your ledger ({}).",
            count(self.head, "event", "events"),
        ));
    }

    /// Leaves the history shown for the own ledger, exactly as it was left, then picks up
    /// whatever other tabs wrote meanwhile (at `now_ms`).
    pub fn back_to_own(&mut self, now_ms: i64) {
        if !self.showing.is_shared() {
            return;
        }
        let own = self.take_showing().into_aside().restore();
        self.leave_shared(own);
        self.cursor = Cursor::Present;
        self.messages.success("Back to your own ledger.");
        self.another_tab_wrote(now_ms);
    }

    /// A read-only page showed the sample story while its own ledger was empty, and another
    /// page of its namespace wrote: it shows its own ledger, live, instead.
    pub fn leave_sample_for_own(&mut self, now_ms: i64) {
        self.back_to_own(now_ms);
        if self.head() > 0 {
            self.messages.set_status(
                "This page's own ledger has events now: it shows them instead of the sample."
                    .to_string(),
            );
        }
    }

    /// The person closed the import dialog without replacing anything.
    pub fn import_cancelled(&mut self) {
        self.messages
            .set_status("Import cancelled: the current ledger is unchanged.".to_string());
    }

    /// A link of `chars` characters was made for the history on screen. Too long to share, it is
    /// refused with the numbers and the way out (false); else it may be copied (true).
    pub fn link_made(&mut self, chars: usize) -> bool {
        if chars <= MAX_LINK_CHARS {
            return true;
        }
        self.messages.failure(format!(
            "This history is too large for a link: it would be {} characters, and links stay under {}. Use Export to share it as a file.",
            group_thousands(chars),
            group_thousands(MAX_LINK_CHARS),
        ));
        false
    }

    /// The browser could not compress the history into a link.
    pub fn link_not_made(&mut self, error: &str) {
        self.messages
            .failure(format!("The link could not be made: {error}."));
    }

    /// The link was put on the clipboard, or (`copied` false) the browser did not allow it.
    pub fn link_copied(&mut self, copied: bool) {
        self.messages.success(if copied {
            "Link copied. Whoever opens it sees this history read-only, and can keep it."
        } else {
            "The browser did not allow copying: select the link below and copy it."
        });
    }

    fn leave_shared(&mut self, own: Showing<S>) {
        self.show(own);
        // The rejected attempts and any alert were about the history left.
        self.rejected.clear();
        self.messages.clear_alert();
        self.settle();
    }

    fn set_aside(&mut self, aside: Aside<S>) {
        if let Showing::Shared { own, .. } | Showing::Scenario { own, .. } = &mut self.showing {
            *own = aside;
        }
    }
}
