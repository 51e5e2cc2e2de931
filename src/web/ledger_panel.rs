//! The "Event ledger" panel: one list item per recorded event, oldest first, virtualised so the
//! page holds only the rows in view whatever the ledger's length.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::event_details_region::EventDetailsRegion;
use super::glossary::Term;
use super::page_controls::Presenter;
use super::when::When;
use crate::app::labels;
use crate::eventstore::RecordedEvent;
use crate::read_models::LedgerRow;

/// Every row's height in pixels, gap included, until the stylesheet's `--row-height` is read
/// (presenter mode's larger type has taller rows). Pixels are whole numbers here: formatting a
/// float would pull float printing into the wasm binary.
const ROW_HEIGHT: i32 = 64;

/// Rows rendered beyond each edge of the view, so fast scrolling shows no blank rows.
const OVERSCAN: usize = 6;

/// The viewport's height before it is measured.
const DEFAULT_VIEWPORT: i32 = 448;

/// The top of the row of event `position` (1-based), in pixels, for rows `row_height` tall.
fn row_top(position: usize, row_height: i32) -> i32 {
    i32::try_from(position.saturating_sub(1))
        .unwrap_or(i32::MAX / row_height.max(1))
        .saturating_mul(row_height)
}

/// Where a list scrolled to `top`, `view_height` tall, must scroll so the event at `k` of `total`
/// shows: the bottom for the newest, else centred if it is out of view; `None` when it shows.
/// Never past the bottom, where the browser would stop it: the scroll it reports back is then the
/// one asked for, and the rows are not drawn a second time for it.
fn scroll_target(k: usize, total: usize, top: i32, view_height: i32, row_h: i32) -> Option<i32> {
    let row = row_top(k, row_h);
    let bottom = (row_top(total + 1, row_h) - view_height).max(0);
    if k == total {
        Some(bottom)
    } else if row < top || row + row_h > top + view_height {
        Some((row - view_height / 2 + row_h / 2).clamp(0, bottom))
    } else {
        None
    }
}

/// Sets `signal` only to a new value: the rows are redrawn on every notification.
fn set_if_changed(signal: RwSignal<i32>, value: i32) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// The stylesheet's row height for this list (`--row-height: 64px`), or the default.
fn styled_row_height(el: &web_sys::Element) -> i32 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|style| style.get_property_value("--row-height").ok())
        .and_then(|value| value.trim().trim_end_matches("px").parse::<i32>().ok())
        .filter(|h| *h > 0)
        .unwrap_or(ROW_HEIGHT)
}

