//! Read models: each one an initial state and `apply`, folded over the events up to a cursor.
//! Time travel is "fold up to here", from the nearest checkpoint (`checkpoints.rs`). A read model
//! kept with its own position (`kept.rs`) takes each event once, in order; the Read models tab's
//! set (`tab.rs`) is kept by the one registry (`registry.rs`): positions, delivery, lag, a copy
//! of each beside the ledger (`copy.rs`), a cache rebuilt from the events whenever it does not fit.
//!
//! Nothing here writes an event: read models only read the event store.

mod accounts_overview;
mod balance_over_time;
mod bank_state;
mod checkpoints;
mod copy;
mod crud_twin;
mod event_fields;
mod kept;
mod large_movements;
mod ledger_row;
mod monthly_statement;
mod questions;
mod read_model;
mod registered;
mod registry;
mod stream_index;
mod tab;
mod transfer_progress;
mod your_definition;
mod your_read_model;

pub use accounts_overview::{AccountsOverview, OverviewRow};
pub use balance_over_time::{BalanceOverTime, Bucket, Series, MAX_BUCKETS};
pub use bank_state::{BankState, MoneyTotals};
pub use checkpoints::{Checkpoints, Replay, CHECKPOINT_INTERVAL};
pub use copy::{Header, Unusable};
pub use crud_twin::{crud_twin_at, CrudRow, CrudStatement, CrudTable, CrudTwin};
pub use event_fields::{fields_of, value_of, FieldKind, FieldValue, EVENT_FIELDS};
pub use kept::{Delivered, Kept};
pub use large_movements::{LargeMovement, LargeMovements, Movement, LARGE_MOVEMENT};
pub use ledger_row::{format_utc, utc_month, LedgerRow};
pub use monthly_statement::{
    AccountStatement, MonthLine, MonthlyStatement, STATEMENT_BUGGY, STATEMENT_FIXED,
    STATEMENT_SHIPPED,
};
pub use questions::{answer, questions_at, Question, QuestionFacts, QUICK_WITHDRAWAL_MS};
pub use read_model::{fold, fold_from, ReadModel};
pub use registered::Registered;
pub use registry::{copy_key, Registration, Registry};
pub use tab::{settings_key, ReadModelId, ReadModels, Rebuild, REBUILD_STEPS};
pub use transfer_progress::TransferProgresses;
pub use your_definition::{
    Column, ColumnKind, Compiled, Definition, GroupBy, Operation, Rule, MAX_NAME_CHARS, MAX_RULES,
};
pub use your_read_model::{Cell, GroupKey, YourReadModel, LIST_KEEP};
