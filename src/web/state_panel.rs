//! The "Current state" panel: the projection of the events up to the time-travel cursor. Behind
//! the present it looks like the past: a badge, a tint, and what the cursor's event changed.

use leptos::prelude::*;

use super::bank::Bank;
use super::glossary::Term;
use crate::app::labels;
use crate::app::{group_thousands, last_change, past_badge};

/// Balance (large), owner, status, account id and how many events were folded to get them.
#[component]
pub fn StatePanel() -> impl IntoView {
    let bank = Bank::use_context();
    let state = Memo::new(move |_| bank.chosen_at_cursor());
    let applied = move || bank.with_at_cursor(|r| r.events_applied);
    let text_or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".to_string());
    let badge = move || past_badge(bank.shown(), bank.head());
    // What the chosen account's last event up to the cursor changed, past or present.
    let change = move || {
        let k = bank.shown();
        let chosen = bank.chosen().get()?;
        bank.with_events(|events| last_change(&events[..k.min(events.len())], &chosen))
    };

    view! {
        <section class="panel state" class:past=move || badge().is_some() aria-labelledby="state-heading">
            <div class="state-head">
                <h2 id="state-heading">"Current state"</h2>
                {move || badge().map(|text| view! { <span class="past-badge">{text}</span> })}
            </div>
            <dl class="facts">
                <div class="fact balance">
                    <dt>"Balance"</dt>
                    <dd data-testid="balance">{move || state.with(|s| s.balance().to_string())}</dd>
                </div>
                <div class="fact">
                    <dt>"Owner"</dt>
                    // <bdi>: a right-to-left name must not reorder what is around it.
                    <dd><bdi>{move || state.with(|s| text_or_dash(s.owner().map(ToString::to_string)))}</bdi></dd>
                </div>
                <div class="fact">
                    <dt>"Status"</dt>
                    <dd>{move || state.with(|s| s.status().label())}</dd>
                </div>
                <div class="fact">
                    <dt>"Account id"</dt>
                    <dd>{move || state.with(|s| text_or_dash(s.account_id().map(ToString::to_string)))}</dd>
                </div>
                <div class="fact">
                    <dt>"Events applied"</dt>
                    <dd>{move || group_thousands(applied())}</dd>
                </div>
            </dl>
            <p class="hint explain">
                "Folded from this account's own events up to the slider: the "
                <Term id="state" text="state a command is decided against" />
                ", not a read model. It is never stored on its own."
            </p>
            <p class="hint change">
                {move || change().map(|c| labels::last_change_label(&c))}
            </p>
        </section>
    }
}
