//! The occasional actions, in one place: generate history, export and import, copy a link, the
//! keyboard shortcuts and clearing the ledger. A disclosure button opens the drawer over the
//! page (the stage stays where it is); Escape, from anywhere, or the button closes it.

use leptos::prelude::*;

use super::clear_ledger::ClearLedger;
use super::generate_history::GenerateHistoryPanel;
use super::page_controls::open_shortcuts;
use super::region::focus_quietly;
use super::share_panel::SharePanel;
use super::when::When;

/// The button that opens and closes the drawer.
#[component]
pub fn MenuButton(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="secondary menu-button"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls="menu"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Menu"
        </button>
    }
}

/// Whether a dialog is open (over the menu, which then keeps still).
fn dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

/// Gives the focus back to the Menu button when the drawer closes under it.
fn focus_menu_button() {
    focus_quietly("button[aria-controls='menu']");
}

/// The drawer. Rendered only while open, so its panels cost nothing on a jump.
#[component]
pub fn Menu(open: RwSignal<bool>, writable: bool) -> impl IntoView {
    // Escape closes it wherever the focus is (the Menu button included), unless a dialog is
    // open above it or a control used that Escape itself (a date picker): that Escape is theirs.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() && !dialog_open() && !ev.default_prevented()
        {
            open.set(false);
            focus_menu_button();
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <div id="menu" class="menu-drawer" hidden=move || !open.get()>
            <When when=move || open.get()>
                <section class="menu-panels" aria-labelledby="menu-heading">
                    <div class="menu-head">
                        <h2 id="menu-heading">"Menu"</h2>
                        <button type="button" class="secondary" on:click=move |_| open_shortcuts()>
                            "Keyboard shortcuts"
                        </button>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                open.set(false);
                                focus_menu_button();
                            }
                        >
                            "Close menu"
                        </button>
                    </div>
                    <div class="menu-grid">
                        {writable.then(|| view! { <GenerateHistoryPanel /> })}
                        <SharePanel />
                        {writable.then(|| view! { <ClearLedger /> })}
                    </div>
                </section>
            </When>
        </div>
    }
}
