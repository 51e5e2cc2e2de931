//! The page's one source of truth in the browser: the account service over the stored ledger, and
//! the signals the panels read. Commands go in through [`Bank::send`]; panels only read.
//!
//! The events live once, in the service's ledger. Panels read them through [`Bank::with_events`],
//! which subscribes to a revision counter, so a command costs the same with 100,000 events as
//! with ten: nothing is copied per change.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::compression::inflate;
use super::download::download_text;
use crate::account_service::{AccountService, CommandError};
use crate::app::Cursor;
use crate::domain::{rule_checks, AccountState, Check, Command};
use crate::embed_options::{EmbedOptions, StorageChoice};
use crate::history_generator::HistoryGenerator;
use crate::ledger::{
    check_import, encode_document, encode_export, parse_fragment, quarantine, raw_dump, read_link,
    AppendError, BrowserStore, CommandContext, Import, Ledger, MemoryStore, RecordedEvent,
    ReplaceError, StorageError, StorageKind, LEDGER_KEY,
};
use crate::projection::{crud_twin_at, questions_at, Checkpoints, CrudTwin, Question, Replay};

/// Commands generated between two frames: small enough to keep the page responsive.
const GENERATION_BATCH: usize = 2_000;

/// One command's way through the system, for the "How it works" panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Counts commands, so each one replays the panel's animation.
    pub id: u64,
    /// What was asked, in words.
    pub command: String,
    /// The rules decide checked, and what happened to each.
    pub checks: Vec<(&'static str, Check)>,
    /// Where it ended.
    pub outcome: FlowOutcome,
}

/// Where a command's flow ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowOutcome {
    /// Appended: these events, as "#position Type".
    Recorded(Vec<String>),
    /// Refused by a rule at step one; nothing was appended.
    Refused(String),
    /// Accepted, but the store failed (full, say): see the message on the page.
    Failed(String),
}

/// A command the rules refused. Kept for this visit only: rejections never enter the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedAttempt {
    /// A number for this visit, to key the list.
    pub id: usize,
    /// What was asked, in words.
    pub command: String,
    /// The rule it broke.
    pub rule: &'static str,
    /// The full reason.
    pub reason: String,
}

/// How the page keeps its ledger, said at the top when it is not the normal case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// No browser storage: the ledger lives in memory for this visit.
    MemoryOnly(String),
    /// The stored ledger cannot be read; it is kept untouched and commands are off.
    Unreadable(String),
}

/// Accepted events that storage has not taken yet, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// How many events only this tab holds.
    pub count: usize,
    /// Why the last write failed.
    pub reason: String,
}

/// A message for the alert region. The id changes with every message, so the same words said
/// twice are announced twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Unique per message.
    pub id: u64,
    /// The words.
    pub text: String,
}

/// How far a "Generate history" run has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Commands run so far.
    pub done: usize,
    /// Commands asked for.
    pub total: usize,
}

/// A generation run between frames.
struct GenerationRun {
    generator: HistoryGenerator,
    run_id: String,
    remaining: usize,
    recorded: usize,
    rejected: usize,
}

/// Shared through context; every field is a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Bank {
    service: StoredValue<Option<AccountService<BrowserStore>>, LocalStorage>,
    checkpoints: StoredValue<Checkpoints, LocalStorage>,
    generation: StoredValue<Option<GenerationRun>, LocalStorage>,
    /// Bumped whenever the ledger changes; [`Bank::with_events`] subscribes to it.
    revision: RwSignal<u64>,
    head: RwSignal<usize>,
    present: RwSignal<AccountState>,
    /// The time-travel cursor: `None` follows the present, `Some(k)` shows the first k events.
    cursor: RwSignal<Option<usize>>,
    /// The latest refusal or failure, shown with role="alert".
    pub alert: RwSignal<Option<Alert>>,
    /// The latest success, shown with role="status".
    pub status: RwSignal<String>,
    /// Commands the rules refused during this visit.
    pub rejected: RwSignal<Vec<RejectedAttempt>>,
    /// A storage situation the person must know about.
    pub notice: RwSignal<Option<StorageNotice>>,
    /// Accepted events not yet in storage.
    pub unsaved: RwSignal<Option<Unsaved>>,
    /// A "Generate history" run in progress.
    pub progress: RwSignal<Option<Progress>>,
    /// While a history opened from a link is shown (read-only): how many events it holds.
    pub shared: RwSignal<Option<usize>>,
    /// The last command a person sent, as it flowed through decide, the store and the projection.
    pub flow: RwSignal<Option<Flow>>,
    /// While a guided scenario is shown: which one (its index in the list) and which step.
    pub scenario: RwSignal<Option<(usize, usize)>>,
    /// This tab's own ledger, set aside while a shared one is shown.
    own: StoredValue<Option<AccountService<BrowserStore>>, LocalStorage>,
    /// `readonly=1`: nothing here may change the ledger, not even keeping a shared history.
    pub readonly: bool,
    /// The storage key of this page's ledger (its own per embed namespace).
    key: &'static str,
    /// The storage the page asked for.
    storage: StorageKind,
}

