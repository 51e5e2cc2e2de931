//! The read models on the page: they follow the events on screen (inline after every action,
//! or asynchronously behind a lag the person chooses), can be broken, fixed and rebuilt, and
//! keep disposable copies beside the own ledger. The ledger and Current state never wait for
//! them.

use crate::app::format::{count, group_thousands, tenths};
use crate::app::Showing;
use crate::eventstore::{KeyValueStore, StorageError};
use crate::read_models::{settings_key, ReadModelId, ReadModels, Unusable};
use crate::read_models::{Delivered, STATEMENT_BUGGY, STATEMENT_FIXED};

use super::Page;

/// How events reach the read models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Projecting {
    /// Behind the ledger, `lag_ms` after each write, instead of inline within it.
    pub asynchronous: bool,
    /// The lag of asynchronous delivery, 0 to 3,000 ms.
    pub lag_ms: u32,
    /// A command's report waits until the read models have its events.
    pub read_your_own_writes: bool,
}

/// What the status line says while a report waits for the read models.
const WAITING: &str =
    "Sent. Waiting for the read models to catch up before reporting (read your own writes)…";

/// The longest lag a person can choose.
pub const MAX_LAG_MS: u32 = 3_000;

/// A report held back until the read models catch up (read your own writes).
#[derive(Debug, Clone)]
pub(super) struct HeldReport {
    text: String,
    /// The alert that was up when it was held: a newer one must not be covered by it.
    alert: Option<u64>,
}

impl<S: KeyValueStore + Clone> Page<S> {
    // ----- what the page shows -----

    /// The read models of the "Read models" tab.
    pub fn read_models(&self) -> &ReadModels {
        &self.read_models
    }

    /// How events reach the read models.
    pub fn projecting(&self) -> Projecting {
        self.projecting
    }

    /// What the tab must say about the read models' copies (rebuilt at start, not kept).
    pub fn read_models_note(&self) -> Option<&str> {
        self.read_models_note.as_deref()
    }

    /// The lag after which the read models should catch up, while they run asynchronously and
    /// are behind (the adapter sets a timer).
    pub fn read_models_due(&self) -> Option<u32> {
        (self.projecting.asynchronous && self.read_models.awaiting_delivery(self.head))
            .then_some(self.projecting.lag_ms)
    }

    /// True while a copy of a read model in storage is older than the read model (the adapter
    /// writes them a second later, and when the page is left).
    pub fn read_models_unsaved(&self) -> bool {
        self.writes_copies() && self.read_models.unsaved()
    }

    /// True while the statement rebuilds in paced steps.
    pub fn rebuilding(&self) -> bool {
        self.read_models.rebuild().is_some()
    }

    /// Changes whenever anything the tab shows besides the events changes: positions, the
    /// statement's version, a rebuild, the note, the delivery choices. One number, so the
    /// adapter needs no signal of its own type for it.
    pub fn read_models_stamp(&self) -> u64 {
        let models = &self.read_models;
        let p = self.projecting;
        let settings = [
            models.version(ReadModelId::Statement).into(),
            u64::from(self.rebuilding()),
            u64::from(p.asynchronous),
            u64::from(p.lag_ms),
            u64::from(p.read_your_own_writes),
            models.your_edits(),
        ];
        let positions = ReadModelId::ALL.map(|id| models.position(id).map_or(u64::MAX, |k| k));
        let note = self
            .read_models_note
            .iter()
            .flat_map(|n| n.bytes().map(u64::from));
        // FNV-1a over the words: equal inputs, equal stamps; a change changes it. Computed on
        // every action (slider moves too), so it allocates nothing.
        settings
            .into_iter()
            .chain(positions)
            .chain(note)
            .fold(0xcbf2_9ce4_8422_2325, |h, w| {
                (h ^ w).wrapping_mul(0x0100_0000_01b3)
            })
    }

    // ----- actions -----

    /// Runs the read models inline (the default) or asynchronously, behind the ledger.
    pub fn set_read_models_async(&mut self, asynchronous: bool) {
        self.projecting.asynchronous = asynchronous;
        if !asynchronous {
            self.catch_up_read_models();
        }
        self.messages.set_status(if asynchronous {
            "The read models now run asynchronously, behind the ledger.".to_string()
        } else {
            "The read models now run inline: each write waits for them.".to_string()
        });
    }

    /// The lag of asynchronous delivery, in ms (at most three seconds).
    pub fn set_read_model_lag(&mut self, lag_ms: u32) {
        self.projecting.lag_ms = lag_ms.min(MAX_LAG_MS);
    }

    /// Whether a command's report waits for the read models.
    pub fn set_read_your_own_writes(&mut self, on: bool) {
        self.projecting.read_your_own_writes = on;
    }

