//! The page's one source of truth in the browser: the account service over the stored ledger, and
//! the signals the panels read. Commands go in through [`Bank::send`]; panels only read.

use leptos::prelude::*;

use super::download::download_text;
use crate::account_service::{AccountService, CommandError};
use crate::domain::{AccountState, Command};
use crate::ledger::{
    encode_document, quarantine, raw_dump, BrowserStore, CommandContext, Ledger, RecordedEvent,
    StorageError, LEDGER_KEY,
};
use crate::projection::{summary_at, AccountSummary};

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

/// Shared through context; every field is a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Bank {
    service: StoredValue<Option<AccountService<BrowserStore>>, LocalStorage>,
    /// Every accepted event, in position order (the read side of the ledger).
    pub events: RwSignal<Vec<RecordedEvent>>,
    /// The time-travel cursor: `None` follows the present, `Some(k)` shows the first k events.
    pub cursor: RwSignal<Option<usize>>,
    /// The latest refusal or failure, shown with role="alert".
    pub alert: RwSignal<Option<String>>,
    /// The latest success, shown with role="status".
    pub status: RwSignal<String>,
    /// Commands the rules refused during this visit.
    pub rejected: RwSignal<Vec<RejectedAttempt>>,
    /// A storage situation the person must know about.
    pub notice: RwSignal<Option<StorageNotice>>,
    /// Accepted events not yet in storage.
    pub unsaved: RwSignal<Option<Unsaved>>,
}

