//! The page: a header, one stage (commands, ledger, state, time travel) and tabs under it, laid
//! out as the query parameters ask.

use leptos::html::Dialog;
use leptos::prelude::*;

use super::bank::Bank;
use super::clear_ledger::ClearLedger;
use super::command_panel::CommandPanel;
use super::crud_panel::{CrudPanel, QuestionsPanel};
use super::embed::{apply_to_document, read_options, report_height_to_host};
use super::generate_history::GenerateHistoryPanel;
use super::how_it_works::{HowItWorksPanel, WhyItMattersPanel};
use super::ledger_panel::LedgerPanel;
use super::menu::{Menu, MenuButton};
use super::page_controls::{
    apply_remembered_theme, install_shortcuts, PageControls, Presenter, ShortcutsDialog,
};
use super::rejected_panel::RejectedPanel;
use super::scenario_caption::ScenarioCaption;
use super::scenarios_panel::ScenariosPanel;
use super::share_panel::SharePanel;
use super::shared_banner::SharedHistoryBanner;
use super::stage::Stage;
use super::state_panel::StatePanel;
use super::storage_notice::StorageNoticeBanner;
use super::tab_state::TabState;
use super::tabs::Tabs;
use super::time_travel::TimeTravelPanel;
use crate::app::embed_options::{Panel, Theme};
use crate::eventstore::{LEDGER_KEY, LINK_PREFIX};

/// The sample history a read-only page shows when its own ledger is empty and it names no
/// scenario: something to travel through, never an inert $0.00.
const READONLY_SAMPLE: &str = "busy-month";

/// The whole demo. Provides the [`Bank`] context that every panel reads. The query parameters
/// (see docs/embedding.md) choose the layout, the theme, the storage and the embed look.
#[component]
pub fn App() -> impl IntoView {
    let options = read_options();
    apply_to_document(&options);
    if !options.embed && options.theme == Theme::Auto {
        apply_remembered_theme();
    }
    let bank = Bank::provide(&options);
    if options.readonly
        && options.scenario.is_none()
        && bank.shared().get_untracked().is_none()
        && bank.head_untracked() == 0
        && !link_in_address()
    {
        show_sample_until_written(bank, options.ledger_key(LEDGER_KEY));
    }
    let help = NodeRef::<Dialog>::new();
    provide_context(ShortcutsDialog(help));
    install_shortcuts(bank, Presenter::provide());
    report_height_to_host(options.namespace.clone());
    let menu_open = RwSignal::new(false);

    let header = (!options.embed).then(|| {
        view! {
            <header class="site-header">
                <div class="brand">
                    <Logo />
                    <h1>"Replay Bank"</h1>
                    <p class="tagline">
                        "Event Sourcing you can click: commands become events, and the state is rebuilt from them."
                    </p>
                    <PageControls />
                    <MenuButton open=menu_open />
                </div>
            </header>
        }
    });
    // Without the header (embeds), the menu's button sits above the stage.
    let embedded_menu_button = (options.embed && !options.compact && !options.readonly)
        .then(|| view! { <div class="embed-bar"><MenuButton open=menu_open /></div> });
    let writable = !options.readonly;

    let layout = if let Some(panels) = options.panels.is_some().then(|| options.visible_panels()) {
        // Asked for by name: one column, in the order given.
        view! {
            <main id="main" tabindex="-1" class="layout single">
                <ScenarioCaption />
                <SharedHistoryBanner />
                <StorageNoticeBanner />
                {panels.into_iter().map(panel).collect_view()}
            </main>
        }
        .into_any()
    } else if options.compact {
        view! {
            <main id="main" tabindex="-1" class="layout compact">
                <ScenarioCaption />
                <SharedHistoryBanner />
                <StorageNoticeBanner />
                <Stage commands=writable />
            </main>
        }
        .into_any()
    } else {
        // Only this layout has tabs: elsewhere a link to a tab is plain text.
        TabState::provide(&options);
        view! {
            <main id="main" tabindex="-1" class="layout">
                <ScenarioCaption />
                <SharedHistoryBanner />
                <StorageNoticeBanner />
                <Tabs stage=view! { <Stage commands=writable /> }.into_any() />
            </main>
        }
        .into_any()
    };
    view! {
        {header}
        {embedded_menu_button}
        <Menu open=menu_open writable=writable />
        {layout}
        <ShortcutsHelp />
    }
}

/// A read-only page with nothing to show shows a sample story instead, until another page of the
/// same namespace writes the first events: then it follows those, live, as a read-only view does.
fn show_sample_until_written(bank: Bank, key: String) {
    bank.load_scenario(READONLY_SAMPLE);
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        let ours = ev.key().is_none_or(|k| k.starts_with(&key));
        let sample_shown = bank.scenario().get_untracked().is_some();
        if ours && sample_shown {
            bank.leave_sample_for_own();
        }
    });
    on_cleanup(move || listener.remove());
}

/// True when the address holds a shared link, which a read-only page shows instead of a sample.
fn link_in_address() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|hash| hash.starts_with(LINK_PREFIX))
}

/// A panel asked for by name in `panels=`.
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
        Panel::Rejected => view! { <RejectedPanel /> }.into_any(),
        Panel::Scenarios => view! { <ScenariosPanel /> }.into_any(),
        Panel::HowItWorks => view! { <HowItWorksPanel /> }.into_any(),
        Panel::Why => view! { <WhyItMattersPanel /> }.into_any(),
        Panel::Clear => view! { <ClearLedger /> }.into_any(),
    }
}

/// The shortcuts' help dialog, opened by "?" or from the menu.
#[component]
fn ShortcutsHelp() -> impl IntoView {
    super::page_controls::shortcuts_dialog()
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
