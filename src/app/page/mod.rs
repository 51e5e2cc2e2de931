//! The page model: what is on screen, where the time-travel cursor stands, and what the page
//! says, driven by named actions and tested natively. Generic over the store, so native tests
//! use memory and the browser localStorage.
//!
//! Every action ends by settling the page (head, present state, checkpoints, unsaved events) in
//! one place, so none can forget to; the browser adapter calls an action, then mirrors the
//! queries into signals. Ids, the clock, random seeds and the browser's own APIs (clipboard,
//! downloads, the URL, focus, timers) stay in the adapter and come in as plain values.

mod commands;
mod generate;
mod read_models;
mod retry;
mod reversal;
mod schema;
mod sharing;
mod storage;
mod transfers;
mod yours;

pub use read_models::{Projecting, MAX_LAG_MS};
pub use transfers::TransferRequest;
pub use yours::YourEdit;

use crate::bank_service::BankService;
use crate::domain::{AccountId, AccountState, Money};
use crate::eventstore::{check_recorded, KeyValueStore, Ledger, RecordedEvent, StorageError};
use crate::read_models::ReadModels;
use crate::read_models::{
    answer, crud_twin_at, BankState, CrudTable, CrudTwin, Kept, Question, QuestionFacts,
    Registered, Registry, Replay,
};

use super::format::group_thousands;
use super::{
    back_dated, balance_at_moment, event_details, events_as_at, parse_as_at, stamped_earlier,
    EventDetails,
};
use super::{
    Alert, Consistency, Cursor, Delivery, Field, Flow, GenerationRun, Messages, MoneyFormError,
    Progress, RejectedAttempt, Said, Showing, StorageNotice, Unsaved,
};
use crate::read_models::format_utc;

/// The page's state. Impossible combinations (writing to a shared history, a scenario step
/// without a scenario, commands on over unreadable storage) cannot be built.
#[derive(Debug)]
pub struct Page<S> {
    showing: Showing<S>,
    cursor: Cursor,
    /// How many events were on screen when the page last settled.
    head: usize,
    /// Bumped whenever one history on screen is switched for another.
    view: u64,
    /// (view, ledger epoch, length) at the last settle: what the events were.
    seen: (u64, u64, usize),
    revision: u64,
    /// The read models the slider re-folds, the bank and what the questions need, kept by the
    /// registry with their checkpoints for the events on screen.
    time_travel: Registry,
    present: BankState,
    /// The account the command form acts on.
    chosen: Option<AccountId>,
    delivery: Delivery,
    consistency: Consistency,
    /// The app "stopped" mid-transfer (a simulated crash): commands wait for a restart.
    stopped: bool,
    /// What a person sent last: a double click or a retry sends it with the same ids.
    last_sent: Option<retry::LastSent>,
    unsaved: Option<Unsaved>,
    rejected: Vec<RejectedAttempt>,
    flow: Option<Flow>,
    /// "Simulate another clerk writing first" is on: the next command to an account meets
    /// another writer's deposit to the same stream between its decision and its append.
    another_clerk: bool,
    generation: Option<GenerationRun>,
    messages: Messages,
    memory_only: Option<String>,
    readonly: bool,
    /// The read models of the "Read models" tab, and the (view, epoch) they were built from.
    read_models: ReadModels,
    read_models_seen: (u64, u64),
    /// The epoch of the own ledger the stored copies were made from.
    copies_epoch: u64,
    /// Storage was found full during this visit: no more copies, the room is the ledger's.
    copies_off: bool,
    projecting: Projecting,
    held_report: Option<read_models::HeldReport>,
    read_models_note: Option<String>,
    /// How the learner's read model was last built ("Rebuilt from … in … ms").
    your_note: Option<String>,
    /// A handle on storage, cloned to read it afresh (the own ledger, raw data, quarantine).
    store: S,
    key: String,
}

