//! "Clear ledger": the one way to delete history, behind a confirmation dialog.

use leptos::html::Dialog;
use leptos::prelude::*;

use super::bank::Bank;
use crate::app::confirmations::clear_dialog;

/// A button that opens a modal dialog asking to confirm deleting every event.
#[component]
pub fn ClearLedger() -> impl IntoView {
    let bank = Bank::use_context();
    let dialog = NodeRef::<Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            // showModal traps focus and closes on Escape; it only fails if already open.
            let _ = dialog.show_modal();
        }
    };
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let confirm = move |_| {
        bank.clear();
        close();
    };

    view! {
        <section class="panel danger-zone" aria-labelledby="clear-heading">
            <h2 id="clear-heading">"Delete history"</h2>
            <p class="hint">
                "Events are never edited or removed one by one. Clearing the whole ledger is the only way to delete history."
            </p>
            <button
                type="button"
                class="danger"
                disabled=move || !bank.can_write()
                aria-describedby="clear-hint"
                on:click=open
            >
                "Clear ledger"
            </button>
            <p id="clear-hint" class="hint">
                {move || if bank.unreadable() {
                    "Off while the stored data is unreadable: use Start fresh above, which keeps a copy."
                } else {
                    ""
                }}
            </p>
            <dialog node_ref=dialog aria-labelledby="clear-dialog-title" aria-describedby="clear-dialog-text">
                <h2 id="clear-dialog-title">"Clear the whole ledger?"</h2>
                <p id="clear-dialog-text">
                    {move || clear_dialog(bank.head())}
                </p>
                <div class="dialog-actions">
                    <button type="button" class="secondary" autofocus on:click=move |_| close()>"Keep history"</button>
                    <button type="button" class="danger" on:click=confirm>"Delete every event"</button>
                </div>
            </dialog>
        </section>
    }
}
