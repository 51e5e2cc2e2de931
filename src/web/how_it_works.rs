//! "How it works": the last command lighting up Command, Event store and Projection in turn,
//! with the rule checks decide ran; a refusal stops at step one, and so does a command sent again
//! with the same id ("Retry the last command (same id)"). And "Why it matters": three
//! short cards, each with something to click now.

use leptos::prelude::*;

use super::bank::Bank;
use super::glossary::Term;
use super::region::{region_of, reveal};
use super::tab_state::TabState;
use super::when::When;
use crate::app::{handling_lines, retry_hint, Tab};
use crate::domain::{Check, Event};

/// The three steps, lit for the last command. Motion only without prefers-reduced-motion (CSS).
#[component]
pub fn HowItWorksPanel() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <section class="panel how" aria-labelledby="how-heading">
            <h2 id="how-heading">"How it works"</h2>
            {move || match bank.flow().get() {
                None if bank.readonly() => view! {
                    <p class="hint">"This page only reads. Where commands are on, each one lights up here the three steps it goes through: the rules it is checked against, the events appended, the read models updated."</p>
                }
                .into_any(),
                None => view! {
                    <p class="hint">"Send a command: it lights up the three steps it goes through, with each rule it is checked against."</p>
                }
                .into_any(),
                Some(flow) => {
                    let words = flow.outcome.words();
                    let refused = words.stopped_at_step_one;
                    let (store_class, projection_class) = if refused {
                        ("flow-step skipped", "flow-step skipped")
                    } else if words.store_failed {
                        ("flow-step stopped", "flow-step skipped")
                    } else {
                        ("flow-step lit", "flow-step lit")
                    };
                    let (store_text, projection_text) = (words.store, words.projection);
                    let handling = handling_lines(&flow.handling);
                    view! {
                        <ol class="flow" data-flow=flow.id>
                            <li class=if refused { "flow-step stopped" } else { "flow-step lit" }>
                                <h3>"1. Command"</h3>
                                <p>{flow.command}</p>
                                <ul class="checks">
                                    {flow.checks.into_iter().map(|(rule, check)| {
                                        let (class, word) = match check {
                                            Check::Passed => ("passed", "passed"),
                                            Check::Failed => ("failed", "failed"),
                                            Check::NotReached => ("unchecked", "not reached"),
                                        };
                                        view! { <li class=class>{rule.name()}": "<strong>{word}</strong></li> }
                                    }).collect_view()}
                                </ul>
                            </li>
                            <li class=store_class>
                                <h3>"2. Event store"</h3>
                                {(!handling.is_empty()).then(|| view! {
                                    <ol class="handling" aria-label="How the command was handled">
                                        {handling.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                    </ol>
                                })}
                                <p>{store_text}</p>
                            </li>
                            <li class=projection_class>
                                <h3>"3. Projection"</h3>
                                <p>{projection_text}</p>
                            </li>
                        </ol>
                    }
                    .into_any()
                }
            }}
            <h3>"Optimistic concurrency"</h3>
            <p class="hint" id="clerk-hint">
                "A command is decided against its stream at one version, and appended only if the stream is still at that version; nothing is locked. Switch this on and the next deposit, withdrawal or close meets another clerk's $10.00 deposit to the same account, appended between the decision and the append: the store refuses the append, and the command is decided again on the new state."
            </p>
            <div class="command-row">
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || if bank.another_clerk().get() { "true" } else { "false" }
                    aria-describedby="clerk-hint"
                    disabled=move || !bank.can_write()
                    on:click=move |_| bank.set_another_clerk(!bank.another_clerk().get_untracked())
                >
                    "Simulate another clerk writing first"
                </button>
            </div>
            <h3>"Schema evolution"</h3>
            <p class="hint">
                "A deposit's amount now says its currency: MoneyDeposited v2 stores {cents, currency}. Ship v2 moves the writer; every event already stored stays v1, byte for byte, and is upcast each time it is read. v3 adds the date a back-dated deposit took effect; only such a deposit is written in v3, the first shape with room for it, which is safe here because every reader of this build reads v3: a writer moves only once its readers can read. Upcast when an event means the same in a new shape; when its meaning changes, a new event type is right."
            </p>
            <div class="command-row">
                <button
                    type="button"
                    disabled=move || bank.shipped().get() || !bank.can_write()
                    on:click=move |_| bank.ship_v2()
                >
                    "Ship v2"
                </button>
                <span class="hint">
                    {move || if bank.shipped().get() { "v2 shipped: new deposits are written in v2." } else { "The writer writes v1." }}
                </span>
            </div>
            <When when=move || bank.last_command().get().is_some()>
                <div class="command-row retry">
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || !bank.can_write()
                        aria-describedby="retry-hint"
                        on:click=move |_| bank.retry_last()
                    >
                        "Retry the last command (same id)"
                    </button>
                    <p id="retry-hint" class="hint">
                        {move || retry_hint(&bank.last_command().get().unwrap_or_default())}
                    </p>
                </div>
            </When>
        </section>
    }
}

/// Audit trails, time-travel debugging and analytics, each tied to a click.
#[component]
pub fn WhyItMattersPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let last_withdrawal = move || {
        bank.with_events(|events| {
            events
                .iter()
                .rev()
                .find(|r| matches!(r.event, Event::MoneyWithdrawn { .. }))
                .map(|r| r.position as usize)
        })
    };
    let focus_region = |heading: &str| {
        if let Some(section) = region_of(heading) {
            reveal(&section, 0.0);
        }
    };
    view! {
        <section class="panel why" aria-labelledby="why-heading">
            <h2 id="why-heading">"Why it matters"</h2>
            <div class="cards">
                <article class="card">
                    <h3>"Every change kept"</h3>
                    <p>"Every change is an event with its time and the id of the command that made it, kept for good: what happened, and when, is never lost. Who acted is not recorded here; an audit trail would add it to each event's metadata."</p>
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || bank.head() == 0
                        on:click=move |_| {
                            bank.seek(1);
                            focus_region("ledger-heading");
                        }
                    >
                        "See when it was opened, and for whom"
                    </button>
                </article>
                <article class="card">
                    <h3>"Time-travel debugging"</h3>
                    <p>
                        "Any past state is a "<Term id="fold" text="fold" />
                        " of the events up to it, with today's code (not the code of that day): replay to just before something went wrong."
                    </p>
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || last_withdrawal().is_none()
                        on:click=move |_| {
                            if let Some(k) = last_withdrawal() {
                                bank.seek(k - 1);
                                focus_region("state-heading");
                            }
                        }
                    >
                        "Replay to just before the last withdrawal"
                    </button>
                </article>
                <article class="card">
                    <h3>"Analytics"</h3>
                    <p>"Questions nobody thought of when the data was written can still be answered from the events."</p>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| match TabState::use_context() {
                            Some(tabs) => tabs.open(Tab::Questions),
                            None => focus_region("questions-heading"),
                        }
                    >
                        "See the questions"
                    </button>
                </article>
            </div>
        </section>
    }
}
