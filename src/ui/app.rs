//! The page: header, the four panels, and the danger zone.

use leptos::prelude::*;

use super::bank::Bank;
use super::clear_ledger::ClearLedger;
use super::command_panel::CommandPanel;
use super::generate_history::GenerateHistoryPanel;
use super::share_panel::SharePanel;
use super::ledger_panel::LedgerPanel;
use super::state_panel::StatePanel;
use super::storage_notice::StorageNoticeBanner;
use super::time_travel::TimeTravelPanel;

/// The whole demo. Provides the [`Bank`] context that every panel reads.
#[component]
pub fn App() -> impl IntoView {
    Bank::provide();
    view! {
        <header class="site-header">
            <div class="brand">
                <Logo />
                <h1>"Replay Bank"</h1>
            </div>
            <p class="tagline">
                "Event Sourcing you can click: every accepted command becomes an immutable event, "
                "the state is a fold of those events, and the slider replays history up to any point."
            </p>
        </header>
        <main class="layout">
            <StorageNoticeBanner />
            <div class="column">
                <CommandPanel />
                <StatePanel />
                <GenerateHistoryPanel />
                <SharePanel />
            </div>
            // The slider sits right above the ledger it scrubs.
            <div class="column">
                <TimeTravelPanel />
                <LedgerPanel />
                <ClearLedger />
            </div>
        </main>
    }
}

/// The mark: a ledger of three lines with a rewind arrow, inline so nothing is fetched.
#[component]
fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
            <rect x="3" y="4" width="26" height="24" rx="5" fill="#1f4fd1" />
            <path d="M9 11h14M9 16h14M9 21h8" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
            <path d="M23 18.5l-3.5 2.5 3.5 2.5z" fill="#ffd166" />
        </svg>
    }
}