/// The append-only log as a person reads it: position, type, payload in words, time, and the
/// stored envelope on demand. Items after the cursor are dimmed; the one at the cursor is marked
/// and kept in view.
#[component]
pub fn LedgerPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let viewport = NodeRef::<Div>::new();
    // The row at the top of the view (the list's scrollTop ÷ the row height). The rows drawn
    // depend on it, not on pixels: scrolling within a row, or a scroll to the cursor that lands a
    // few pixels from where it was first placed, draws nothing again.
    let first_row = RwSignal::new(0_i32);
    let row_height = RwSignal::new(ROW_HEIGHT);
    // The list's height as last measured, to place the cursor's row; and the tallest it has been,
    // which sets how many rows are drawn: the stage's other regions grow and shrink as the slider
    // moves (a transfer in flight adds lines), and a list a little shorter needs no redraw.
    let height = StoredValue::new(DEFAULT_VIEWPORT);
    let tallest = RwSignal::new(DEFAULT_VIEWPORT);
    let measured = move |el: &web_sys::Element| {
        let view_height = el.client_height().max(row_height.get_untracked());
        height.set_value(view_height);
        if view_height > tallest.get_untracked() {
            tallest.set(view_height);
        }
        view_height
    };
    let selected = RwSignal::new(None::<usize>);
    // A scroll to the cursor's row is on its way (asked for by a slider move, made in the next
    // animation frame): until then a scroll event reports where the list was before, and
    // following it would draw the old rows again.
    let scrolling_to_cursor = StoredValue::new(false);

    let window = move || {
        let total = bank.head();
        let row = row_height.get();
        let first = usize::try_from(first_row.get()).unwrap_or(0);
        let start = first.saturating_sub(OVERSCAN).min(total);
        let visible = usize::try_from(tallest.get())
            .unwrap_or(0)
            .div_ceil(row as usize);
        let end = (first + visible + OVERSCAN).min(total);
        bank.with_events(|events| events[start..end].to_vec())
    };

    // Scrolls so the event at the cursor (at the present: the newest event) is in view, measuring
    // the list first. False when the list is not in the document yet. Reading sizes and setting
    // scrollTop both make the browser lay the page out, so this runs in an animation frame, where
    // that layout is the frame's own and not a second one.
    let keep_in_view = move |k: usize, total: usize| -> bool {
        let Some(el) = viewport.get_untracked() else {
            return false;
        };
        if !el.is_connected() {
            return false;
        }
        let row_h = styled_row_height(&el);
        if row_h != row_height.get_untracked() {
            row_height.set(row_h);
        }
        let view_height = measured(&el);
        if let Some(target) = scroll_target(k, total, el.scroll_top(), view_height, row_h) {
            el.set_scroll_top(target);
        }
        // The rows follow where the list really is (the browser may have stopped the scroll at
        // the bottom, and a row already in view needs none), not where the slider move guessed.
        set_if_changed(first_row, el.scroll_top() / row_h);
        true
    };
    let presenter = use_context::<Presenter>();
    Effect::new(move |_| {
        let (k, total) = (bank.shown(), bank.head());
        // Presenter mode's rows are taller: measure again when it is switched.
        if let Some(presenter) = presenter {
            presenter.0.track();
        }
        // The rows around the cursor are drawn at once, from the sizes measured last, so the
        // row at the cursor is in the same frame as the projection; the scroll follows before
        // that frame is painted.
        let (row_h, view_height) = (row_height.get_untracked(), height.get_value());
        if let Some(target) = scroll_target(
            k,
            total,
            first_row.get_untracked() * row_h,
            view_height,
            row_h,
        ) {
            set_if_changed(first_row, target / row_h);
        }
        scrolling_to_cursor.set_value(true);
        request_animation_frame(move || {
            if keep_in_view(k, total) {
                scrolling_to_cursor.set_value(false);
            } else {
                // On the first render the list is mounted a frame later.
                request_animation_frame(move || {
                    keep_in_view(k, total);
                    scrolling_to_cursor.set_value(false);
                });
            }
        });
    });

    // The list's box changes size when the layout around it does (presenter mode, a tab pinned
    // beside the stage, a window resized): the cursor's row is kept in view then too.
    Effect::new(move |_| {
        let Some(el) = viewport.get() else {
            return;
        };
        let follow = Closure::<dyn FnMut()>::new(move || {
            untrack(|| keep_in_view(bank.shown(), bank.head()));
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(follow.as_ref().unchecked_ref()) {
            observer.observe(&el);
        }
        // The observer calls it while the list is on the page. An emptied ledger removes the
        // list and the next event draws a new one, with its own: the old callback stays, a
        // closure's worth of memory per emptying, which is rare.
        follow.forget();
    });

    view! {
        <section class="panel ledger" aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">"Event ledger"</h2>
            <p class="hint">
                {move || labels::ledger_count(bank.head())}
                <Term id="event" text="Events" />
                " are only ever added: none is changed or removed. Times are UTC."
            </p>
            <When
                when=move || { bank.head() > 0 }
                fallback=|| view! { <p class="empty">"No events recorded yet."</p> }
            >
                <div
                    class="ledger-viewport"
                    node_ref=viewport
                    on:scroll=move |_| {
                        if scrolling_to_cursor.get_value() {
                            return;
                        }
                        if let Some(el) = viewport.get_untracked() {
                            set_if_changed(first_row, el.scroll_top() / row_height.get_untracked());
                            measured(&el);
                        }
                    }
                >
                    <ol
                        class="ledger-list"
                        aria-label="Recorded events"
                        style:height=move || format!("{}px", row_top(bank.head() + 1, row_height.get()))
                    >
                        {move || {
                            let rows = window();
                            // What each row shows of the cursor and the selection is read here,
                            // once for the list, and given to the rows as plain values: a row
                            // subscribes to nothing, so redrawing the list on a slider move creates
                            // and drops no subscriptions (which cost the reactive graph time in
                            // proportion to how many rows watch the same signal).
                            let head = bank.head();
                            let at = RowsAt {
                                shown: bank.shown(),
                                head,
                                committed: head - bank.unsaved().with(|u| u.as_ref().map_or(0, |u| u.count)).min(head),
                                selected: selected.get(),
                                row_height: row_height.get(),
                            };
                            keep_focus_on_its_event(viewport);
                            rows.into_iter()
                                .map(|recorded| view! { <LedgerItem recorded=recorded at=at selected=selected /> })
                                .collect_view()
                        }}
                    </ol>
                </div>
                <EventDetailsRegion selected=selected />
            </When>
        </section>
    }
}

/// The rows are redrawn in place, not kept by a keyed `<For>` (a large generic copy in the wasm
/// for this one list), so after a scroll a row's element may show another event. What a keyed
/// list does for the focus is kept here: it stays on the Envelope button of the same event while
/// that event is in view, and leaves the list when it scrolls out. Call before the redraw.
fn keep_focus_on_its_event(viewport: NodeRef<Div>) {
    let Some(list) = viewport.get_untracked() else {
        return;
    };
    let Some(active) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|active| list.contains(Some(active)))
    else {
        return;
    };
    let Some(position) = active
        .closest("li")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("aria-posinset"))
    else {
        return;
    };
    // After the redraw, before the next paint.
    request_animation_frame(move || {
        let same = list
            .query_selector(&format!("li[aria-posinset='{position}'] button"))
            .ok()
            .flatten()
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        match same {
            Some(button) if *button != active => {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = button.focus_with_options(&options);
            }
            Some(_) => {}
            None => {
                if let Some(active) = active.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = active.blur();
                }
            }
        }
    });
}

