//! Finding a panel (a `<section>` region) by the id of the heading that names it, and bringing an
//! element into view without ever scrolling a page that embeds this one.

/// The region whose heading has id `heading_id`.
pub fn region_of(heading_id: &str) -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(heading_id)?
        .closest("section")
        .ok()
        .flatten()
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
