//! The "Commands" panel: fields and buttons that become commands, the alert for refusals, and
//! the list of rejected attempts.

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::browser::new_account_id;
use super::region::{focus_quietly, media};
use super::start_hint::StartHint;
use super::tab_state::TabState;
use super::when::When;
use crate::app::{money_action, refused_this_visit, Field, MoneyAction, MoneyFormError, Tab};
use crate::domain::Command;

/// Why the buttons are off, in words (empty when commands can be sent). Only where sending is
/// impossible: a well-formed command is otherwise always sent, and the rules answer it.
fn disabled_reason(bank: Bank) -> &'static str {
    if bank.can_write() {
        ""
    } else if bank.shared().get().is_some() {
        "Commands are off while you look at a shared history or a scenario: keep it to make it yours, or go back to your own ledger."
    } else if bank.progress().get().is_some() {
        "Generating: commands are paused until it finishes."
    } else if bank.stopped().get() {
        "The app stopped mid-transfer (a simulated crash). Restart it: the process manager reads the ledger and finishes the transfer."
    } else {
        "Commands are off so that nothing overwrites the unreadable stored ledger."
    }
}

/// On a phone the slider is docked over the bottom of the page, and a command's result (the
/// alert or status line under the buttons) may be under it: brings the result into view, just
/// above the dock (the page's scroll padding). Elsewhere nothing covers it, and nothing moves.
fn reveal_result() {
    request_animation_frame(|| {
        let (Ok(Some(dock)), Ok(Some(result))) = (
            document().query_selector(".stage .time-travel"),
            document().query_selector(".commands .message:not(:empty)"),
        ) else {
            return;
        };
        // The stylesheet docks the slider at this width.
        let docked = media("(max-width: 640px)");
        let (seen, dock_top) = (
            result.get_bounding_client_rect(),
            dock.get_bounding_client_rect().top(),
        );
        if docked && (seen.bottom() > dock_top || seen.top() < 0.0) {
            result.scroll_into_view_with_bool(false);
        }
    });
}

/// A date refused for a back-dated deposit is shown: the fold opened, the field marked invalid
/// and focused, so what the alert names is where the person is.
fn show_refused_date() {
    if let Ok(Some(details)) = document().query_selector(".back-date") {
        let _ = details.set_attribute("open", "");
    }
    if let Some(field) = document().get_element_by_id("effective-on") {
        let _ = field.set_attribute("aria-invalid", "true");
    }
    focus_quietly("#effective-on");
}

