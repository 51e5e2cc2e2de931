//! "Glossary": each term the page uses, explained once, in plain words. Other panels link here
//! (`#term-...`) where a term first appears.

use leptos::prelude::*;

/// The terms, in the order a learner meets them.
pub const TERMS: [(&str, &str, &str); 8] = [
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
