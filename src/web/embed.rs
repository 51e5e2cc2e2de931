//! What the page does with its query parameters in the browser: read them (warning about the
//! ones it ignores), set the theme and the embed look, and tell a host page its height.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::embed_options::{EmbedOptions, Theme};

/// The `type` of the message an embedded page posts to its host. Documented in
/// docs/embedding.md; hosts match on it, so it never changes.
pub const HEIGHT_MESSAGE: &str = "replay-bank:height";

/// The options in this page's URL. Every ignored parameter is a console warning.
pub fn read_options() -> EmbedOptions {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (options, warnings) = EmbedOptions::parse(&search);
    for warning in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&format!("Replay Bank: {warning}")));
    }
    options
}

/// Marks the document for the stylesheet: `data-theme` (absent for auto, which follows the
/// system) and `data-embed` (no page chrome, no page background).
pub fn apply_to_document(options: &EmbedOptions) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let theme = match options.theme {
        Theme::Light => Some("light"),
        Theme::Dark => Some("dark"),
        Theme::Auto => None,
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
    if options.embed {
        let _ = root.set_attribute("data-embed", "");
    }
}

/// Inside an iframe, posts `{type: "replay-bank:height", height, ns}` to the host page whenever
/// the content's height changes, so the host can size the frame with no scrollbar.
pub fn report_height_to_host(namespace: Option<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return; // Not framed: nobody to tell.
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let last = Rc::new(Cell::new(0_i32));
    let measured = root.clone();
    let post = move || {
        let height = measured.get_bounding_client_rect().height().ceil() as i32;
        if height == last.replace(height) {
            return;
        }
        let message = js_sys::Object::new();
        let namespace = namespace
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        for (name, value) in [
            ("type", JsValue::from_str(HEIGHT_MESSAGE)),
            ("height", JsValue::from(height)),
            ("ns", namespace),
        ] {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(name), &value);
        }
        // A height is no secret, and the host's origin is not known here: any origin may read it.
        let _ = parent.post_message(&message, "*");
    };
    let callback = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
    }
    // The observer lives as long as the page, and so must its callback.
    callback.forget();
}
