//! Finding a panel (a `<section>` region) by the id of the heading that names it, and bringing an
//! element into view or focus without ever scrolling a page that embeds this one.

use wasm_bindgen::JsCast;

/// The region whose heading has id `heading_id`.
pub fn region_of(heading_id: &str) -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(heading_id)?
        .closest("section")
        .ok()
        .flatten()
}

/// Focuses the first element matching `selector`, without scrolling: inside a frame, a plain
/// `focus()` scrolls the host page too. Does nothing when there is no such element.
pub fn focus_quietly(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// Scrolls this page's own document (never the host page of an iframe, as `scrollIntoView`
/// would) so `element` is in view below `top_clearance` pixels (a sticky bar's height). Does
/// nothing when it already is.
pub fn reveal(element: &web_sys::Element, top_clearance: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let rect = element.get_bounding_client_rect();
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let visible = rect.top() >= top_clearance && rect.bottom() <= height;
    if !visible {
        window.scroll_by_with_x_and_y(0.0, rect.top() - top_clearance - 8.0);
    }
}

/// Whether the page's media query `query` (as the stylesheet writes it) holds now.
pub fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Back to the top of this page's own document, where the stage is.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