impl<S: KeyValueStore + Clone> Page<S> {
    /// Opens this page's ledger stored under `key`. Unreadable data is shown as such, with
    /// commands off, and left exactly as it is.
    pub fn open(store: S, key: impl Into<String>) -> Self {
        let key = key.into();
        let showing = match Ledger::open(store.clone(), &key) {
            Ok(ledger) => checked(BankService::new(ledger)),
            Err(error) => Showing::Unreadable {
                reason: error.to_string(),
                last_read: None,
            },
        };
        let mut page = Page {
            showing,
            cursor: Cursor::Present,
            head: 0,
            view: 0,
            seen: (0, 0, 0),
            revision: 0,
            time_travel: time_travel_models(),
            present: BankState::default(),
            chosen: None,
            delivery: Delivery::default(),
            consistency: Consistency::default(),
            stopped: false,
            last_sent: None,
            unsaved: None,
            rejected: Vec::new(),
            flow: None,
            another_clerk: false,
            generation: None,
            messages: Messages::default(),
            memory_only: None,
            readonly: false,
            read_models: ReadModels::default(),
            read_models_seen: (0, 0),
            copies_epoch: 0,
            copies_off: false,
            projecting: Projecting::default(),
            held_report: None,
            read_models_note: None,
            your_note: None,
            store,
            key,
        };
        let epoch = page
            .showing
            .own_on_screen()
            .map_or(0, |own| own.ledger().epoch());
        page.load_read_models(epoch);
        page.settle();
        page
    }

    /// `readonly=1`: nothing may change the ledger, not even keeping a shared history.
    pub fn readonly(mut self, readonly: bool) -> Self {
        self.readonly = readonly;
        self
    }

    /// The ledger lives in memory for this visit, for this reason (said at the top).
    pub fn memory_only(mut self, reason: Option<String>) -> Self {
        self.memory_only = reason;
        self
    }

    // ----- what the page shows -----

    /// What is on screen.
    pub fn showing(&self) -> &Showing<S> {
        &self.showing
    }

    /// The events on screen, saved or not.
    pub fn events(&self) -> &[RecordedEvent] {
        self.showing.events()
    }

    /// How many events are on screen.
    pub fn head(&self) -> usize {
        self.head
    }

    /// Changes whenever the events on screen change (appended, replaced, switched).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The time-travel cursor.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// How many events the time-travel view folds.
    pub fn shown(&self) -> usize {
        self.cursor.shown(self.head)
    }

    /// True while the view shows the past.
    pub fn in_past(&self) -> bool {
        self.cursor.in_past(self.head)
    }

    /// One of the read models the slider re-folds, after the first `k` events on screen.
    fn at<R: Registered>(&self, k: usize) -> Replay<R> {
        let events = self.events();
        match self.time_travel.get::<R>() {
            Some(kept) => kept.at(events, k),
            None => Kept::<R>::default().at(events, k),
        }
    }

    /// The bank after the first `k` events on screen, from its nearest checkpoint.
    pub fn bank_at(&self, k: usize) -> BankState {
        self.at::<BankState>(k).state
    }

    /// The bank at the cursor, folded from the nearest checkpoint: what the state panel,
    /// Accounts and the slider's words read on every move, from this one fold.
    pub fn bank_at_cursor(&self) -> Replay<BankState> {
        self.at(self.shown())
    }

    /// The CRUD twin at the cursor: its table, served from checkpoints, and what the cursor's
    /// event made it run.
    ///
    /// In the past the table keeps its present rows: a table has no past to travel to. What it
    /// ran at the cursor's event is still said, as only the ledger can tell it.
    pub fn crud_twin_at_cursor(&self) -> CrudTwin {
        let mut twin = crud_twin_at(self.events(), self.shown(), |k| {
            self.at::<CrudTable>(k).state
        });
        if self.in_past() {
            let now = |table: &CrudTable| (table.rows(), table.values_overwritten());
            (twin.rows, twin.values_lost) = match self.time_travel.get::<CrudTable>() {
                // Kept at the head by every settle: the table as it is now, with no fold on
                // each slider move.
                Some(kept) if kept.position() == self.head as u64 => now(kept.state()),
                _ => now(&self.at::<CrudTable>(self.head).state),
            };
        }
        twin
    }

    /// The questions at the cursor, about the chosen account and across accounts, their facts
    /// served from checkpoints.
    pub fn questions_at_cursor(&self) -> Vec<Question> {
        let facts = self.at::<QuestionFacts>(self.shown()).state;
        answer(&facts, self.chosen())
    }

