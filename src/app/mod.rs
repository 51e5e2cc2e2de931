//! The page's behaviour, native and tested without a browser: where the time-travel cursor may
//! be, how numbers and counts are written, which tab is open. The Leptos adapter in `ui/` only
//! turns these decisions into signals and DOM.

pub mod cursor;
pub mod format;

pub use cursor::Cursor;
pub use format::{count, group_thousands, of_total};
