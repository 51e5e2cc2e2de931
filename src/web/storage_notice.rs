//! Says, plainly and once, when the ledger is not being kept in the normal way, and offers what
//! the person can do about it.

use leptos::prelude::*;

use super::bank::{Bank, StorageNotice};

/// Banners for memory-only mode, unreadable stored data and unsaved events.
#[component]
pub fn StorageNoticeBanner() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        {move || match bank.notice().get() {
            None => ().into_any(),
            Some(notice @ StorageNotice::MemoryOnly(_)) => view! {
                <p class="banner info" role="status">{notice.headline()}</p>
            }
            .into_any(),
            Some(notice @ StorageNotice::Unreadable(_)) => view! {
                <div class="banner error">
                    <div role="alert">
                        <p>{notice.headline()}</p>
                        <p>
                            "Nothing has been deleted or overwritten, and commands are off so that nothing will be. "
                            "Download the raw data to keep it, or start fresh: the unreadable data is then kept under a quarantine key."
                        </p>
                    </div>
                    <div class="banner-actions">
                        <button type="button" class="secondary" on:click=move |_| bank.download_raw()>
                            "Download raw data"
                        </button>
                        <button type="button" on:click=move |_| bank.start_fresh()>"Start fresh"</button>
                    </div>
                </div>
            }
            .into_any(),
        }}
        {move || bank.unsaved().get().map(|unsaved| {
            view! {
                <div class="banner warning">
                    <p role="alert">
                        <strong>{unsaved.headline()}</strong>
                        " Their append did not commit, so they are not facts yet: this tab keeps them, marked pending in the ledger, and retries the same append with every command. "
                        "Free some space and press Save now, or download the ledger to keep a copy."
                    </p>
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| bank.save_now()>"Save now"</button>
                        <button type="button" class="secondary" on:click=move |_| bank.download_ledger()>
                            "Download ledger"
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
