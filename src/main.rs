//! The browser entry point: mount the app. A bug that stops it (a WebAssembly trap) is said in
//! words by the small script in index.html, which costs the first load nothing here.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(replay_bank::web::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Replay Bank runs in the browser: start it with ./scripts/start (see README.md).");
}
