//! The "Commands" panel: fields and buttons that become commands, the alert for refusals, and
//! the list of rejected attempts.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::{new_account_id, Bank};
use crate::domain::{AccountStatus, Command, Money};

/// Why the buttons that cannot apply now are disabled, in words (empty when all can apply).
fn disabled_reason(bank: Bank) -> String {
    if !bank.can_write() {
        return if bank.shared.get().is_some() {
            "Commands are off while you look at a shared history: keep it to make it yours, or go back to your own ledger."
        } else if bank.progress.get().is_some() {
            "Generating: commands are paused until it finishes."
        } else {
            "Commands are off so that nothing overwrites the unreadable stored ledger."
        }
        .into();
    }
    match bank.present().status() {
        AccountStatus::NoAccount => {
            "Open an account first: deposits, withdrawals and closing need one.".into()
        }
        AccountStatus::Open => String::new(),
        AccountStatus::Closed => {
            "The account is closed and accepts nothing more. Clear the ledger to start again."
                .into()
        }
    }
}

/// The command forms. Enter submits the form it is typed in (in the Amount field: Deposit).
#[component]
pub fn CommandPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let owner = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let amount_invalid = RwSignal::new(false);

    let status = Memo::new(move |_| bank.present().status());
    let writable = move || bank.can_write();
    let can_open = move || writable() && status.get() == AccountStatus::NoAccount;
    let can_move_money = move || writable() && status.get() == AccountStatus::Open;
    let reason = move || disabled_reason(bank);

    let open_account = move |ev: SubmitEvent| {
        ev.prevent_default();
        bank.send(Command::OpenAccount {
            account_id: new_account_id(),
            owner: owner.get_untracked(),
        });
        if bank.present().status() == AccountStatus::Open {
            owner.set(String::new());
        }
    };

    let move_money = move |ev: SubmitEvent| {
        ev.prevent_default();
        // The button that submitted the form says which command this is; Enter picks the first.
        let withdraw = ev
            .submitter()
            .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .is_some_and(|b| b.value() == "withdraw");
        match Money::parse(&amount.get_untracked()) {
            Ok(money) => {
                amount_invalid.set(false);
                bank.send(if withdraw {
                    Command::WithdrawMoney { amount: money }
                } else {
                    Command::DepositMoney { amount: money }
                });
            }
            Err(error) => {
                amount_invalid.set(true);
                bank.fail(format!("Amount: {error}"));
            }
        }
    };

    let close_account = move |_| bank.send(Command::CloseAccount);

    view! {
        <section class="panel commands" aria-labelledby="commands-heading">
            <h2 id="commands-heading">"Commands"</h2>
            <Show when=move || bank.in_past()>
                <p class="past-warning">
                    "You are looking at the past. Commands always apply to the present: sending one returns you to now."
                </p>
            </Show>
            <form class="command-row" on:submit=open_account>
                <label for="owner">"Owner"</label>
                <input
                    id="owner"
                    name="owner"
                    type="text"
                    autocomplete="off"
                    placeholder="e.g. Ada Lovelace"
                    prop:value=move || owner.get()
                    on:input=move |ev| owner.set(event_target_value(&ev))
                />
                <button
                    type="submit"
                    disabled=move || !can_open()
                    aria-describedby="open-hint command-hint"
                >
                    "Open account"
                </button>
            </form>
            <p id="open-hint" class="hint">
                {move || match (writable(), status.get()) {
                    (true, AccountStatus::Open) => "The account is open: an account opens only once.",
                    _ => "",
                }}
            </p>
            <form class="command-row" on:submit=move_money>
                <label for="amount">"Amount"</label>
                <input
                    id="amount"
                    name="amount"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder="e.g. 25.50"
                    aria-invalid=move || if amount_invalid.get() { "true" } else { "false" }
                    aria-describedby=move || amount_invalid.get().then_some("command-alert")
                    prop:value=move || amount.get()
                    on:input=move |ev| {
                        amount_invalid.set(false);
                        amount.set(event_target_value(&ev));
                    }
                />
                <div class="buttons">
                    <button
                        type="submit"
                        value="deposit"
                        disabled=move || !can_move_money()
                        aria-describedby="command-hint"
                    >
                        "Deposit"
                    </button>
                    <button
                        type="submit"
                        value="withdraw"
                        disabled=move || !can_move_money()
                        aria-describedby="command-hint"
                    >
                        "Withdraw"
                    </button>
                </div>
            </form>
            <div class="command-row">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !can_move_money()
                    aria-describedby="command-hint"
                    on:click=close_account
                >
                    "Close account"
                </button>
                <span class="hint">"Pays out the balance, then closes: one command, two events."</span>
            </div>
            <p id="command-hint" class="hint">{reason}</p>
            <Feedback />
            <RejectedAttempts />
        </section>
    }
}

/// The latest outcome: an alert for a refusal or failure, a status line for a success. The
/// alert is made anew for every message, so the same refusal twice is announced twice.
#[component]
fn Feedback() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        {move || {
            bank.alert.get().map(|alert| {
                view! {
                    <p id="command-alert" class="message alert" role="alert" data-id=alert.id>
                        {alert.text}
                    </p>
                }
            })
        }}
        <p class="message status" role="status">
            {move || bank.status.get()}
        </p>
    }
}

/// Commands the rules refused during this visit: they never enter the ledger.
#[component]
fn RejectedAttempts() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <section class="rejected" aria-labelledby="rejected-heading">
            <h3 id="rejected-heading">"Rejected attempts"</h3>
            <p class="hint">"Refused commands are listed here for this visit. They never enter the ledger."</p>
            <Show
                when=move || bank.rejected.with(|list| !list.is_empty())
                fallback=|| view! { <p class="empty">"None yet."</p> }
            >
                <ol class="rejected-list">
                    <For
                        each=move || bank.rejected.get().into_iter().rev()
                        key=|attempt| attempt.id
                        let:attempt
                    >
                        <li>
                            <strong><bdi>{attempt.command}</bdi></strong>
                            " — "
                            <span class="rule">{attempt.rule}</span>
                            ": "
                            {attempt.reason}
                        </li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}
