//! The page's one context in the browser: a thin adapter over the native page model
//! ([`crate::app::Page`]). Panels call its actions; each runs on the model and then, through one
//! path ([`Bank::act`]), mirrors what changed into the signals panels read, so no action can
//! forget to refresh. What needs a browser stays here: storage, hashchange and beforeunload
//! events, decompressing links, downloads, the clock and random ids, timers, focus.
//!
//! The events live once, in the page model. Panels read them through [`Bank::with_events`],
//! which subscribes to a revision counter, so a command costs the same with 100,000 events as
//! with ten: nothing is copied per change.
//!
//! The bank's parts: `mirror.rs` (the read-only signals and the one function that sets them),
//! `cursor.rs`, `commands.rs`, `read_models.rs` and `files.rs` (what panels read and the actions
//! they call, by subject), `timers.rs` and `listeners.rs` (what the browser drives).

mod commands;
mod cursor;
mod files;
mod listeners;
mod mirror;
mod read_models;
mod shown;
mod timers;

use leptos::prelude::*;

use super::browser::now_ms;
use super::browser_store::{BrowserStore, StorageKind};
use crate::app::embed_options::{EmbedOptions, StorageChoice};
use crate::app::{Consistency, Cursor, Delivery, Page};
use crate::eventstore::LEDGER_KEY;
use crate::read_models::{BankState, Replay};

pub use crate::app::{Alert, Flow, Progress, RejectedAttempt, StorageNotice, Unsaved};

/// Shared through context; every field is a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Bank {
    page: StoredValue<Page<BrowserStore>, LocalStorage>,
    /// The page model's revision: bumped whenever the events on screen change;
    /// [`Bank::with_events`] subscribes to it.
    revision: RwSignal<u64>,
    head: RwSignal<usize>,
    /// Every account as of now, as (id, "Owner · id"), for the Account and To account controls.
    accounts: RwSignal<Vec<(String, String)>>,
    cursor: RwSignal<Cursor>,
    /// The bank at the cursor, folded once per move for every panel that shows it.
    at_cursor: Memo<Replay<BankState>>,
    /// The account the command form acts on.
    chosen: RwSignal<Option<String>>,
    /// When the transfer's process takes its steps.
    delivery: RwSignal<Delivery>,
    /// How a transfer keeps the two accounts consistent.
    consistency: RwSignal<Consistency>,
    /// True after a simulated crash, until the app is restarted.
    stopped: RwSignal<bool>,
    /// New deposits are written in v2.
    shipped: RwSignal<bool>,
    /// The next command to an account meets another clerk's write first.
    another_clerk: RwSignal<bool>,
    /// The id "Retry the last command (same id)" would send again.
    last_command: RwSignal<Option<String>>,
    writable: RwSignal<bool>,
    /// The latest refusal or failure, shown with role="alert".
    alert: RwSignal<Option<Alert>>,
    /// The latest success, shown with role="status".
    status: RwSignal<String>,
    /// Commands the rules refused during this visit.
    rejected: RwSignal<Vec<RejectedAttempt>>,
    /// A storage situation the person must know about.
    notice: RwSignal<Option<StorageNotice>>,
    /// Accepted events not yet in storage.
    unsaved: RwSignal<Option<Unsaved>>,
    /// A "Generate history" run in progress.
    progress: RwSignal<Option<Progress>>,
    /// While a history opened from a link (or a scenario) is shown, read-only: how many events
    /// it holds.
    shared: RwSignal<Option<usize>>,
    /// The last command a person sent, as it flowed through decide, the store and the projection.
    flow: RwSignal<Option<Flow>>,
    /// While a guided scenario is shown: which one (its index in the list) and which step.
    scenario: RwSignal<Option<(usize, usize)>>,
    /// What the read models' regions depend on besides the events: their positions, the
    /// statement's version, a rebuild, the note about their copies, how they are delivered.
    read_models: RwSignal<u64>,
    /// A timer is set to catch the read models up (asynchronous delivery) / to write copies.
    timers: StoredValue<(bool, bool)>,
    /// `readonly=1`: nothing here may change the ledger, not even keeping a shared history.
    readonly: bool,
    /// The page keeps its ledger in localStorage, so small page choices may be remembered there
    /// too (never with storage=session or storage=memory, which promise to keep nothing there).
    remembers: bool,
}

