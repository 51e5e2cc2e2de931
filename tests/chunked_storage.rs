//! Storage format 2: chunks of compact rows under a manifest, and format 1 still read.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::domain::Event;
use replay_bank::eventstore::{
    chunk_key, encode_document, ledger_keys, CommandContext, FormatError, KeyValueStore, Ledger,
    Manifest, StorageError, CHUNK_SIZE,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use support::stores::SharedStore;
use support::*;

const KEY: &str = "test.ledger";

fn context(n: usize) -> CommandContext {
    CommandContext {
        command_id: format!("c{n}"),
        correlation_id: if n.is_multiple_of(7) {
            "batch".into()
        } else {
            format!("c{n}")
        },
        now_ms: 1_795_000_000_000 + (n as i64) * 37,
    }
}

/// A ledger over `store` with an account and `n - 1` deposits.
fn ledger_with(store: &SharedStore, n: usize) -> Ledger<SharedStore> {
    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&context(0)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    // One write for the whole history, as generated history is written.
    ledger.start_batch().unwrap();
    for i in 1..n {
        let version = ledger.stream_version("acc-1");
        ledger
            .append(&UnitOfWork::new(&context(i)).with("acc-1", version, &[deposited(i as u64)]))
            .unwrap();
    }
    ledger.finish_batch().unwrap();
    ledger
}

#[test]
fn a_ledger_across_several_chunks_reads_back_exactly() {
    let store = SharedStore::default();
    let ledger = ledger_with(&store, 2 * CHUNK_SIZE + 345);
    let keys = ledger_keys(&store, KEY).unwrap();
    assert_eq!(
        keys,
        [
            KEY,
            "test.ledger.chunk.0",
            "test.ledger.chunk.1",
            "test.ledger.chunk.2"
        ]
    );
    let reopened = Ledger::open(store.clone(), KEY).unwrap();
    assert_eq!(reopened.events(), ledger.events());
    assert_eq!(
        reopened.events()[CHUNK_SIZE].position,
        CHUNK_SIZE as u64 + 1
    );
    assert_eq!(
        reopened.events()[CHUNK_SIZE].stream_version,
        CHUNK_SIZE as u64 + 1
    );
    assert_eq!(reopened.events()[7].metadata.correlation_id, "batch");
    let manifest: Manifest = serde_json::from_str(&store.get(KEY).unwrap().unwrap()).unwrap();
    assert_eq!(manifest.events, 2 * CHUNK_SIZE as u64 + 345);
    assert_eq!(manifest.last_command_id.as_deref(), Some("c2344"));
}

#[test]
fn an_append_rewrites_only_the_last_chunk_and_the_manifest_whatever_the_length() {
    for n in [10, CHUNK_SIZE - 1, 3 * CHUNK_SIZE + 5] {
        let store = SharedStore::default();
        let mut ledger = ledger_with(&store, n);
        store.writes.borrow_mut().clear();
        let version = ledger.stream_version("acc-1");
        ledger
            .append(&UnitOfWork::new(&context(n)).with("acc-1", version, &[deposited(1)]))
            .unwrap();
        let last_chunk = chunk_key(KEY, n / CHUNK_SIZE);
        assert_eq!(
            *store.writes.borrow(),
            [last_chunk, KEY.to_string()],
            "at {n} events"
        );
    }
}

#[test]
fn compact_rows_keep_a_hundred_thousand_events_within_chromiums_quota() {
    let store = SharedStore::default();
    let ledger = ledger_with(&store, 100_000);
    let units: usize = ledger_keys(&store, KEY)
        .unwrap()
        .iter()
        .map(|k| k.len() + store.get(k).unwrap().unwrap().len())
        .sum();
    // Chromium allows 5 Mi UTF-16 code units per origin; all of this text is ASCII.
    assert!(
        units < 5 * 1024 * 1024,
        "{units} code units for 100,000 events"
    );
    assert_eq!(
        Ledger::open(store, KEY).unwrap().events().len(),
        ledger.events().len()
    );
}

#[test]
fn a_format_1_document_is_read_and_rewritten_as_chunks_on_the_next_write() {
    let store = SharedStore::default();
    let old = ledger_with(&SharedStore::default(), 5);
    store
        .clone()
        .set(KEY, &encode_document(old.events()))
        .unwrap();

    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    assert_eq!(ledger.events(), old.events());
    ledger
        .append(&UnitOfWork::new(&context(5)).with("acc-1", 5, &[deposited(9)]))
        .unwrap();
    let manifest: Manifest = serde_json::from_str(&store.get(KEY).unwrap().unwrap()).unwrap();
    assert_eq!(manifest.format_version, 2);
    let reopened = Ledger::open(store, KEY).unwrap();
    assert_eq!(&reopened.events()[..5], old.events());
    assert_eq!(reopened.events()[5].event, deposited(9));
}

#[test]
fn a_write_torn_between_chunk_and_manifest_leaves_the_committed_ledger_intact() {
    let store = SharedStore::default();
    let mut ledger = ledger_with(&store, 3);
    *store.refuse_key.borrow_mut() = Some(KEY.to_string()); // the manifest write fails
    ledger
        .append(&UnitOfWork::new(&context(3)).with("acc-1", 3, &[deposited(50)]))
        .unwrap();
    assert_eq!(ledger.unsaved(), 1);
    // The chunk already holds the new row, but the manifest does not count it.
    assert!(store
        .get(&chunk_key(KEY, 0))
        .unwrap()
        .unwrap()
        .contains("\"c3\""));
    let reopened = Ledger::open(store.clone(), KEY).unwrap();
    assert_eq!(reopened.events().len(), 3);
    assert_eq!(reopened.events(), &ledger.events()[..3]);

    *store.refuse_key.borrow_mut() = None;
    ledger.save().unwrap();
    assert_eq!(Ledger::open(store, KEY).unwrap().events(), ledger.events());
}

#[test]
fn a_missing_or_damaged_chunk_is_reported_by_its_key_and_left_alone() {
    let store = SharedStore::default();
    ledger_with(&store, CHUNK_SIZE + 2);
    let second = chunk_key(KEY, 1);
    let mut writer = store.clone();
    let kept = store.get(&second).unwrap().unwrap();
    writer.remove(&second).unwrap();
    let error = Ledger::open(store.clone(), KEY).unwrap_err();
    assert!(
        matches!(&error, StorageError::Unreadable { key, .. } if *key == second),
        "{error}"
    );
    assert!(error.to_string().contains("missing"), "{error}");

    let damaged = kept.replace("\"D\"", "\"Z\"");
    writer.set(&second, &damaged).unwrap();
    match Ledger::open(store.clone(), KEY).unwrap_err() {
        StorageError::Unreadable {
            key,
            error: FormatError::BadEvent { position, .. },
        } => {
            assert_eq!(key, second);
            assert_eq!(position, CHUNK_SIZE as u64 + 1);
        }
        other => panic!("expected a bad event in chunk 1, got {other}"),
    }
    assert_eq!(
        store.get(&second).unwrap().as_deref(),
        Some(damaged.as_str())
    );
}

proptest! {
    #[test]
    fn any_history_round_trips_through_the_chunked_format(
        amounts in proptest::collection::vec(1u64..1_000_000, 0..2_500),
        owner in "\\PC{1,30}",
    ) {
        let store = SharedStore::default();
        let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
        let owner = owner.trim().to_string();
        prop_assume!(!owner.is_empty() && !owner.chars().any(char::is_control));
        ledger.append(&UnitOfWork::new(&context(0)).with("acc-9", 0, &[opened("acc-9", &owner)])).unwrap();
        ledger.start_batch().unwrap();
        for (i, amount) in amounts.iter().enumerate() {
            let event = if i % 3 == 2 { Event::MoneyWithdrawn { amount: cents(*amount) } } else { deposited(*amount) };
            let version = ledger.stream_version("acc-9");
            ledger.append(&UnitOfWork::new(&context(i + 1)).with("acc-9", version, &[event])).unwrap();
        }
        ledger.finish_batch().unwrap();
        let reopened = Ledger::open(store, KEY).unwrap();
        prop_assert_eq!(reopened.events(), ledger.events());
    }

    #[test]
    fn any_bytes_in_a_chunk_or_the_manifest_give_a_ledger_or_an_error_never_a_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        cut in any::<proptest::sample::Index>(),
        in_manifest in any::<bool>(),
    ) {
        let store = SharedStore::default();
        ledger_with(&store, 4);
        // Storage holds text, so arbitrary bytes arrive as whatever text they decode to:
        // control characters, stray quotes and U+FFFD included.
        let text = String::from_utf8_lossy(&bytes);
        let key = if in_manifest { KEY.to_string() } else { chunk_key(KEY, 0) };
        let stored = store.get(&key).unwrap().unwrap();
        let at = cut.index(stored.len() + 1);
        let mut writer = store.clone();
        writer.set(&key, &format!("{}{}", &stored[..at], text)).unwrap();
        let damaged = store.get(&key).unwrap();
        match Ledger::open(store.clone(), KEY) {
            Ok(ledger) => prop_assert_eq!(ledger.events().len(), 4),
            // Refused, and the damaged value is left exactly as it was.
            Err(_) => prop_assert_eq!(store.get(&key).unwrap(), damaged),
        }
    }
}

