//! The page's behaviour, native and tested without a browser: what is on screen and the named
//! actions that change it, where the time-travel cursor may be, what the page says, how numbers
//! and counts are written, which tab is open. The Leptos adapter in `ui/` only turns these
//! decisions into signals and DOM.

pub mod as_at;
pub mod as_of;
pub mod confirmations;
pub mod crud_words;
pub mod cursor;
pub mod embed_options;
pub mod event_details;
pub mod flow;
pub mod format;
pub mod generation;
pub mod glossary;
pub mod history_generator;
pub mod import_summary;
pub mod labels;
pub mod messages;
pub mod money_form;
pub mod page;
pub mod past;
pub mod query;
pub mod read_models_view;
pub mod rejected;
pub mod scenarios;
pub mod showing;
pub mod slider_words;
pub mod spec;
pub mod start_hint;
pub mod storage_notice;
pub mod tabs;
pub mod transfer_mode;
pub mod transfer_words;
pub mod your_form;
pub mod your_read_model_view;

pub use as_at::{events_as_at, parse_as_at, stamped_earlier};
pub use as_of::{back_dated, balance_at_moment, opened_at, BackDated, BalanceAtMoment};
pub use cursor::Cursor;
pub use event_details::{event_details, EventDetails, FieldChange};
pub use flow::{decided_again, handling_lines, retry_hint, Flow, FlowOutcome, FlowWords};
pub use format::{conservation, count, group_thousands, of_total, seconds, tenths};
pub use generation::{
    events_to_generate, stopped_words, GenerationRun, Progress, GENERATION_BATCH,
};
pub use import_summary::{
    import_refused, import_summary, link_damaged, ImportRefusal, MAX_IMPORT_BYTES,
};
pub use messages::{Alert, Field, Messages, Said};
pub use money_form::{money_action, MoneyAction, MoneyFormError};
pub use page::{Page, Projecting, TransferRequest, YourEdit, MAX_LAG_MS};
pub use past::{change_by, last_change, past_badge};
pub use rejected::{refused_this_visit, RejectedAttempt};
pub use showing::{Aside, History, Showing};
pub use slider_words::{events_applied, replay_cost, slider_value_text};
pub use spec::{spec_of_event, spec_of_rejection, Spec};
pub use storage_notice::{StorageNotice, Unsaved};
pub use tabs::{LookAt, Tab};
pub use transfer_mode::{Consistency, Delivery};
