//! The "Time travel" panel: a real range input over the ledger, from the start (no events) to
//! now, step buttons, and, once checkpoints are in use, what a jump cost thanks to them. On a
//! phone it is docked at the bottom of the screen with the balance.

use leptos::prelude::*;

use super::bank::Bank;
use super::glossary::Term;
use crate::app::{events_applied, past_badge, replay_cost, slider_value_text};

/// The slider, its step buttons and its readout. Arrows, Home and End work on the slider
/// because it is a native range input.
#[component]
pub fn TimeTravelPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let head = move || bank.head();
    let shown = move || bank.shown();
    let replay = Memo::new(move |_| {
        let balance = bank.chosen_at_cursor().balance();
        bank.with_at_cursor(|replay| (replay.from_checkpoint, replay.replayed, balance))
    });
    let value_text = move || {
        let k = shown();
        bank.with_events(|events| {
            let name = k
                .checked_sub(1)
                .and_then(|i| events.get(i))
                .map(|r| r.event.name());
            slider_value_text(k, events.len(), name)
        })
    };
    let on_input = move |ev: leptos::ev::Event| {
        let k: usize = event_target_value(&ev).parse().unwrap_or(0);
        bank.seek(k);
    };
    // Checkpoints are explained only once a ledger is long enough to use them.
    let replay_text = move || {
        let (from, replayed, _) = replay.get();
        replay_cost(head(), from, replayed)
    };

    let badge = move || past_badge(shown(), head());

    view! {
        <section class="panel time-travel" class:past=move || badge().is_some() aria-labelledby="time-travel-heading">
            <div class="time-travel-head">
                <h2 id="time-travel-heading">"Time travel"</h2>
                // The balance again, for the phone's docked bar, where the state panel is out of
                // view; in the past with the state panel's badge, as the past looks there.
                <p class="dock-balance" aria-hidden="true">
                    {move || badge().map(|text| view! { <span class="past-badge">{text}</span>" " })}
                    {move || replay.with(|(_, _, balance)| balance.to_string())}
                </p>
            </div>
            <div class="slider-row">
                // `max` comes before `value`: a value above the old max would be clamped.
                <input
                    id="time-travel"
                    type="range"
                    aria-labelledby="time-travel-heading"
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
            <div class="time-travel-actions">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || shown() == 0
                    aria-keyshortcuts="["
                    on:click=move |_| bank.step_back()
                >
                    "Step back"
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !bank.in_past()
                    aria-keyshortcuts="]"
                    on:click=move |_| bank.step_forward()
                >
                    "Step forward"
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !bank.in_past()
                    aria-keyshortcuts="n"
                    on:click=move |_| bank.back_to_now()
                >
                    "Back to now"
                </button>
                <p class="readout">
                    // Not a live region: the slider's own value text already says this.
                    <output for="time-travel" aria-live="off">
                        {move || events_applied(shown(), head())}
                    </output>
                </p>
            </div>
            <p class="hint replay-cost">
                {move || replay_text().map(|text| view! {
                    {text}
                    " "
                    <Term id="snapshot" text="What is a snapshot?" />
                })}
            </p>
        </section>
    }
}
