//! The browser entry point: a panic hook, then mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(replay_bank::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Replay Bank runs in the browser: start it with ./scripts/start (see README.md).");
}
