//! For instructors at a projector: a remembered dark-theme switch, presenter mode (large type,
//! high contrast, secondary panels hidden), and keyboard shortcuts listed in a help dialog that
//! "?" opens.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bank::Bank;
use super::region::media;

/// Where the theme choice is remembered. Not a ledger key: clearing the ledger keeps it.
const THEME_KEY: &str = "replay-bank.theme";

/// The shortcuts, as the help dialog lists them.
const SHORTCUTS: [(&str, &str); 10] = [
    ("d", "Deposit the amount in the Amount field"),
    ("w", "Withdraw the amount in the Amount field"),
    ("[", "Step back one event"),
    ("]", "Step forward one event"),
    ("g", "The start: before the first event"),
    ("n", "Now: the latest event"),
    (",", "Scenario: previous step"),
    (".", "Scenario: next step"),
    ("p", "Presenter mode on or off"),
    ("?", "This list"),
];

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn stored_theme() -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(THEME_KEY)
        .ok()?
}

/// True when the page shows dark now: chosen, or the system's preference when nothing is.
fn dark_now() -> bool {
    match root()
        .and_then(|r| r.get_attribute("data-theme"))
        .as_deref()
    {
        Some("dark") => true,
        Some(_) => false,
        None => media("(prefers-color-scheme: dark)"),
    }
}

/// Applies a theme remembered from an earlier visit, unless the URL chose one.
pub fn apply_remembered_theme() {
    if let (Some(theme @ ("light" | "dark")), Some(root)) = (stored_theme().as_deref(), root()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// True when a key press belongs to a field, or carries a modifier: not a shortcut then.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return true;
    }
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("dialog[open]").ok().flatten().is_some()
        })
}

/// Clicks a command button, exactly as a person would (so Enter, rules and alerts all apply).
fn press(value: &str) {
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("button[value='{value}']"))
                .ok()
                .flatten()
        })
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        button.click();
    }
}

/// The shortcuts' help dialog, shared through context so the menu and "?" both open it.
#[derive(Clone, Copy)]
pub struct ShortcutsDialog(pub NodeRef<Dialog>);

impl ShortcutsDialog {
    /// Opens the dialog, unless it is open.
    pub fn open(self) {
        if let Some(dialog) = self.0.get_untracked() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    }
}

/// Opens the shortcuts' help dialog (from a component: it reads the context).
pub fn open_shortcuts() {
    if let Some(help) = use_context::<ShortcutsDialog>() {
        help.open();
    }
}

/// Presenter mode, on or off: shared so the keyboard, the header's switch and the ledger's row
/// height (taller in presenter mode) agree.
#[derive(Clone, Copy)]
pub struct Presenter(pub RwSignal<bool>);

impl Presenter {
    /// Provides presenter mode, off.
    pub fn provide() -> Presenter {
        let presenter = Presenter(RwSignal::new(false));
        provide_context(presenter);
        presenter
    }

    /// Turns presenter mode on or off: the stylesheet follows `data-presenter`.
    pub fn set(self, on: bool) {
        if let Some(root) = root() {
            let _ = if on {
                root.set_attribute("data-presenter", "")
            } else {
                root.remove_attribute("data-presenter")
            };
        }
        self.0.set(on);
    }
}

/// Installs the keyboard shortcuts for the whole page, embeds included.
pub fn install_shortcuts(bank: Bank, presenter: Presenter) {
    // Read now: a window listener runs outside the component tree, with no context to read.
    let help = expect_context::<ShortcutsDialog>();
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) {
            return;
        }
        // A key held down repeats: a command or a switch takes the first press only.
        let first = !ev.repeat();
        match ev.key().as_str() {
            "d" if first => press("deposit"),
            "w" if first => press("withdraw"),
            "[" => bank.step_back(),
            "]" => bank.step_forward(),
            "g" => bank.seek(0),
            "n" => bank.back_to_now(),
            "," => bank.scenario_step_by(-1),
            "." => bank.scenario_step_by(1),
            "p" if first => presenter.set(!presenter.0.get_untracked()),
            "?" => help.open(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || listener.remove());
}

/// The header's switches: the dark theme and presenter mode.
#[component]
pub fn PageControls() -> impl IntoView {
    let dark = RwSignal::new(dark_now());
    let presenter = expect_context::<Presenter>();

    let toggle_theme = move |_| {
        let next = if dark.get_untracked() {
            "light"
        } else {
            "dark"
        };
        if let Some(root) = root() {
            let _ = root.set_attribute("data-theme", next);
        }
        if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
            // Without storage the switch still works; it is only not remembered.
            let _ = storage.set_item(THEME_KEY, next);
        }
        dark.set(next == "dark");
    };

    view! {
        <div class="page-controls">
            <button
                type="button"
                class="secondary"
                aria-pressed=move || if dark.get() { "true" } else { "false" }
                on:click=toggle_theme
            >
                "Dark theme"
            </button>
            <button
                type="button"
                class="secondary"
                aria-pressed=move || if presenter.0.get() { "true" } else { "false" }
                on:click=move |_| presenter.set(!presenter.0.get_untracked())
            >
                "Presenter mode"
            </button>
        </div>
    }
}

/// The dialog that lists the shortcuts.
pub fn shortcuts_dialog() -> impl IntoView {
    let help = expect_context::<ShortcutsDialog>().0;
    view! {
        <dialog node_ref=help aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <p>"Anywhere on the page but in a text field:"</p>
            <dl class="shortcuts">
                {SHORTCUTS
                    .map(|(key, what)| view! {
                        <div>
                            <dt><kbd>{key}</kbd></dt>
                            <dd>{what}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            <div class="dialog-actions">
                <button
                    type="button"
                    autofocus
                    on:click=move |_| {
                        if let Some(dialog) = help.get_untracked() {
                            dialog.close();
                        }
                    }
                >
                    "Close"
                </button>
            </div>
        </dialog>
    }
}
