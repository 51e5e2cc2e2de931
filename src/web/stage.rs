//! The stage: the core loop on one screen. Commands on the left, the ledger and the accounts in
//! the middle, the chosen account's state and the slider on the right; on a phone they stack, and the slider with the balance
//! stays docked at the bottom.

use leptos::prelude::*;

use super::accounts_panel::AccountsPanel;
use super::command_panel::{CommandPanel, Feedback};
use super::ledger_panel::LedgerPanel;
use super::state_panel::StatePanel;
use super::time_travel::TimeTravelPanel;

/// The parts of the core loop. `commands` is false on a read-only page: the messages then
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
            <div class="stage-middle">
                <LedgerPanel />
                <AccountsPanel />
            </div>
            <div class="stage-now">
                <StatePanel />
                <TimeTravelPanel />
            </div>
        </div>
    }
}
