//! The page's one context in the browser: a thin adapter over the native page model
//! ([`crate::app::Page`]). Panels call its actions; each runs on the model and then, through one
//! path ([`Bank::act`]), mirrors what changed into the signals panels read, so no action can
//! forget to refresh. What needs a browser stays here: storage, hashchange and beforeunload
//! events, decompressing links, downloads, the clock and random ids, timers, focus.
//!
//! The events live once, in the page model. Panels read them through [`Bank::with_events`],
//! which subscribes to a revision counter, so a command costs the same with 100,000 events as
//! with ten: nothing is copied per change.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::browser_store::{BrowserStore, StorageKind};
use super::compression::inflate;
use super::download::download_text;
use super::region::focus_quietly;
use crate::app::embed_options::{EmbedOptions, StorageChoice};
use crate::app::read_models_view::{chart, chart_cursor_words, regions, ChartView, RegionView};
use crate::app::{
    spec_of_event, Consistency, Cursor, Delivery, EventDetails, Page, Projecting, Said, Spec,
    TransferRequest,
};
use crate::domain::{AccountState, AccountStatus, Command, Money, TransferId};
use crate::eventstore::{
    encode_document, parse_fragment, read_link, CommandContext, Import, RecordedEvent,
    StorageError, LEDGER_KEY,
};
use crate::read_models::{crud_twin_at, BankState, CrudTwin, Question, Replay};

pub use crate::app::{
    group_thousands, Alert, Flow, FlowOutcome, Progress, RejectedAttempt, StorageNotice, Unsaved,
};

