//! The "Read models" tab: several read models of one ledger, each a region with its position,
//! and the controls that break, fix, rebuild, add, lag and re-deliver them. What each region
//! says is decided natively (`app::read_models_view`); this only lays it out.

use leptos::prelude::*;

use super::balance_chart::BalanceChart;
use super::bank::Bank;
use super::glossary::Term;
use super::region::focus_quietly;
use super::your_read_model::YourReadModelRegion;
use crate::app::read_models_view::RegionView;
use crate::app::{seconds, MAX_LAG_MS};
use crate::read_models::ReadModelId;

/// The tab.
#[component]
pub fn ReadModelsPanel() -> impl IntoView {
    let bank = Bank::use_context();
    let asynchronous = move || bank.projecting().asynchronous;
    let lag = move || seconds(bank.projecting().lag_ms);
    view! {
        <section class="panel read-models" aria-labelledby="read-models-heading">
            <h2 id="read-models-heading">"Read models"</h2>
            <p class="hint">
                "Four read models of the same ledger, and one you build yourself, each a fold with its own state and its own position. They are caches: break one, fix it and rebuild it, delete its copy, add one later. The ledger stays the truth; a CRUD table has no history to rebuild from. Fixing and rebuilding corrects a wrong view; a wrong fact is corrected by a new event instead (Reverse this withdrawal, in a withdrawal's Event details)."
            </p>
            <fieldset class="choice read-model-delivery">
                <legend>"Delivery to the read models"</legend>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=asynchronous
                        on:change=move |ev| bank.set_read_models_async(event_target_checked(&ev))
                    />
                    "Run asynchronously, behind the ledger"
                </label>
                <label class="lag">
                    "Lag"
                    <input
                        type="range"
                        min="0"
                        max=MAX_LAG_MS
                        step="250"
                        prop:value=move || bank.projecting().lag_ms.to_string()
                        aria-valuetext=lag
                        on:input=move |ev| {
                            bank.set_read_model_lag(event_target_value(&ev).parse().unwrap_or(0))
                        }
                    />
                    <output>{lag}</output>
                </label>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || bank.projecting().read_your_own_writes
                        on:change=move |ev| bank.set_read_your_own_writes(event_target_checked(&ev))
                    />
                    "Read your own writes"
                </label>
            </fieldset>
            <p class="hint">
                "Asynchronous, the read models are behind for the lag after each write ("
                <Term id="eventual" text="eventual consistency" />
                "): they show their stale figures and say \"Catching up\". Read your own writes holds a command's report until they have it. The ledger and Current state never lag."
            </p>
            <div class="command-row">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| bank.deliver_last_event_again()
                >
                    "Deliver the last event again"
                </button>
                <span class="hint">
                    "A retried delivery: each read model skips a position it has applied, so it is "
                    <Term id="idempotent" text="idempotent" />
                    "."
                </span>
            </div>
            {move || bank.read_models_note().map(|note| view! { <p class="notice">{note}</p> })}
            {move || bank.read_model_regions().into_iter().map(region).collect_view()}
            <YourReadModelRegion />
        </section>
    }
}

/// One read model's region.
fn region(view: RegionView) -> impl IntoView {
    let bank = Bank::use_context();
    let heading = format!("rm-{}", view.id.slug());
    let labelled_by = heading.clone();
    let controls = match view.id {
        ReadModelId::Statement => view! {
            <div class="command-row">
                {action_button(Action::DeployBuggy)}
                {action_button(Action::FixAndRebuild)}
            </div>
        }
        .into_any(),
        ReadModelId::Large if !bank.read_model_flag(true) => view! {
            <div class="command-row">{action_button(Action::SwitchOnLarge)}</div>
        }
        .into_any(),
        ReadModelId::Chart => view! { <BalanceChart /> }.into_any(),
        _ => ().into_any(),
    };
    let title = view.id.title();
    let table = region_table(&view);
    let table_name = if view.caption.is_empty() {
        format!("{title}: table")
    } else {
        view.caption.clone()
    };
    view! {
        <section class="read-model" aria-labelledby=labelled_by>
            <h3 id=heading tabindex="-1">{title}</h3>
            <div>{region_words(view)}</div>
            {controls}
            {table.map(|table| view! {
                // On a phone a table may scroll sideways: a box a keyboard can reach.
                <div class="table-scroll" tabindex="0" role="region" aria-label=table_name>
                    {table}
                </div>
            })}
        </section>
    }
}

/// A region's words above its buttons: its position, a rebuild's progress, its sentences and
/// its verdict.
fn region_words(view: RegionView) -> impl IntoView {
    let wrong = view.right == Some(false);
    let verdict = (!view.verdict.is_empty()).then(|| {
        view! { <p class="verdict" class:wrong=wrong>{view.verdict}</p> }
    });
    view! {
        <p class="rm-position">{view.position}</p>
        {view.progress.map(|(k, n)| view! {
            <progress max=n.max(1) value=k aria-label="Rebuild progress"></progress>
        })}
        {view.lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
        {verdict}
    }
}

/// A region's table: caption, column headings and rows; nothing when it has none.
fn region_table(view: &RegionView) -> Option<impl IntoView> {
    if view.headers.is_empty() {
        return None;
    }
    let caption =
        (!view.caption.is_empty()).then(|| view! { <caption>{view.caption.clone()}</caption> });
    let headers = view.headers.clone();
    let rows = view.rows.clone();
    Some(view! {
        <table>
            {caption}
            <thead>
                <tr>
                    {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// What a region's button does.
#[derive(Clone, Copy)]
enum Action {
    DeployBuggy,
    FixAndRebuild,
    SwitchOnLarge,
}

/// A region's button. It stays focusable while it cannot act (aria-disabled), so a keyboard
/// user who pressed it keeps their place. One function for the three: one copy in the wasm.
fn action_button(action: Action) -> impl IntoView {
    let bank = Bank::use_context();
    let off = move || match action {
        Action::DeployBuggy => bank.read_model_flag(false) || bank.statement_buggy(),
        Action::FixAndRebuild => bank.read_model_flag(false),
        Action::SwitchOnLarge => false,
    };
    let label = match action {
        Action::DeployBuggy => "Deploy a buggy version",
        Action::FixAndRebuild => "Fix and rebuild",
        Action::SwitchOnLarge => "Switch on Large movements",
    };
    view! {
        <button
            type="button"
            aria-disabled=move || if off() { "true" } else { "false" }
            on:click=move |_| {
                if untrack(off) {
                    return;
                }
                match action {
                    Action::DeployBuggy => bank.deploy_buggy_statement(),
                    Action::FixAndRebuild => bank.fix_and_rebuild(),
                    Action::SwitchOnLarge => {
                        bank.switch_on_large_movements();
                        // The button is gone: the focus goes to the region it built, once
                        // the region is drawn again.
                        set_timeout(
                            || focus_quietly("#rm-large-movements"),
                            std::time::Duration::ZERO,
                        );
                    }
                }
            }
        >
            {label}
        </button>
    }
}
