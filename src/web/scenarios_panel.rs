//! "Scenarios": pick a guided story and load it (read-only, beside the own ledger, which stays
//! untouched). The story is then told in the caption at the top of the page.

use leptos::prelude::*;

use super::bank::Bank;
use super::region::scroll_to_top;
use crate::app::scenarios::all;

/// The Scenario control.
#[component]
pub fn ScenariosPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let scenarios = StoredValue::new(all());
    let chosen = RwSignal::new(String::new());

    view! {
        <section class="panel scenarios" aria-labelledby="scenarios-heading">
            <h2 id="scenarios-heading">"Scenarios"</h2>
            <p class="hint">
                "Short stories, recorded through the same rules. A scenario is shown read-only in place of your own ledger, which stays untouched unless you keep the scenario. Its caption at the top of the page tells the story step by step."
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
                        // The story is told at the top: its caption above the stage.
                        scroll_to_top();
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
        </section>
    }
}