    /// Delivers every event the read models have not applied; a report held for them is
    /// given now, unless an alert came up since.
    pub fn catch_up_read_models(&mut self) {
        self.read_models.catch_up(self.showing.events());
        if self.read_models.awaiting_delivery(self.head) {
            return;
        }
        if let Some(held) = self.held_report.take() {
            let alert = self.messages.alert().map(|a| a.id);
            if alert == held.alert {
                self.messages.set_status(held.text);
            } else {
                self.drop_waiting_words();
            }
        }
    }

    /// Delivers the last event every read model applied once more, as a retried delivery
    /// would: each one skips a position it already applied, so nothing changes.
    pub fn deliver_last_event_again(&mut self) {
        if self.rebuilding() {
            return self
                .fail("The monthly statement is rebuilding: deliver again once it has finished.");
        }
        let position = self.read_models.applied_by_all();
        let Some(recorded) = (position as usize)
            .checked_sub(1)
            .and_then(|i| self.showing.events().get(i))
            .cloned()
        else {
            return self.fail("There is no event to deliver again yet: record one first.");
        };
        let said = self.read_models.deliver(&recorded);
        let skipped = said
            .iter()
            .filter(|(_, d)| *d == Delivered::Skipped)
            .count();
        let applied = said.iter().any(|(_, d)| *d == Delivered::Applied);
        let mut text = format!(
            "Event #{} ({}) delivered again: {} skipped it, having applied position {} already. ",
            group_thousands(position as usize),
            recorded.event.name(),
            count(skipped, "read model", "read models"),
            group_thousands(position as usize),
        );
        text.push_str(if applied {
            "It was new to some of them."
        } else {
            "Nothing changed."
        });
        self.messages.success(text);
    }

    /// Deploys version 2 of the monthly statement, which has a bug: its version changed, so
    /// it rebuilds itself from the ledger with the new code, and is wrong from then on.
    pub fn deploy_buggy_statement(&mut self) {
        if self.rebuilding() {
            return self.fail("The monthly statement is rebuilding: wait for it to finish.");
        }
        self.read_models
            .deploy_statement(STATEMENT_BUGGY, self.showing.events(), false);
        self.messages.success(format!(
            "Deployed version {STATEMENT_BUGGY} of the monthly statement. It rebuilt itself from the ledger's {} with the new code, which skips transfers.",
            count(self.head, "event", "events")
        ));
    }

    /// Deploys the fixed version, discards the statement's state and rebuilds it from
    /// position 1, in paced steps ([`Page::rebuild_step`]).
    pub fn fix_and_rebuild_statement(&mut self) {
        if self.rebuilding() {
            return self.fail("The monthly statement is already rebuilding.");
        }
        let version = match self.read_models.statement().state().version() {
            STATEMENT_BUGGY => STATEMENT_FIXED,
            running => running,
        };
        self.read_models
            .deploy_statement(version, self.showing.events(), true);
        self.messages.success(format!(
            "Rebuilding the monthly statement (version {version}) from position 1 of {}.",
            group_thousands(self.head)
        ));
    }

    /// One paced step of the statement's rebuild, timed by `clock` (ms); true while more
    /// steps are to come.
    pub fn rebuild_step(&mut self, clock: &dyn Fn() -> f64) -> bool {
        let events = self.showing.events();
        let Some(folding_ms) = self.read_models.rebuild_step(events, clock) else {
            return self.rebuilding();
        };
        self.messages.success(format!(
            "Monthly statement rebuilt from {} in {} ms of folding.",
            count(events.len(), "event", "events"),
            tenths(folding_ms)
        ));
        false
    }

    /// Switches Large movements on: built from every event already in the ledger.
    pub fn switch_on_large_movements(&mut self) {
        if self.read_models.large().is_some() {
            return;
        }
        self.read_models.switch_on_large(self.showing.events());
        let found = self
            .read_models
            .large()
            .map_or(0, |l| l.state().rows().len());
        self.messages.success(format!(
            "Large movements is on: built from all {} already recorded, it found {}.",
            count(self.head, "event", "events"),
            count(found, "large movement", "large movements")
        ));
    }

    /// Writes the read models' copies that changed, beside the own ledger. A full storage
    /// costs only the copies, and the tab says so.
    pub fn save_read_models(&mut self) {
        if !self.writes_copies() {
            return;
        }
        let mut store = self.store.clone();
        let events = self.showing.events();
        if let Err(error) = self.read_models.save(&mut store, &self.key, events) {
            self.copies_off = true;
            self.read_models_note = Some(format!(
                "The read models' copies could not be kept ({error}); they will be rebuilt from the ledger on the next start. The ledger is untouched."
            ));
        }
    }

    /// Starting over: the read models go back to what the app ships, with no copy or
    /// setting left in storage.
    pub(super) fn forget_read_models(&mut self) {
        let mut store = self.store.clone();
        self.read_models.remove_copies(&mut store, &self.key);
        let _ = store.remove(&settings_key(&self.key));
        self.read_models = ReadModels::default();
        self.read_models_note = None;
        self.your_note = None;
        self.held_report = None;
    }