    /// "Event details" of the event at `position` on screen, its stream's states served from
    /// the checkpoints.
    pub fn event_details(&self, position: usize) -> Option<EventDetails> {
        event_details(self.events(), position, |k| self.bank_at(k))
    }

    /// The bank as of now: what commands are decided against.
    pub fn present(&self) -> &BankState {
        &self.present
    }

    /// The chosen account as of now.
    pub fn present_account(&self) -> AccountState {
        self.present.account_or_none(self.chosen())
    }

    /// The account the command form acts on, by id.
    pub fn chosen(&self) -> Option<&str> {
        self.chosen.as_ref().map(AccountId::as_str)
    }

    /// When the transfer's process takes its steps.
    pub fn delivery(&self) -> Delivery {
        self.delivery
    }

    /// How transfers keep the two accounts consistent.
    pub fn consistency(&self) -> Consistency {
        self.consistency
    }

    /// True after a simulated crash, until the app is restarted.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Commands the rules refused during this visit (or, in a scenario, during its story).
    pub fn rejected(&self) -> &[RejectedAttempt] {
        &self.rejected
    }

    /// The last command a person sent, as it flowed through decide, the store and projection.
    pub fn flow(&self) -> Option<&Flow> {
        self.flow.as_ref()
    }

    /// How far a "Generate history" run has come, while one runs.
    pub fn progress(&self) -> Option<Progress> {
        self.generation.as_ref().map(|run| run.progress)
    }

    /// Accepted events of the own ledger that storage does not hold yet.
    pub fn unsaved(&self) -> Option<&Unsaved> {
        self.unsaved.as_ref()
    }

    /// A storage situation the person must know about.
    pub fn notice(&self) -> Option<StorageNotice> {
        match self.showing.unreadable() {
            Some(reason) => Some(StorageNotice::Unreadable(reason.to_string())),
            None => self.memory_only.clone().map(StorageNotice::MemoryOnly),
        }
    }

    /// While a history from elsewhere (a link or a scenario) is shown: how many events it holds.
    pub fn shared(&self) -> Option<usize> {
        self.showing.is_shared().then_some(self.head)
    }

    /// While a scenario is shown: its index in [`crate::app::scenarios::all`] and the step.
    pub fn scenario(&self) -> Option<(usize, usize)> {
        match self.showing {
            Showing::Scenario { index, step, .. } => Some((index, step)),
            _ => None,
        }
    }

    /// The storage key of this page's ledger (another tab's write to it means news).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// True when `readonly=1` asked that nothing change the ledger.
    pub fn is_readonly(&self) -> bool {
        self.readonly
    }

    /// Why commands cannot run now, or `None` when they can: only on the own, readable ledger,
    /// and not while a generation run appends.
    pub fn commands_off(&self) -> Option<String> {
        let reason = match &self.showing {
            _ if self.readonly => "this page is read-only",
            Showing::Shared { .. } => "a shared history is shown, read-only",
            Showing::Scenario { .. } => "a scenario is shown, read-only",
            Showing::Unreadable { .. } => {
                "the stored ledger cannot be read, and writing would overwrite it"
            }
            Showing::Own(_) if self.generation.is_some() => "history is being generated",
            Showing::Own(_) if self.stopped => {
                "the app stopped mid-transfer: restart it to see what the process does next"
            }
            Showing::Own(_) => return None,
        };
        Some(reason.to_string())
    }

    /// True when commands can run now.
    pub fn can_write(&self) -> bool {
        self.commands_off().is_none()
    }

    /// The status line.
    pub fn status(&self) -> &str {
        self.messages.status()
    }

    /// The alert, if one is up.
    pub fn alert(&self) -> Option<&Alert> {
        self.messages.alert()
    }

    /// What the status line and the alert became since the last call (for the adapter).
    pub fn take_said(&mut self) -> Said {
        self.messages.take_said()
    }

    /// How many events the own ledger holds, on screen or set aside (read from storage when it
    /// could not be read before).
    pub fn own_events(&self) -> Result<usize, StorageError> {
        let own = match &self.showing {
            Showing::Own(own) => Some(own),
            Showing::Shared { own, .. } | Showing::Scenario { own, .. } => match own {
                super::Aside::Own(own) => Some(own),
                super::Aside::Unreadable { .. } => None,
            },
            Showing::Unreadable { .. } => None,
        };
        match own {
            Some(own) => Ok(own.ledger().events().len()),
            None => self.open_stored().map(|ledger| ledger.events().len()),
        }
    }

