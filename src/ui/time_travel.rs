//! The "Time travel" panel: a real range input over the ledger, 0 (Genesis) to N, and what a
//! jump cost thanks to checkpoints.

use leptos::prelude::*;

use super::bank::{group_thousands, Bank};
use crate::projection::CHECKPOINT_INTERVAL;

/// The slider and its readout. Arrows, Home and End work because it is a native range input.
#[component]
pub fn TimeTravelPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let head = move || bank.head();
    let shown = move || bank.shown();
    let replay = Memo::new(move |_| {
        let replay = bank.replay_at_cursor();
        (replay.from_checkpoint, replay.replayed)
    });
    let value_text = move || {
        let k = shown();
        if k == 0 {
            format!("Genesis: no events applied, of {}", head())
        } else {
            let name = bank.with_events(|events| events.get(k - 1).map_or("", |r| r.event.name()));
            format!("Events applied: {k} of {}, up to {name}", head())
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let k: usize = event_target_value(&ev).parse().unwrap_or(0);
        // Dragging back to the end means "follow the present" again.
        bank.seek(k);
    };
    let replay_text = move || {
        let (from, replayed) = replay.get();
        let k = from + replayed;
        if k == 0 {
            "Genesis: nothing to replay.".to_string()
        } else if from == 0 {
            format!(
                "Replayed {} events from genesis. Past {} events, a checkpoint (snapshot) is kept every {}, so no jump ever replays more.",
                group_thousands(replayed),
                group_thousands(CHECKPOINT_INTERVAL),
                group_thousands(CHECKPOINT_INTERVAL),
            )
        } else {
            format!(
                "Replayed {} events from the checkpoint at event {}, instead of {} from genesis.",
                group_thousands(replayed),
                group_thousands(from),
                group_thousands(k),
            )
        }
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
                // Not a live region: the slider's own value text already says this.
                <output for="time-travel" aria-live="off">
                    {move || format!("Events applied: {} / {}", shown(), head())}
                </output>
            </p>
            <p class="hint replay-cost">{replay_text}</p>
            <div class="time-travel-actions">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !bank.in_past()
                    on:click=move |_| bank.back_to_now()
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
