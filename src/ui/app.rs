//! The page: header and panels, laid out as the query parameters ask.

use leptos::prelude::*;

use super::bank::Bank;
use super::clear_ledger::ClearLedger;
use super::command_panel::CommandPanel;
use super::crud_panel::{CrudPanel, QuestionsPanel};
use super::embed::{apply_to_document, read_options, report_height_to_host};
use super::generate_history::GenerateHistoryPanel;
use super::how_it_works::{HowItWorksPanel, WhyItMattersPanel};
use super::ledger_panel::LedgerPanel;
use super::page_controls::{apply_remembered_theme, PageControls};
use super::scenarios_panel::ScenariosPanel;
use super::share_panel::SharePanel;
use super::shared_banner::SharedHistoryBanner;
use super::state_panel::StatePanel;
use super::storage_notice::StorageNoticeBanner;
use super::time_travel::TimeTravelPanel;
use crate::embed_options::{Panel, Theme};

/// The whole demo. Provides the [`Bank`] context that every panel reads. The query parameters
/// (see docs/embedding.md) choose the panels, the theme, the storage and the embed look.
#[component]
pub fn App() -> impl IntoView {
    let options = read_options();
    apply_to_document(&options);
    if !options.embed && options.theme == Theme::Auto {
        apply_remembered_theme();
    }
    Bank::provide(&options);
    report_height_to_host(options.namespace.clone());

    let header = (!options.embed).then(|| {
        view! {
            <header class="site-header">
                <div class="brand">
                    <Logo />
                    <h1>"Replay Bank"</h1>
                    <PageControls />
                </div>
                <p class="tagline">
                    "Event Sourcing you can click: every accepted command becomes an immutable event, "
                    "the state is a fold of those events, and the slider replays history up to any point."
                </p>
            </header>
        }
    });
    let visible = options.visible_panels();
    let layout = if options.panels.is_some() {
        // Asked for by name: one column, in the order given.
        view! {
            <main id="main" tabindex="-1" class="layout single">
                <SharedHistoryBanner />
                <StorageNoticeBanner />
                {visible.into_iter().map(panel).collect_view()}
            </main>
        }
        .into_any()
    } else {
        // The slider sits right above the ledger it scrubs.
        let (right, left): (Vec<Panel>, Vec<Panel>) = visible.into_iter().partition(|p| {
            matches!(
                p,
                Panel::TimeTravel | Panel::Ledger | Panel::Questions | Panel::Why | Panel::Clear
            )
        });
        view! {
            <main id="main" tabindex="-1" class="layout">
                <SharedHistoryBanner />
                <StorageNoticeBanner />
                <div class="column">{left.into_iter().map(panel).collect_view()}</div>
                <div class="column">{right.into_iter().map(panel).collect_view()}</div>
            </main>
        }
        .into_any()
    };
    view! {
        {header}
        {layout}
    }
}

fn panel(panel: Panel) -> AnyView {
    match panel {
        Panel::Commands => view! { <CommandPanel /> }.into_any(),
        Panel::State => view! { <StatePanel /> }.into_any(),
        Panel::Generate => view! { <GenerateHistoryPanel /> }.into_any(),
        Panel::Share => view! { <SharePanel /> }.into_any(),
        Panel::TimeTravel => view! { <TimeTravelPanel /> }.into_any(),
        Panel::Ledger => view! { <LedgerPanel /> }.into_any(),
        Panel::Crud => view! { <CrudPanel /> }.into_any(),
        Panel::Questions => view! { <QuestionsPanel /> }.into_any(),
        Panel::Scenarios => view! { <ScenariosPanel /> }.into_any(),
        Panel::HowItWorks => view! { <HowItWorksPanel /> }.into_any(),
        Panel::Why => view! { <WhyItMattersPanel /> }.into_any(),
        Panel::Clear => view! { <ClearLedger /> }.into_any(),
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
