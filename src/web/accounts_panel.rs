//! The "Accounts" region: every account at the cursor (owner, status, balance), the money sums
//! that show nothing appeared or vanished, and the transfers still under way.

use leptos::prelude::*;

use super::bank::Bank;
use super::browser::second_click;
use super::transfers_panel::Choice;
use super::when::When;
use crate::app::labels::account_label;
use crate::app::transfer_words::running_transfer;
use crate::app::{Consistency, Delivery};
use crate::domain::AccountId;

/// The accounts table, the conservation line and the transfers waiting for a step. Rows are
/// redrawn whole when the cursor moves: fifty rows cost less than a keyed list's code.
#[component]
pub fn AccountsPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let rows = move || {
        let chosen = bank.chosen().get();
        bank.with_at_cursor(|replay| {
            replay
                .state
                .accounts()
                .iter()
                .map(|(id, state)| {
                    let current = (chosen.as_deref() == Some(id.as_str())).then_some("true");
                    view! {
                        <tr class:chosen=current.is_some() aria-current=current>
                            <th scope="row">
                                <bdi>{state.owner().map(ToString::to_string)}</bdi>
                                <span class="account-id">{id.to_string()}</span>
                            </th>
                            <td>{state.status().label()}</td>
                            <td class="num">
                                {if state.status() == crate::domain::AccountStatus::Open {
                                    state.balance().to_string()
                                } else {
                                    "—".to_string()
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let any = move || bank.with_at_cursor(|replay| !replay.state.accounts().is_empty());
    let conservation =
        move || bank.with_at_cursor(|replay| crate::app::conservation(&replay.state.totals()));
    // One line per transfer under way, in one paragraph (empty, and hidden, when none is).
    let running = move || {
        bank.with_at_cursor(|replay| {
            let owner = |id: &AccountId| account_label(replay.state.accounts(), id);
            replay
                .state
                .running()
                .map(|p| running_transfer(p, owner))
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    let one_at_a_time = Signal::derive(move || bank.delivery().get() == Delivery::OneAtATime);
    let transfers_possible = move || {
        bank.consistency().get() == Consistency::Process && bank.accounts().with(|a| a.len() >= 2)
    };
    let waiting = move || {
        !bank.in_past() && bank.with_at_cursor(|replay| replay.state.running().next().is_some())
    };

    view! {
        <section class="panel accounts" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">"Accounts"</h2>
            <When
                when=any
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
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </When>
            <p class="conservation" data-testid="conservation">{conservation}</p>
            <p class="in-flight">{running}</p>
            // When the transfer's process takes its steps, beside the button that takes the next
            // one: the choice once a transfer can be made (two accounts), for the process only.
            <div class="delivery">
                <When when=transfers_possible>
                    <Choice
                        legend="Deliver steps"
                        first="automatically"
                        second="one at a time"
                        second_chosen=one_at_a_time
                        choose=Callback::new(move |one: bool| {
                            bank.set_delivery(if one { Delivery::OneAtATime } else { Delivery::Automatically })
                        })
                        disabled=Signal::stored(false)
                    />
                </When>
                {move || waiting().then(|| view! {
                        <button
                            type="button"
                            class="deliver"
                            disabled=move || !bank.can_write()
                            on:click=move |ev| {
                                if !second_click(&ev) {
                                    bank.deliver_next_step();
                                }
                            }
                        >
                            "Deliver next step"
                        </button>
                    })}
            </div>
        </section>
    }
}
