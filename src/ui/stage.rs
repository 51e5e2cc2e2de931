//! The stage: the core loop on one screen. Commands on the left, the ledger in the middle, the
//! state and the slider on the right; on a phone they stack, and the slider with the balance
//! stays docked at the bottom.

use leptos::prelude::*;

use super::command_panel::{CommandPanel, Feedback};
use super::ledger_panel::LedgerPanel;
use super::state_panel::StatePanel;
use super::time_travel::TimeTravelPanel;

/// The four parts of the core loop. `commands` is false on a read-only page: the messages then
/// stand alone.
#[component]
pub fn Stage(commands: bool) -> impl IntoView {
    view! {
        <div class="stage">
            {if commands {
                view! { <CommandPanel /> }.into_any()
            } else {
                view! { <div class="stage-messages"><Feedback /></div> }.into_any()
            }}
            <LedgerPanel />
            <div class="stage-now">
                <StatePanel />
                <TimeTravelPanel />
            </div>
        </div>
    }
}
