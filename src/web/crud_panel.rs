//! "CRUD": the same commands run by a CRUD application, a table with one row per account, the
//! SQL each command runs and what it overwrote; and "Questions" that only the ledger can answer.

use leptos::prelude::*;

use super::bank::Bank;
use crate::app::crud_words::{in_flight_only_in_the_ledger, no_past, values_destroyed};

/// The `accounts` table at the cursor, what the cursor's event made CRUD run, and the INSERT
/// INTO events that event sourcing runs instead.
#[component]
pub fn CrudPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let twin = Memo::new(move |_| bank.crud_twin_at_cursor());
    let rows = move || twin.with(|t| t.rows.clone());
    let last = move || twin.with(|t| t.last.clone());

    view! {
        <section class="panel crud" aria-labelledby="crud-heading">
            <h2 id="crud-heading">"CRUD"</h2>
            <p class="hint">
                "The same commands, run as an experienced developer would write a CRUD application: one row per account, a transfer in one transaction, closing as a status change. It keeps only the latest values. Lost: every earlier value, the intent behind each change (a new balance does not say deposit, withdrawal or transfer), and so the answers to questions nobody planned for (Questions). A history table beside it would keep only what someone planned to record, and must be kept in step with the rows."
            </p>
            <p class="hint">
                "No rebuild here: if the code that wrote these rows had a bug, the wrong balances are all there is, as the table has no history to replay. A read model of the ledger is fixed by deploying the fix and rebuilding it (the Read models tab)."
            </p>
            {move || bank.in_past().then(|| view! {
                <p class="crud-note" role="note">{no_past(bank.shown())}</p>
            })}
            <div class="table-scroll">
                <table class="crud-table">
                    <caption>{move || if bank.in_past() { "accounts, now" } else { "accounts" }}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"id"</th>
                            <th scope="col">"owner"</th>
                            <th scope="col">"balance"</th>
                            <th scope="col">"status"</th>
                            <th scope="col">"created_at"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let rows = rows();
                            if rows.is_empty() {
                                view! {
                                    <tr>
                                        <td colspan="5" class="empty">"(no row)"</td>
                                    </tr>
                                }
                                .into_any()
                            } else {
                                rows.into_iter()
                                    .map(|row| view! {
                                        <tr>
                                            <td>{row.id}</td>
                                            <td><bdi>{row.owner}</bdi></td>
                                            <td>{row.balance}</td>
                                            <td>{row.status}</td>
                                            <td>{row.created_at}</td>
                                        </tr>
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                        }}
                    </tbody>
                </table>
            </div>
            {move || last().map(|statement| view! {
                <dl class="sql">
                    <dt>{move || if bank.in_past() { "CRUD ran then" } else { "CRUD runs" }}</dt>
                    <dd><code>{statement.crud_sql}</code></dd>
                    {statement.lost.map(|lost| view! {
                        <dt>"Lost"</dt>
                        <dd class="lost"><del>{lost}</del>" (overwritten for good)"</dd>
                    })}
                    {statement.unrecorded.map(|unrecorded| view! {
                        <dt>"Recorded nowhere"</dt>
                        <dd>{unrecorded}</dd>
                    })}
                    <dt>"Event sourcing runs instead"</dt>
                    <dd><code>{statement.event_sql}</code></dd>
                </dl>
            })}
            {move || {
                let in_flight = bank.with_at_cursor(|at| at.state.totals().in_flight);
                (!in_flight.is_zero()).then(|| view! {
                    <p class="crud-note" role="note">
                        {in_flight_only_in_the_ledger(in_flight)}
                    </p>
                })
            }}
            <p class="hint">
                {move || values_destroyed(twin.with(|t| t.values_lost))}
            </p>
        </section>
    }
}

/// Questions about the chosen account and across accounts, answered at the cursor by the
/// ledger, and what the CRUD table can say.
#[component]
pub fn QuestionsPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let questions = Memo::new(move |_| bank.questions_at_cursor());
    let moment = RwSignal::new(String::new());
    // What the last "As at" found, beside the field (the status line says it too).
    let found = RwSignal::new(String::new());
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        bank.seek_as_at(moment.get_untracked());
        let said = bank.status().get_untracked();
        found.set(if said.starts_with("As at") {
            said
        } else {
            String::new()
        });
    };
    view! {
        <section class="panel questions" aria-labelledby="questions-heading">
            <h2 id="questions-heading">"Questions"</h2>
            <p class="hint">"Answered live at the slider's point in history."</p>
            <form class="command-row as-at" on:submit=go>
                <label for="as-at">"As at"</label>
                <input
                    id="as-at"
                    type="datetime-local"
                    step="1"
                    aria-describedby="as-at-hint"
                    prop:value=move || moment.get()
                    on:input=move |ev| moment.set(event_target_value(&ev))
                />
                <button type="submit">"Go to that moment"</button>
            </form>
            <p id="as-at-hint" class="hint">
                {move || {
                    let found = found.get();
                    if found.is_empty() {
                        "In UTC, as the ledger shows times: the slider moves to the ledger as it stood then, every event before the first one recorded after that moment. For an account with a back-dated deposit it also says what was true then (as of).".to_string()
                    } else {
                        found
                    }
                }}
            </p>
            <div class="table-scroll">
                <table class="questions-table">
                    <thead>
                        <tr>
                            <th scope="col">"Question"</th>
                            <th scope="col">"The event ledger"</th>
                            <th scope="col">"The CRUD table"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || questions.get().into_iter().map(|q| view! {
                            <tr>
                                <th scope="row">{q.ask}</th>
                                <td>{q.from_events}</td>
                                <td class="muted">{q.from_crud}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