impl Bank {
    /// Opens the stored ledger (or memory when there is no storage), provides the context, and
    /// listens for other tabs' writes and for the page being left with unsaved events.
    pub fn provide() -> Bank {
        let (store, unavailable) = BrowserStore::connect();
        let mut notice = unavailable.map(|e| StorageNotice::MemoryOnly(e.to_string()));
        let service = match Ledger::open(store, LEDGER_KEY) {
            Ok(ledger) => Some(AccountService::new(ledger)),
            Err(error) => {
                notice = Some(StorageNotice::Unreadable(error.to_string()));
                None
            }
        };
        let bank = Bank {
            service: StoredValue::new_local(service),
            events: RwSignal::new(Vec::new()),
            cursor: RwSignal::new(None),
            alert: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            rejected: RwSignal::new(Vec::new()),
            notice: RwSignal::new(notice),
            unsaved: RwSignal::new(None),
        };
        bank.refresh();
        provide_context(bank);

        // Another tab wrote: show its events live, and redo any of ours it overwrote.
        let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().is_none_or(|key| key == LEDGER_KEY) {
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
        on_cleanup(move || {
            storage_listener.remove();
            unload_listener.remove();
        });
        bank
    }

    /// The bank provided by [`Bank::provide`].
    pub fn use_context() -> Bank {
        expect_context::<Bank>()
    }

    /// How many events the ledger holds.
    pub fn head(&self) -> usize {
        self.events.with(Vec::len)
    }

    /// How many events the time-travel view folds.
    pub fn shown(&self) -> usize {
        let head = self.head();
        self.cursor.get().map_or(head, |k| k.min(head))
    }

    /// True while the view shows the past.
    pub fn in_past(&self) -> bool {
        self.shown() < self.head()
    }

    /// The account as of the cursor.
    pub fn summary_at_cursor(&self) -> AccountSummary {
        let shown = self.shown();
        self.events.with(|events| summary_at(events, shown))
    }

    /// The account as of now: what commands are decided against.
    pub fn present(&self) -> AccountState {
        self.events
            .with(|events| summary_at(events, events.len()).state)
    }

    /// True while the stored ledger cannot be read (writing would overwrite it).
    pub fn unreadable(&self) -> bool {
        self.notice
            .with(|n| matches!(n, Some(StorageNotice::Unreadable(_))))
    }

    /// False when commands must not run: the stored ledger is unreadable.
    pub fn can_write(&self) -> bool {
        !self.unreadable() && self.service.with_value(Option::is_some)
    }

    /// Runs a command against the present. The view returns to now, so the person sees the effect.
    pub fn send(&self, command: Command) {
        self.cursor.set(None);
        if !self.can_write() {
            self.alert.set(Some(
                "Commands are off: the stored ledger cannot be read.".into(),
            ));
            return;
        }
        let context = browser_context();
        let result = self
            .service
            .try_update_value(|service| service.as_mut().map(|s| s.handle(&command, &context)))
            .flatten();
        // Even a refusal may come with a fresher ledger (another writer appended first).
        self.refresh();
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
                self.alert.set(Some(format!("Rejected: {rejection}")));
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

    /// Shows a problem with what the person typed (not a command, so not a rejected attempt).
    pub fn input_error(&self, message: String) {
        self.fail(message);
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

    /// Downloads every accepted event, saved or not, in the stored format.
    pub fn download_ledger(&self) {
        let text = self.events.with_untracked(|events| encode_document(events));
        if let Err(message) = download_text(&file_name("replay-bank-ledger"), &text) {
            self.fail(message);
        }
    }

    /// Downloads every stored key of the unreadable ledger, each value exactly as it is.
    pub fn download_raw(&self) {
        let (store, _) = BrowserStore::connect();
        match raw_dump(&store, LEDGER_KEY) {
            Ok(dump) => {
                if let Err(message) = download_text(&file_name("replay-bank-unreadable"), &dump) {
                    self.fail(message);
                }
            }
            Err(error) => self.fail(format!("The stored data could not be read: {error}.")),
        }
    }

    /// Moves the unreadable data to a quarantine key (copy first, then remove) and starts an
    /// empty ledger. If the copy cannot be made, nothing changes.
    pub fn start_fresh(&self) {
        let (mut store, _) = BrowserStore::connect();
        match quarantine(&mut store, LEDGER_KEY, js_sys::Date::now() as i64) {
            Ok(kept) => match Ledger::open(store, LEDGER_KEY) {
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
            Some(Err(error)) => self.fail(format!("The ledger could not be cleared: {error}.")),
            None => {}
        }
    }

    /// Another tab changed storage: pick up its events, and redo any of ours it overwrote.
    fn sync_from_storage(&self) {
        if !self.service.with_value(Option::is_some) {
            // This tab started on unreadable data; another tab may have fixed it meanwhile.
            let (store, _) = BrowserStore::connect();
            if let Ok(ledger) = Ledger::open(store, LEDGER_KEY) {
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
                if !report.redone.is_empty() {
                    let redone: Vec<String> = report.redone.iter().map(Command::describe).collect();
                    self.status.set(format!(
                        "Another tab wrote at the same moment; recorded again after its events: {}.",
                        redone.join(", ")
                    ));
                }
                if let Some((command, rejection)) = report.refused.first() {
                    self.alert.set(Some(format!(
                        "Another tab wrote at the same moment, so \"{}\" was decided again and refused: {rejection}",
                        command.describe()
                    )));
                }
            }
            Some(Err(CommandError::Ledger(crate::ledger::AppendError::Storage(
                error @ StorageError::Unreadable { .. },
            )))) => self
                .notice
                .set(Some(StorageNotice::Unreadable(error.to_string()))),
            Some(Err(error)) => self.fail(error.to_string()),
            None => {}
        }
    }

    /// Copies the service's ledger into the signals the panels read.
    fn refresh(&self) {
        let snapshot = self.service.with_value(|s| {
            s.as_ref().map(|s| {
                let ledger = s.ledger();
                let unsaved = (ledger.unsaved() > 0).then(|| Unsaved {
                    count: ledger.unsaved(),
                    reason: ledger
                        .save_error()
                        .map_or_else(|| "not written yet".to_string(), ToString::to_string),
                });
                (ledger.events().to_vec(), unsaved)
            })
        });
        let (events, unsaved) = snapshot.unwrap_or_default();
        self.events.set(events);
        self.unsaved.set(unsaved);
    }

    fn fail(&self, message: String) {
        self.status.set(String::new());
        self.alert.set(Some(message));
    }
}

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
