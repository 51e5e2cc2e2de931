//! The "Event ledger" panel: one list item per recorded event, oldest first, virtualised so the
//! page holds only the rows in view whatever the ledger's length.

use leptos::html::Div;
use leptos::prelude::*;

use super::bank::{group_thousands, Bank};
use crate::ledger::{envelope_json, RecordedEvent};
use crate::projection::LedgerRow;

/// Every row's height in pixels, gap included; the stylesheet uses the same figure.
const ROW_HEIGHT: f64 = 64.0;

/// Rows rendered beyond each edge of the view, so fast scrolling shows no blank rows.
const OVERSCAN: usize = 6;

/// The viewport's height before it is measured.
const DEFAULT_VIEWPORT: f64 = 448.0;

/// The append-only log as a person reads it: position, type, payload in words, time, and the
/// stored envelope on demand. Items after the cursor are dimmed; the one at the cursor is marked
/// and kept in view.
#[component]
pub fn LedgerPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let viewport = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(DEFAULT_VIEWPORT);
    let selected = RwSignal::new(None::<usize>);

    let window = move || {
        let total = bank.head();
        let first = (scroll_top.get() / ROW_HEIGHT).floor() as usize;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let visible = (height.get() / ROW_HEIGHT).ceil() as usize;
        let end = (first + visible + OVERSCAN).min(total);
        bank.with_events(|events| events[start..end].to_vec())
    };

    // Keep the event at the cursor in view (at the present: the newest event).
    Effect::new(move |_| {
        let k = bank.shown();
        let total = bank.head();
        request_animation_frame(move || {
            let Some(el) = viewport.get_untracked() else {
                return;
            };
            let view_height = f64::from(el.client_height()).max(ROW_HEIGHT);
            height.set(view_height);
            let row_top = k.saturating_sub(1) as f64 * ROW_HEIGHT;
            let top = f64::from(el.scroll_top());
            let target = if k == total {
                (total as f64 * ROW_HEIGHT - view_height).max(0.0)
            } else if row_top < top || row_top + ROW_HEIGHT > top + view_height {
                (row_top - view_height / 2.0 + ROW_HEIGHT / 2.0).max(0.0)
            } else {
                return;
            };
            el.set_scroll_top(target as i32);
            scroll_top.set(target);
        });
    });

    view! {
        <section class="panel ledger" aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">"Event ledger"</h2>
            <p class="hint">
                {move || format!(
                    "Append-only: events are never changed or removed. {} events, newest at the bottom.",
                    group_thousands(bank.head()),
                )}
            </p>
            <Show
                when=move || { bank.head() > 0 }
                fallback=|| view! { <p class="empty">"No events recorded yet."</p> }
            >
                <div
                    class="ledger-viewport"
                    node_ref=viewport
                    on:scroll=move |_| {
                        if let Some(el) = viewport.get_untracked() {
                            scroll_top.set(f64::from(el.scroll_top()));
                            height.set(f64::from(el.client_height()).max(ROW_HEIGHT));
                        }
                    }
                >
                    <ol
                        class="ledger-list"
                        style:height=move || format!("{}px", bank.head() as f64 * ROW_HEIGHT)
                    >
                        <For
                            each=window
                            key=|r| (r.position, r.metadata.command_id.clone())
                            let:recorded
                        >
                            <LedgerItem recorded=recorded selected=selected />
                        </For>
                    </ol>
                </div>
                <EnvelopeInspector selected=selected />
            </Show>
        </section>
    }
}

/// One event in the ledger list, placed at its row.
#[component]
fn LedgerItem(recorded: RecordedEvent, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let bank = Bank::use_context();
    let row = LedgerRow::of(&recorded);
    let position = row.position as usize;
    let is_current = move || bank.shown() == position;
    view! {
        <li
            class="ledger-item"
            class:future=move || { position > bank.shown() }
            class:current=is_current
            aria-current=move || is_current().then_some("step")
            aria-posinset=position
            aria-setsize=move || bank.head()
            style:top=format!("{}px", (position - 1) as f64 * ROW_HEIGHT)
        >
            <div class="ledger-line">
                <span class="position">"#"{row.position}</span>
                <span class="event-type">{row.event_type}</span>
                <span class="time">{row.recorded_at}</span>
                <button
                    type="button"
                    class="link"
                    aria-pressed=move || if selected.get() == Some(position) { "true" } else { "false" }
                    aria-controls="envelope-inspector"
                    on:click=move |_| selected.update(|s| {
                        *s = if *s == Some(position) { None } else { Some(position) }
                    })
                >
                    {format!("Envelope JSON for #{position}")}
                </button>
            </div>
            <bdi class="description">{row.description}</bdi>
        </li>
    }
}

/// The stored envelope of the selected event, as JSON: the learner's view of what is recorded.
#[component]
fn EnvelopeInspector(selected: RwSignal<Option<usize>>) -> impl IntoView {
    let bank = Bank::use_context();
    let json = move || {
        let position = selected.get()?;
        bank.with_events(|events| events.get(position.checked_sub(1)?).map(envelope_json))
            .map(|json| (position, json))
    };
    view! {
        <div id="envelope-inspector" class="inspector" aria-live="polite">
            {move || json().map(|(position, json)| view! {
                <h3>{format!("Envelope of event #{position}")}</h3>
                <pre>{json}</pre>
                <button type="button" class="secondary" on:click=move |_| selected.set(None)>
                    "Hide envelope"
                </button>
            })}
        </div>
    }
}
