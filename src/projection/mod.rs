//! Read models: each one a fold of the events up to a cursor. Time travel is "fold up to here".

mod account_summary;
mod checkpoints;
mod crud_twin;
mod ledger_row;
mod questions;

pub use account_summary::{summary_at, AccountSummary};
pub use checkpoints::{Checkpoints, Replay, CHECKPOINT_INTERVAL};
pub use crud_twin::{crud_twin_at, CrudRow, CrudStatement, CrudTwin};
pub use ledger_row::{format_utc, LedgerRow};
pub use questions::{questions_at, Question, QUICK_WITHDRAWAL_MS};
