//! Rust tests written by the app's "Export as a Rust test" (`tests/specs/*.rs`), compiled and
//! run against the crate with the domain tests' own harness, as exported.
#![cfg(not(target_arch = "wasm32"))]

mod support;

// An exported test may name any of these.
#[allow(unused_imports)]
use replay_bank::domain::{AccountId, Command, Day, Event, Money, OwnerName, TransferId};
use support::given;

include!("specs/a-withdrawal.rs");
include!("specs/a-back-dated-deposit.rs");