/// The command forms. Enter submits the form it is typed in (in the Amount field: Deposit).
#[component]
pub fn CommandPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let owner = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let amount_invalid = RwSignal::new(false);
    let to = RwSignal::new(String::new());
    // "Took effect on": empty for an ordinary deposit.
    let effective_on = RwSignal::new(String::new());
    // Every other account, as of now, for "To account"; the first one until the person picks.
    let others = Memo::new(move |_| {
        let chosen = bank.chosen().get();
        bank.accounts().with(|accounts| {
            accounts
                .iter()
                .filter(|(id, _)| Some(id.as_str()) != chosen.as_deref())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        others.with(|others| {
            let current = to.get_untracked();
            if !others.iter().any(|(id, _)| *id == current) {
                to.set(others.first().map(|(id, _)| id.clone()).unwrap_or_default());
            }
        })
    });

    // The click count of the last click on a form's button: 2 for the second click of a double
    // click, which sends the first click's command again, ids and all (and records nothing).
    let clicks = StoredValue::new(0);
    let count_click = move |ev: MouseEvent| clicks.set_value(ev.detail());
    let double_click = move || {
        let double = clicks.get_value() > 1;
        clicks.set_value(0);
        double
    };

    let writable = move || bank.can_write();
    let reason = move || disabled_reason(bank);

    let open_account = move |ev: SubmitEvent| {
        ev.prevent_default();
        let before = bank.head_untracked();
        bank.send(
            Command::OpenAccount {
                account_id: new_account_id(),
                owner: owner.get_untracked(),
            },
            double_click(),
        );
        // Recorded: the field is done with. Refused: what was typed stays, to be corrected.
        if bank.head_untracked() > before {
            owner.set(String::new());
        }
        reveal_result();
    };

    let move_money = move |ev: SubmitEvent| {
        ev.prevent_default();
        // The button that submitted the form says which command this is; Enter picks the first.
        let which = ev
            .submitter()
            .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
            .map(|b| b.value())
            .unwrap_or_default();
        // "crash" comes from the Transfers tab's button, which submits this form.
        let action = money_action(
            &which,
            &amount.get_untracked(),
            &to.get_untracked(),
            &effective_on.get_untracked(),
        );
        amount_invalid.set(matches!(action, Err(MoneyFormError::Amount(_))));
        let double = double_click();
        match action {
            Err(error) => bank.refuse_form(&error),
            Ok(MoneyAction::Transfer { to, amount }) => bank.transfer(to, amount, double),
            Ok(MoneyAction::CrashAfterDebit { to, amount }) => bank.crash_after_debit(to, amount),
            Ok(MoneyAction::Withdraw(amount)) => {
                bank.send(Command::WithdrawMoney { amount }, double)
            }
            Ok(MoneyAction::Deposit {
                amount,
                effective_on: day,
            }) => {
                let before = bank.head_untracked();
                bank.send(
                    Command::DepositMoney {
                        amount,
                        effective_on: day,
                    },
                    double,
                );
                // Recorded: the next deposit is not back-dated unless asked again.
                if bank.head_untracked() > before {
                    effective_on.set(String::new());
                }
            }
        }
        // A date refused, by the form or by the page (which knows today and the opening day):
        // the field says so.
        if bank
            .alert()
            .with_untracked(|a| a.as_ref().and_then(|a| a.field) == Some(Field::EffectiveOn))
        {
            show_refused_date();
        }
        reveal_result();
    };

    let close_account = move |ev: MouseEvent| {
        bank.send(Command::CloseAccount, ev.detail() > 1);
        reveal_result();
    };

    view! {
        <section class="panel commands" aria-labelledby="commands-heading">
            <h2 id="commands-heading">"Commands"</h2>
            <StartHint />
            <When when=move || bank.in_past()>
                <p class="past-warning">
                    "Viewing the past. A command always applies to now, and brings the view back to now."
                </p>
            </When>
            <AccountPicker />
            <form class="command-row" on:submit=open_account on:click=count_click>
                <label for="owner">"Owner"</label>
                <input
                    id="owner"
                    name="owner"
                    type="text"
                    autocomplete="off"
                    placeholder="e.g. Ada"
                    prop:value=move || owner.get()
                    on:input=move |ev| owner.set(event_target_value(&ev))
                />
                <button
                    type="submit"
                    disabled=move || !writable()
                    aria-describedby="command-hint"
                >
                    "Open account"
                </button>
            </form>
            <form id="amount-form" class="command-row" on:submit=move_money on:click=count_click>
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
                        disabled=move || !writable()
                        aria-describedby="command-hint"
                    >
                        "Deposit"
                    </button>
                    <button
                        type="submit"
                        value="withdraw"
                        disabled=move || !writable()
                        aria-describedby="command-hint"
                    >
                        "Withdraw"
                    </button>
                </div>
                <details class="back-date">
                    <summary>
                        {move || match effective_on.get() {
                            day if day.is_empty() => "Back-date a deposit".to_string(),
                            day => format!("Deposit back-dated to {day}"),
                        }}
                    </summary>
                    <label for="effective-on">"Took effect on"</label>
                    <input
                        id="effective-on"
                        type="date"
                        aria-describedby="effective-on-hint"
                        prop:value=move || effective_on.get()
                        on:input=move |ev| {
                            // Edited: no longer the date refused.
                            if let Some(field) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                let _ = field.remove_attribute("aria-invalid");
                            }
                            effective_on.set(event_target_value(&ev));
                        }
                    />
                    <p id="effective-on-hint" class="hint">
                        "For a deposit that took effect on an earlier day (UTC) but is only entered now, such as a cheque paid in on the 1st and entered on the 7th. It is recorded now, with that date: Questions' As at then shows what the ledger knew and what was true."
                    </p>
                </details>
                <label for="to-account">"To account"</label>
                <select
                    id="to-account"
                    prop:value=move || to.get()
                    on:change=move |ev| to.set(event_target_value(&ev))
                >
                    {move || {
                        let others = others.get();
                        if others.is_empty() {
                            view! { <option value="">"(no other account)"</option> }.into_any()
                        } else {
                            others
                                .into_iter()
                                .map(|(id, label)| view! { <option value=id.clone() selected=move || to.get() == id>{label}</option> })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </select>
                <div class="buttons">
                    <button
                        type="submit"
                        value="transfer"
                        disabled=move || !writable()
                        aria-describedby="command-hint"
                    >
                        "Transfer"
                    </button>
                </div>
            </form>
            <div class="command-row">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || !writable()
                    aria-describedby="command-hint"
                    on:click=close_account
                >
                    "Close account"
                </button>
                <span class="hint close-hint">"Pays out the balance, then closes: one command, two events."</span>
            </div>
            <p id="command-hint" class="hint">{reason}</p>
            <When when=move || bank.stopped().get()>
                <button type="button" on:click=move |_| bank.restart()>
                    "Restart the app"
                </button>
            </When>
            <Feedback />
            <RejectedCount />
        </section>
    }
}

/// The latest outcome: an alert for a refusal or failure, a status line for a success. The
/// alert is made anew for every message, so the same refusal twice is announced twice.
#[component]
pub fn Feedback() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        {move || {
            bank.alert().get().map(|alert| {
                view! {
                    <p id="command-alert" class="message alert" role="alert" data-id=alert.id>
                        {alert.text}
                    </p>
                }
            })
        }}
        <p class="message status" role="status">
            {move || bank.status().get()}
        </p>
    }
}

/// How many commands were refused this visit, with a way to the list.
#[component]
fn RejectedCount() -> impl IntoView {
    let bank = Bank::use_context();
    let tabs = TabState::use_context();
    let refused = move || bank.rejected().with(Vec::len);
    view! {
        <When when=move || { refused() > 0 }>
            <p class="hint rejected-count">
                {move || refused_this_visit(refused())}
                {tabs.map(|tabs| view! {
                    <button type="button" class="link" on:click=move |_| tabs.open(Tab::Rejected)>
                        "See Rejected attempts"
                    </button>
                })}
            </p>
        </When>
    }
}

/// "Account": which account the commands act on. Opening an account chooses it.
#[component]
fn AccountPicker() -> impl IntoView {
    let bank = Bank::use_context();
    let accounts = bank.accounts();
    view! {
        <div class="command-row account-picker">
            <label for="account">"Account"</label>
            <select
                id="account"
                disabled=move || accounts.with(Vec::is_empty)
                prop:value=move || bank.chosen().get().unwrap_or_default()
                on:change=move |ev| bank.choose(&event_target_value(&ev))
            >
                {move || {
                    let accounts = accounts.get();
                    if accounts.is_empty() {
                        view! { <option value="">"(none yet: open one)"</option> }.into_any()
                    } else {
                        accounts
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = id.clone();
                                view! { <option value=id selected=move || bank.chosen().get().as_deref() == Some(selected.as_str())>{label}</option> }
                            })
                            .collect_view()
                            .into_any()
                    }
                }}
            </select>
        </div>
    }
}
