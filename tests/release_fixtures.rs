//! Formats are forever: what release 0.1.0 stored, exported and shared, as that release's own
//! build wrote it (e2e/make-fixtures.mjs, in headless Chromium), loads with every event and the
//! state that release showed (expected.json). A later release that changes a format adds its own
//! folder; these stay as they are.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use replay_bank::domain::{replay, AccountState};
use replay_bank::eventstore::{
    parse_fragment, read_import, read_link, KeyValueStore, Ledger, MemoryStore, RecordedEvent,
    LEDGER_KEY,
};

const RELEASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.1.0");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{RELEASE}/{name}"))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// What the release showed in its Current state panel, by label.
fn shown(which: &str) -> BTreeMap<String, String> {
    let expected: serde_json::Value =
        serde_json::from_str(&fixture("expected.json")).expect("expected.json is JSON");
    serde_json::from_value(expected[which].clone()).expect("a map of labels to texts")
}

/// A store holding exactly the keys and values the release left in localStorage.
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

/// The state as the Current state panel writes it.
fn as_shown(state: &AccountState, events: usize) -> BTreeMap<String, String> {
    let text = |value: Option<String>| value.unwrap_or_else(|| "—".into());
    BTreeMap::from([
        ("Balance".into(), state.balance().to_string()),
        ("Owner".into(), text(state.owner().map(|o| o.to_string()))),
        ("Status".into(), state.status().label().to_string()),
        (
            "Account id".into(),
            text(state.account_id().map(|a| a.to_string())),
        ),
        (
            "Events applied".into(),
            replay_bank::app::group_thousands(events),
        ),
    ])
}

fn state_after(events: &[RecordedEvent], k: usize) -> AccountState {
    replay(events[..k].iter().map(|r| &r.event))
}

#[test]
fn a_stored_ledger_of_every_event_type_opens_with_every_event_and_the_same_state() {
    let events = open("stored-small.json");
    let types: Vec<&str> = events.iter().map(|r| r.event.name()).collect();
    assert_eq!(
        types,
        [
            "AccountOpened",
            "MoneyDeposited",
            "MoneyWithdrawn",
            "MoneyDeposited",
            "MoneyWithdrawn",
            "AccountClosed"
        ]
    );
    let positions: Vec<u64> = events.iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        as_shown(&state_after(&events, 6), 6),
        shown("small"),
        "the state release 0.1.0 showed"
    );
}

#[test]
fn a_stored_ledger_across_two_chunks_opens_with_all_its_events_and_the_same_state() {
    let store = stored("stored-chunked.json");
    assert!(
        store.keys().expect("keys").len() >= 3,
        "a manifest and two chunks"
    );
    let events = open("stored-chunked.json");
    assert_eq!(events.len(), 1_501);
    assert_eq!(
        as_shown(&state_after(&events, events.len()), events.len()),
        shown("chunked")
    );
}

#[test]
fn an_export_file_imports_with_every_event_at_its_cursor() {
    let import = read_import(&fixture("export.json")).expect("the export imports");
    assert_eq!(import.app_version.as_deref(), Some("0.1.0"));
    assert_eq!(import.cursor, 3);
    assert_eq!(
        import.events,
        open("stored-small.json"),
        "the same envelopes as the stored ledger it was exported from"
    );
    assert_eq!(
        as_shown(&state_after(&import.events, 3), 3),
        shown("export_at_cursor")
    );
}

#[test]
fn a_share_link_opens_with_every_event_at_its_cursor() {
    let link = fixture("link.txt");
    let parts = parse_fragment(link.trim())
        .expect("a ledger link")
        .expect("a well-formed link");
    assert_eq!((parts.events, parts.cursor), (6, 3));
    // The browser inflated the link's data (native code has no inflate); the rest is checked here.
    let import = read_link(&fixture("link-payload.txt"), parts.events, parts.cursor)
        .expect("the link's history passes every check");
    assert_eq!(import.events, open("stored-small.json"));
    assert_eq!(
        as_shown(&state_after(&import.events, 3), 3),
        shown("export_at_cursor")
    );
}