impl Bank {
    /// Opens the stored ledger (or memory when there is no storage), provides the context, and
    /// listens for other tabs' writes and for the page being left with unsaved events.
    pub fn provide(options: &EmbedOptions) -> Bank {
        // Leaked once per page: the key lives as long as the page, and Bank stays Copy.
        let key: &'static str = Box::leak(options.ledger_key(LEDGER_KEY).into_boxed_str());
        let storage = match options.storage {
            StorageChoice::Local => StorageKind::Local,
            StorageChoice::Session => StorageKind::Session,
            StorageChoice::Memory => StorageKind::Memory,
        };
        let (store, unavailable) = BrowserStore::connect(storage);
        let mut notice = unavailable.map(|error| {
            StorageNotice::MemoryOnly(if storage == StorageKind::Memory {
                "this page was asked to keep nothing (storage=memory)".to_string()
            } else {
                format!("this browser gives the page no storage ({error})")
            })
        });
        let service = match Ledger::open(store, key) {
            Ok(ledger) => Some(AccountService::new(ledger)),
            Err(error) => {
                notice = Some(StorageNotice::Unreadable(error.to_string()));
                None
            }
        };
        let bank = Bank {
            service: StoredValue::new_local(service),
            checkpoints: StoredValue::new_local(Checkpoints::default()),
            generation: StoredValue::new_local(None),
            revision: RwSignal::new(0),
            head: RwSignal::new(0),
            present: RwSignal::new(AccountState::NoAccount),
            cursor: RwSignal::new(None),
            alert: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            rejected: RwSignal::new(Vec::new()),
            notice: RwSignal::new(notice),
            unsaved: RwSignal::new(None),
            progress: RwSignal::new(None),
            shared: RwSignal::new(None),
            own: StoredValue::new_local(None),
            scenario: RwSignal::new(None),
            flow: RwSignal::new(None),
            readonly: options.readonly,
            key,
            storage,
        };
        bank.refresh();
        bank.open_link_in_url();
        if let Some(name) = &options.scenario {
            bank.load_scenario(name);
        }
        provide_context(bank);

        // Another tab wrote: show its events live, and redo any of ours it overwrote.
        let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().is_none_or(|key| key == bank.key) {
                bank.sync_from_storage();
            }
        });
        // Leaving with unsaved events: the browser asks the person to confirm.
        let unload_listener = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if bank.unsaved.with_untracked(Option::is_some) {
                ev.prevent_default();
                ev.set_return_value("Some events are not saved yet.");
            }
        });
        // A link pasted into this tab's address bar changes only the fragment: no reload.
        let link_listener = window_event_listener(leptos::ev::hashchange, move |_| {
            bank.open_link_in_url();
        });
        on_cleanup(move || {
            storage_listener.remove();
            unload_listener.remove();
            link_listener.remove();
        });
        bank
    }

    /// The bank provided by [`Bank::provide`].
    pub fn use_context() -> Bank {
        expect_context::<Bank>()
    }

    /// Reads the events (all of them, saved or not), subscribing to their changes.
    pub fn with_events<R>(&self, read: impl FnOnce(&[RecordedEvent]) -> R) -> R {
        self.revision.track();
        self.service.with_value(|service| match service {
            Some(service) => read(service.ledger().events()),
            None => read(&[]),
        })
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
        let head = self.head();
        self.cursor.get().map_or(head, |k| k.min(head))
    }

    /// Moves the slider to show the first `k` events (the present when k reaches the head).
    /// Every slider move, button and shortcut goes through here.
    pub fn seek(&self, k: usize) {
        let head = self.head.get_untracked();
        self.cursor.set(Cursor::seek(k, head).past(head));
    }

    /// One event back (stays at genesis).
    pub fn step_back(&self) {
        self.move_cursor(Cursor::step_back);
    }

    /// One event forward (the last step is the present).
    pub fn step_forward(&self) {
        self.move_cursor(Cursor::step_forward);
    }

    /// Follows the present again.
    pub fn back_to_now(&self) {
        self.cursor.set(None);
    }

    /// Moves the scenario's narration `delta` steps (the "," and "." shortcuts); nothing when no
    /// scenario is shown or the step does not exist.
    pub fn scenario_step_by(&self, delta: isize) {
        if let Some((_, step)) = self.scenario.get_untracked() {
            if let Some(next) = step.checked_add_signed(delta) {
                self.scenario_step(next);
            }
        }
    }

    fn move_cursor(&self, step: impl FnOnce(Cursor, usize) -> Cursor) {
        let head = self.head.get_untracked();
        let now = self
            .cursor
            .get_untracked()
            .map_or(Cursor::Present, Cursor::At);
        self.cursor.set(step(now, head).past(head));
    }

    /// True while the view shows the past.
    pub fn in_past(&self) -> bool {
        self.shown() < self.head()
    }

    /// The account as of the cursor, folded from the nearest checkpoint.
    pub fn replay_at_cursor(&self) -> Replay {
        let shown = self.shown();
        self.with_events(|events| {
            self.checkpoints
                .with_value(|checkpoints| checkpoints.replay_to(events, shown))
        })
    }

    /// The CRUD twin at the cursor, its states served from the checkpoints.
    pub fn crud_twin_at_cursor(&self) -> CrudTwin {
        self.at_cursor(|events, shown, state_at| crud_twin_at(events, shown, state_at))
    }

    /// The four questions, answered at the cursor.
    pub fn questions_at_cursor(&self) -> [Question; 4] {
        self.at_cursor(|events, shown, state_at| questions_at(events, shown, state_at))
    }

    /// Runs `read` on the events, the cursor, and the account after any first k events, folded
    /// from the nearest checkpoint; subscribes to both.
    fn at_cursor<R>(
        &self,
        read: impl FnOnce(&[RecordedEvent], usize, &dyn Fn(usize) -> AccountState) -> R,
    ) -> R {
        let shown = self.shown();
        self.with_events(|events| {
            self.checkpoints.with_value(|checkpoints| {
                read(events, shown, &|k| {
                    checkpoints.replay_to(events, k).summary.state
                })
            })
        })
    }

    /// The account as of now: what commands are decided against.
    pub fn present(&self) -> AccountState {
        self.present.get()
    }

    /// True while the stored ledger cannot be read (writing would overwrite it).
    pub fn unreadable(&self) -> bool {
        self.notice
            .with(|n| matches!(n, Some(StorageNotice::Unreadable(_))))
    }

    /// False when commands must not run: the stored ledger is unreadable, or a generation run
    /// is appending.
    pub fn can_write(&self) -> bool {
        self.revision.track();
        !self.unreadable()
            && self.shared.with(Option::is_none)
            && self.progress.with(Option::is_none)
            && self.service.with_value(Option::is_some)
    }

    /// Runs a command against the present. The view returns to now, so the person sees the effect.
    pub fn send(&self, command: Command) {
        self.cursor.set(None);
        if !self.can_write() {
            self.fail("Commands are off right now: see the message above.".into());
            return;
        }
        let context = browser_context();
        let result = self
            .service
            .try_update_value(|service| service.as_mut().map(|s| s.handle(&command, &context)))
            .flatten();
        // Even a refusal may come with a fresher ledger (another writer appended first).
        self.refresh();
        let outcome = match &result {
            Some(Ok(recorded)) => FlowOutcome::Recorded(
                recorded
                    .iter()
                    .map(|r| format!("#{} {}", r.position, r.event.name()))
                    .collect(),
            ),
            Some(Err(CommandError::Rejected(rejection))) => {
                FlowOutcome::Refused(rejection.to_string())
            }
            Some(Err(error)) => FlowOutcome::Failed(error.to_string()),
            None => FlowOutcome::Failed("there is no ledger to write to".into()),
        };
        let refused = match &result {
            Some(Err(CommandError::Rejected(rejection))) => Some(rejection),
            _ => None,
        };
        self.flow.update(|flow| {
            *flow = Some(Flow {
                id: flow.as_ref().map_or(1, |f| f.id + 1),
                command: command.describe(),
                checks: rule_checks(&command, refused),
                outcome,
            })
        });
        match result {
            Some(Ok(recorded)) => {
                self.alert.set(None);
                let names: Vec<String> = recorded
                    .iter()
                    .map(|r| format!("{} (#{})", r.event.name(), r.position))
                    .collect();
                self.status
                    .set(format!("Recorded {}.", names.join(" then ")));
            }
            Some(Err(CommandError::Rejected(rejection))) => {
                self.status.set(String::new());
                self.say_alert(format!("Rejected: {rejection}"));
                self.rejected.update(|list| {
                    list.push(RejectedAttempt {
                        id: list.len() + 1,
                        command: command.describe(),
                        rule: rejection.rule(),
                        reason: rejection.to_string(),
                    })
                });
            }
            Some(Err(error)) => self.fail(error.to_string()),
            None => self.fail("Commands are off: there is no ledger to write to.".into()),
        }
    }

    /// Shows a problem (a typing mistake, a failure) with role="alert".
    pub fn fail(&self, message: String) {
        self.status.set(String::new());
        self.say_alert(message);
    }

    /// Retries writing the unsaved events now.
    pub fn save_now(&self) {
        let result = self
            .service
            .try_update_value(|s| s.as_mut().map(|s| s.ledger_mut().save()))
            .flatten();
        self.refresh();
        match result {
            Some(Ok(())) => {
                self.alert.set(None);
                self.status.set("Saved: every event is in storage.".into());
            }
            Some(Err(error)) => self.fail(format!("Still not saved: {error}.")),
            None => {}
        }
    }

    /// Downloads every accepted event, saved or not, as one document of full envelopes.
    pub fn download_ledger(&self) {
        let text = self.with_events(encode_document);
        if let Err(message) = download_text(&file_name("replay-bank-ledger"), &text) {
            self.fail(message);
        }
    }

    /// Downloads the ledger as a file to share: every event's envelope, the app's version, and
    /// the time-travel cursor, so an import shows what the exporter was looking at.
    pub fn export_ledger(&self) {
        let cursor = self.shown();
        let text =
            self.with_events(|events| encode_export(events, env!("CARGO_PKG_VERSION"), cursor));
        match download_text(&file_name("replay-bank-export"), &text) {
            Ok(()) => self.status.set(format!(
                "Exported {} events, with the cursor at event {cursor}.",
                group_thousands(self.head.get_untracked()),
            )),
            Err(message) => self.fail(message),
        }
    }

    /// Replaces the ledger with a checked import the person confirmed, and moves the cursor to
    /// where the file says (the start of history if it does not).
    pub fn import(&self, import: Import, file: &str, expected: usize) {
        if !self.can_write() {
            self.fail("Importing is off right now: see the message above.".into());
            return;
        }
        let count = import.events.len();
        let cursor = import.cursor;
        let result = self
            .service
            .try_update_value(|s| s.as_mut().map(|s| s.replace(expected, import.events)))
            .flatten();
        self.refresh();
        let imported = format!(
            "Imported {} events from \"{file}\"; the slider shows event {cursor}.",
            group_thousands(count),
        );
        match result {
            Some(Err(ReplaceError::NotReplaced(error))) => {
                return self.fail(format!(
                    "Nothing was imported from \"{file}\": {error}. The current ledger is unchanged."
                ));
            }
            Some(Ok(())) => {
                self.alert.set(None);
                self.status.set(imported);
            }
            Some(Err(ReplaceError::NotSaved(error))) => self.fail(format!(
                "{imported} They are not saved yet ({error}): see the warning above."
            )),
            None => return self.fail("Importing is off: there is no ledger to write to.".into()),
        }
        self.rejected.set(Vec::new());
        self.seek(cursor);
    }

    /// A `#ledger=` link in the page's URL: decompressed, checked like an imported file, and
    /// shown read-only. A bad link is an alert; the own ledger is untouched either way.
    fn open_link_in_url(&self) {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let Some(parsed) = parse_fragment(&hash) else {
            return;
        };
        if let Err(reason) = self.can_show_link() {
            return self.fail(reason);
        }
        let bank = *self;
        let refuse = move |error: String| {
            bank.fail(format!(
                "This link could not be opened: {error}. Your own ledger is unchanged."
            ))
        };
        match parsed {
            Err(error) => refuse(error.to_string()),
            Ok(parts) => leptos::task::spawn_local(async move {
                let opened = match inflate(&parts.compressed).await {
                    Ok(text) => {
                        read_link(&text, parts.events, parts.cursor).map_err(|e| e.to_string())
                    }
                    Err(error) => Err(format!("the link is incomplete or damaged ({error})")),
                };
                // Checked again: things may have changed while the browser decompressed.
                match opened.and_then(|import| bank.can_show_link().map(|()| import)) {
                    Ok(import) => bank.show_shared(import),
                    Err(error) => refuse(error),
                }
            }),
        }
    }

    /// Shows a guided scenario, read-only, like a shared history: storage is untouched until the
    /// person keeps it, and the slider starts at the narration's first step.
    pub fn load_scenario(&self, name: &str) {
        let scenarios = crate::scenarios::all();
        let Some((index, scenario)) = scenarios.iter().enumerate().find(|(_, s)| s.name == name)
        else {
            return self.fail(format!("There is no scenario named \"{name}\"."));
        };
        if let Err(reason) = self.can_show_link() {
            return self.fail(format!("The scenario was not loaded: {reason}."));
        }
        let recorded = scenario.record();
        let first = scenario.steps.first().map_or(0, |s| s.cursor) as u64;
        match check_import(recorded.events, Some(first), None) {
            Ok(import) => {
                self.show_shared(import);
                self.rejected.set(
                    recorded
                        .refused
                        .iter()
                        .enumerate()
                        .map(|(i, (command, rejection))| RejectedAttempt {
                            id: i + 1,
                            command: command.describe(),
                            rule: rejection.rule(),
                            reason: rejection.to_string(),
                        })
                        .collect(),
                );
                self.scenario.set(Some((index, 0)));
                self.status.set(format!(
                    "Loaded the scenario \"{}\", read-only: follow its steps in the Scenarios panel.",
                    scenario.title
                ));
            }
            Err(error) => self.fail(format!("The scenario could not be loaded: {error}.")),
        }
    }

    /// Moves the narration to `step` of the scenario shown, and the slider with it.
    pub fn scenario_step(&self, step: usize) {
        let Some((index, _)) = self.scenario.get_untracked() else {
            return;
        };
        let Some(target) = crate::scenarios::all()
            .get(index)
            .and_then(|s| s.steps.get(step).cloned())
        else {
            return;
        };
        self.scenario.set(Some((index, step)));
        self.seek(target.cursor);
    }

    /// A link is shown in place of this tab's ledger, so never while this tab holds events
    /// storage does not have, or is generating some.
    fn can_show_link(&self) -> Result<(), String> {
        if let Some(unsaved) = self.unsaved.get_untracked() {
            return Err(format!(
                "this tab holds {} events that are not saved yet. Save or download them first, then open the link again",
                unsaved.count
            ));
        }
        if self.progress.with_untracked(Option::is_some) {
            return Err(
                "history is being generated. Open the link again when that finishes".into(),
            );
        }
        Ok(())
    }

    /// Shows a history opened from a link, read-only, in memory: storage is not touched until
    /// the person keeps it.
    pub fn show_shared(&self, import: Import) {
        let count = import.events.len();
        let mut service = match Ledger::open(BrowserStore::Memory(MemoryStore::new()), self.key) {
            Ok(ledger) => AccountService::new(ledger),
            Err(error) => {
                return self.fail(format!("The shared history could not be shown: {error}."))
            }
        };
        if let Err(error) = service.replace(0, import.events) {
            return self.fail(format!("The shared history could not be shown: {error}."));
        }
        let previous = self
            .service
            .try_update_value(|slot| slot.replace(service))
            .flatten();
        // This tab's own ledger waits aside, as it was, unsaved events and all. Opening a second
        // link while viewing one keeps the own ledger, not the first link's copy.
        if self.shared.get_untracked().is_none() {
            self.own.set_value(previous);
        }
        self.shared.set(Some(count));
        self.scenario.set(None);
        self.refresh();
        self.seek(import.cursor);
        self.status.set(format!(
            "Opened a shared history of {} events, read-only; the slider shows event {}.",
            group_thousands(count),
            group_thousands(import.cursor),
        ));
    }

    /// How many events this page's own ledger holds (while a shared one is shown).
    pub fn own_events(&self) -> Result<usize, StorageError> {
        if let Some(count) = self
            .own
            .with_value(|own| own.as_ref().map(|s| s.ledger().events().len()))
        {
            return Ok(count);
        }
        self.open_stored().map(|ledger| ledger.events().len())
    }

    /// This page's ledger as storage holds it now.
    fn open_stored(&self) -> Result<Ledger<BrowserStore>, StorageError> {
        Ledger::open(BrowserStore::connect(self.storage).0, self.key)
    }

    /// Makes the shared history this page's own ledger, replacing the own one, which the person
    /// saw hold `expected` events when they confirmed.
    pub fn keep_shared(&self, expected: usize) {
        if self.readonly {
            return;
        }
        let events = self.with_events(<[RecordedEvent]>::to_vec);
        let cursor = self.cursor.get_untracked();
        let mut own = match self.own.try_update_value(Option::take).flatten() {
            Some(own) => own,
            None => match self.open_stored() {
                Ok(ledger) => AccountService::new(ledger),
                Err(error) => {
                    return self.fail(format!(
                        "Your stored ledger could not be read, so it was not replaced: {error}."
                    ))
                }
            },
        };
        match own.replace(expected, events) {
            Err(ReplaceError::NotReplaced(error)) => {
                self.own.set_value(Some(own));
                self.fail(format!(
                    "Nothing was replaced: {error}. Go back to your ledger to see it, then keep the shared history again if you still want to."
                ));
            }
            Ok(()) => {
                self.leave_link(own);
                self.cursor.set(cursor);
                self.status.set(format!(
                    "Kept: this history is now your ledger ({} events).",
                    group_thousands(self.head.get_untracked()),
                ));
            }
            Err(ReplaceError::NotSaved(error)) => {
                self.leave_link(own);
                self.cursor.set(cursor);
                self.fail(format!(
                    "Kept in this tab, but not saved yet ({error}): see the warning above."
                ));
            }
        }
    }

    /// Leaves the shared history for this page's own ledger, exactly as it was left, then picks
    /// up whatever other tabs wrote meanwhile.
    pub fn back_to_own(&self) {
        match self.own.try_update_value(Option::take).flatten() {
            Some(own) => {
                self.leave_link(own);
                self.cursor.set(None);
                self.status.set("Back to your own ledger.".into());
                self.sync_from_storage();
            }
            // The own ledger was unreadable when the page started: it still is, as the notice
            // above says, and it stays untouched.
            None => {
                self.service.set_value(None);
                self.shared.set(None);
                self.scenario.set(None);
                self.cursor.set(None);
                self.refresh();
                self.clear_fragment();
                self.status.set("Back to your own ledger.".into());
            }
        }
    }

    fn leave_link(&self, service: AccountService<BrowserStore>) {
        self.service.set_value(Some(service));
        self.shared.set(None);
        self.scenario.set(None);
        self.rejected.set(Vec::new());
        self.alert.set(None);
        self.refresh();
        self.clear_fragment();
    }

    /// Removes the link from the address (it would open the shared history again on reload) and
    /// puts focus on the page's main region, as the banner that held it is gone.
    fn clear_fragment(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let url = window.location().href().unwrap_or_default();
        let without = url.split('#').next().unwrap_or_default().to_string();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&without));
        }
        if let Some(main) = window
            .document()
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    }

    /// Downloads every stored key of the unreadable ledger, each value exactly as it is.
    pub fn download_raw(&self) {
        let (store, _) = BrowserStore::connect(self.storage);
        match raw_dump(&store, self.key) {
            Ok(dump) => {
                if let Err(message) = download_text(&file_name("replay-bank-unreadable"), &dump) {
                    self.fail(message);
                }
            }
            Err(error) => self.fail(format!("The stored data could not be read: {error}.")),
        }
    }

    /// Moves the unreadable data to quarantine keys (copy first, then remove) and starts an
    /// empty ledger. If the copy cannot be made, nothing changes.
    pub fn start_fresh(&self) {
        let (mut store, _) = BrowserStore::connect(self.storage);
        match quarantine(&mut store, self.key, js_sys::Date::now() as i64) {
            Ok(kept) => match Ledger::open(store, self.key) {
                Ok(ledger) => {
                    self.service.set_value(Some(AccountService::new(ledger)));
                    self.notice.set(None);
                    self.cursor.set(None);
                    self.refresh();
                    self.alert.set(None);
                    self.status.set(match kept {
                        Some(key) => format!(
                            "Started fresh. The unreadable data is kept, unchanged, under the storage key \"{key}\"."
                        ),
                        None => "Started fresh.".into(),
                    });
                }
                Err(error) => self.fail(format!("Could not start fresh: {error}.")),
            },
            Err(error) => self.fail(format!(
                "Could not keep a copy of the unreadable data ({error}), so nothing was changed. \
                 Download the raw data, free some space, and try again."
            )),
        }
    }

    /// Deletes the whole history after the person confirmed.
    pub fn clear(&self) {
        let result = self
            .service
            .try_update_value(|s| s.as_mut().map(|s| s.clear()))
            .flatten();
        match result {
            Some(Ok(())) => {
                self.cursor.set(None);
                self.rejected.set(Vec::new());
                self.refresh();
                self.alert.set(None);
                self.status
                    .set("The ledger was cleared: every event was deleted.".into());
            }
            Some(Err(error)) => {
                // Part of it may be gone from storage: the events are then kept here, unsaved.
                self.refresh();
                self.fail(format!("The ledger could not be cleared: {error}."));
            }
            None => {}
        }
    }

    /// Appends `total` generated commands in batches between frames, through the same decide and
    /// append path as a person's commands, writing storage once per batch.
    pub fn generate(&self, total: usize) {
        if !self.can_write() {
            return;
        }
        self.cursor.set(None);
        let seed = (js_sys::Math::random() * u32::MAX as f64) as u64;
        self.generation.set_value(Some(GenerationRun {
            generator: HistoryGenerator::new(seed, self.present.get_untracked().balance()),
            run_id: format!("gen-{}", random_hex(6)),
            remaining: total,
            recorded: 0,
            rejected: 0,
        }));
        self.progress.set(Some(Progress { done: 0, total }));
        self.alert.set(None);
        self.status.set(String::new());
        self.generation_step();
    }

    /// Stops a generation run after the batch in progress; what was generated is kept.
    pub fn stop_generating(&self) {
        self.generation
            .update_value(|run| run.iter_mut().for_each(|run| run.remaining = 0));
    }

    fn generation_step(&self) {
        let bank = *self;
        let now = js_sys::Date::now() as i64;
        let outcome = self.generation.try_update_value(|run| {
            let run = run.as_mut()?;
            let count = run.remaining.min(GENERATION_BATCH);
            let done_before = run.recorded + run.rejected;
            let commands: Vec<(Command, CommandContext)> = (0..count)
                .map(|i| {
                    let command_id = format!("{}-{}", run.run_id, done_before + i);
                    let context = CommandContext {
                        command_id,
                        correlation_id: run.run_id.clone(),
                        now_ms: now,
                    };
                    (run.generator.next_command(), context)
                })
                .collect();
            run.remaining -= count;
            Some((commands, run.remaining))
        });
        let Some(Some((commands, remaining))) = outcome else {
            return;
        };
        let count = commands.len();
        let result = self
            .service
            .try_update_value(|s| s.as_mut().map(|s| s.handle_batch(commands)))
            .flatten();
        self.refresh();
        let failed = match result {
            Some(Ok(report)) => {
                self.generation.update_value(|run| {
                    if let Some(run) = run {
                        run.recorded += report.recorded;
                        run.rejected += report.rejected;
                    }
                });
                None
            }
            Some(Err(error)) => Some(error.to_string()),
            None => Some("there is no ledger to write to".into()),
        };
        let (recorded, rejected) = self
            .generation
            .with_value(|run| run.as_ref().map_or((0, 0), |r| (r.recorded, r.rejected)));
        self.progress.update(|p| {
            if let Some(p) = p {
                p.done = (p.done + count).min(p.total);
            }
        });
        if let Some(error) = failed {
            self.finish_generation();
            self.fail(format!(
                "Generating stopped after {recorded} events: {error}"
            ));
        } else if remaining == 0 {
            self.finish_generation();
            self.status.set(format!(
                "Generated {} events{}.",
                group_thousands(recorded),
                if rejected > 0 {
                    format!(" ({rejected} commands were refused by the rules and recorded nothing)")
                } else {
                    String::new()
                }
            ));
        } else {
            // Yield to the browser between batches so the page stays responsive.
            set_timeout(move || bank.generation_step(), std::time::Duration::ZERO);
        }
    }

    fn finish_generation(&self) {
        self.generation.set_value(None);
        self.progress.set(None);
    }

    /// Another tab changed storage: pick up its events, and redo any of ours it overwrote.
    fn sync_from_storage(&self) {
        if self.shared.get_untracked().is_some() {
            // The shared copy lives in memory; the own ledger catches up on Back to my ledger.
            return;
        }
        if !self.service.with_value(Option::is_some) {
            // This tab started on unreadable data; another tab may have fixed it meanwhile.
            if let Ok(ledger) = self.open_stored() {
                self.service.set_value(Some(AccountService::new(ledger)));
                self.notice.set(None);
                self.refresh();
            }
            return;
        }
        let now = js_sys::Date::now() as i64;
        let result = self
            .service
            .try_update_value(|s| s.as_mut().map(|s| s.sync(now)))
            .flatten();
        self.refresh();
        match result {
            Some(Ok(report)) => {
                if self.unreadable() {
                    self.notice.set(None);
                }
                if !report.redone.is_empty() {
                    let redone: Vec<String> = report.redone.iter().map(Command::describe).collect();
                    self.status.set(format!(
                        "Another tab wrote at the same moment; recorded again after its events: {}.",
                        redone.join(", ")
                    ));
                }
                if let Some((command, rejection)) = report.refused.first() {
                    self.say_alert(format!(
                        "Another tab wrote at the same moment, so \"{}\" was decided again and refused: {rejection}",
                        command.describe()
                    ));
                }
            }
            Some(Err(CommandError::Ledger(AppendError::Storage(
                error @ StorageError::Unreadable { .. },
            )))) => self
                .notice
                .set(Some(StorageNotice::Unreadable(error.to_string()))),
            Some(Err(error)) => self.fail(error.to_string()),
            None => {}
        }
    }

    /// Publishes the service's ledger to the panels: head, present state, checkpoints, unsaved.
    fn refresh(&self) {
        let snapshot = self.service.with_value(|s| {
            s.as_ref().map(|s| {
                let ledger = s.ledger();
                self.checkpoints
                    .update_value(|c| c.update(ledger.events(), ledger.epoch()));
                let unsaved = (ledger.unsaved() > 0).then(|| Unsaved {
                    count: ledger.unsaved(),
                    reason: ledger
                        .save_error()
                        .map_or_else(|| "not written yet".to_string(), ToString::to_string),
                });
                (ledger.events().len(), s.current_state(), unsaved)
            })
        });
        let (len, present, unsaved) = snapshot.unwrap_or((0, AccountState::NoAccount, None));
        // History shrank (cleared here or in another tab): a cursor into it means nothing now.
        if len < self.head.get_untracked() {
            self.cursor.set(None);
        }
        self.head.set(len);
        self.present.set(present);
        self.unsaved.set(unsaved);
        self.revision.update(|r| *r += 1);
    }

    fn say_alert(&self, text: String) {
        let id = self
            .alert
            .with_untracked(|a| a.as_ref().map_or(0, |a| a.id))
            + 1;
        self.alert.set(Some(Alert { id, text }));
    }
}

pub use crate::app::group_thousands;

/// Ids and the clock come from the browser, here at the edge, never inside `decide`.
fn browser_context() -> CommandContext {
    let command_id = format!("cmd-{}", random_hex(12));
    CommandContext {
        correlation_id: command_id.clone(),
        command_id,
        now_ms: js_sys::Date::now() as i64,
    }
}

/// A fresh account id such as `acc-3f9a1c`.
pub fn new_account_id() -> crate::domain::AccountId {
    crate::domain::AccountId::new(format!("acc-{}", random_hex(6)))
}

fn file_name(stem: &str) -> String {
    format!("{stem}-{}.json", js_sys::Date::now() as i64)
}

fn random_hex(digits: usize) -> String {
    (0..digits)
        .map(|_| {
            let nibble = (js_sys::Math::random() * 16.0) as u32 % 16;
            char::from_digit(nibble, 16).unwrap_or('0')
        })
        .collect()
}