    // ----- the time-travel cursor -----

    /// Moves the slider to the ledger as it stood at the moment `text` names (UTC): every event
    /// before the first one recorded after it. Says which event that is, and which later one
    /// stamped earlier (a clock set back) it left out.
    pub fn seek_as_at(&mut self, text: &str) {
        let moment = match parse_as_at(text) {
            Ok(moment) => moment,
            Err(why) => return self.fail(format!("As at: {why}")),
        };
        let k = events_as_at(self.events(), moment);
        self.seek(k);
        let asked = format_utc(moment);
        let said = match k.checked_sub(1).map(|i| &self.events()[i]) {
            None => {
                format!("As at {asked}: no event was recorded yet, so the slider is at the start.")
            }
            Some(r) => format!(
                "As at {asked}: the slider is at event #{} ({}, recorded {}).",
                group_thousands(r.position as usize),
                r.event.name(),
                format_utc(r.recorded_at_ms),
            ),
        };
        let said = match stamped_earlier(self.events(), k, moment) {
            Some(later) => format!(
                "{said} Event #{} is stamped {}, but it was recorded after event #{} (a clock set back), so it is left out.",
                group_thousands(later.position as usize),
                format_utc(later.recorded_at_ms),
                group_thousands(k + 1),
            ),
            None => said,
        };
        let said = match self.as_of_words(k, moment) {
            Some(as_of) => format!("{said} {as_of}"),
            None => said,
        };
        self.messages.success(said);
    }

    /// The chosen account's balance at `moment_ms` both ways, when it has a back-dated deposit
    /// (else the two never differ): as at, from the first `k` events the ledger held then, and
    /// as of, adding the back-dated deposits recorded later that had taken effect by then.
    fn as_of_words(&self, k: usize, moment_ms: i64) -> Option<String> {
        let chosen = self.chosen()?;
        let events = self.events();
        events
            .iter()
            .any(|r| r.stream_id == chosen && back_dated(r).is_some())
            .then_some(())?;
        // What the ledger knew then is the bank at the as-at point, from its checkpoints.
        let known_then = self
            .bank_at(k)
            .account(chosen)
            .map_or(Money::ZERO, AccountState::balance);
        let answer = balance_at_moment(events, k, chosen, known_then, moment_ms);
        let whose = match self.present_account().owner() {
            Some(owner) => format!("{owner}'s"),
            None => "The account's".to_string(),
        };
        let why: Vec<String> = answer
            .back_dated
            .iter()
            .map(|d| {
                format!(
                    "deposit #{}, recorded {}, took effect on {}",
                    group_thousands(d.position as usize),
                    format_utc(d.recorded_at_ms),
                    d.effective_on,
                )
            })
            .collect();
        // Equal when no deposit recorded later had taken effect by then: both are still said.
        let since = if why.is_empty() {
            String::new()
        } else {
            format!(", since {}", why.join("; "))
        };
        Some(format!(
            "What the ledger knew then (as at): {whose} balance was {}. What was true then, as known now (as of): {}{since}.",
            answer.known_then, answer.true_then,
        ))
    }

    /// Moves the slider to show the first `k` events (the present when k reaches the head).
    pub fn seek(&mut self, k: usize) {
        self.cursor = Cursor::seek(k, self.head);
    }

    /// One event back (stays at genesis).
    pub fn step_back(&mut self) {
        self.cursor = self.cursor.step_back(self.head);
    }

    /// One event forward (the last step is the present).
    pub fn step_forward(&mut self) {
        self.cursor = self.cursor.step_forward(self.head);
    }

    /// Follows the present again.
    pub fn back_to_now(&mut self) {
        self.cursor = Cursor::Present;
    }

    // ----- messages -----

    /// Shows a problem (a typing mistake, a failure) with role="alert".
    pub fn fail(&mut self, message: impl Into<String>) {
        self.messages.failure(message);
    }

    /// Shows a refusal of what one form field holds, with role="alert": the alert names the
    /// field, for the form to mark it.
    pub fn refuse_field(&mut self, field: Field, message: String) {
        self.messages.refusal_of(field, message);
    }

