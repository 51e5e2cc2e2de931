//! The "Transfers" tab: how the page runs a transfer (a process between two consistency
//! boundaries, or one atomic write), when the process delivers its steps, a crash between the
//! debit and the credit, and what each event of a transfer means.

use leptos::prelude::*;

use super::bank::Bank;
use crate::app::Consistency;

/// Each event of a transfer and why it has that name: what happened, in the bank's words, not
/// which table changed.
const EVENT_MEANINGS: [(&str, &str); 6] = [
    ("TransferRequested", "In the transfer's own stream: someone asked. No money has moved."),
    ("TransferDebited", "In the source's stream, under its rules (open, enough money): the money left it."),
    ("TransferCredited", "In the destination's stream, under its rules (open): the money arrived."),
    ("TransferRefunded", "In the source's stream, when the destination refused: the money came back, with the reason. A compensation, never an edit of the debit."),
    ("TransferCompleted", "In the transfer's stream: both sides recorded; done."),
    ("TransferFailed", "In the transfer's stream: it did not happen, and no money moved in the end."),
];

/// The transfer choices and the crash.
#[component]
pub fn TransfersPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let atomic = Signal::derive(move || bank.consistency().get() == Consistency::AtomicWrite);
    let process = move || !atomic.get();
    view! {
        <section class="panel transfers" aria-labelledby="transfers-heading">
            <h2 id="transfers-heading">"Transfers"</h2>
            <p class="hint">
                "A transfer touches two accounts, and each account is its own consistency boundary: it decides under its own rules, in its own stream. Choose how the two are kept in step."
            </p>
            <Choice
                legend="Consistency"
                first="A process manager between two boundaries"
                second="One atomic write"
                second_chosen=atomic
                choose=Callback::new(move |atomic: bool| {
                    bank.set_consistency(if atomic { Consistency::AtomicWrite } else { Consistency::Process })
                })
                disabled=Signal::stored(false)
            />
            <p class="cost">
                {move || if process() { Consistency::Process } else { Consistency::AtomicWrite }.cost()}
            </p>
            <p class="hint">
                "Deliver steps, on the stage under Accounts: one at a time, the process waits after each step for \"Deliver next step\". Stop between the debit and the credit and the money is in flight, in neither account, and the sums still add up."
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
                {EVENT_MEANINGS.map(|(name, meaning)| view! {
                    <dt><code>{name}</code></dt>
                    <dd>{meaning}</dd>
                })}
            </dl>
        </section>
    }
}

/// Sends the transfer the command form describes (it submits that form: Amount and To account)
/// and stops after the debit.
#[component]
fn CrashButton() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <button
            type="submit"
            form="amount-form"
            value="crash"
            class="secondary"
            disabled=move || !bank.can_write() || bank.consistency().get() == Consistency::AtomicWrite
        >
            "Simulate a crash after the debit"
        </button>
    }
}

/// Two radio buttons in a fieldset: the first or the second option.
#[component]
pub fn Choice(
    legend: &'static str,
    first: &'static str,
    second: &'static str,
    second_chosen: Signal<bool>,
    choose: Callback<bool>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="choice" disabled=move || disabled.get()>
            <legend>{legend}</legend>
            <label>
                <input
                    type="radio"
                    name=legend
                    prop:checked=move || !second_chosen.get()
                    on:change=move |_| choose.run(false)
                />
                {first}
            </label>
            <label>
                <input
                    type="radio"
                    name=legend
                    prop:checked=move || second_chosen.get()
                    on:change=move |_| choose.run(true)
                />
                {second}
            </label>
        </fieldset>
    }
}