impl Bank {
    /// Opens the stored ledger (or memory when there is no storage), provides the context, and
    /// listens for other tabs' writes and for the page being left with unsaved events.
    pub fn provide(options: &EmbedOptions) -> Bank {
        let storage = match options.storage {
            StorageChoice::Local => StorageKind::Local,
            StorageChoice::Session => StorageKind::Session,
            StorageChoice::Memory => StorageKind::Memory,
        };
        let (store, unavailable) = BrowserStore::connect(storage);
        let memory_only = unavailable.map(|error| {
            if storage == StorageKind::Memory {
                "this page was asked to keep nothing (storage=memory)".to_string()
            } else {
                format!("this browser gives the page no storage ({error})")
            }
        });
        let page = Page::open(store, options.ledger_key(LEDGER_KEY))
            .readonly(options.readonly)
            .memory_only(memory_only);
        let page = StoredValue::new_local(page);
        let revision = RwSignal::new(0);
        let cursor = RwSignal::new(Cursor::Present);
        let head = RwSignal::new(0);
        let at_cursor = Memo::new(move |_| {
            cursor.track();
            revision.track();
            page.with_value(Page::bank_at_cursor)
        });
        let bank = Bank {
            page,
            revision,
            head,
            accounts: RwSignal::new(Vec::new()),
            cursor,
            at_cursor,
            chosen: RwSignal::new(None),
            delivery: RwSignal::new(Delivery::default()),
            consistency: RwSignal::new(Consistency::default()),
            stopped: RwSignal::new(false),
            shipped: RwSignal::new(false),
            another_clerk: RwSignal::new(false),
            last_command: RwSignal::new(None),
            writable: RwSignal::new(false),
            alert: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            rejected: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            unsaved: RwSignal::new(None),
            progress: RwSignal::new(None),
            shared: RwSignal::new(None),
            flow: RwSignal::new(None),
            scenario: RwSignal::new(None),
            read_models: RwSignal::new(0),
            timers: StoredValue::new((false, false)),
            readonly: options.readonly,
            remembers: storage == StorageKind::Local,
        };
        // A tab that stopped mid-transfer left it in the ledger: the process manager goes on.
        bank.act(|page| page.start(now_ms()));
        bank.open_link_in_url();
        if let Some(name) = &options.scenario {
            bank.load_scenario(name);
        }
        provide_context(bank);

        listeners::listen(bank);
        bank
    }

    /// The bank provided by [`Bank::provide`].
    pub fn use_context() -> Bank {
        expect_context::<Bank>()
    }

    /// Runs one action on the page model, then mirrors what it changed into the signals. Every
    /// action goes through here, so none can leave the panels showing a stale page.
    fn act<R>(&self, action: impl FnOnce(&mut Page<BrowserStore>) -> R) -> Option<R> {
        let mut action = Some(action);
        let mut result = None;
        self.act_on(&mut |page| {
            if let Some(action) = action.take() {
                result = Some(action(page));
            }
        });
        result
    }

    /// The body of [`Bank::act`], written once: a generic body would be copied into the wasm
    /// for each of the thirty actions.
    fn act_on(&self, action: &mut dyn FnMut(&mut Page<BrowserStore>)) {
        let was_shared = self.shared.get_untracked().is_some();
        let Some(said) = self.page.try_update_value(|page| {
            action(page);
            page.take_said()
        }) else {
            return;
        };
        self.mirror(said);
        if was_shared && self.shared.get_untracked().is_none() {
            self.clear_fragment();
        }
        self.schedule_read_models();
    }
}
