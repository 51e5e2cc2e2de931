//! The caption of a guided scenario: a bar that stays at the top of the page while the story is
//! told, with its step dots, the narration, Previous and Next ("," and "." from the keyboard),
//! and what to keep or leave. Each step outlines the part of the page it talks about, opening
//! its tab if it is one, without scrolling the caption away.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::region::{focus_quietly, media, region_of, reveal};
use super::shared_banner::KeepSharedButton;
use super::tab_state::{panel_id, TabState};
use crate::app::labels;
use crate::app::scenarios::all;
use crate::app::{LookAt, Tab};

/// Removes every outline, then outlines `target` and brings it into view below the caption
/// (unless it is a tab pinned beside the stage).
fn spotlight(target: Option<web_sys::Element>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(marked) = document.query_selector_all(".spotlight") {
        for i in 0..marked.length() {
            if let Some(el) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.class_list().remove_1("spotlight");
            }
        }
    }
    if let Some(target) = target {
        let _ = target.class_list().add_1("spotlight");
        // A pinned tab is beside the stage already, and may be taller than the room under the
        // caption: scrolling the page to it would take the stage's top away.
        if target.class_list().contains("pinned-tab") {
            return;
        }
        let caption = document
            .query_selector(".scenario-caption")
            .ok()
            .flatten()
            .map_or(0.0, |c| c.get_bounding_client_rect().height());
        reveal(&target, caption);
    }
}

/// Whether the screen is wide enough for a tab pinned beside the stage (the stylesheet's
/// `@media (min-width: 1400px)` for `.workspace.pinned`).
fn room_to_pin() -> bool {
    media("(min-width: 1400px)")
}

/// The element a tab's content lives in: the pinned aside or the open tab panel.
fn tab_target(tab: Tab) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    document
        .query_selector(".pinned-tab")
        .ok()
        .flatten()
        .filter(|aside| {
            aside
                .get_attribute("aria-label")
                .is_some_and(|label| label.ends_with(tab.label()))
        })
        .or_else(|| document.get_element_by_id(&panel_id(tab)))
}

/// After a step, the caption is drawn anew: the focus goes back to the control of the same name
/// in it, so a keyboard user can press Next again.
fn refocus(label: &'static str) {
    request_animation_frame(move || {
        focus_quietly(&format!(".scenario-caption [data-control='{label}']"));
    });
}

/// The bar, shown while a scenario is.
#[component]
pub fn ScenarioCaption() -> impl IntoView {
    let bank = Bank::use_context();
    let tabs = TabState::use_context();
    let scenarios = StoredValue::new(all());
    let step = move || {
        bank.scenario().get().and_then(|(index, step)| {
            scenarios.with_value(|all| {
                let scenario = all.get(index)?;
                Some((
                    scenario.title,
                    step,
                    scenario.steps.len(),
                    scenario.steps.get(step)?.clone(),
                ))
            })
        })
    };
    // The tab pinned before a story pinned its own, given back when the story ends.
    let pinned_before = std::cell::Cell::new(None::<Option<Tab>>);
    Effect::new(move |_| {
        let current = step();
        if let (None, Some(tabs)) = (&current, tabs) {
            if let Some(before) = pinned_before.take() {
                tabs.pin(before);
            }
        }
        let look_at = current.and_then(|(_, _, _, s)| LookAt::of(s.panel));
        match look_at {
            Some(LookAt::Tab(tab)) => {
                if let Some(tabs) = tabs {
                    // Beside the stage where the screen has room for it, so the stage stays in
                    // view; under it otherwise.
                    let shown = tabs.pinned.get_untracked() == Some(tab);
                    match (shown, room_to_pin()) {
                        (true, _) => {}
                        (false, true) => {
                            if pinned_before.get().is_none() {
                                pinned_before.set(Some(tabs.pinned.get_untracked()));
                            }
                            tabs.pin(Some(tab));
                        }
                        (false, false) => tabs.open(tab),
                    }
                    // After the tab's content is rendered.
                    request_animation_frame(move || spotlight(tab_target(tab)));
                }
            }
            Some(LookAt::Stage(heading)) => {
                request_animation_frame(move || spotlight(region_of(heading)));
            }
            None => spotlight(None),
        }
    });

    // A read-only page whose own ledger is empty has nothing to go back to.
    let can_go_back = move || !(bank.readonly() && bank.own_events().is_ok_and(|n| n == 0));

    view! {
        <p class="visually-hidden" aria-live="polite">
            {move || step().map_or("", |(_, _, _, current)| current.text)}
        </p>
        {move || step().map(|(title, index, count, current)| view! {
            <section class="scenario-caption" aria-labelledby="caption-title">
                <div class="caption-head">
                    <h2 id="caption-title">{labels::scenario_heading(title)}</h2>
                    <p class="caption-step">{labels::scenario_step(index, count)}</p>
                    <ol class="step-dots">
                        {(0..count).map(|i| view! {
                            <li>
                                <button
                                    type="button"
                                    class="dot"
                                    class:reached={ i <= index }
                                    aria-label=labels::step_dot(i)
                                    aria-current=(i == index).then_some("step")
                                    on:click=move |_| bank.scenario_step(i)
                                ></button>
                            </li>
                        }).collect_view()}
                    </ol>
                </div>
                // Announced by the live region below, which stays while the caption is redrawn.
                <p class="narration-text">{current.text}</p>
                <div class="caption-actions">
                    // Which region it points at, so a layout that does not show it can leave
                    // the pointer out.
                    <span
                        class="hint look-at"
                        data-look-at=match LookAt::of(current.panel) {
                            Some(LookAt::Stage(heading)) => heading,
                            Some(LookAt::Tab(tab)) => tab.slug(),
                            None => "",
                        }
                    >
                        {labels::look_at(current.panel)}
                    </span>
                    <button
                        type="button"
                        class="secondary"
                        disabled={index == 0}
                        aria-keyshortcuts=","
                        data-control="previous"
                        on:click=move |_| {
                            bank.scenario_step(index.saturating_sub(1));
                            refocus("previous");
                        }
                    >
                        "Previous"
                    </button>
                    <button
                        type="button"
                        disabled={index + 1 >= count}
                        aria-keyshortcuts="."
                        data-control="next"
                        on:click=move |_| {
                            bank.scenario_step(index + 1);
                            refocus("next");
                        }
                    >
                        "Next"
                    </button>
                    <KeepSharedButton />
                    {can_go_back().then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| bank.back_to_own()>
                            "Back to my ledger"
                        </button>
                    })}
                </div>
            </section>
        })}
    }
}
