//! Says, once and plainly, when the ledger is not being kept in the normal way.

use leptos::prelude::*;

use super::bank::{Bank, StorageNotice};

/// An alert for unreadable stored data, a status line for memory-only mode.
#[component]
pub fn StorageNoticeBanner() -> impl IntoView {
    let bank = Bank::use_context();
    move || {
        match bank.notice.get() {
        None => ().into_any(),
        Some(StorageNotice::MemoryOnly(reason)) => view! {
            <p class="banner info" role="status">
                {format!(
                    "This browser gives the page no storage ({reason}), so the ledger lives in memory and is lost on reload."
                )}
            </p>
        }
        .into_any(),
        Some(StorageNotice::Unreadable(reason)) => view! {
            <div class="banner error" role="alert">
                <p>{format!("The saved ledger could not be loaded: {reason}")}</p>
                <p>
                    "Nothing has been deleted or overwritten, and commands are off so that nothing will be. "
                    "Clear ledger deletes it if you no longer need it."
                </p>
            </div>
        }
        .into_any(),
    }
    }
}
