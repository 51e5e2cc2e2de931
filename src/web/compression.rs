//! Raw deflate through the browser's own CompressionStream, so a link is short without a
//! compression library in the wasm binary. web-sys marks these streams unstable, so they are
//! reached through `Reflect`; every failure comes back as a message, never a panic.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const FORMAT: &str = "deflate-raw";

/// Compresses `text` (as UTF-8).
pub async fn deflate(text: &str) -> Result<Vec<u8>, String> {
    let blob = blob_of(&JsValue::from_str(text))?;
    let bytes = pipe(&blob, "CompressionStream").await?;
    Ok(bytes.to_vec())
}

/// Decompresses what [`deflate`] made back into text.
pub async fn inflate(bytes: &[u8]) -> Result<String, String> {
    let blob = blob_of(&Uint8Array::from(bytes).into())?;
    let bytes = pipe(&blob, "DecompressionStream").await?;
    String::from_utf8(bytes.to_vec()).map_err(|_| "the decompressed data is not text".into())
}

fn blob_of(part: &JsValue) -> Result<web_sys::Blob, String> {
    web_sys::Blob::new_with_u8_array_sequence(&Array::of1(part)).map_err(describe)
}

/// `new Response(blob.stream().pipeThrough(new <transform>("deflate-raw"))).arrayBuffer()`.
async fn pipe(blob: &web_sys::Blob, transform: &str) -> Result<Uint8Array, String> {
    let constructor = Reflect::get(&js_sys::global(), &JsValue::from_str(transform))
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("this browser has no {transform}"))?;
    let stream = Reflect::construct(&constructor, &Array::of1(&JsValue::from_str(FORMAT)))
        .map_err(describe)?;
    let source = blob.stream();
    let pipe_through = Reflect::get(&source, &JsValue::from_str("pipeThrough"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser's streams cannot be piped")?;
    let piped: web_sys::ReadableStream = pipe_through
        .call1(&source, &stream)
        .map_err(describe)?
        .unchecked_into();
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(&piped)).map_err(describe)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(Uint8Array::new(&buffer))
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser refused".into())
}
