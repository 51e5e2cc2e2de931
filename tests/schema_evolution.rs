//! Schema evolution: MoneyDeposited v2 says its amount's currency. Events already stored stay
//! byte for byte in v1 and are upcast on read; after "Ship v2" new deposits are written in v2; a
//! ledger, an export and a link mixing both read back with every event as it was stored.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::domain::{replay, Day, Event};
use replay_bank::eventstore::{
    decode_document, decode_event, encode_document, encode_event_at, latest_version, link_payload,
    read_link, KeyValueStore, Ledger, SchemaError, StoredEvent,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use serde_json::json;
use support::stores::SharedStore;
use support::*;

const KEY: &str = "schema.ledger";

#[test]
fn a_v1_deposit_is_upcast_to_the_same_event_a_v2_deposit_reads_as() {
    let v1 = StoredEvent {
        event_type: "MoneyDeposited".into(),
        schema_version: 1,
        payload: json!({"amount_cents": 1250}),
    };
    let v2 = StoredEvent {
        event_type: "MoneyDeposited".into(),
        schema_version: 2,
        payload: json!({"amount": {"cents": 1250, "currency": "USD"}}),
    };
    assert_eq!(decode_event(&v1), Ok(deposited(1250)));
    assert_eq!(decode_event(&v2), Ok(deposited(1250)));
    assert_eq!(encode_event_at(&deposited(1250), 2), v2);
    assert_eq!(encode_event_at(&deposited(1250), 1), v1);
    assert_eq!(latest_version("MoneyDeposited"), 3);
    assert_eq!(latest_version("MoneyWithdrawn"), 1, "only deposits changed");
}

#[test]
fn a_v2_deposit_in_another_currency_or_a_v4_is_refused_in_words() {
    let euros = StoredEvent {
        event_type: "MoneyDeposited".into(),
        schema_version: 2,
        payload: json!({"amount": {"cents": 1250, "currency": "EUR"}}),
    };
    let refused = decode_event(&euros).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("the currency EUR is not kept by this bank (USD)"),
        "{refused}"
    );
    let v4 = StoredEvent {
        schema_version: 4,
        ..euros
    };
    assert!(matches!(
        decode_event(&v4),
        Err(SchemaError::UnsupportedVersion {
            version: 4,
            supported: 3,
            ..
        })
    ));
}

fn back_dated(c: u64, day: &str) -> Event {
    Event::MoneyDeposited {
        amount: cents(c),
        effective_on: Some(Day::parse(day).unwrap()),
    }
}

#[test]
fn a_v3_deposit_carries_the_date_it_took_effect_and_older_deposits_read_as_taking_effect_when_recorded(
) {
    let v3 = StoredEvent {
        event_type: "MoneyDeposited".into(),
        schema_version: 3,
        payload: json!({"amount": {"cents": 50000, "currency": "USD"}, "effective_on": "2026-12-01"}),
    };
    assert_eq!(decode_event(&v3), Ok(back_dated(50000, "2026-12-01")));
    // Whatever version the writer asks for, a date is never dropped by an older shape.
    for asked in [1, 2, 3] {
        assert_eq!(encode_event_at(&back_dated(50000, "2026-12-01"), asked), v3);
    }
    let v3_as_recorded = StoredEvent {
        payload: json!({"amount": {"cents": 50000, "currency": "USD"}, "effective_on": null}),
        ..v3.clone()
    };
    assert_eq!(decode_event(&v3_as_recorded), Ok(deposited(50000)));
    for (stored, why) in [
        (json!("2026-02-30"), "\"2026-02-30\" is not a date"),
        (json!(20261201), "effective_on is neither a date nor null"),
    ] {
        let edited = StoredEvent {
            payload: json!({"amount": {"cents": 50000, "currency": "USD"}, "effective_on": stored}),
            ..v3.clone()
        };
        let refused = decode_event(&edited).unwrap_err().to_string();
        assert!(refused.contains(why), "{refused}");
    }
    let missing = StoredEvent {
        payload: json!({"amount": {"cents": 50000, "currency": "USD"}}),
        ..v3
    };
    assert!(decode_event(&missing)
        .unwrap_err()
        .to_string()
        .contains("missing field `effective_on`"));
}