/// Shared through context; every field is a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Bank {
    page: StoredValue<Page<BrowserStore>, LocalStorage>,
    /// The page model's revision: bumped whenever the events on screen change;
    /// [`Bank::with_events`] subscribes to it.
    revision: RwSignal<u64>,
    head: RwSignal<usize>,
    /// Every account as of now, as (id, "Owner · id"), for the Account and To account controls.
    pub accounts: RwSignal<Vec<(String, String)>>,
    cursor: RwSignal<Cursor>,
    /// The bank at the cursor, folded once per move for every panel that shows it.
    at_cursor: Memo<Replay<BankState>>,
    /// The account the command form acts on.
    pub chosen: RwSignal<Option<String>>,
    /// The transfer's process delivers one step per press of "Deliver next step" (else all at
    /// once). A bool, not the enum: one signal type less in the wasm.
    pub one_at_a_time: RwSignal<bool>,
    /// Transfers are one atomic write (else a process between two boundaries).
    pub atomic: RwSignal<bool>,
    /// True after a simulated crash, until the app is restarted.
    pub stopped: RwSignal<bool>,
    /// New deposits are written in v2.
    pub shipped: RwSignal<bool>,
    /// The id "Retry the last command (same id)" would send again.
    pub last_command: RwSignal<Option<String>>,
    writable: RwSignal<bool>,
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
    /// While a history opened from a link (or a scenario) is shown, read-only: how many events
    /// it holds.
    pub shared: RwSignal<Option<usize>>,
    /// The last command a person sent, as it flowed through decide, the store and the projection.
    pub flow: RwSignal<Option<Flow>>,
    /// While a guided scenario is shown: which one (its index in the list) and which step.
    pub scenario: RwSignal<Option<(usize, usize)>>,
    /// What the read models' regions depend on besides the events: their positions, the
    /// statement's version, a rebuild, the note about their copies, how they are delivered.
    read_models: RwSignal<u64>,
    /// A timer is set to catch the read models up (asynchronous delivery) / to write copies.
    timers: StoredValue<(bool, bool)>,
    /// `readonly=1`: nothing here may change the ledger, not even keeping a shared history.
    pub readonly: bool,
    /// The page keeps its ledger in localStorage, so small page choices may be remembered there
    /// too (never with storage=session or storage=memory, which promise to keep nothing there).
    pub remembers: bool,
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
        let at_cursor = Memo::new(move |_| {
            cursor.track();
            revision.track();
            page.with_value(Page::replay_at_cursor)
        });
        let bank = Bank {
            page,
            revision,
            head: RwSignal::new(0),
            accounts: RwSignal::new(Vec::new()),
            cursor,
            at_cursor,
            chosen: RwSignal::new(None),
            one_at_a_time: RwSignal::new(false),
            atomic: RwSignal::new(false),
            stopped: RwSignal::new(false),
            shipped: RwSignal::new(false),
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

        // Another tab wrote: show its events live, and redo any of ours it overwrote.
        let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
            let ours = bank
                .page
                .try_with_value(|page| ev.key().is_none_or(|key| key == page.key()))
                .unwrap_or(false);
            if ours {
                bank.act(|page| page.another_tab_wrote(now_ms()));
            }
        });
        // Leaving with unsaved events: the browser asks the person to confirm.
        let unload_listener = window_event_listener(leptos::ev::beforeunload, move |ev| {
            // The read models' copies are written a second after a change; leaving, at once.
            bank.page.try_update_value(Page::save_read_models);
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

    /// Sets the timers the read models need: a catch-up after the lag while they run
    /// asynchronously and are behind, and the writing of their copies a second after a change.
    fn schedule_read_models(&self) {
        let Some((due, unsaved)) = self
            .page
            .try_with_value(|page| (page.read_models_due(), page.read_models_unsaved()))
        else {
            return;
        };
        let (catching_up, saving) = self.timers.get_value();
        let bank = *self;
        if let (Some(lag), false) = (due, catching_up) {
            self.timers.update_value(|t| t.0 = true);
            set_timeout(
                move || {
                    bank.timers.update_value(|t| t.0 = false);
                    bank.act(Page::catch_up_read_models);
                },
                std::time::Duration::from_millis(lag.into()),
            );
        }
        if unsaved && !saving {
            self.timers.update_value(|t| t.1 = true);
            set_timeout(
                move || {
                    bank.timers.update_value(|t| t.1 = false);
                    bank.act(Page::save_read_models);
                },
                std::time::Duration::from_secs(1),
            );
        }
    }

    /// Copies the page model into the signals, touching only those whose value changed. The
    /// values are read first and set after, so no subscriber runs while the page is borrowed.
    fn mirror(&self, said: Said) {
        let Some(view) = self.page.try_with_value(|page| View {
            revision: page.revision(),
            head: page.head(),
            accounts: page.account_choices(),
            cursor: page.cursor(),
            chosen: page.chosen().map(str::to_string),
            one_at_a_time: page.delivery() == Delivery::OneAtATime,
            atomic: page.consistency() == Consistency::AtomicWrite,
            stopped: page.stopped(),
            shipped: page.shipped_v2(),
            last_command: page.last_command_id().map(str::to_string),
            writable: page.can_write(),
            notice: page.notice(),
            unsaved: page.unsaved().cloned(),
            progress: page.progress(),
            shared: page.shared(),
            scenario: page.scenario(),
            read_models: page.read_models_stamp(),
            rejected: self
                .rejected
                .with_untracked(|list| list[..] != *page.rejected())
                .then(|| page.rejected().to_vec()),
            flow: self
                .flow
                .with_untracked(|flow| flow.as_ref() != page.flow())
                .then(|| page.flow().cloned()),
        }) else {
            return;
        };
        set_if_changed(self.revision, view.revision);
        set_if_changed(self.head, view.head);
        set_if_changed(self.accounts, view.accounts);
        set_if_changed(self.cursor, view.cursor);
        set_if_changed(self.chosen, view.chosen);
        set_if_changed(self.one_at_a_time, view.one_at_a_time);
        set_if_changed(self.atomic, view.atomic);
        set_if_changed(self.stopped, view.stopped);
        set_if_changed(self.shipped, view.shipped);
        set_if_changed(self.last_command, view.last_command);
        set_if_changed(self.writable, view.writable);
        set_if_changed(self.notice, view.notice);
        set_if_changed(self.unsaved, view.unsaved);
        set_if_changed(self.progress, view.progress);
        set_if_changed(self.shared, view.shared);
        set_if_changed(self.scenario, view.scenario);
        set_if_changed(self.read_models, view.read_models);
        if let Some(rejected) = view.rejected {
            self.rejected.set(rejected);
        }
        if let Some(flow) = view.flow {
            self.flow.set(flow);
        }
        if let Some(status) = said.status {
            self.status.set(status);
        }
        if let Some(alert) = said.alert {
            self.alert.set(alert);
        }
    }

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

    /// Moves the slider to the last event recorded at or before the moment typed (UTC).
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

    /// The bank as of the cursor, folded from the nearest checkpoint once per move; subscribes
    /// to the cursor and the events, which the fold depends on.
    pub fn replay_at_cursor(&self) -> Replay<BankState> {
        self.at_cursor.get()
    }

    /// Reads the bank at the cursor without copying it.
    pub fn with_at_cursor<R>(&self, read: impl FnOnce(&Replay<BankState>) -> R) -> R {
        self.at_cursor.with(read)
    }

    /// The chosen account as of the cursor.
    pub fn chosen_at_cursor(&self) -> AccountState {
        let chosen = self.chosen.get();
        self.at_cursor
            .with(|replay| replay.state.account_or_none(chosen.as_deref()))
    }

    /// The CRUD twin at the cursor, its states served from the checkpoints.
    pub fn crud_twin_at_cursor(&self) -> CrudTwin {
        self.at_cursor(|events, shown, state_at| crud_twin_at(events, shown, state_at))
    }

    /// The questions, answered at the cursor about the chosen account and across accounts.
    pub fn questions_at_cursor(&self) -> Vec<Question> {
        self.chosen.track();
        self.shown();
        self.revision.track();
        self.page.with_value(Page::questions_at_cursor)
    }

    /// Runs `read` on the events, the cursor, and the bank after any first k events, folded
    /// from the nearest checkpoint; subscribes to both.
    fn at_cursor<R>(
        &self,
        read: impl FnOnce(&[RecordedEvent], usize, &dyn Fn(usize) -> BankState) -> R,
    ) -> R {
        let shown = self.shown();
        self.revision.track();
        self.page.with_value(|page| {
            let events = page.events();
            read(events, shown, &|k| {
                page.checkpoints().replay_to(events, k).state
            })
        })
    }

    /// The regions of the "Read models" tab; subscribes to the read models, the events and
    /// the chosen account (not to the cursor: a slider move redraws none of them).
    pub fn read_model_regions(&self) -> Vec<RegionView> {
        self.read_models.track();
        self.chosen.track();
        self.revision.track();
        self.page.with_value(|page| {
            let events = page.events();
            regions(page.read_models(), page.head(), page.chosen(), &|k| {
                page.checkpoints().replay_to(events, k).state
            })
        })
    }

    /// Reads the page's read models, subscribing to their changes.
    fn with_read_models<R>(&self, read: impl FnOnce(&Page<BrowserStore>) -> R) -> R {
        self.read_models.track();
        self.page.with_value(read)
    }

    /// How the read models are delivered, subscribing to changes.
    pub fn projecting(&self) -> Projecting {
        self.with_read_models(Page::projecting)
    }

    /// The note about the read models' copies (rebuilt at start, not kept), if any.
    pub fn read_models_note(&self) -> Option<String> {
        self.with_read_models(|page| page.read_models_note().map(str::to_string))
    }

    /// True while the statement rebuilds; or with `large`, true while Large movements is on.
    pub fn read_model_flag(&self, large: bool) -> bool {
        self.with_read_models(|page| {
            if large {
                page.read_models().large().is_some()
            } else {
                page.rebuilding()
            }
        })
    }

    /// True when the deployed statement is the buggy version.
    pub fn statement_buggy(&self) -> bool {
        self.with_read_models(|page| page.read_models().statement().state().is_buggy())
    }

    /// The chosen account's balance chart, drawn from the read model's own state.
    pub fn balance_chart(&self) -> Option<ChartView> {
        self.read_models.track();
        let chosen = self.chosen.get()?;
        self.revision.track();
        self.page.with_value(|page| {
            let series = page.read_models().chart().state().of(&chosen)?;
            let owner = page
                .present()
                .account(&chosen)
                .and_then(|s| s.owner())
                .map_or_else(|| chosen.clone(), ToString::to_string);
            Some(chart(series, page.head(), &owner))
        })
    }

    /// The balance at the slider on the chosen account's chart, in words: from the bank
    /// already folded at the cursor, not a fold of its own.
    pub fn chart_cursor_words(&self) -> String {
        let account = self.chosen_at_cursor();
        let balance = (account.status() != AccountStatus::NoAccount).then(|| account.balance());
        chart_cursor_words(balance, self.shown())
    }

    /// Deploys the statement's buggy version.
    pub fn deploy_buggy_statement(&self) {
        self.act(Page::deploy_buggy_statement);
    }

    /// Deploys the fix and rebuilds the statement from position 1, a batch every 50 ms so the
    /// rebuild can be watched.
    pub fn fix_and_rebuild(&self) {
        if self.act(|page| {
            page.fix_and_rebuild_statement();
            page.rebuilding()
        }) == Some(true)
        {
            self.rebuild_later();
        }
    }

    fn rebuild_later(&self) {
        let bank = *self;
        set_timeout(
            move || {
                let clock = || {
                    web_sys::window()
                        .and_then(|w| w.performance())
                        .map_or(0.0, |p| p.now())
                };
                if bank.act(|page| page.rebuild_step(&clock)) == Some(true) {
                    bank.rebuild_later();
                }
            },
            std::time::Duration::from_millis(50),
        );
    }

    /// Switches Large movements on, built from every past event.
    pub fn switch_on_large_movements(&self) {
        self.act(Page::switch_on_large_movements);
    }

    /// Delivers the last event the read models applied once more: each skips it.
    pub fn deliver_last_event_again(&self) {
        self.act(Page::deliver_last_event_again);
    }

    /// Runs the read models asynchronously (true) or inline.
    pub fn set_read_models_async(&self, asynchronous: bool) {
        self.act(|page| page.set_read_models_async(asynchronous));
    }

    /// The lag of asynchronous delivery, in ms.
    pub fn set_read_model_lag(&self, lag_ms: u32) {
        self.act(|page| page.set_read_model_lag(lag_ms));
    }

    /// Whether a command's report waits for the read models.
    pub fn set_read_your_own_writes(&self, on: bool) {
        self.act(|page| page.set_read_your_own_writes(on));
    }

    /// The command form acts on `account` from now on.
    pub fn choose(&self, account: &str) {
        self.act(|page| page.choose(account));
    }

    /// Transfers `amount` from the chosen account to `to`, as the page's transfer choices say;
    /// the second click of a double click sends the first one again.
    pub fn transfer(&self, to: String, amount: Money, double_click: bool) {
        let context = transfer_context();
        let request = TransferRequest {
            transfer_id: TransferId::new(context.correlation_id.clone()),
            to,
            amount,
        };
        self.act(|page| page.transfer_clicked(&request, &context, double_click));
    }

    /// Like [`Bank::transfer`], but the app stops right after the debit.
    pub fn crash_after_debit(&self, to: String, amount: Money) {
        let context = transfer_context();
        let request = TransferRequest {
            transfer_id: TransferId::new(context.correlation_id.clone()),
            to,
            amount,
        };
        self.act(|page| page.crash_after_debit(&request, &context));
    }

    /// Starts the app again after a simulated crash.
    pub fn restart(&self) {
        self.act(|page| page.restart(now_ms()));
    }

    /// Delivers the next step of the oldest unfinished transfer.
    pub fn deliver_next_step(&self) {
        self.act(|page| page.deliver_next_step(now_ms()));
    }

    /// When the transfer's process takes its steps.
    pub fn set_delivery(&self, delivery: Delivery) {
        self.act(|page| page.set_delivery(delivery, now_ms()));
    }

    /// How transfers keep the two accounts consistent.
    pub fn set_consistency(&self, consistency: Consistency) {
        self.act(|page| page.set_consistency(consistency));
    }

    /// True while the stored ledger cannot be read (writing would overwrite it).
    pub fn unreadable(&self) -> bool {
        self.notice
            .with(|n| matches!(n, Some(StorageNotice::Unreadable(_))))
    }

    /// False when commands must not run: a shared history or scenario is shown, the stored
    /// ledger is unreadable, or a generation run is appending.
    pub fn can_write(&self) -> bool {
        self.writable.get()
    }

    /// Runs a command against the present, with ids and the clock from the browser; the second
    /// click of a double click sends the first one again. The view returns to now, so the
    /// person sees the effect.
    pub fn send(&self, command: Command, double_click: bool) {
        let context = browser_context();
        self.act(|page| page.send_clicked(&command, &context, double_click));
    }

    /// Ships v2: new deposits are written in the new version; stored events are not touched.
    pub fn ship_v2(&self) {
        self.act(Page::ship_v2);
    }

    /// Sends the last command again with the same id: it is recognised, and appends nothing.
    pub fn retry_last(&self) {
        self.act(|page| page.retry_last(now_ms()));
    }

    /// Shows a problem (a typing mistake, a failure) with role="alert".
    pub fn fail(&self, message: String) {
        self.act(|page| page.fail(message));
    }

    /// Retries writing the unsaved events now.
    pub fn save_now(&self) {
        self.act(Page::save_now);
    }

    /// Downloads `spec` as a test: the plain-text specification, or (`rust`) a Rust test.
    pub fn download_spec(&self, spec: &Spec, stem: &str, rust: bool) {
        let (name, text) = if rust {
            let test = stem.replace('-', "_");
            (format!("{stem}.rs"), spec.to_rust(&test))
        } else {
            (format!("{stem}.spec"), spec.to_text())
        };
        if let Err(message) = download_text(&name, &text) {
            self.fail(message);
        }
    }

    /// The specification of the command that recorded event `position`, or why there is none.
    pub fn spec_of_event(&self, position: usize) -> Result<Spec, String> {
        self.revision.track();
        self.page
            .with_value(|page| spec_of_event(page.events(), position))
    }

    /// Downloads every accepted event, saved or not, as one document of full envelopes.
    pub fn download_ledger(&self) {
        let text = self.page.with_value(|page| encode_document(page.events()));
        if let Err(message) = download_text(&file_name("replay-bank-ledger"), &text) {
            self.fail(message);
        }
    }

    /// Downloads the ledger as a file to share: every event's envelope, the app's version, and
    /// the time-travel cursor, so an import shows what the exporter was looking at.
    pub fn export_ledger(&self) {
        let Some(text) = self.act(|page| page.export(env!("CARGO_PKG_VERSION"))) else {
            return;
        };
        if let Err(message) = download_text(&file_name("replay-bank-export"), &text) {
            self.fail(message);
        }
    }

    /// Replaces the ledger with a checked import the person confirmed, and moves the cursor to
    /// where the file says (the start of history if it does not).
    pub fn import(&self, import: Import, file: &str, expected: usize) {
        self.act(|page| page.import(import, file, expected));
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
        if let Some(Err(reason)) = self.page.try_with_value(Page::can_show_link) {
            return self.fail(reason);
        }
        let bank = *self;
        match parsed {
            Err(error) => {
                self.act(|page| page.open_link(Err(error.to_string())));
            }
            Ok(parts) => leptos::task::spawn_local(async move {
                let opened = match inflate(&parts.compressed).await {
                    Ok(text) => {
                        read_link(&text, parts.events, parts.cursor).map_err(|e| e.to_string())
                    }
                    Err(error) => Err(format!("the link is incomplete or damaged ({error})")),
                };
                bank.act(|page| page.open_link(opened));
            }),
        }
    }

    /// Shows a guided scenario, read-only, like a shared history: storage is untouched until the
    /// person keeps it, and the slider starts at the narration's first step.
    pub fn load_scenario(&self, name: &str) {
        self.act(|page| page.load_scenario(name));
    }

    /// Moves the narration to `step` of the scenario shown, and the slider with it.
    pub fn scenario_step(&self, step: usize) {
        self.act(|page| page.scenario_step(step));
    }

    /// Shows a history opened from a link, read-only, in memory: storage is not touched until
    /// the person keeps it.
    pub fn show_shared(&self, import: Import) {
        self.act(|page| page.show_shared(import));
    }

    /// How many events this page's own ledger holds (while a shared one is shown).
    pub fn own_events(&self) -> Result<usize, StorageError> {
        self.page.try_with_value(Page::own_events).unwrap_or(Ok(0))
    }

    /// Makes the shared history this page's own ledger, replacing the own one, which the person
    /// saw hold `expected` events when they confirmed.
    pub fn keep_shared(&self, expected: usize) {
        self.act(|page| page.keep_shared(expected));
    }

    /// Leaves the shared history for this page's own ledger, exactly as it was left, then picks
    /// up whatever other tabs wrote meanwhile.
    pub fn back_to_own(&self) {
        self.act(|page| page.back_to_own(now_ms()));
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
        // Only where the person is: a frame that changed because another page wrote must not
        // take the focus from the frame or page they are typing in.
        if window
            .document()
            .is_some_and(|d| d.has_focus().unwrap_or(false))
        {
            focus_quietly("#main");
        }
    }

    /// Downloads every stored key of the unreadable ledger, each value exactly as it is.
    pub fn download_raw(&self) {
        if let Some(Some(dump)) = self.act(Page::raw_data) {
            if let Err(message) = download_text(&file_name("replay-bank-unreadable"), &dump) {
                self.fail(message);
            }
        }
    }

    /// Moves the unreadable data to quarantine keys (copy first, then remove) and starts an
    /// empty ledger. If the copy cannot be made, nothing changes.
    pub fn start_fresh(&self) {
        self.act(|page| page.start_fresh(now_ms()));
    }

    /// Deletes the whole history after the person confirmed.
    pub fn clear(&self) {
        self.act(Page::clear);
    }

    /// Appends `total` generated commands in batches between frames, through the same decide and
    /// append path as a person's commands, writing storage once per batch.
    pub fn generate(&self, total: usize) {
        let seed = (js_sys::Math::random() * u32::MAX as f64) as u64;
        let run_id = format!("gen-{}", random_hex(6));
        self.act(|page| page.generate(total, seed, run_id));
        self.generation_step();
    }

    /// Stops a generation run after the batch in progress; what was generated is kept.
    pub fn stop_generating(&self) {
        self.act(Page::stop_generating);
    }

    fn generation_step(&self) {
        let bank = *self;
        if self.act(|page| page.generate_batch(now_ms())) == Some(true) {
            // Yield to the browser between batches so the page stays responsive.
            set_timeout(move || bank.generation_step(), std::time::Duration::ZERO);
        }
    }
}

/// The page model's queries, read at once for [`Bank::mirror`]; `None` where a list did not
/// change.
struct View {
    revision: u64,
    head: usize,
    accounts: Vec<(String, String)>,
    cursor: Cursor,
    chosen: Option<String>,
    one_at_a_time: bool,
    atomic: bool,
    stopped: bool,
    shipped: bool,
    last_command: Option<String>,
    writable: bool,
    notice: Option<StorageNotice>,
    unsaved: Option<Unsaved>,
    progress: Option<Progress>,
    shared: Option<usize>,
    scenario: Option<(usize, usize)>,
    read_models: u64,
    rejected: Option<Vec<RejectedAttempt>>,
    flow: Option<Option<Flow>>,
}

/// Sets `signal` only when `value` differs, so readers of an unchanged value are not woken.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// The browser's clock, in ms since 1970-01-01 UTC.
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Ids and the clock come from the browser, here at the edge, never inside `decide`.
fn browser_context() -> CommandContext {
    let command_id = format!("cmd-{}", random_hex(12));
    CommandContext {
        correlation_id: command_id.clone(),
        command_id,
        now_ms: now_ms(),
    }
}

/// A transfer's ids: its own id (also the conversation every step belongs to) and the
/// request's command id.
fn transfer_context() -> CommandContext {
    CommandContext {
        command_id: format!("cmd-{}", random_hex(12)),
        correlation_id: format!("tr-{}", random_hex(6)),
        now_ms: now_ms(),
    }
}

/// A fresh account id such as `acc-3f9a1c`.
pub fn new_account_id() -> crate::domain::AccountId {
    crate::domain::AccountId::new(format!("acc-{}", random_hex(6)))
}

fn file_name(stem: &str) -> String {
    format!("{stem}-{}.json", now_ms())
}

fn random_hex(digits: usize) -> String {
    (0..digits)
        .map(|_| {
            let nibble = (js_sys::Math::random() * 16.0) as u32 % 16;
            char::from_digit(nibble, 16).unwrap_or('0')
        })
        .collect()
}
