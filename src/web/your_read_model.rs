//! "Your read model": a form whose rows say what to do when each event happens, and the result
//! at the slider. What the form holds and what the region says are decided natively
//! (`app::your_form`, `app::your_read_model_view`); every change is one named action of the page
//! model (`YourEdit`). The form is drawn again after a change, and the control that made it
//! gets the focus back.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::region::focus_quietly;
use crate::app::your_form::{your_form, Choice, RowForm, YourForm};
use crate::app::your_read_model_view::YourView;
use crate::app::YourEdit;
use crate::read_models::Definition;

/// The region.
#[component]
pub fn YourReadModelRegion() -> impl IntoView {
    let bank = Bank::use_context();
    let form = Memo::new(move |_| bank.your_definition().as_ref().map(your_form));
    let problems = Memo::new(move |_| bank.your_problems());
    let last = StoredValue::new(String::new());
    provide_context(LastFocused(last));
    let note_focus = move |ev: leptos::ev::FocusEvent| {
        let id = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.id())
            .unwrap_or_default();
        if !id.is_empty() {
            last.set_value(id);
        }
    };
    let starters = Definition::starters()
        .into_iter()
        .enumerate()
        .map(|(index, starter)| button(starter.name, "secondary", YourEdit::Starter(index)))
        .collect_view();
    view! {
        <section class="read-model yours" aria-labelledby="rm-yours" on:focusin=note_focus>
            <h3 id="rm-yours" tabindex="-1">"Your read model"</h3>
            <p class="hint">
                "A read model is a fold: for each event, in order, change a state. Build one with this form: when an event happens, what to do with it. It is built from every event already recorded (it can be added at any time), rebuilt from position 1 whenever you change it, and follows the slider."
            </p>
            <div class="command-row" role="group" aria-labelledby="yours-start">
                <span id="yours-start">"Start from an example:"</span>
                {starters}
                {move || {
                    form.with(Option::is_none).then(|| view! {
                        <button type="button" on:click=move |_| edit_from(Some("yours-name"), YourEdit::Start)>
                            "Start one"
                        </button>
                    })
                }}
            </div>
            {move || form.get().map(form_view)}
            // Apart from the result, which follows the slider: an alert is said when it
            // changes, not again at every step. Inserted with its words, as the page's
            // other alerts are.
            {move || {
                let problems = problems.get();
                (!problems.is_empty()).then(|| view! {
                    <div role="alert" class="problems">
                        {problems.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    </div>
                })
            }}
            {move || bank.your_read_model().map(result)}
        </section>
    }
}

/// The id of the control in the region that last had the focus: the form is drawn again after
/// a change, and the focus goes back to the same control (or, after a text field was left with
/// Tab, to the one Tab went to).
#[derive(Clone, Copy)]
struct LastFocused(StoredValue<String>);

/// Makes `edit`, then gives the focus back to the control that has it by then (drawn again),
/// or to `then`, for a control the edit takes away.
fn edit_from(then: Option<&str>, edit: YourEdit) {
    let last = expect_context::<LastFocused>().0;
    let bank = Bank::use_context();
    if let Some(id) = then {
        last.set_value(id.to_string());
    }
    // A text field's change comes as Tab leaves it: the edit waits until the browser has moved
    // the focus, so the control it moved to is the one to keep it on.
    set_timeout(
        move || {
            bank.edit_your_read_model(edit);
            set_timeout(
                move || focus_quietly(&format!("#{}", last.get_value())),
                std::time::Duration::ZERO,
            );
        },
        std::time::Duration::ZERO,
    );
}

/// A button that makes `edit`.
fn button(label: String, class: &'static str, edit: YourEdit) -> impl IntoView {
    let bank = Bank::use_context();
    view! {
        <button type="button" class=class on:click=move |_| bank.edit_your_read_model(edit.clone())>
            {label}
        </button>
    }
}

/// The form: its name, its rows, its grouping.
fn form_view(form: YourForm) -> impl IntoView {
    view! {
        <div class="your-form">
            <label class="your-name">
                "Name"
                <input
                    id="yours-name"
                    type="text"
                    maxlength="60"
                    prop:value=form.name
                    on:change=move |ev| edit_from(None, YourEdit::Name(event_target_value(&ev)))
                />
            </label>
            {form.rows.into_iter().map(row_view).collect_view()}
            <div class="command-row">
                <button
                    type="button"
                    class="secondary"
                    id="yours-add-row"
                    disabled=!form.can_add
                    on:click=move |_| edit_from(None, YourEdit::AddRow)
                >
                    "Add a row"
                </button>
                {select(form.group_by)}
                // The form goes with it: the focus goes to the region's heading.
                <button
                    type="button"
                    class="secondary"
                    id="yours-remove"
                    on:click=move |_| edit_from(Some("rm-yours"), YourEdit::Remove)
                >
                    "Remove your read model"
                </button>
            </div>
        </div>
    }
}

/// One row: when this event happens, what to do, which field, which column.
fn row_view(row: RowForm) -> impl IntoView {
    let remove = row.remove.clone();
    let index = row.index;
    view! {
        <fieldset class="your-row">
            <legend>{row.legend}</legend>
            {row.choices.into_iter().map(select).collect_view()}
            <label>
                "Column"
                <input
                    id=row.column_id
                    type="text"
                    maxlength="60"
                    placeholder=row.made_column
                    prop:value=row.column
                    on:change=move |ev| edit_from(None, YourEdit::Column(index, event_target_value(&ev)))
                />
            </label>
            // Its button goes with it: the focus goes to "Add a row".
            <button
                type="button"
                class="secondary"
                id=row.remove_id
                on:click=move |_| edit_from(Some("yours-add-row"), YourEdit::RemoveRow(index))
            >
                {remove}
            </button>
        </fieldset>
    }
}

/// A labelled select; choosing an option makes its edit.
fn select(choice: Choice) -> impl IntoView {
    let Choice {
        label,
        id,
        options,
        chosen,
        edit,
    } = choice;
    view! {
        <label>
            {label}
            <select
                id=id
                on:change=move |ev| {
                    if let Some(change) = edit.to(event_target_value(&ev)) {
                        edit_from(None, change);
                    }
                }
            >
                {options
                    .into_iter()
                    .map(|o| {
                        let selected = o == chosen;
                        view! { <option selected=selected>{o}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// What the region says under the form: its position, how it was built, and its table at the
/// slider.
fn result(view: YourView) -> impl IntoView {
    let table = (!view.headers.is_empty()).then(|| {
        // A learner's table may have more columns than a phone has room for: it scrolls
        // sideways in a box a keyboard can reach, named by its caption.
        let caption = view.caption.clone();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                <table>
                    <caption>{view.caption}</caption>
                    <thead>
                        <tr>
                            {view.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {view.rows.into_iter().map(|row| {
                            let mut cells = row.into_iter();
                            let group = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{group}</th>
                                    {cells.map(|cell| view! { <td>{cell}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        <p class="rm-position">{view.position}</p>
        {(!view.rebuilt.is_empty()).then(|| view! { <p>{view.rebuilt}</p> })}
        {table}
        {(!view.footnote.is_empty()).then(|| view! { <p class="hint">{view.footnote}</p> })}
    }
}
