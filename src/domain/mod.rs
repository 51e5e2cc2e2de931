//! The pure domain of a bank: accounts and transfers, what may happen ([`decide`],
//! [`decide_transfer`]) and what it means ([`evolve`], [`evolve_transfer`]), and the transfer's
//! process as pure decisions ([`TransferProgress`]).
//!
//! Nothing here touches a browser, a clock or a random number generator: ids come in with the
//! command, so the same state and command always give the same answer, natively or in wasm.

mod account_id;
mod command;
mod day;
mod decide;
mod event;
mod evolve;
mod history_check;
mod money;
mod owner_name;
mod rejection;
mod reversal;
mod rule;
mod rule_checks;
mod state;
mod transfer;
mod transfer_id;
mod transfer_process;

pub use account_id::AccountId;
pub use command::Command;
pub use day::Day;
pub use decide::decide;
pub use event::{Event, MoneyMove};
pub use evolve::{evolve, replay};
pub use history_check::{check_history, command_for, HistoryChecker, HistoryError};
pub use money::{group_digits, Money, MoneyParseError};
pub use owner_name::{OwnerName, MAX_OWNER_CHARS};
pub use rejection::Rejection;
pub use reversal::{decide_reversal, Withdrawals};
pub use rule::Rule;
pub use rule_checks::{
    reversal_rule_checks, rule_checks, rules_for, transfer_rule_checks, Check, REVERSAL_RULES,
    TRANSFER_RULES,
};
pub use state::{initial_state, AccountState, AccountStatus};
pub use transfer::{decide_transfer, evolve_transfer, TransferCommand, TransferState};
pub use transfer_id::TransferId;
pub use transfer_process::{ProcessStep, StepCommand, TransferProgress};
