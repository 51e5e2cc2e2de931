//! "Glossary": each term the page uses, explained once, in plain words. Other panels link here
//! (`#term-...`) where a term first appears.

use leptos::prelude::*;

/// The terms, in the order a learner meets them.
pub const TERMS: [(&str, &str, &str); 14] = [
    (
        "command",
        "Command",
        "A request to change something: open an account, deposit, withdraw, close. It can be refused.",
    ),
    (
        "event",
        "Event",
        "A fact that happened, recorded once a command was accepted: \"MoneyDeposited $50.00\". Events are never changed or deleted.",
    ),
    (
        "ledger",
        "Ledger (event store)",
        "The list of every event, in order. New events are only ever added at the end (append-only).",
    ),
    (
        "projection",
        "Projection (read model)",
        "A view computed from the events, such as the current balance. It can always be rebuilt from the ledger.",
    ),
    (
        "fold",
        "Fold (replay)",
        "Going through the events from the first one, applying each to the state in turn. The state after the last event is the current state.",
    ),
    (
        "checkpoint",
        "Checkpoint (snapshot)",
        "A state saved every 1,000 events, so a jump back in time starts from the nearest one instead of the first event.",
    ),
    (
        "envelope",
        "Envelope",
        "An event as it is stored: its position, stream, time, command id and the event itself.",
    ),
    (
        "genesis",
        "Genesis",
        "The start of history, before the first event: the slider's leftmost point.",
    ),
    (
        "stream",
        "Stream",
        "The events of one thing, in order: each account has its own, and so does each transfer. A stream's version counts its events; a write says which version it expects, and is refused if someone else wrote first.",
    ),
    (
        "boundary",
        "Consistency boundary (aggregate)",
        "What one decision may rely on being up to date: here, one account. A transfer spans two, so it cannot be one decision.",
    ),
    (
        "process",
        "Process manager (saga)",
        "What drives a change across boundaries step by step, from events: debit the source, credit the destination, or refund when the credit is refused. Its state is the ledger, so a crash loses nothing.",
    ),
    (
        "compensation",
        "Compensation",
        "A new event that undoes the effect of an earlier one (a refund for a debit), since events are never edited.",
    ),
    (
        "eventual",
        "Eventual consistency",
        "A read model updated after the write, not within it: for a moment it shows the state before the newest events, then catches up. The ledger itself is never behind.",
    ),
    (
        "idempotent",
        "Idempotent",
        "Doing it twice has the effect of doing it once. A read model remembers the last position it applied and skips an event it has seen, so a retried delivery changes nothing.",
    ),
];

/// The glossary tab.
#[component]
pub fn GlossaryPanel() -> impl IntoView {
    view! {
        <section class="panel glossary" aria-labelledby="glossary-heading">
            <h2 id="glossary-heading">"Glossary"</h2>
            <dl class="terms">
                {TERMS.map(|(id, term, meaning)| view! {
                    <div id=format!("term-{id}")>
                        <dt>{term}</dt>
                        <dd>{meaning}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A term as it first appears in a panel: a link-styled button that opens the Glossary tab at
/// its meaning. Where there are no tabs (a compact or `panels=` page) it is plain text with the
/// meaning as its description.
#[component]
pub fn Term(id: &'static str, text: &'static str) -> impl IntoView {
    let meaning = TERMS
        .iter()
        .find(|(term, _, _)| *term == id)
        .map_or("", |(_, _, meaning)| meaning);
    match super::tab_state::TabState::use_context() {
        Some(tabs) => view! {
            <button
                type="button"
                class="link term"
                title=meaning
                on:click=move |_| {
                    tabs.open(crate::app::Tab::Glossary);
                    request_animation_frame(move || {
                        if let Some(el) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id(&format!("term-{id}")))
                        {
                            super::region::reveal(&el, 0.0);
                        }
                    });
                }
            >
                {text}
            </button>
        }
        .into_any(),
        None => view! { <span class="term" title=meaning>{text}</span> }.into_any(),
    }
}
