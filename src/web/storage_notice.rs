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
            Some(StorageNotice::MemoryOnly(reason)) => view! {
                <p class="banner info" role="status">
                    {format!("The ledger lives in memory and is lost on reload: {reason}.")}
                </p>
            }
            .into_any(),
            Some(StorageNotice::Unreadable(reason)) => view! {
                <div class="banner error">
                    <div role="alert">
                        <p>{format!("The saved ledger could not be loaded: {reason}")}</p>
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
            let events = crate::app::count(unsaved.count, "event is", "events are");
            view! {
                <div class="banner warning">
                    <p role="alert">
                        <strong>{format!("{events} not saved yet: {}.", unsaved.reason)}</strong>
                        " They are kept in this tab, shown in the ledger, and saving is retried with every command. "
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