    /// Shows why the money row sent nothing: the alert names the field at fault, if one is.
    pub fn refuse_form(&mut self, error: &MoneyFormError) {
        match error.field() {
            Some(field) => self.refuse_field(field, error.message()),
            None => self.fail(error.message()),
        }
    }

    /// Says something went well with role="status" (a link made, say), taking any alert down.
    pub fn succeed(&mut self, message: impl Into<String>) {
        self.messages.success(message);
    }

    // ----- the one place the page settles -----

    /// Switches the history on screen for another: the checkpoints belong to the old one.
    fn show(&mut self, showing: Showing<S>) {
        self.showing = showing;
        self.view += 1;
        self.time_travel = time_travel_models();
    }

    /// Takes what is on screen out, to be replaced by [`Self::show`].
    fn take_showing(&mut self) -> Showing<S> {
        std::mem::replace(
            &mut self.showing,
            Showing::Unreadable {
                reason: String::new(),
                last_read: None,
            },
        )
    }

    /// Brings everything derived from the events on screen up to date: the head, the cursor
    /// (back to the present when history shrank under it), the checkpoints, the present state,
    /// the unsaved events. Every action that can change the events ends here.
    fn settle(&mut self) {
        self.make_room_for_ledger();
        let events = self.showing.events();
        let len = events.len();
        let epoch = match self.showing.own_on_screen() {
            Some(own) => own.ledger().epoch(),
            None => 0,
        };
        // History shrank (cleared here or in another tab): a cursor into it means nothing now.
        if len < self.head {
            self.cursor = Cursor::Present;
        }
        self.cursor = self.cursor.within(len);
        self.head = len;
        // Replaced events (a new epoch, or fewer of them) are another history: its read models
        // fold it from genesis.
        let replaced = epoch != self.seen.1
            || self
                .time_travel
                .registrations()
                .any(|r| r.position > len as u64);
        if replaced {
            self.time_travel = time_travel_models();
        }
        self.time_travel.catch_up(events, &[]);
        let seen = (self.view, epoch, len);
        if seen != self.seen {
            self.seen = seen;
            self.revision += 1;
        }
        self.present = match &self.showing {
            Showing::Shared { history, .. } | Showing::Scenario { history, .. } => {
                history.state.clone()
            }
            showing => showing
                .own_on_screen()
                .map_or_else(BankState::default, BankService::current_state),
        };
        // The chosen account must be one of the bank's: else the first, as a person would
        // expect of a history they just opened.
        let known = self
            .chosen
            .as_ref()
            .is_some_and(|id| self.present.account(id.as_str()).is_some());
        if !known {
            self.chosen = self.present.accounts().first().map(|(id, _)| id.clone());
        }
        self.unsaved = self.showing.own_on_screen().and_then(|own| {
            let ledger = own.ledger();
            (ledger.unsaved() > 0).then(|| Unsaved {
                count: ledger.unsaved(),
                reason: ledger
                    .save_error()
                    .map_or_else(|| "not written yet".to_string(), ToString::to_string),
            })
        });
        self.follow_read_models(epoch);
    }

    /// This page's ledger as storage holds it now.
    fn open_stored(&self) -> Result<Ledger<S>, StorageError> {
        Ledger::open(self.store.clone(), &self.key)
    }
}

/// A stored ledger, checked by the rules an import is checked by: one that breaks them (edited
/// by hand, written by another app) is shown read-only, with the first event that breaks a
/// rule named, and nothing is ever appended to it.
fn checked<S: KeyValueStore>(own: BankService<S>) -> Showing<S> {
    match check_recorded(own.ledger().events()) {
        Ok(()) => Showing::Own(own),
        Err(broken) => Showing::Unreadable {
            reason: format!(
                "the stored ledger breaks the rules: {broken}. It has been left untouched, and commands are off so that nothing is added to it"
            ),
            last_read: Some(own),
        },
    }
}

/// The read models the slider re-folds, before any event.
fn time_travel_models() -> Registry {
    let mut registry = Registry::new();
    registry.register(BankState::default());
    registry.register(QuestionFacts::default());
    registry.register(CrudTable::default());
    registry
}
