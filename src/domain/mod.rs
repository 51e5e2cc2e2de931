//! The pure domain of a bank account: what may happen ([`decide`]) and what it means ([`evolve`]).
//!
//! Nothing here touches a browser, a clock or a random number generator: ids come in with the
//! command, so the same state and command always give the same answer, natively or in wasm.

mod account_id;
mod command;
mod decide;
mod event;
mod evolve;
mod history_check;
mod money;
mod owner_name;
mod rejection;
mod rule;
mod rule_checks;
mod state;

pub use account_id::AccountId;
pub use command::Command;
pub use decide::decide;
pub use event::Event;
pub use evolve::{evolve, replay};
pub use history_check::{check_history, command_for, HistoryError};
pub use money::{group_digits, Money, MoneyParseError};
pub use owner_name::{OwnerName, MAX_OWNER_CHARS};
pub use rejection::Rejection;
pub use rule::Rule;
pub use rule_checks::{rule_checks, rules_for, Check};
pub use state::{initial_state, AccountState, AccountStatus};
