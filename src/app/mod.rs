//! The page's behaviour, native and tested without a browser: where the time-travel cursor may
//! be, how numbers and counts are written, which tab is open. The Leptos adapter in `ui/` only
//! turns these decisions into signals and DOM.

pub mod cursor;
pub mod format;
pub mod past;
pub mod query;
pub mod start_hint;
pub mod tabs;

pub use cursor::Cursor;
pub use format::{count, group_thousands, of_total};
pub use past::{change_by, past_badge};
pub use tabs::{LookAt, Tab};
