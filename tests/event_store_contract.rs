//! The event store's contract, run natively against the ledger over memory. The same checks run
//! against localStorage in headless Chromium (`tests/browser.rs`).

#[path = "support/event_store_contract.rs"]
mod contract;
mod support;

use replay_bank::eventstore::Ledger;
use support::stores::SharedStore;

/// Opens handles on one shared memory storage, as tabs share localStorage.
fn memory() -> impl Fn() -> Ledger<SharedStore> {
    let storage = SharedStore::default();
    move || Ledger::open(storage.clone(), "contract.ledger").unwrap()
}

#[test]
fn a_new_memory_store_is_empty() {
    contract::a_new_store_is_empty(memory());
}

#[test]
fn memory_appends_get_gapless_positions_and_stream_versions() {
    contract::appends_get_gapless_positions_and_stream_versions(memory());
}

#[test]
fn memory_refuses_a_stale_expected_version_and_records_nothing() {
    contract::a_stale_expected_version_records_nothing(memory());
}

#[test]
fn memory_records_a_unit_of_work_over_several_streams_all_or_nothing() {
    contract::a_unit_of_work_over_several_streams_is_all_or_nothing(memory());
}

#[test]
fn memory_reads_start_at_a_position_or_a_stream_version() {
    contract::reads_start_at_a_position_or_a_stream_version(memory());
}

#[test]
fn another_memory_handle_reads_what_was_appended_and_cannot_write_over_it() {
    contract::another_handle_reads_what_was_appended_and_cannot_write_over_it(memory());
}
