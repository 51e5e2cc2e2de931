//! What the page says around replacing or deleting history: the banner over a shared history,
//! and the two dialogs that ask before anything of the person's own is deleted.

use super::format::{count, group_thousands};

/// The banner over a shared history of `events` events.
pub fn shared_history_banner(events: usize) -> String {
    format!(
        "You are looking at a shared history of {}, read-only. Your own ledger is untouched.",
        count(events, "event", "events"),
    )
}

/// "Keep this history": what replacing an own ledger of `own_events` events deletes.
pub fn keep_shared_dialog(own_events: usize) -> String {
    format!(
        "Your own ledger's {} are deleted for good, and the shared history becomes your ledger.",
        count(own_events, "event", "events"),
    )
}

/// "Keep this history" when the stored ledger could not even be read to count it.
pub fn own_ledger_unreadable(error: &str) -> String {
    format!("Your stored ledger could not be read, so it was not replaced: {error}.")
}

/// "Clear ledger": what deleting a ledger of `events` events deletes.
pub fn clear_dialog(events: usize) -> String {
    format!(
        "This deletes {} for good: the account, its balance and its history. It cannot be undone.",
        match events {
            1 => "the ledger's only event".to_string(),
            n => format!("all {} events", group_thousands(n)),
        },
    )
}
