//! The ledger over the in-memory store: envelopes, expected versions, the stored format.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::bank_service::{BankService, CommandError};
use replay_bank::domain::{Command, Event, Rejection};
use replay_bank::eventstore::{
    decode_document, AppendError, ExpectedVersion, FormatError, KeyValueStore, Ledger, MemoryStore,
    StorageError,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use support::stores::SharedStore;
use support::*;

const KEY: &str = "test.ledger";

fn service() -> BankService<MemoryStore> {
    BankService::new(Ledger::open(MemoryStore::new(), KEY).unwrap())
}

#[test]
fn each_envelope_carries_position_stream_version_time_and_command_ids() {
    let mut bank = service();
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    bank.handle(&to("acc-1", deposit(5_000)), &ctx(2)).unwrap();
    let recorded = bank
        .handle(&to("acc-1", Command::CloseAccount), &ctx(3))
        .unwrap();

    // One command, two events: the payout then the closing, sharing the command's ids.
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].event, paid_out(5_000));
    assert_eq!(recorded[1].event, Event::AccountClosed);
    for (i, r) in recorded.iter().enumerate() {
        assert_eq!(r.position, 3 + i as u64);
        assert_eq!(r.stream_id, "acc-1");
        assert_eq!(r.stream_version, 3 + i as u64);
        assert_eq!(r.recorded_at_ms, 1_795_000_000_003);
        assert_eq!(r.metadata.command_id, "cmd-3");
        assert_eq!(r.metadata.correlation_id, "cmd-3");
    }
    let positions: Vec<u64> = bank.ledger().events().iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2, 3, 4]);
}

#[test]
fn a_rejected_command_appends_nothing() {
    let mut bank = service();
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    bank.handle(&to("acc-1", deposit(7_000)), &ctx(2)).unwrap();
    let error = bank
        .handle(&to("acc-1", withdraw(10_000)), &ctx(3))
        .unwrap_err();
    assert_eq!(
        error,
        CommandError::Rejected(Rejection::InsufficientFunds {
            balance: cents(7_000),
            requested: cents(10_000)
        })
    );
    assert_eq!(bank.ledger().events().len(), 2);
}

#[test]
fn an_append_with_a_stale_expected_version_writes_nothing() {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    let error = ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 0, &[deposited(100)]))
        .unwrap_err();
    assert_eq!(
        error,
        AppendError::Conflict {
            stream_id: "acc-1".into(),
            expected: ExpectedVersion::NoStream,
            actual: 1
        }
    );
    assert_eq!(ledger.events().len(), 1);
    assert_eq!(ledger.stream_version("acc-1"), 1);
}

#[test]
fn the_expected_version_is_checked_against_storage_at_write_time() {
    // Two ledgers over one store stand for two tabs; both loaded before either wrote.
    let shared = SharedStore::default();
    let mut tab_a = Ledger::open(shared.clone(), KEY).unwrap();
    let mut tab_b = Ledger::open(shared.clone(), KEY).unwrap();
    tab_a
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    let error = tab_b
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 0, &[opened("acc-1", "Grace")]))
        .unwrap_err();
    assert!(matches!(error, AppendError::Conflict { actual: 1, .. }));
    // The loser re-read storage, so it now sees the winner's event and nothing else.
    assert_eq!(tab_b.events().len(), 1);
    assert_eq!(tab_b.events()[0].event, opened("acc-1", "Ada"));
}

#[test]
fn a_command_that_loses_a_race_is_decided_again_against_the_fresh_state() {
    let shared = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(shared.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    let mut tab_b = BankService::new(Ledger::open(shared.clone(), KEY).unwrap());
    tab_a.handle(&to("acc-1", deposit(1_000)), &ctx(2)).unwrap();
    // Tab B still thinks the balance is $0.00 and the stream is at version 1.
    tab_b.handle(&to("acc-1", deposit(500)), &ctx(3)).unwrap();
    let error = tab_a
        .handle(&to("acc-1", withdraw(1_600)), &ctx(4))
        .unwrap_err();
    assert!(matches!(
        error,
        CommandError::Rejected(Rejection::InsufficientFunds { .. })
    ));
    let reread = Ledger::open(shared, KEY).unwrap();
    let positions: Vec<u64> = reread.events().iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2, 3]);
    assert_eq!(balance(&tab_b.current_state(), "acc-1"), cents(1_500));
}

#[test]
fn unreadable_data_is_reported_and_left_exactly_as_it_was() {
    for garbage in [
        "not json at all",
        "{\"format\":\"replay-bank-ledger\",\"format_version\":99,\"events\":[]}",
        "[1,2,3]",
    ] {
        let mut store = MemoryStore::new();
        store.set(KEY, garbage).unwrap();
        let error = Ledger::open(store.clone(), KEY).unwrap_err();
        assert!(matches!(error, StorageError::Unreadable { .. }), "{error}");
        assert!(error.to_string().contains("left untouched"), "{error}");
        assert_eq!(store.get(KEY).unwrap().as_deref(), Some(garbage));
    }
}

#[test]
fn an_unknown_format_version_is_named_in_the_message() {
    let error =
        decode_document("{\"format\":\"replay-bank-ledger\",\"format_version\":2,\"events\":[]}")
            .unwrap_err();
    assert_eq!(error, FormatError::UnknownFormatVersion { found: 2 });
    assert!(error.to_string().contains("version 2"));
}

#[test]
fn a_gap_or_repeat_in_positions_is_refused_naming_where() {
    let mut bank = service();
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    bank.handle(&to("acc-1", deposit(100)), &ctx(2)).unwrap();
    let text = replay_bank::eventstore::encode_document(bank.ledger().events());
    let repeated = text.replacen("\"position\":2", "\"position\":1", 1);
    let error = decode_document(&repeated).unwrap_err();
    assert_eq!(
        error,
        FormatError::PositionOutOfOrder {
            index: 2,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn clearing_is_the_one_way_to_delete_history() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    bank.ledger_mut().clear().unwrap();
    assert!(bank.ledger().events().is_empty());
    assert_eq!(store.get(KEY).unwrap(), None);
}
