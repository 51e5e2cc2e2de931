//! The "Event ledger" panel: one list item per recorded event, oldest first.

use leptos::prelude::*;

use super::bank::Bank;
use crate::ledger::{envelope_json, RecordedEvent};
use crate::projection::LedgerRow;

/// The append-only log as a person reads it: position, type, payload in words, time, and the
/// stored envelope on demand. Items after the cursor are dimmed; the one at the cursor is marked.
#[component]
pub fn LedgerPanel() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <section class="panel ledger" aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">"Event ledger"</h2>
            <p class="hint">"Append-only: events are never changed or removed. Newest at the bottom."</p>
            <Show
                when=move || { bank.head() > 0 }
                fallback=|| view! { <p class="empty">"No events recorded yet."</p> }
            >
                <ol class="ledger-list">
                    <For
                        each=move || bank.events.get()
                        key=|r| (r.position, r.metadata.command_id.clone())
                        let:recorded
                    >
                        <LedgerItem recorded=recorded />
                    </For>
                </ol>
            </Show>
        </section>
    }
}

/// One event in the ledger list.
#[component]
fn LedgerItem(recorded: RecordedEvent) -> impl IntoView {
    let bank = Bank::use_context();
    let row = LedgerRow::of(&recorded);
    let position = row.position as usize;
    let json = envelope_json(&recorded);
    let is_current = move || bank.shown() == position;
    view! {
        <li
            class="ledger-item"
            class:future=move || { position > bank.shown() }
            class:current=is_current
            aria-current=move || is_current().then_some("step")
        >
            <div class="ledger-line">
                <span class="position">"#"{row.position}</span>
                <span class="event-type">{row.event_type}</span>
                <bdi class="description">{row.description}</bdi>
                <span class="time">{row.recorded_at}</span>
            </div>
            <details>
                <summary>"Envelope JSON"</summary>
                <pre>{json}</pre>
            </details>
        </li>
    }
}