#[test]
fn a_chunk_that_lists_a_stream_twice_counts_one_stream_version_for_both() {
    // Given two accounts' events, with acc-1 spanning two chunks
    let store = SharedStore::default();
    let mut ledger = ledger_with(&store, CHUNK_SIZE + 2);
    let version = ledger.stream_version("acc-2");
    ledger
        .append(&UnitOfWork::new(&context(5000)).with("acc-2", version, &[opened("acc-2", "Bo")]))
        .unwrap();
    let chunk = chunk_key(KEY, 1);
    let text = store.get(&chunk).unwrap().unwrap();
    assert!(text.contains(r#""streams":["acc-1","acc-2"]"#), "{text}");
    // When the chunk is edited to list acc-1 a second time, and its second row to use that entry
    let mut edited: serde_json::Value = serde_json::from_str(&text).unwrap();
    edited["streams"] = serde_json::json!(["acc-1", "acc-2", "acc-1"]);
    edited["rows"][1][0] = serde_json::json!(2);
    let mut edited_store = store.clone();
    edited_store.set(&chunk, &edited.to_string()).unwrap();
    // Then both names are one stream: its versions go on from the chunk before, one by one
    let read = Ledger::open(edited_store, KEY).unwrap();
    let versions: Vec<(&str, u64)> = read.events()[CHUNK_SIZE - 1..]
        .iter()
        .map(|e| (e.stream_id.as_str(), e.stream_version))
        .collect();
    assert_eq!(
        versions,
        [
            ("acc-1", CHUNK_SIZE as u64),
            ("acc-1", CHUNK_SIZE as u64 + 1),
            ("acc-1", CHUNK_SIZE as u64 + 2),
            ("acc-2", 1)
        ]
    );
    assert_eq!(read.stream_version("acc-1"), CHUNK_SIZE as u64 + 2);
    assert_eq!(read.stream_version("acc-2"), 1);
}
