//! What the page must say about its storage when it is not the normal case.

/// How the page keeps its ledger, said at the top when it is not the normal case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// No browser storage: the ledger lives in memory for this visit.
    MemoryOnly(String),
    /// The stored ledger cannot be read; it is kept untouched and commands are off.
    Unreadable(String),
}

/// Events whose append has not committed yet (storage refused the write), and why: pending,
/// kept in this tab and retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// How many events only this tab holds.
    pub count: usize,
    /// Why the last write failed.
    pub reason: String,
}

impl StorageNotice {
    /// The notice's first sentence.
    pub fn headline(&self) -> String {
        match self {
            StorageNotice::MemoryOnly(reason) => {
                format!("The ledger lives in memory and is lost on reload: {reason}.")
            }
            StorageNotice::Unreadable(reason) => {
                format!("The saved ledger could not be loaded: {reason}")
            }
        }
    }
}

impl Unsaved {
    /// The warning's first sentence: how many events are pending, and why.
    pub fn headline(&self) -> String {
        format!(
            "{} pending, not committed: {}.",
            super::count(self.count, "event is", "events are"),
            self.reason
        )
    }
}
