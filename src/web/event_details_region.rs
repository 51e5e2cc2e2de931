//! The region "Event details" under the ledger, for the event whose envelope was opened.

use leptos::prelude::*;

use super::bank::Bank;
use super::glossary::Term;
use crate::app::labels;
use crate::eventstore::envelope_json;

/// The region "Event details" for the selected event: its envelope's facts, what caused it,
/// its stream before → after with the changed fields marked, a transfer's chain, and the
/// envelope as stored, in JSON.
#[component]
pub fn EventDetailsRegion(selected: RwSignal<Option<usize>>) -> impl IntoView {
    let bank = Bank::use_context();
    let shown = move || {
        let position = selected.get()?;
        let details = bank.event_details(position)?;
        let json = bank.with_events(|events| events.get(position - 1).map(envelope_json))?;
        Some((details, json))
    };
    view! {
        <section id="envelope-inspector" class="inspector" aria-labelledby="event-details-heading">
            {move || shown().map(|(details, json)| {
                let position = details.position;
                view! {
                    <h3 id="event-details-heading">"Event details"</h3>
                    <dl class="details-facts">
                        {details.facts.into_iter().map(|(name, value)| view! {
                            <dt>{name}</dt>
                            <dd>{value}</dd>
                        }).collect_view()}
                    </dl>
                    <table class="details-changes">
                        <caption>"Its stream, before and after"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Field"</th>
                                <th scope="col">"Before"</th>
                                <th scope="col">"After"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {details.changes.into_iter().map(|change| {
                                let changed = change.changed();
                                view! {
                                    <tr class:changed=changed>
                                        <th scope="row">
                                            {change.field}
                                            {changed.then_some(" (changed)")}
                                        </th>
                                        <td>{change.before}</td>
                                        <td>{change.after}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(!details.chain.is_empty()).then(|| view! {
                        <p class="hint">"The transfer, from the command through the process's steps:"</p>
                        <ol class="details-chain">
                            {details.chain.into_iter().map(|link| view! { <li>{link}</li> }).collect_view()}
                        </ol>
                    })}
                    {details.reversed_by.map(|reversed_by| match reversed_by {
                        Some(by) => view! {
                            <p class="hint">{format!("Reversed by #{by}: its money came back, and this event stays as it was recorded.")}</p>
                        }
                        .into_any(),
                        None => view! {
                            <div class="command-row">
                                <button
                                    type="button"
                                    aria-describedby="reverse-hint"
                                    disabled=move || !bank.can_write()
                                    on:click=move |_| bank.reverse_withdrawal(position as usize)
                                >
                                    "Reverse this withdrawal"
                                </button>
                            </div>
                            <p id="reverse-hint" class="hint">
                                "A wrong fact is corrected by a new fact: WithdrawalReversed names this withdrawal and puts its money back, and this event stays as it is. Fix and rebuild (Read models) corrects a wrong view instead: the facts stay, the read model is folded again."
                            </p>
                        }
                        .into_any(),
                    })}
                    {match bank.spec_of_event(position as usize) {
                        Ok(spec) => {
                            let rust = spec.clone();
                            let stem = format!("event-{position}");
                            let rust_stem = stem.clone();
                            view! {
                                <div class="command-row">
                                    <button type="button" class="secondary" on:click=move |_| bank.download_spec(&spec, &stem, false)>
                                        "Export as test"
                                    </button>
                                    <button type="button" class="secondary" on:click=move |_| bank.download_spec(&rust, &rust_stem, true)>
                                        "Export as a Rust test"
                                    </button>
                                </div>
                                <p class="hint">"Given the stream's earlier events, when the command that recorded this event, then the events it recorded: as plain text the test suite runs from tests/specs/, or as a Rust test."</p>
                            }
                            .into_any()
                        }
                        Err(why) => view! { <p class="hint">{why}</p> }.into_any(),
                    }}
                    {details.read_as.map(|(latest, payload)| view! {
                        <p class="hint">{labels::read_as(latest)}</p>
                        <pre class="read-as">{payload}</pre>
                    })}
                    <h4>{labels::envelope_heading(position as usize)}</h4>
                    <p class="hint">
                        "The event as stored, in its "<Term id="envelope" text="envelope" />
                        ": where it sits, when, and which command made it."
                    </p>
                    <pre>{json}</pre>
                    <button type="button" class="secondary" on:click=move |_| selected.set(None)>
                        "Hide envelope"
                    </button>
                }
            })}
        </section>
    }
}
