//! The "Transfers" tab: how the page runs a transfer (a process between two consistency
//! boundaries, or one atomic write), when the process delivers its steps, a crash between the
//! debit and the credit, and what each event of a transfer means.

use leptos::prelude::*;

use super::bank::Bank;
use crate::app::{Consistency, Delivery};

/// The transfer choices and the crash.
#[component]
pub fn TransfersPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let process = move || bank.consistency.get() == Consistency::Process;
    view! {
        <section class="panel transfers" aria-labelledby="transfers-heading">
            <h2 id="transfers-heading">"Transfers"</h2>
            <p class="hint">
                "A transfer touches two accounts, and each account is its own consistency boundary: it decides under its own rules, in its own stream. Choose how the two are kept in step."
            </p>
            <fieldset class="choice">
                <legend>"Consistency"</legend>
                <label>
                    <input
                        type="radio"
                        name="consistency"
                        prop:checked=process
                        on:change=move |_| bank.set_consistency(Consistency::Process)
                    />
                    "A process manager between two boundaries"
                </label>
                <label>
                    <input
                        type="radio"
                        name="consistency"
                        prop:checked=move || !process()
                        on:change=move |_| bank.set_consistency(Consistency::AtomicWrite)
                    />
                    "One atomic write"
                </label>
            </fieldset>
            <p class="cost">{move || bank.consistency.get().cost()}</p>
            <fieldset class="choice" disabled=move || !process()>
                <legend>"Deliver steps"</legend>
                <label>
                    <input
                        type="radio"
                        name="delivery"
                        prop:checked=move || bank.delivery.get() == Delivery::Automatically
                        on:change=move |_| bank.set_delivery(Delivery::Automatically)
                    />
                    "automatically"
                </label>
                <label>
                    <input
                        type="radio"
                        name="delivery"
                        prop:checked=move || bank.delivery.get() == Delivery::OneAtATime
                        on:change=move |_| bank.set_delivery(Delivery::OneAtATime)
                    />
                    "one at a time"
                </label>
            </fieldset>
            <p class="hint">
                "One at a time, the process waits after each step for \"Deliver next step\" (under Accounts): stop between the debit and the credit and the money is in flight, in neither account, and the sums still add up."
            </p>
            <h3>"A crash mid-transfer"</h3>
            <p class="hint">
                "Sends the transfer in the form above, then stops the app right after the debit, as a tab closed between two steps would. Nothing is lost: the process's state is the ledger, so the next start finishes the transfer, once, even with two tabs open."
            </p>
            <div class="command-row">
                <CrashButton />
            </div>
            <h3>"The events of a transfer"</h3>
            <dl class="event-names">
                <dt><code>"TransferRequested"</code></dt>
                <dd>"In the transfer's own stream: someone asked. No money has moved."</dd>
                <dt><code>"TransferDebited"</code></dt>
                <dd>"In the source's stream, under its rules (open, enough money): the money left it."</dd>
                <dt><code>"TransferCredited"</code></dt>
                <dd>"In the destination's stream, under its rules (open): the money arrived."</dd>
                <dt><code>"TransferRefunded"</code></dt>
                <dd>"In the source's stream, when the destination refused: the money came back, with the reason. A compensation, never an edit of the debit."</dd>
                <dt><code>"TransferCompleted"</code>" / "<code>"TransferFailed"</code></dt>
                <dd>"In the transfer's stream: how it ended. The names say what happened in the bank's words, not which table changed."</dd>
            </dl>
        </section>
    }
}

/// Sends the form's transfer and stops after the debit. The form's fields are read through the
/// page: the command panel keeps them.
#[component]
fn CrashButton() -> impl IntoView {
    let bank = Bank::use_context();
    let form = super::command_panel::TransferForm::use_context();
    view! {
        <button
            type="button"
            class="secondary"
            disabled=move || !bank.can_write() || bank.consistency.get() == Consistency::AtomicWrite
            on:click=move |_| {
                if let Some((to, amount)) = form.and_then(|f| f.read(bank)) {
                    bank.crash_after_debit(to, amount);
                }
            }
        >
            "Simulate a crash after the debit"
        </button>
    }
}
