//! The signals panels read, mirrored from the page model after every action by one function
//! that sets only what changed. Panels get read-only handles: only an action of the page model
//! changes what they show.

use leptos::prelude::*;

use super::shown::Shown;
use super::Bank;
use crate::app::{
    Alert, Consistency, Cursor, Delivery, Flow, Progress, RejectedAttempt, Said, StorageNotice,
    Unsaved,
};

impl Bank {
    /// Every account as of now, as (id, "Owner · id"), for the Account and To account controls.
    pub fn accounts(&self) -> Shown<Vec<(String, String)>> {
        Shown::of(self.accounts)
    }

    /// The account the command form acts on.
    pub fn chosen(&self) -> Shown<Option<String>> {
        Shown::of(self.chosen)
    }

    /// When the transfer's process takes its steps.
    pub fn delivery(&self) -> Shown<Delivery> {
        Shown::of(self.delivery)
    }

    /// How a transfer keeps the two accounts consistent.
    pub fn consistency(&self) -> Shown<Consistency> {
        Shown::of(self.consistency)
    }

    /// True after a simulated crash, until the app is restarted.
    pub fn stopped(&self) -> Shown<bool> {
        Shown::of(self.stopped)
    }

    /// New deposits are written in v2.
    pub fn shipped(&self) -> Shown<bool> {
        Shown::of(self.shipped)
    }

    /// "Simulate another clerk writing first" is on.
    pub fn another_clerk(&self) -> Shown<bool> {
        Shown::of(self.another_clerk)
    }

    /// The id "Retry the last command (same id)" would send again.
    pub fn last_command(&self) -> Shown<Option<String>> {
        Shown::of(self.last_command)
    }

    /// The latest refusal or failure, shown with role="alert".
    pub fn alert(&self) -> Shown<Option<Alert>> {
        Shown::of(self.alert)
    }

    /// The latest success, shown with role="status".
    pub fn status(&self) -> Shown<String> {
        Shown::of(self.status)
    }

    /// Commands the rules refused during this visit.
    pub fn rejected(&self) -> Shown<Vec<RejectedAttempt>> {
        Shown::of(self.rejected)
    }

    /// A storage situation the person must know about.
    pub fn notice(&self) -> Shown<Option<StorageNotice>> {
        Shown::of(self.notice)
    }

    /// Accepted events not yet in storage.
    pub fn unsaved(&self) -> Shown<Option<Unsaved>> {
        Shown::of(self.unsaved)
    }

    /// A "Generate history" run in progress.
    pub fn progress(&self) -> Shown<Option<Progress>> {
        Shown::of(self.progress)
    }

    /// While a history opened from a link (or a scenario) is shown, read-only: how many events
    /// it holds.
    pub fn shared(&self) -> Shown<Option<usize>> {
        Shown::of(self.shared)
    }

    /// The last command a person sent, as it flowed through decide, the store and the projection.
    pub fn flow(&self) -> Shown<Option<Flow>> {
        Shown::of(self.flow)
    }

    /// While a guided scenario is shown: which one (its index in the list) and which step.
    pub fn scenario(&self) -> Shown<Option<(usize, usize)>> {
        Shown::of(self.scenario)
    }

    /// `readonly=1`: nothing here may change the ledger, not even keeping a shared history.
    pub fn readonly(&self) -> bool {
        self.readonly
    }

    /// The page keeps its ledger in localStorage, so small page choices may be remembered there
    /// too (never with storage=session or storage=memory, which promise to keep nothing there).
    pub fn remembers(&self) -> bool {
        self.remembers
    }

    /// Copies the page model into the signals, touching only those whose value changed. The
    /// values are read first and set after, so no subscriber runs while the page is borrowed.
    pub(super) fn mirror(&self, said: Said) {
        let Some(view) = self.page.try_with_value(|page| View {
            revision: page.revision(),
            head: page.head(),
            accounts: page.account_choices(),
            cursor: page.cursor(),
            chosen: page.chosen().map(str::to_string),
            delivery: page.delivery(),
            consistency: page.consistency(),
            stopped: page.stopped(),
            shipped: page.shipped_v2(),
            another_clerk: page.another_clerk(),
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
        set_if_changed(self.delivery, view.delivery);
        set_if_changed(self.consistency, view.consistency);
        set_if_changed(self.stopped, view.stopped);
        set_if_changed(self.shipped, view.shipped);
        set_if_changed(self.another_clerk, view.another_clerk);
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
}

/// The page model's queries, read at once for [`Bank::mirror`]; `None` where a list did not
/// change.
struct View {
    revision: u64,
    head: usize,
    accounts: Vec<(String, String)>,
    cursor: Cursor,
    chosen: Option<String>,
    delivery: Delivery,
    consistency: Consistency,
    stopped: bool,
    shipped: bool,
    another_clerk: bool,
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
