//! What the page shows: this tab's own ledger, a shared or scenario history (read-only, with the
//! own ledger set aside exactly as it was), or storage that cannot be read (commands off). One
//! enum, so the page can never show a shared history and write to it, or lose the own ledger
//! while it looks at another.

use crate::bank_service::BankService;
use crate::eventstore::{KeyValueStore, RecordedEvent};
use crate::read_models::BankState;

/// What is on screen.
#[derive(Debug)]
pub enum Showing<S> {
    /// This tab's own ledger; commands go to it.
    Own(BankService<S>),
    /// A history opened from a link, read-only.
    Shared {
        /// The history shown.
        history: History,
        /// The own ledger, set aside as it was.
        own: Aside<S>,
    },
    /// A guided scenario, read-only, at one step of its narration.
    Scenario {
        /// The history shown.
        history: History,
        /// Which scenario, by its place in [`crate::app::scenarios::all`].
        index: usize,
        /// Which step of its narration.
        step: usize,
        /// The own ledger, set aside as it was.
        own: Aside<S>,
    },
    /// The stored ledger cannot be read: it is left untouched and commands are off.
    Unreadable {
        /// What is wrong with it, in words.
        reason: String,
        /// The ledger as this tab last read it, if it ever could (another tab broke it since).
        last_read: Option<BankService<S>>,
    },
}

/// The own ledger while something else is shown.
#[derive(Debug)]
pub enum Aside<S> {
    /// Readable, unsaved events and all.
    Own(BankService<S>),
    /// Unreadable, as it was when set aside.
    Unreadable {
        /// What is wrong with it.
        reason: String,
        /// The ledger as this tab last read it, if ever.
        last_read: Option<BankService<S>>,
    },
}

/// A history from elsewhere (a link or a scenario), checked like an import and held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The events, in position order.
    pub events: Vec<RecordedEvent>,
    /// The bank after all of them.
    pub state: BankState,
}

impl<S: KeyValueStore> Showing<S> {
    /// The events on screen, saved or not.
    pub fn events(&self) -> &[RecordedEvent] {
        match self {
            Showing::Own(own) => own.ledger().events(),
            Showing::Shared { history, .. } | Showing::Scenario { history, .. } => &history.events,
            Showing::Unreadable { last_read, .. } => {
                last_read.as_ref().map_or(&[], |s| s.ledger().events())
            }
        }
    }

    /// The own ledger's service while it is on screen (readable or not).
    pub fn own_on_screen(&self) -> Option<&BankService<S>> {
        match self {
            Showing::Own(own) => Some(own),
            Showing::Unreadable { last_read, .. } => last_read.as_ref(),
            Showing::Shared { .. } | Showing::Scenario { .. } => None,
        }
    }

    /// True while a history from elsewhere is shown.
    pub fn is_shared(&self) -> bool {
        matches!(self, Showing::Shared { .. } | Showing::Scenario { .. })
    }

    /// Why the stored ledger cannot be read, on screen or set aside.
    pub fn unreadable(&self) -> Option<&str> {
        match self {
            Showing::Unreadable { reason, .. }
            | Showing::Shared {
                own: Aside::Unreadable { reason, .. },
                ..
            }
            | Showing::Scenario {
                own: Aside::Unreadable { reason, .. },
                ..
            } => Some(reason),
            _ => None,
        }
    }

    /// Puts what is on screen aside for a history from elsewhere: the own ledger as it is, or,
    /// when a history from elsewhere is already shown, the own ledger it had set aside.
    pub fn into_aside(self) -> Aside<S> {
        match self {
            Showing::Own(own) => Aside::Own(own),
            Showing::Unreadable { reason, last_read } => Aside::Unreadable { reason, last_read },
            Showing::Shared { own, .. } | Showing::Scenario { own, .. } => own,
        }
    }
}

impl<S> Aside<S> {
    /// Brings the own ledger back on screen, as it was.
    pub fn restore(self) -> Showing<S> {
        match self {
            Aside::Own(own) => Showing::Own(own),
            Aside::Unreadable { reason, last_read } => Showing::Unreadable { reason, last_read },
        }
    }
}
