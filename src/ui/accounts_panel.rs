//! The "Accounts" region: every account at the cursor (owner, status, balance), the money sums
//! that show nothing appeared or vanished, and the transfers still under way.

use leptos::prelude::*;

use super::bank::Bank;
use crate::domain::AccountState;

/// The accounts table, the conservation line and the transfers waiting for a step.
#[component]
pub fn AccountsPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let rows = Memo::new(move |_| {
        bank.with_at_cursor(|replay| {
            replay
                .state
                .accounts()
                .iter()
                .map(|(id, state)| {
                    (
                        id.to_string(),
                        state.owner().map(ToString::to_string).unwrap_or_default(),
                        state.status().label(),
                        match state {
                            AccountState::Open { balance, .. } => balance.to_string(),
                            _ => "—".to_string(),
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let totals = Memo::new(move |_| bank.with_at_cursor(|replay| replay.state.totals()));
    let running = Memo::new(move |_| {
        bank.with_at_cursor(|replay| {
            replay
                .state
                .running()
                .map(|p| {
                    format!(
                        "Transfer {} of {} from {} to {}: next, {}.",
                        p.transfer_id,
                        p.amount,
                        p.from,
                        p.to,
                        p.next_step().describe()
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen = move || bank.chosen.get();

    view! {
        <section class="panel accounts" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">"Accounts"</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=|| view! { <p class="hint">"No account yet: open one with a name."</p> }
            >
                <div class="accounts-scroll" tabindex="0" role="group" aria-label="Every account">
                    <table class="accounts-table">
                        <thead>
                            <tr>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col" class="num">"Balance"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.get()
                                key=|row| row.clone()
                                children=move |(id, owner, status, balance)| {
                                    let mine = id.clone();
                                    let is_chosen = Memo::new(move |_| chosen().as_deref() == Some(mine.as_str()));
                                    view! {
                                        <tr class:chosen=move || is_chosen.get() aria-current=move || is_chosen.get().then_some("true")>
                                            <th scope="row">
                                                <bdi>{owner}</bdi>
                                                <span class="account-id">{id}</span>
                                            </th>
                                            <td>{status}</td>
                                            <td class="num">{balance}</td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            <p class="conservation" data-testid="conservation">
                {move || {
                    let t = totals.get();
                    format!(
                        "In accounts {} + in flight {} = deposited {} − withdrawn {}{}",
                        t.in_accounts,
                        t.in_flight,
                        t.deposited,
                        t.withdrawn,
                        if t.conserved() { ": every cent accounted for." } else { ": these do not add up." },
                    )
                }}
            </p>
            <For
                each=move || running.get()
                key=|line| line.clone()
                children=move |line| view! { <p class="in-flight">{line}</p> }
            />
            <Show when=move || running.with(|r| !r.is_empty()) && !bank.in_past()>
                <DeliverNextStep />
            </Show>
        </section>
    }
}

/// The one "Deliver next step" button: the process takes the next step of the oldest
/// unfinished transfer.
#[component]
pub fn DeliverNextStep() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <button
            type="button"
            class="deliver"
            disabled=move || !bank.can_write()
            on:click=move |_| bank.deliver_next_step()
        >
            "Deliver next step"
        </button>
    }
}
