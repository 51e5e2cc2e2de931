//! The signals panels read, mirrored from the page model after every action by one function
//! that sets only what changed. Panels get read-only handles: only an action of the page model
//! changes what they show.

use leptos::prelude::*;

use super::Bank;
use crate::app::{
    Alert, Consistency, Cursor, Delivery, Flow, Progress, RejectedAttempt, Said, StorageNotice,
    Unsaved,
};

impl Bank {
    /// Every account as of now, as (id, "Owner · id"), for the Account and To account controls.
    pub fn accounts(&self) -> ReadSignal<Vec<(String, String)>> {
        self.accounts.read_only()
    }

    /// The account the command form acts on.
    pub fn chosen(&self) -> ReadSignal<Option<String>> {
        self.chosen.read_only()
    }

    /// When the transfer's process takes its steps.
    pub fn delivery(&self) -> ReadSignal<Delivery> {
        self.delivery.read_only()
    }

    /// How a transfer keeps the two accounts consistent.
    pub fn consistency(&self) -> ReadSignal<Consistency> {
        self.consistency.read_only()
    }

    /// True after a simulated crash, until the app is restarted.
    pub fn stopped(&self) -> ReadSignal<bool> {
        self.stopped.read_only()
    }

    /// New deposits are written in v2.
    pub fn shipped(&self) -> ReadSignal<bool> {
        self.shipped.read_only()
    }

    /// The id "Retry the last command (same id)" would send again.
    pub fn last_command(&self) -> ReadSignal<Option<String>> {
        self.last_command.read_only()
    }

    /// The latest refusal or failure, shown with role="alert".
    pub fn alert(&self) -> ReadSignal<Option<Alert>> {
        self.alert.read_only()
    }

    /// The latest success, shown with role="status".
    pub fn status(&self) -> ReadSignal<String> {
        self.status.read_only()
    }

    /// Commands the rules refused during this visit.
    pub fn rejected(&self) -> ReadSignal<Vec<RejectedAttempt>> {
        self.rejected.read_only()
    }

    /// A storage situation the person must know about.
    pub fn notice(&self) -> ReadSignal<Option<StorageNotice>> {
        self.notice.read_only()
    }

    /// Accepted events not yet in storage.
    pub fn unsaved(&self) -> ReadSignal<Option<Unsaved>> {
        self.unsaved.read_only()
    }

    /// A "Generate history" run in progress.
    pub fn progress(&self) -> ReadSignal<Option<Progress>> {
        self.progress.read_only()
    }

    /// While a history opened from a link (or a scenario) is shown, read-only: how many events
    /// it holds.
    pub fn shared(&self) -> ReadSignal<Option<usize>> {
        self.shared.read_only()
    }

    /// The last command a person sent, as it flowed through decide, the store and the projection.
    pub fn flow(&self) -> ReadSignal<Option<Flow>> {
        self.flow.read_only()
    }

    /// While a guided scenario is shown: which one (its index in the list) and which step.
    pub fn scenario(&self) -> ReadSignal<Option<(usize, usize)>> {
        self.scenario.read_only()
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
