//! "Balance over time": the chosen account's balance along the whole ledger as an SVG line, the
//! slider's point marked on it, a click moving the slider there, and the same in words.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use crate::app::read_models_view::{chart_position, chart_x, CHART_HEIGHT, CHART_WIDTH};

/// The chart of the chosen account.
#[component]
pub fn BalanceChart() -> impl IntoView {
    let bank = Bank::use_context();
    // Only the cursor's line and words follow the slider; the line itself follows the events.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // Clicks are delegated to the document: the svg is found from what was clicked.
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("svg").ok().flatten())
        else {
            return;
        };
        let rect = target.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let fraction = (f64::from(ev.client_x()) - rect.left()) / rect.width();
            bank.seek(chart_position(fraction, bank.head_untracked()));
        }
    };
    move || match bank.balance_chart() {
        None => {
            view! { <p class="hint">"Open an account to see its balance over time."</p> }.into_any()
        }
        Some(chart) => {
            let caption = chart.caption.clone();
            view! {
                <figure class="balance-chart">
                    <svg
                        viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
                        preserveAspectRatio="none"
                        role="img"
                        aria-label=caption.clone()
                        on:click=on_click
                    >
                        <path class="range" d=chart.range></path>
                        <polyline class="line" points=chart.line></polyline>
                        <line
                            class="cursor"
                            x1=move || chart_x(bank.shown(), bank.head())
                            x2=move || chart_x(bank.shown(), bank.head())
                            y1="0"
                            y2=CHART_HEIGHT
                        ></line>
                    </svg>
                    <figcaption>
                        {caption} " Scale: $0.00 to " {chart.top.to_string()} ". "
                        <span>{move || bank.chart_cursor_words()}</span>
                    </figcaption>
                </figure>
            }
            .into_any()
        }
    }
}
