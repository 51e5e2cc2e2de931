//! "Glossary": each term the page uses, explained once, in plain words (the words are in
//! `app::glossary`). Other panels link here (`#term-...`) where a term first appears.

use leptos::prelude::*;

use crate::app::glossary::{term_of, TERMS};

/// The glossary tab.
#[component]
pub fn GlossaryPanel() -> impl IntoView {
    view! {
        <section class="panel glossary" aria-labelledby="glossary-heading">
            <h2 id="glossary-heading">"Glossary"</h2>
            <dl class="terms">
                {TERMS.map(|t| view! {
                    <div id=format!("term-{}", t.id)>
                        <dt>{t.term}</dt>
                        <dd>{t.meaning}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// A term as it first appears in a panel: a link-styled button that opens the Glossary tab at
/// its meaning. Where there are no tabs (a compact or `panels=` page) it is plain text with the
/// meaning as its description.
#[component]
pub fn Term(id: &'static str, text: &'static str) -> impl IntoView {
    let meaning = term_of(id).map_or("", |t| t.meaning);
    match super::tab_state::TabState::use_context() {
        Some(tabs) => view! {
            <button
                type="button"
                class="link term"
                title=meaning
                on:click=move |_| {
                    tabs.open(crate::app::Tab::Glossary);
                    request_animation_frame(move || {
                        if let Some(el) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id(&format!("term-{id}")))
                        {
                            super::region::reveal(&el, 0.0);
                        }
                    });
                }
            >
                {text}
            </button>
        }
        .into_any(),
        None => view! { <span class="term" title=meaning>{text}</span> }.into_any(),
    }
}
