//! "Rejected attempts": the commands the rules refused during this visit. They never enter the
//! ledger; this list is the only place they are kept, and only until the page is left.

use leptos::prelude::*;

use super::bank::Bank;
use super::when::When;

/// The refused commands, newest first, each with the rule it broke.
#[component]
pub fn RejectedPanel() -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <section class="panel rejected" aria-labelledby="rejected-heading">
            <h2 id="rejected-heading">"Rejected attempts"</h2>
            <p class="hint">
                "Every command is checked against the rules first. A refused command records no event: it is listed here for this visit only, never in the ledger."
            </p>
            <When
                when=move || bank.rejected().with(|list| !list.is_empty())
                fallback=move || view! {
                    <p class="empty">
                        {if bank.readonly() { "None." } else { "None yet. Try a withdrawal larger than the balance." }}
                    </p>
                }
            >
                // Redrawn whole rather than a keyed <For>: the rows hold nothing to keep (no
                // focus, no state), and a keyed list is a large generic copy in the wasm.
                <ol class="rejected-list">
                    {move || {
                        bank.rejected()
                            .get()
                            .into_iter()
                            .rev()
                            .map(|attempt| {
                                let id = attempt.id;
                                let spec = attempt.spec.clone();
                                view! {
                                    <li id=format!("rejected-{id}")>
                                        <strong><bdi>{attempt.command}</bdi></strong>
                                        " — "
                                        <span class="rule">{attempt.rule.name()}</span>
                                        ": "
                                        {attempt.reason}
                                        {spec.map(|spec| {
                                            let rust = spec.clone();
                                            view! {
                                                " "
                                                <button
                                                    type="button"
                                                    class="link"
                                                    aria-describedby=format!("rejected-{id}")
                                                    on:click=move |_| bank.download_spec(&spec, &format!("refused-{id}"), false)
                                                >
                                                    "Export as test"
                                                </button>
                                                " "
                                                <button
                                                    type="button"
                                                    class="link"
                                                    aria-describedby=format!("rejected-{id}")
                                                    on:click=move |_| bank.download_spec(&rust, &format!("refused-{id}"), true)
                                                >
                                                    "Export as a Rust test"
                                                </button>
                                            }
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </When>
        </section>
    }
}
