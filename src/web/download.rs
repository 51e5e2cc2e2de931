//! Hands a text to the person as a file download, entirely in the page (no server involved).

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `file_name`. Returns a message if the browser refused.
pub fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("The browser refused the download: {e:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("There is no document to download from.")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoked later, not at once: some browsers start reading the file after click() returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}
