//! The window events the bank listens to: another tab's write, leaving the page, and a link
//! pasted into the address.

use leptos::prelude::*;

use super::Bank;
use crate::app::Page;
use crate::web::browser::now_ms;

/// Listens for the page's lifetime.
pub(super) fn listen(bank: Bank) {
    // Another tab wrote: show its events live, and redo any of ours it overwrote.
    let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
        let ours = bank
            .page
            .try_with_value(|page| ev.key().is_none_or(|key| key == page.key()))
            .unwrap_or(false);
        if ours {
            bank.act(|page| page.another_tab_wrote(now_ms()));
        }
    });
    // Leaving with unsaved events: the browser asks the person to confirm.
    let unload_listener = window_event_listener(leptos::ev::beforeunload, move |ev| {
        // The read models' copies are written a second after a change; leaving, at once.
        bank.page.try_update_value(Page::save_read_models);
        if bank.unsaved.with_untracked(Option::is_some) {
            ev.prevent_default();
            ev.set_return_value("Some events are pending, not committed.");
        }
    });
    // A link pasted into this tab's address bar changes only the fragment: no reload.
    let link_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        bank.open_link_in_url();
    });
    on_cleanup(move || {
        storage_listener.remove();
        unload_listener.remove();
        link_listener.remove();
    });
}
