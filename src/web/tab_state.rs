//! Which tab is open and which is pinned: a small context any panel may use to open a tab (a
//! scenario step, a link in How it works), kept apart from the tabs' own component so that the
//! panels and the tabs that hold them do not import each other.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::app::embed_options::EmbedOptions;
use crate::app::query::with_param;
use crate::app::Tab;

/// Which tab is open and which is pinned; shared so a scenario step can open a tab.
#[derive(Clone, Copy)]
pub struct TabState {
    /// The tab open under the stage.
    pub selected: RwSignal<Tab>,
    /// The tab pinned beside the stage, if any.
    pub pinned: RwSignal<Option<Tab>>,
}

impl TabState {
    /// Starts with the tabs the address names (the first tab otherwise) and provides them.
    pub fn provide(options: &EmbedOptions) -> TabState {
        let state = TabState {
            selected: RwSignal::new(options.tab.unwrap_or(Tab::first())),
            pinned: RwSignal::new(options.pin),
        };
        provide_context(state);
        state
    }

    /// The tabs provided by [`TabState::provide`], if this layout has them.
    pub fn use_context() -> Option<TabState> {
        use_context::<TabState>()
    }

    /// Opens `tab` and writes it into the address.
    pub fn open(&self, tab: Tab) {
        self.selected.set(tab);
        write_param("tab", Some(tab.slug()));
    }

    /// Pins `tab` beside the stage, or unpins with None.
    pub fn pin(&self, tab: Option<Tab>) {
        self.pinned.set(tab);
        write_param("pin", tab.map(Tab::slug));
    }
}

/// Replaces the address's query parameter without a reload or a history entry.
fn write_param(name: &str, value: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        with_param(&search, name, value),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The id of the panel a tab controls.
pub fn panel_id(tab: Tab) -> String {
    format!("tabpanel-{}", tab.slug())
}