#[test]
fn a_back_dated_deposit_is_written_in_v3_before_and_after_ship_v2_beside_rows_that_keep_their_version(
) {
    let store = SharedStore::default();
    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, &[back_dated(500, "2026-12-01")]))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(3)).with("acc-1", 2, &[deposited(100)]))
        .unwrap();
    ledger.ship_v2().unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(4)).with("acc-1", 3, &[deposited(250)]))
        .unwrap();
    let rows = chunk(&store);
    assert!(
        rows.contains(r#""D3",{"cents":500,"currency":"USD"},"2026-12-01","cmd-2""#),
        "{rows}"
    );
    assert!(rows.contains(r#""D",100,"cmd-3""#), "{rows}");
    assert!(
        rows.contains(r#""D2",{"cents":250,"currency":"USD"},"cmd-4""#),
        "Ship v2 still writes v2, not the newest version: {rows}"
    );
    let events = ledger.events().to_vec();
    let versions: Vec<u32> = events.iter().map(|r| r.schema_version).collect();
    assert_eq!(versions, [1, 3, 1, 2]);
    assert_eq!(Ledger::open(store, KEY).unwrap().events(), &events[..]);
    assert_eq!(decode_document(&encode_document(&events)).unwrap(), events);
    let link = read_link(&link_payload(&events), events.len(), 3).unwrap();
    assert_eq!(link.events, events);
    assert_eq!(events[1].event, back_dated(500, "2026-12-01"));
}

fn chunk(store: &SharedStore) -> String {
    store.get(&format!("{KEY}.chunk.0")).unwrap().unwrap()
}

#[test]
fn after_ship_v2_new_deposits_are_written_in_v2_and_the_stored_v1_rows_do_not_change() {
    let store = SharedStore::default();
    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, &[deposited(1000)]))
        .unwrap();
    let before = chunk(&store);
    assert!(before.contains(r#""D",1000,"cmd-2""#), "{before}");

    ledger.ship_v2().unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(3)).with("acc-1", 2, &[deposited(250)]))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(4)).with("acc-1", 3, &[withdrawn(100)]))
        .unwrap();

    let after = chunk(&store);
    let rows = |text: &str| text[text.find("\"rows\"").unwrap()..].to_string();
    assert!(
        rows(&after).starts_with(rows(&before).trim_end_matches("]]}")),
        "the v1 rows are as they were:\n{before}\n{after}"
    );
    assert!(
        after.contains(r#""D2",{"cents":250,"currency":"USD"},"cmd-3""#),
        "{after}"
    );
    assert!(
        after.contains(r#""W",100,"cmd-4""#),
        "a withdrawal has one version"
    );

    let reopened = Ledger::open(store, KEY).unwrap();
    let versions: Vec<u32> = reopened.events().iter().map(|r| r.schema_version).collect();
    assert_eq!(versions, [1, 1, 2, 1]);
    assert!(
        reopened.writer().shipped,
        "the writer stays shipped after a reload"
    );
    let state = replay(reopened.events().iter().map(|r| &r.event));
    assert_eq!(state.balance(), cents(1150), "a mixed ledger folds as one");
}

#[test]
fn an_export_and_a_link_carry_each_event_in_the_version_it_was_stored_in() {
    let store = SharedStore::default();
    let mut ledger = Ledger::open(store, KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened("acc-1", "Ada")]))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, &[deposited(1000)]))
        .unwrap();
    ledger.ship_v2().unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(3)).with("acc-1", 2, &[deposited(250)]))
        .unwrap();
    let events = ledger.events().to_vec();

    let document = encode_document(&events);
    assert!(
        document.contains(r#""schema_version":1"#) && document.contains(r#""schema_version":2"#)
    );
    assert!(
        document.contains(r#""amount":{"cents":250,"currency":"USD"}"#),
        "{document}"
    );
    assert_eq!(decode_document(&document).unwrap(), events);

    let link = read_link(&link_payload(&events), events.len(), 3).unwrap();
    assert_eq!(link.events, events);
    assert!(matches!(events[2].event, Event::MoneyDeposited { .. }));
}
