//! "Scenarios": pick a guided story, load it (read-only, beside the own ledger, which stays
//! untouched), and follow its narration step by step: each step moves the slider and points at
//! the panel that matters.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::region::region_of;
use crate::scenarios::all;

/// The heading id of each region a step can point at.
fn heading_id(panel: &str) -> Option<&'static str> {
    Some(match panel {
        "Event ledger" => "ledger-heading",
        "Current state" => "state-heading",
        "CRUD" => "crud-heading",
        "Questions" => "questions-heading",
        "Rejected attempts" => "rejected-heading",
        "Time travel" => "time-travel-heading",
        "Commands" => "commands-heading",
        _ => return None,
    })
}

/// Marks the region a step points at (and only it), and brings it into view.
fn spotlight(panel: Option<&str>) {
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
    if let Some(region) = panel.and_then(heading_id).and_then(region_of) {
        let _ = region.class_list().add_1("spotlight");
        region.scroll_into_view_with_bool(false);
    }
}

/// The Scenario control and the narration.
#[component]
pub fn ScenariosPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let scenarios = StoredValue::new(all());
    let chosen = RwSignal::new(String::new());
    let step = move || {
        bank.scenario.get().and_then(|(index, step)| {
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
    Effect::new(move |_| {
        let panel = step().map(|(_, _, _, s)| s.panel);
        spotlight(panel);
    });

    view! {
        <section class="panel scenarios" aria-labelledby="scenarios-heading">
            <h2 id="scenarios-heading">"Scenarios"</h2>
            <p class="hint">
                "Short stories, recorded through the same rules. A scenario is shown read-only beside your own ledger, which stays untouched unless you keep the scenario."
            </p>
            <form
                class="command-row"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let name = chosen.get_untracked();
                    if name.is_empty() {
                        bank.fail("Choose a scenario first.".into());
                    } else {
                        bank.load_scenario(&name);
                    }
                }
            >
                <label for="scenario">"Scenario"</label>
                <select
                    id="scenario"
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                    prop:value=move || chosen.get()
                >
                    <option value="">"Choose a story"</option>
                    {scenarios.with_value(|all| {
                        all.iter()
                            .map(|s| view! { <option value=s.name>{s.title}</option> })
                            .collect_view()
                    })}
                </select>
                <button type="submit" class="secondary">"Load scenario"</button>
            </form>
            {move || step().map(|(title, index, count, current)| view! {
                <div class="narration" role="group" aria-label="Narration">
                    <p class="narration-step">{format!("{title}: step {} of {count}", index + 1)}</p>
                    <p aria-live="polite">{current.text}</p>
                    <p class="hint">{format!("Look at: {}", current.panel)}</p>
                    <div class="dialog-actions">
                        <button
                            type="button"
                            class="secondary"
                            disabled={index == 0}
                            on:click=move |_| bank.scenario_step(index.saturating_sub(1))
                        >
                            "Previous"
                        </button>
                        <button
                            type="button"
                            disabled={index + 1 >= count}
                            on:click=move |_| bank.scenario_step(index + 1)
                        >
                            "Next"
                        </button>
                    </div>
                </div>
            })}
        </section>
    }
}
