//! The "Current state" panel: the projection of the events up to the time-travel cursor.

use leptos::prelude::*;

use super::bank::Bank;

/// Balance, account id, owner, status and how many events were folded to get them.
#[component]
pub fn StatePanel() -> impl IntoView {
    let bank = Bank::use_context();
    let summary = Memo::new(move |_| bank.replay_at_cursor().summary);
    let text_or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".to_string());

    view! {
        <section class="panel state" aria-labelledby="state-heading">
            <h2 id="state-heading">"Current state"</h2>
            <p class="hint">
                {move || {
                    if bank.in_past() {
                        format!(
                            "As it was after event {} of {}: a fold of the first {} events only.",
                            bank.shown(),
                            bank.head(),
                            bank.shown(),
                        )
                    } else {
                        "A fold of every event in the ledger, updated as each one is appended.".to_string()
                    }
                }}
            </p>
            <dl class="facts">
                <div class="fact balance">
                    <dt>"Balance"</dt>
                    <dd data-testid="balance">{move || summary.with(|s| s.state.balance().to_string())}</dd>
                </div>
                <div class="fact">
                    <dt>"Account id"</dt>
                    <dd>{move || summary.with(|s| text_or_dash(s.state.account_id().map(ToString::to_string)))}</dd>
                </div>
                <div class="fact">
                    <dt>"Owner"</dt>
                    // <bdi>: a right-to-left name must not reorder what is around it.
                    <dd><bdi>{move || summary.with(|s| text_or_dash(s.state.owner().map(ToString::to_string)))}</bdi></dd>
                </div>
                <div class="fact">
                    <dt>"Status"</dt>
                    <dd>{move || summary.with(|s| s.state.status().label())}</dd>
                </div>
                <div class="fact">
                    <dt>"Events applied"</dt>
                    <dd>{move || summary.with(|s| s.events_applied)}</dd>
                </div>
            </dl>
        </section>
    }
}
