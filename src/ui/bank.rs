//! The page's one source of truth in the browser: the account service over the stored ledger, and
//! the signals the panels read. Commands go in through [`Bank::send`]; panels only read.

use leptos::prelude::*;

use crate::account_service::{AccountService, CommandError};
use crate::domain::{AccountState, Command};
use crate::ledger::{
    BrowserStore, CommandContext, Ledger, RecordedEvent, StorageError, LEDGER_KEY,
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

/// How the page keeps its ledger, said once at the top when it is not the normal case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// No browser storage: the ledger lives in memory for this visit.
    MemoryOnly(String),
    /// The stored ledger cannot be read; it is kept untouched and commands are off.
    Unreadable(String),
}

/// Shared through context; every field is a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Bank {
    service: StoredValue<Option<AccountService<BrowserStore>>, LocalStorage>,
    /// Every recorded event, in position order (the read side of the ledger).
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
}

impl Bank {
    /// Opens the stored ledger (or memory when there is no storage) and provides the context.
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
        let events = service
            .as_ref()
            .map(|s| s.ledger().events().to_vec())
            .unwrap_or_default();
        let bank = Bank {
            service: StoredValue::new_local(service),
            events: RwSignal::new(events),
            cursor: RwSignal::new(None),
            alert: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            rejected: RwSignal::new(Vec::new()),
            notice: RwSignal::new(notice),
        };
        provide_context(bank);
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

    /// False when the stored ledger is unreadable: writing would overwrite it.
    pub fn can_write(&self) -> bool {
        self.service.with_value(Option::is_some)
    }

    /// Runs a command against the present. The view returns to now, so the person sees the effect.
    pub fn send(&self, command: Command) {
        self.cursor.set(None);
        let context = browser_context();
        let outcome = self.service.try_update_value(|service| {
            service.as_mut().map(|service| {
                let result = service.handle(&command, &context);
                (result, service.ledger().events().to_vec())
            })
        });
        let Some(Some((result, events))) = outcome else {
            self.alert.set(Some(
                "Commands are off: the stored ledger cannot be read.".into(),
            ));
            return;
        };
        // Even a refusal may come with a fresher ledger (another writer appended first).
        self.events.set(events);
        match result {
            Ok(recorded) => {
                self.alert.set(None);
                let names: Vec<String> = recorded
                    .iter()
                    .map(|r| format!("{} (#{})", r.event.name(), r.position))
                    .collect();
                self.status
                    .set(format!("Recorded {}.", names.join(" then ")));
            }
            Err(CommandError::Rejected(rejection)) => {
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
            Err(error) => {
                self.status.set(String::new());
                self.alert.set(Some(error.to_string()));
            }
        }
    }

    /// Shows a problem with what the person typed (not a command, so not a rejected attempt).
    pub fn input_error(&self, message: String) {
        self.status.set(String::new());
        self.alert.set(Some(message));
    }

    /// Deletes the whole history, including unreadable data, after the person confirmed.
    pub fn clear(&self) {
        let result: Result<(), StorageError> = self
            .service
            .try_update_value(|service| match service {
                Some(service) => service.ledger_mut().clear(),
                None => {
                    let (mut store, _) = BrowserStore::connect();
                    crate::ledger::KeyValueStore::remove(&mut store, LEDGER_KEY)?;
                    *service = Ledger::open(store, LEDGER_KEY)
                        .ok()
                        .map(AccountService::new);
                    Ok(())
                }
            })
            .unwrap_or(Ok(()));
        match result {
            Ok(()) => {
                self.events.set(Vec::new());
                self.cursor.set(None);
                self.rejected.set(Vec::new());
                if matches!(
                    self.notice.get_untracked(),
                    Some(StorageNotice::Unreadable(_))
                ) {
                    self.notice.set(None);
                }
                self.alert.set(None);
                self.status
                    .set("The ledger was cleared: every event was deleted.".into());
            }
            Err(error) => self
                .alert
                .set(Some(format!("The ledger could not be cleared: {error}"))),
        }
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

fn random_hex(digits: usize) -> String {
    (0..digits)
        .map(|_| {
            let nibble = (js_sys::Math::random() * 16.0) as u32 % 16;
            char::from_digit(nibble, 16).unwrap_or('0')
        })
        .collect()
}
