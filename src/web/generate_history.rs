//! "Generate history": long, realistic histories for instructors, to show why snapshots exist.

use leptos::prelude::*;

use super::bank::Bank;
use super::browser::second_click;
use crate::app::events_to_generate;
use crate::app::history_generator::MAX_GENERATED;

/// A number field and a button that append generated activity over several accounts (opening
/// what is missing) with transfers between them, through the same rules as a person's commands,
/// with a progress bar; the page stays usable meanwhile.
#[component]
pub fn GenerateHistoryPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let count = RwSignal::new("10000".to_string());
    let invalid = RwSignal::new(false);
    let running = move || bank.progress().with(Option::is_some);
    let reason = move || {
        if running() {
            "Generating: commands are paused until it finishes."
        } else {
            ""
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match events_to_generate(&count.get_untracked()) {
            Ok(n) => {
                invalid.set(false);
                bank.generate(n);
            }
            Err(why) => {
                invalid.set(true);
                bank.fail(why);
            }
        }
    };

    view! {
        <section class="panel generate" aria-labelledby="generate-heading">
            <h2 id="generate-heading">"Generate history"</h2>
            <p class="hint">
                "Adds months of salary, rent, bills, groceries and coffee over several accounts (up to 50, opened as needed), with transfers between them, each through the same rules as your own commands. Then drag the slider: snapshots kept in memory keep every jump fast."
            </p>
            // novalidate: the page explains a bad number itself, in words, instead of a browser tooltip.
            <form class="command-row" novalidate on:submit=submit>
                <label for="generate-count">"Events to generate"</label>
                <input
                    id="generate-count"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_GENERATED.to_string()
                    step="1"
                    aria-invalid=move || if invalid.get() { "true" } else { "false" }
                    prop:value=move || count.get()
                    on:input=move |ev| {
                        invalid.set(false);
                        count.set(event_target_value(&ev));
                    }
                />
                <button
                    type="submit"
                    disabled=move || running() || !bank.can_write()
                    aria-describedby="generate-hint"
                    on:click=move |ev| {
                        if second_click(&ev) {
                            // One run per double click: the first click started it.
                            ev.prevent_default();
                        }
                    }
                >
                    "Generate history"
                </button>
            </form>
            <p id="generate-hint" class="hint">{reason}</p>
            {move || bank.progress().get().map(|p| view! {
                <div class="progress-row">
                    <label for="generate-progress">
                        {p.label()}
                    </label>
                    <progress id="generate-progress" max=p.total value=p.done></progress>
                    <button type="button" class="secondary" on:click=move |_| bank.stop_generating()>
                        "Stop"
                    </button>
                </div>
            })}
        </section>
    }
}