/// What the rows show of the page when the list is drawn.
#[derive(Clone, Copy)]
struct RowsAt {
    /// How many events the slider shows.
    shown: usize,
    /// How many events the ledger holds.
    head: usize,
    /// How many of them are committed to storage; the rest are pending, their append retried.
    committed: usize,
    /// The event whose envelope is open.
    selected: Option<usize>,
    /// Every row's height, in pixels.
    row_height: i32,
}

/// One event in the ledger list, placed at its row.
#[component]
fn LedgerItem(
    recorded: RecordedEvent,
    at: RowsAt,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let row = LedgerRow::of(&recorded);
    let position = row.position as usize;
    let is_current = at.shown == position;
    let future = position > at.shown;
    let pending = position > at.committed;
    let open = at.selected == Some(position);
    view! {
        <li
            class="ledger-item"
            class:future=future
            class:current=is_current
            class:pending=pending
            aria-current=is_current.then_some("step")
            aria-posinset=position
            aria-setsize=at.head
            style:top=format!("{}px", row_top(position, at.row_height))
            // A click anywhere on the row opens its Event details (and closes them again), as
            // its Envelope button does: the button's own click, by mouse or by Enter, bubbles
            // here, so both go one way.
            on:click=move |_| selected.update(|s| {
                *s = if *s == Some(position) { None } else { Some(position) }
            })
        >
            <div class="ledger-line">
                <span class="position">"#"{row.position}</span>
                <span class="event-type">{row.event_type}</span>
                <span class="version" title="stored schema version">{labels::stored_version(recorded.schema_version)}</span>
                <span class="time">{row.recorded_at}</span>
                {pending.then(|| view! { <span class="pending-tag">"pending"</span> })}
                <button
                    type="button"
                    class="link"
                    aria-pressed=if open { "true" } else { "false" }
                    aria-controls="envelope-inspector"
                    // The short visible word keeps the row on one line; the name says which event.
                    aria-label=labels::envelope_button(position)
                >
                    "Envelope"
                </button>
            </div>
            <bdi class="description">{row.description}</bdi>
        </li>
    }
}
