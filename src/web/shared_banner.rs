//! Shown while the page displays a history opened from a link: it is read-only, and the person
//! can keep it (replacing their own ledger, after confirming if that holds events) or go back.
//! A scenario says the same in its caption, with the same Keep button.

use leptos::html::Dialog;
use leptos::prelude::*;

use super::bank::Bank;
use super::when::When;
use crate::app::confirmations::{keep_shared_dialog, own_ledger_unreadable, shared_history_banner};

/// The banner for a shared link (a scenario has its caption instead).
#[component]
pub fn SharedHistoryBanner() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <When when=move || bank.shared().get().is_some() && bank.scenario().get().is_none()>
            <div class="banner info shared">
                <p role="status">
                    {move || shared_history_banner(bank.shared().get().unwrap_or(0))}
                </p>
                <div class="banner-actions">
                    <KeepSharedButton />
                    <button type="button" class="secondary" on:click=move |_| bank.back_to_own()>
                        "Back to my ledger"
                    </button>
                </div>
            </div>
        </When>
    }
}

/// "Keep this history", and the dialog that confirms replacing a non-empty own ledger. Absent on
/// a read-only page.
#[component]
pub fn KeepSharedButton() -> impl IntoView {
    let bank = Bank::use_context();
    let dialog = NodeRef::<Dialog>::new();
    let own = RwSignal::new(0_usize);
    let close = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let keep = move |_| match bank.own_events() {
        // Nothing of the person's own would be lost: no need to ask.
        Ok(0) => bank.keep_shared(0),
        Ok(count) => {
            own.set(count);
            if let Some(dialog) = dialog.get_untracked() {
                let _ = dialog.show_modal();
            }
        }
        Err(error) => bank.fail(own_ledger_unreadable(&error.to_string())),
    };
    (!bank.readonly()).then(|| view! {
        <button type="button" on:click=keep>"Keep this history"</button>
        <dialog node_ref=dialog aria-labelledby="keep-dialog-title" aria-describedby="keep-dialog-text">
            <h2 id="keep-dialog-title">"Replace your ledger with this shared history?"</h2>
            <p id="keep-dialog-text">
                {move || keep_shared_dialog(own.get())}
            </p>
            <div class="dialog-actions">
                <button type="button" class="secondary" autofocus on:click=move |_| close()>"Keep my ledger"</button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        close();
                        bank.keep_shared(own.get_untracked());
                    }
                >
                    "Replace my ledger"
                </button>
            </div>
        </dialog>
    })
}
