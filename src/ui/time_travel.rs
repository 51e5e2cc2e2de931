//! The "Time travel" panel: a real range input over the ledger, 0 (Genesis) to N.

use leptos::prelude::*;

use super::bank::Bank;

/// The slider and its readout. Arrows, Home and End work because it is a native range input.
#[component]
pub fn TimeTravelPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let head = move || bank.head();
    let shown = move || bank.shown();
    let value_text = move || {
        let k = shown();
        if k == 0 {
            format!("Genesis: no events applied, of {}", head())
        } else {
            let name = bank
                .events
                .with(|events| events.get(k - 1).map(|r| r.event.name()).unwrap_or(""));
            format!("Events applied: {k} of {}, up to {name}", head())
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let k: usize = event_target_value(&ev).parse().unwrap_or(0);
        // Dragging back to the end means "follow the present" again.
        bank.cursor
            .set(if k >= bank.head() { None } else { Some(k) });
    };

    view! {
        <section class="panel time-travel" aria-labelledby="time-travel-heading">
            <h2 id="time-travel-heading">"Time travel"</h2>
            <div class="slider-row">
                <label for="time-travel">"Time travel"</label>
                // `max` comes before `value`: a value above the old max would be clamped.
                <input
                    id="time-travel"
                    type="range"
                    min="0"
                    step="1"
                    max=move || head().to_string()
                    prop:max=move || head().to_string()
                    value=move || shown().to_string()
                    prop:value=move || shown().to_string()
                    aria-valuetext=value_text
                    on:input=on_input
                />
            </div>
            <div class="slider-scale" aria-hidden="true">
                <span>"Genesis"</span>
                <span>"Now"</span>
            </div>
            <p class="readout">
                <output for="time-travel">{move || format!("Events applied: {} / {}", shown(), head())}</output>
            </p>
            <div class="time-travel-actions">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !bank.in_past()
                    on:click=move |_| bank.cursor.set(None)
                >
                    "Back to now"
                </button>
                <span class="hint">
                    {move || if bank.in_past() {
                        "Viewing the past: later events are dimmed in the ledger."
                    } else {
                        "At the present: the slider follows new events."
                    }}
                </span>
            </div>
        </section>
    }
}
