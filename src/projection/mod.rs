//! Read models: each one a fold of the events up to a cursor. Time travel is "fold up to here".

mod account_summary;
mod checkpoints;
mod ledger_row;

pub use account_summary::{summary_at, AccountSummary};
pub use checkpoints::{Checkpoints, Replay, CHECKPOINT_INTERVAL};
pub use ledger_row::{format_utc, LedgerRow};
