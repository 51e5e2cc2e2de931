//! "Generate history": seeded commands appended in batches through the same decide and append
//! path as a person's, one storage write per batch; the adapter yields to the browser between
//! two batches.

use crate::app::format::count;
use crate::app::{stopped_words, Cursor, GenerationRun, Showing};
use crate::bank_service::CommandError;
use crate::eventstore::KeyValueStore;

use super::Page;

impl<S: KeyValueStore + Clone> Page<S> {
    /// Starts a run of `total` commands from `seed` (ids prefixed `run_id`), continuing from the
    /// present bank. Commands are off until it ends; call [`Self::generate_batch`] until it
    /// says the run is over.
    pub fn generate(&mut self, total: usize, seed: u64, run_id: String) {
        if !self.can_write() {
            return;
        }
        self.cursor = Cursor::Present;
        let empty = self.head == 0;
        self.generation = Some(GenerationRun::new(
            total,
            seed,
            run_id,
            &self.present,
            empty,
        ));
        self.messages.success("");
    }

    /// Runs the next batch, stamped `now_ms`. True while more batches are due; at the end the
    /// status line says what was generated (or the alert why it stopped).
    pub fn generate_batch(&mut self, now_ms: i64) -> bool {
        let Some(run) = self.generation.as_mut() else {
            return false;
        };
        let (commands, remaining) = run.next_batch(now_ms);
        let head_before = self.head();
        let result = match &mut self.showing {
            Showing::Own(own) => own.handle_batch(commands).map_err(|e| stop_reason(&e)),
            _ => Err("the stored ledger cannot be read".to_string()),
        };
        self.settle();
        // A batch whose write failed still holds its events, unsaved, in this tab: count them.
        let appended = self.head().saturating_sub(head_before);
        let Some(run) = self.generation.as_mut() else {
            return false;
        };
        run.recorded += appended;
        if let Ok(report) = &result {
            run.rejected += report.rejected;
        }
        let (recorded, rejected) = (run.recorded, run.rejected);
        if let Err(error) = result {
            self.generation = None;
            let unsaved = self.unsaved().map_or(0, |u| u.count).min(recorded);
            self.fail(stopped_words(&error, recorded, unsaved));
            false
        } else if remaining == 0 {
            self.generation = None;
            self.messages.set_status(format!(
                "Generated {}{}.",
                count(recorded, "event", "events"),
                if rejected > 0 {
                    format!(
                        " ({} refused by the rules, recording nothing)",
                        count(rejected, "command was", "commands were")
                    )
                } else {
                    String::new()
                }
            ));
            false
        } else {
            true
        }
    }

    /// Stops the run after the batch in progress; what was generated is kept.
    pub fn stop_generating(&mut self) {
        if let Some(run) = self.generation.as_mut() {
            run.stop();
        }
    }
}

/// Why a run stopped, without the "Nothing was recorded" a single command's error starts with:
/// a run stops after recording what came before.
fn stop_reason(error: &CommandError) -> String {
    match error {
        CommandError::Ledger(error) => error.to_string(),
        CommandError::Contended => "the ledger kept changing while saving".to_string(),
        error => error.to_string(),
    }
}
