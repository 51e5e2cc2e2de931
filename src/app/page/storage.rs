//! Actions about storage itself: another tab wrote, unreadable data moved aside to start fresh,
//! the raw data for a download.

use crate::app::{Aside, Cursor, Showing};
use crate::bank_service::{BankService, CommandError};
use crate::eventstore::{quarantine, raw_dump, AppendError, KeyValueStore, Ledger, StorageError};

use super::{checked, Page};

impl<S: KeyValueStore + Clone> Page<S> {
    /// Another tab changed storage (at `now_ms`): pick up its events, and redo any command of
    /// this tab it overwrote, or say it was refused when decided again. A history from
    /// elsewhere lives in memory: the own ledger catches up when the person goes back to it.
    pub fn another_tab_wrote(&mut self, now_ms: i64) {
        let result = match &mut self.showing {
            Showing::Shared { .. } | Showing::Scenario { .. } => return,
            // This tab started on unreadable data; another tab may have fixed it meanwhile.
            Showing::Unreadable {
                last_read: None, ..
            } => {
                if let Ok(ledger) = self.open_stored() {
                    self.show(checked(BankService::new(ledger)));
                    self.settle();
                }
                return;
            }
            Showing::Own(own)
            | Showing::Unreadable {
                last_read: Some(own),
                ..
            } => own.sync(now_ms),
        };
        match result {
            Ok(report) => {
                if let Showing::Unreadable {
                    last_read: Some(_), ..
                } = self.showing
                {
                    // Readable again: commands come back on.
                    if let Showing::Unreadable {
                        last_read: Some(own),
                        ..
                    } = self.take_showing()
                    {
                        self.show(checked(own));
                    }
                }
                self.settle();
                if !report.redone.is_empty() {
                    self.messages.set_status(format!(
                        "Another tab wrote at the same moment; recorded again after its events: {}.",
                        report.redone.join(", ")
                    ));
                }
                if !report.forgotten.is_empty() {
                    self.messages.raise(format!(
                        "Another tab started the ledger anew (cleared or imported), so these commands of this tab belong to the old history and were not recorded again: {}.",
                        report.forgotten.join(", ")
                    ));
                }
                if let Some((command, rejection)) = report.refused.first() {
                    self.messages.raise(format!(
                        "Another tab wrote at the same moment, so \"{}\" was decided again and refused: {rejection}",
                        command
                    ));
                }
            }
            Err(CommandError::Ledger(AppendError::Storage(
                error @ StorageError::Unreadable { .. },
            ))) => {
                // Commands off, so nothing overwrites it; the events last read stay on screen.
                let reason = error.to_string();
                match self.take_showing() {
                    Showing::Own(own) => self.show(Showing::Unreadable {
                        reason,
                        last_read: Some(own),
                    }),
                    Showing::Unreadable { last_read, .. } => {
                        self.showing = Showing::Unreadable { reason, last_read }
                    }
                    other => self.showing = other,
                }
                self.settle();
            }
            Err(error) => {
                self.settle();
                self.fail(error.to_string());
            }
        }
    }

    /// Every stored key of the own ledger with its value exactly as it is, for a download;
    /// `None`, said in words, when storage cannot even be read.
    pub fn raw_data(&mut self) -> Option<String> {
        match raw_dump(&self.store, &self.key) {
            Ok(dump) => Some(dump),
            Err(error) => {
                self.fail(format!("The stored data could not be read: {error}."));
                None
            }
        }
    }

    /// Moves the unreadable data to quarantine keys named for `now_ms` (copy first, then
    /// remove) and starts an empty own ledger. If the copy cannot be made, nothing changes.
    pub fn start_fresh(&mut self, now_ms: i64) {
        if self.showing.unreadable().is_none() {
            // Readable data is never quarantined.
            return;
        }
        let mut store = self.store.clone();
        let kept = match quarantine(&mut store, &self.key, now_ms) {
            Ok(kept) => kept,
            Err(error) => {
                return self.fail(format!(
                "Could not keep a copy of the unreadable data ({error}), so nothing was changed. \
                     Download the raw data, free some space, and try again."
            ))
            }
        };
        let fresh = match Ledger::open(store, &self.key) {
            Ok(ledger) => BankService::new(ledger),
            Err(error) => return self.fail(format!("Could not start fresh: {error}.")),
        };
        match &mut self.showing {
            // A history from elsewhere stays on screen; the fresh ledger waits aside.
            Showing::Shared { own, .. } | Showing::Scenario { own, .. } => *own = Aside::Own(fresh),
            _ => {
                self.show(Showing::Own(fresh));
                self.cursor = Cursor::Present;
            }
        }
        self.settle();
        // The read models of the unreadable history go with it: copies, version, switches.
        self.forget_read_models();
        self.messages.success(match kept {
            Some(key) => format!(
                "Started fresh. The unreadable data is kept, unchanged, under the storage key \"{key}\"."
            ),
            None => "Started fresh.".into(),
        });
    }
}
