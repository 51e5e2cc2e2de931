//! Where a first-time visitor starts: three short steps, ticked as they are done. Once all three
//! are, the hint goes away and is not shown again in this browser.

use leptos::prelude::*;

use super::bank::Bank;
use super::when::When;
use crate::app::start_hint::Progress;
use crate::domain::Event;

/// Remembers that the hint was completed. Not a ledger key: clearing the ledger keeps it.
const DONE_KEY: &str = "replay-bank.start-hint-done";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The hint, above the command form.
#[component]
pub fn StartHint() -> impl IntoView {
    let bank = Bank::use_context();
    let done_before = storage()
        .and_then(|s| s.get_item(DONE_KEY).ok().flatten())
        .is_some();
    let travelled = RwSignal::new(false);
    // Only what the person does with their own ledger counts, not a shared history or a story.
    let own = move || bank.shared().get().is_none();
    Effect::new(move |_| {
        if own() && bank.in_past() {
            travelled.set(true);
        }
    });
    let progress = Memo::new(move |_| {
        if !own() {
            return Progress {
                travelled: travelled.get(),
                ..Progress::default()
            };
        }
        let (opened, deposited) = bank.with_events(|events| {
            (
                !events.is_empty(),
                events
                    .iter()
                    .any(|r| matches!(r.event, Event::MoneyDeposited { .. })),
            )
        });
        Progress {
            opened,
            deposited,
            travelled: travelled.get(),
        }
    });
    let hidden = RwSignal::new(done_before);
    Effect::new(move |_| {
        if progress.get().complete() && !hidden.get_untracked() {
            hidden.set(true);
            if let Some(storage) = storage().filter(|_| bank.remembers()) {
                let _ = storage.set_item(DONE_KEY, "1");
            }
        }
    });

    view! {
        <When when=move || !hidden.get() && bank.shared().get().is_none()>
            <div class="start-hint" role="note" aria-label="Start here">
                <p class="start-title">"Start here"</p>
                <ol>
                    {move || progress.get().steps().map(|step| view! {
                        <li class:done=step.done>
                            <span class="tick" aria-hidden="true">{if step.done { "✓" } else { "" }}</span>
                            {step.text}
                            {step.done.then(|| view! { <span class="visually-hidden">" (done)"</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </div>
        </When>
    }
}