    /// Before a history replaces the own ledger: the copies were made of the old one and would
    /// be rewritten anyway, so they go first and leave their room to the new ledger, which is
    /// written beside the old until it replaces it.
    pub(super) fn drop_copies_for_a_replace(&mut self) {
        let mut store = self.store.clone();
        self.read_models.remove_copies(&mut store, &self.key);
    }

    // ----- inside the page -----

    /// Copies are kept only of the own ledger, not on a read-only page, and not again in a
    /// visit that found storage full: the room is the ledger's.
    pub(super) fn writes_copies(&self) -> bool {
        matches!(self.showing, Showing::Own(_)) && !self.readonly && !self.copies_off
    }

    /// Reads the copies stored beside the own ledger as the page opens; a read model whose copy
    /// cannot be used is rebuilt from the ledger, and the page says so once.
    pub(super) fn load_read_models(&mut self, epoch: u64) {
        let Showing::Own(own) = &self.showing else {
            return;
        };
        let events = own.ledger().events();
        let (models, rebuilt) = ReadModels::load(&self.store, &self.key, events);
        self.read_models = models;
        self.read_models_seen = (self.view, epoch);
        self.copies_epoch = epoch;
        if rebuilt.is_empty() {
            return;
        }
        let note = rebuilt_note(&rebuilt, events.len());
        self.messages.set_status(note.clone());
        self.read_models_note = Some(note);
    }

    /// Brings the read models in line with the events on screen after any action: for a
    /// history that replaced theirs, anew at once; else inline, or later when asynchronous.
    pub(super) fn follow_read_models(&mut self, epoch: u64) {
        let seen = (self.view, epoch);
        let shrank = ReadModelId::ALL
            .iter()
            .any(|id| self.read_models.position(*id).unwrap_or(0) > self.head as u64);
        if seen != self.read_models_seen || shrank {
            self.read_models = self.read_models.emptied();
            self.read_models_seen = seen;
            self.your_note = None;
            // A report on the old history, or a copy of it, must not outlive it: a copy
            // whose last event kept its ids through an edited import would still fit.
            if self.held_report.take().is_some() {
                self.drop_waiting_words();
            }
            let own = matches!(self.showing, Showing::Own(_)) && !self.readonly;
            if own && epoch != self.copies_epoch {
                let mut store = self.store.clone();
                self.read_models.remove_copies(&mut store, &self.key);
                self.copies_epoch = epoch;
            }
            self.read_models.catch_up(self.showing.events());
        } else if !self.projecting.asynchronous {
            self.catch_up_read_models();
        }
    }

    /// A command's report, held while the read models are behind (read your own writes).
    pub(super) fn hold_report(&mut self) {
        let p = self.projecting;
        if !(p.asynchronous
            && p.read_your_own_writes
            && self.read_models.awaiting_delivery(self.head))
        {
            return;
        }
        let alert = self.messages.alert().map(|a| a.id);
        let text = self.messages.status().to_string();
        if text.is_empty() {
            return;
        }
        self.held_report = Some(HeldReport { text, alert });
        self.messages.set_status(WAITING.to_string());
    }

    /// The held report will never come: the words that promised it go.
    fn drop_waiting_words(&mut self) {
        if self.messages.status() == WAITING {
            self.messages.set_status(String::new());
        }
    }

    /// Storage refused the ledger's events for lack of room while read-model copies take
    /// some: the copies go (they are rebuilt on the next start) and the ledger is saved.
    pub(super) fn make_room_for_ledger(&mut self) {
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let ledger = own.ledger_mut();
        let full = matches!(ledger.save_error(), Some(StorageError::QuotaExceeded));
        if ledger.unsaved() == 0 || !full {
            return;
        }
        let mut store = self.store.clone();
        let removed = self.read_models.remove_copies(&mut store, &self.key);
        // Whether or not the ledger now fits, the room is the ledger's from here on.
        self.copies_off = true;
        if removed && ledger.save().is_ok() {
            self.read_models_note = Some(
                "Storage was full: the read models' copies were removed to make room for the ledger, and none is kept again during this visit. They will be rebuilt from the ledger on the next start."
                    .to_string(),
            );
        }
    }
}

/// "Rebuilt from the ledger's …" for read models whose copies could not be used at start.
fn rebuilt_note(rebuilt: &[(ReadModelId, Unusable)], events: usize) -> String {
    let what: Vec<String> = rebuilt
        .iter()
        .map(|(id, why)| {
            let why = match (id, why) {
                // Its "version" is a fingerprint of its definition, not a number to say.
                (ReadModelId::Yours, Unusable::OtherVersion { .. }) => {
                    "its stored copy was made from another definition".to_string()
                }
                _ => why.describe(),
            };
            format!("{} ({why})", id.title())
        })
        .collect();
    format!(
        "Rebuilt from the ledger's {}: {}. The ledger is untouched.",
        count(events, "event", "events"),
        what.join("; ")
    )
}
