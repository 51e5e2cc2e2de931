//! "Share": export the ledger as a file, and import one. An import is checked in full and shown
//! before it may replace anything, and replacing needs a confirmation.

use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::bank::Bank;
use super::compression::deflate;
use super::when::When;
use crate::app::{import_refused, ImportRefusal, MAX_IMPORT_BYTES};
use crate::eventstore::{link_fragment, link_payload, read_import, Import};

/// An import that passed every check, waiting for the person's confirmation.
#[derive(Clone)]
struct Pending {
    file: String,
    import: Import,
}

/// Export and Import, with the dialog that confirms replacing the ledger.
#[component]
pub fn SharePanel() -> impl IntoView {
    let bank = Bank::use_context();
    let dialog = NodeRef::<Dialog>::new();
    let picker = NodeRef::<Input>::new();
    let pending = RwSignal::new_local(None::<Pending>);

    let close = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let on_pick = move |_| {
        let Some(input) = picker.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Picking the same file again must be noticed too.
        input.set_value("");
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES {
            bank.fail(import_refused(&name, &ImportRefusal::TooLarge));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    bank.fail(import_refused(&name, &ImportRefusal::Unreadable));
                    return;
                }
            };
            match read_import(&text) {
                Ok(import) => {
                    pending.set(Some(Pending { file: name, import }));
                    if let Some(dialog) = dialog.get_untracked() {
                        let _ = dialog.show_modal();
                    }
                }
                Err(error) => bank.fail(import_refused(
                    &name,
                    &ImportRefusal::Refused(error.to_string()),
                )),
            }
        });
    };
    let confirm = move |_| {
        if let Some(Pending { file, import }) = pending.get_untracked() {
            // The dialog said how many events would be deleted: replace only that ledger.
            bank.import(import, &file, bank.head_untracked());
        }
        pending.set(None);
        close();
    };
    let cancel = move |_| {
        pending.set(None);
        close();
        bank.import_cancelled();
    };

    // The link, once made: shown in a field too, for when the browser does not allow copying.
    let link = RwSignal::new(String::new());
    let copy_link = move |_| {
        let cursor = bank.shown();
        let count = bank.head();
        let payload = bank.with_events(link_payload);
        leptos::task::spawn_local(async move {
            let compressed = match deflate(&payload).await {
                Ok(bytes) => bytes,
                Err(error) => return bank.link_not_made(error),
            };
            let Some(window) = web_sys::window() else {
                return;
            };
            let here = window.location().href().unwrap_or_default();
            let base = here.split('#').next().unwrap_or_default();
            let url = format!("{base}{}", link_fragment(count, cursor, &compressed));
            if !bank.link_made(url.len()) {
                link.set(String::new());
                return;
            }
            link.set(url.clone());
            let copied = JsFuture::from(window.navigator().clipboard().write_text(&url))
                .await
                .is_ok();
            bank.link_copied(copied);
        });
    };

    let summary = move || {
        pending.with(|p| {
            p.as_ref().map(|Pending { file, import }| {
                crate::app::import_summary(file, import, bank.head())
            })
        })
    };

    view! {
        <section class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share"</h2>
            <p class="hint">
                "Export downloads this ledger as a JSON file of full envelopes; Copy link puts it in a link that opens it read-only. Import checks a file event by event against the rules, shows what it holds, and replaces the ledger only if you confirm."
            </p>
            <div class="share-row">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || bank.head() == 0
                    on:click=move |_| bank.export_ledger()
                >
                    "Export"
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || bank.head() == 0
                    on:click=copy_link
                >
                    "Copy link"
                </button>
                <label for="import-file" class="file-label">"Import"</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".json,application/json"
                    node_ref=picker
                    disabled=move || !bank.can_write()
                    on:change=on_pick
                />
            </div>
            <When when=move || link.with(|l| !l.is_empty())>
                <div class="share-link">
                    <label for="share-link">"Link to this history"</label>
                    <input
                        id="share-link"
                        type="text"
                        readonly
                        prop:value=move || link.get()
                        on:focus=|ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }
                    />
                </div>
            </When>
            <dialog node_ref=dialog aria-labelledby="import-dialog-title" aria-describedby="import-dialog-text">
                <h2 id="import-dialog-title">"Replace the ledger with this file?"</h2>
                <p id="import-dialog-text">{summary}</p>
                <div class="dialog-actions">
                    <button type="button" class="secondary" autofocus on:click=cancel>"Keep the current ledger"</button>
                    <button type="button" class="danger" on:click=confirm>"Replace the ledger"</button>
                </div>
            </dialog>
        </section>
    }
}
