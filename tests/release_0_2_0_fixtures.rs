//! Formats are forever: what release 0.2.0 (several accounts and transfers) stored, exported and
//! shared, as that release's own build wrote it (e2e/make-fixtures.mjs, in headless Chromium),
//! loads with every event, every account and the sums that release showed (expected.json).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use replay_bank::app::{conservation, group_thousands};
use replay_bank::domain::AccountStatus;
use replay_bank::eventstore::{
    parse_fragment, read_import, read_link, KeyValueStore, Ledger, MemoryStore, RecordedEvent,
    LEDGER_KEY,
};
use replay_bank::read_models::{fold, BankState};
use serde_json::{json, Value};

const RELEASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.2.0");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{RELEASE}/{name}"))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn expected(which: &str) -> Value {
    let expected: Value =
        serde_json::from_str(&fixture("expected.json")).expect("expected.json is JSON");
    expected[which].clone()
}

fn stored(name: &str) -> MemoryStore {
    let keys: BTreeMap<String, String> =
        serde_json::from_str(&fixture(name)).expect("a map of storage keys to values");
    let mut store = MemoryStore::new();
    for (key, value) in keys {
        store.set(&key, &value).expect("memory takes any value");
    }
    store
}

fn open(name: &str) -> Vec<RecordedEvent> {
    Ledger::open(stored(name), LEDGER_KEY)
        .unwrap_or_else(|e| panic!("{name} opens: {e}"))
        .events()
        .to_vec()
}

/// What the page showed after the first `k` events: the chosen (first) account's facts, every
/// account's row, and the conservation sentence, as the page writes them.
fn as_shown(events: &[RecordedEvent], k: usize) -> Value {
    let bank: BankState = fold(&events[..k]);
    let first = bank.accounts().first().map(|(_, state)| state.clone());
    let first = first.expect("an account");
    let dash = |value: Option<String>| value.unwrap_or_else(|| "—".into());
    let rows: Vec<Value> = bank
        .accounts()
        .iter()
        .map(|(id, state)| {
            json!({
                "owner": dash(state.owner().map(ToString::to_string)),
                "id": id.to_string(),
                "status": state.status().label(),
                "balance": if state.status() == AccountStatus::Open {
                    state.balance().to_string()
                } else {
                    "—".to_string()
                },
            })
        })
        .collect();
    json!({
        "state": {
            "Balance": first.balance().to_string(),
            "Owner": dash(first.owner().map(ToString::to_string)),
            "Status": first.status().label(),
            "Account id": dash(first.account_id().map(ToString::to_string)),
            "Events applied": group_thousands(k),
        },
        "accounts": { "rows": rows, "conservation": conservation(&bank.totals()) },
    })
}

#[test]
fn a_stored_ledger_of_every_event_type_and_three_accounts_opens_as_it_was_shown() {
    let events = open("stored-small.json");
    let types: Vec<&str> = events.iter().map(|r| r.event.name()).collect();
    assert_eq!(
        types,
        [
            "AccountOpened",
            "MoneyDeposited",
            "MoneyWithdrawn",
            "MoneyDeposited",
            "AccountOpened",
            "AccountOpened",
            "AccountClosed",
            "TransferRequested",
            "TransferDebited",
            "TransferCredited",
            "TransferCompleted",
            "TransferRequested",
            "TransferDebited",
            "TransferRefunded",
            "TransferFailed",
            "TransferDebited",
            "TransferCredited",
            "MoneyWithdrawn",
            "AccountClosed",
        ]
    );
    let streams: std::collections::BTreeSet<&str> =
        events.iter().map(|r| r.stream_id.as_str()).collect();
    assert_eq!(
        streams.len(),
        5,
        "three accounts and two transfers' streams"
    );
    assert_eq!(as_shown(&events, events.len()), expected("small"));
}

#[test]
fn a_stored_ledger_across_two_chunks_opens_with_all_its_accounts_as_shown() {
    let store = stored("stored-chunked.json");
    assert!(
        store.keys().expect("keys").len() >= 3,
        "a manifest and two chunks"
    );
    let events = open("stored-chunked.json");
    assert_eq!(events.len(), 1_500);
    assert!(events.iter().any(|r| r.event.name() == "TransferCompleted"));
    assert_eq!(as_shown(&events, events.len()), expected("chunked"));
}

#[test]
fn an_export_file_imports_with_money_in_flight_at_its_cursor() {
    let import = read_import(&fixture("export.json")).expect("the export imports");
    assert_eq!(import.app_version.as_deref(), Some("0.2.0"));
    assert_eq!(import.cursor, 9);
    assert_eq!(import.events, open("stored-small.json"));
    let shown = as_shown(&import.events, 9);
    assert_eq!(shown, expected("export_at_cursor"));
    assert!(shown["accounts"]["conservation"]
        .as_str()
        .is_some_and(|line| line.contains("in flight $200.00")));
}

#[test]
fn a_share_link_opens_with_every_event_at_its_cursor() {
    let parts = parse_fragment(fixture("link.txt").trim())
        .expect("a ledger link")
        .expect("a well-formed link");
    assert_eq!((parts.events, parts.cursor), (19, 9));
    let import = read_link(&fixture("link-payload.txt"), parts.events, parts.cursor)
        .expect("the link's history passes every check");
    assert_eq!(import.events, open("stored-small.json"));
    assert_eq!(as_shown(&import.events, 9), expected("export_at_cursor"));
}
