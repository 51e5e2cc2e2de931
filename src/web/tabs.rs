//! The tabs under the stage (real ARIA tabs: the arrow keys, Home and End move between them) and
//! the one tab that can be pinned beside the stage on a wide screen or a projector. The open and
//! the pinned tab are in the address (`tab=`, `pin=`), so a page can link to them.

use leptos::prelude::*;

use super::crud_panel::{CrudPanel, QuestionsPanel};
use super::glossary::GlossaryPanel;
use super::how_it_works::{HowItWorksPanel, WhyItMattersPanel};
use super::read_models_panel::ReadModelsPanel;
use super::region::{focus_quietly, scroll_to_top};
use super::rejected_panel::RejectedPanel;
use super::scenarios_panel::ScenariosPanel;
use super::tab_state::{panel_id, TabState};
use super::transfers_panel::TransfersPanel;
use super::when::When;
use crate::app::labels;
use crate::app::Tab;

/// The content of a tab.
fn content(tab: Tab) -> AnyView {
    match tab {
        Tab::Crud => view! { <CrudPanel /> }.into_any(),
        Tab::Transfers => view! { <TransfersPanel /> }.into_any(),
        Tab::ReadModels => view! { <ReadModelsPanel /> }.into_any(),
        Tab::Questions => view! { <QuestionsPanel /> }.into_any(),
        Tab::HowItWorks => view! { <HowItWorksPanel /> }.into_any(),
        Tab::Rejected => view! { <RejectedPanel /> }.into_any(),
        Tab::Scenarios => view! { <ScenariosPanel /> }.into_any(),
        Tab::Why => view! { <WhyItMattersPanel /> }.into_any(),
        Tab::Glossary => view! { <GlossaryPanel /> }.into_any(),
    }
}

/// The id of a tab's button in the tab list.
fn tab_id(tab: Tab) -> String {
    format!("tab-{}", tab.slug())
}

/// The stage, the pinned tab beside it, and the tab list with the open tab under them. Only the
/// open and the pinned tab are rendered, so a slider move updates nothing else.
#[component]
pub fn Tabs(stage: AnyView) -> impl IntoView {
    let tabs = expect_context::<TabState>();
    let selected = tabs.selected;
    let pinned = tabs.pinned;

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let now = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => now.next(),
            "ArrowLeft" => now.previous(),
            "Home" => Tab::first(),
            "End" => Tab::last(),
            _ => return,
        };
        ev.prevent_default();
        tabs.open(next);
        focus_quietly(&format!("#{}", tab_id(next)));
    };

    view! {
        <div class="workspace" class:pinned=move || pinned.get().is_some()>
            {stage}
            {move || pinned.get().map(|tab| view! {
                <aside class="pinned-tab" aria-label=labels::pinned(tab.label())>
                    <div class="pin-bar">
                        <span class="hint">"Pinned beside the stage"</span>
                        <button type="button" class="secondary" on:click=move |_| tabs.pin(None)>
                            "Unpin"
                        </button>
                    </div>
                    {content(tab)}
                </aside>
            })}
        </div>
        <div class="tabs">
            <div role="tablist" aria-label="More about this history" class="tablist" on:keydown=on_keydown>
                {Tab::ALL.map(|tab| {
                    let is_open = move || selected.get() == tab;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=tab_id(tab)
                            aria-selected=move || if is_open() { "true" } else { "false" }
                            aria-controls=panel_id(tab)
                            tabindex=move || if is_open() { "0" } else { "-1" }
                            on:click=move |_| tabs.open(tab)
                        >
                            {tab.label()}
                        </button>
                    }
                }).collect_view()}
            </div>
            {Tab::ALL.map(|tab| {
                let is_open = move || selected.get() == tab;
                view! {
                    <div
                        role="tabpanel"
                        class="tabpanel"
                        id=panel_id(tab)
                        aria-labelledby=tab_id(tab)
                        tabindex="0"
                        hidden=move || !is_open()
                    >
                        <When when=is_open>
                            {move || if pinned.get() == Some(tab) {
                                view! {
                                    <p class="hint">"This tab is pinned beside the stage."</p>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="pin-bar wide-only">
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| {
                                                tabs.pin(Some(tab));
                                                // The tab is now beside the stage, at the top:
                                                // show both there, not the tab list it left.
                                                scroll_to_top();
                                            }
                                        >
                                            "Pin beside the stage"
                                        </button>
                                    </div>
                                    {content(tab)}
                                }.into_any()
                            }}
                        </When>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
