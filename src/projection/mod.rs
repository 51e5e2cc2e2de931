//! Read models: each one an initial state and `apply`, folded over the events up to a cursor.
//! Time travel is "fold up to here", from the nearest checkpoint.

mod bank_state;
mod checkpoints;
mod crud_twin;
mod ledger_row;
mod questions;
mod read_model;

pub use bank_state::{BankState, MoneyTotals};
pub use checkpoints::{Checkpoints, Replay, CHECKPOINT_INTERVAL};
pub use crud_twin::{crud_twin_at, CrudRow, CrudStatement, CrudTwin};
pub use ledger_row::{format_utc, LedgerRow};
pub use questions::{answer, questions_at, Question, QuestionFacts, QUICK_WITHDRAWAL_MS};
pub use read_model::{fold, fold_from, ReadModel};
