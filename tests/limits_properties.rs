//! Property: histories with counts, amounts, times and ids near every limit, on both sides of
//! it, go through an imported file, a link and storage. Each way in either refuses the history
//! with a message, or takes every event with sums that add up; the three agree.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::app::Page;
use replay_bank::domain::Money;
use replay_bank::eventstore::{
    chunk_key, encode_export, link_payload, read_import, read_link, KeyValueStore, Ledger,
    Metadata, RecordedEvent, MAX_ID_CHARS, MAX_RECORDED_AT_MS,
};
use replay_bank::read_models::{fold, BankState};
use support::stores::SharedStore;
use support::{deposited, opened};

const KEY: &str = "p.ledger";

/// Amounts on both sides of the per-command limit, and the largest there is.
fn amount() -> impl Strategy<Value = u64> {
    let max = Money::MAX_AMOUNT.cents();
    prop_oneof![
        Just(1),
        Just(max - 1),
        Just(max),
        Just(max + 1),
        Just(u64::MAX),
        1..=max
    ]
}

/// Times on both sides of 1970 and of the end of 9999, in order or not.
fn time() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(-1),
        Just(0),
        Just(1),
        Just(MAX_RECORDED_AT_MS - 1),
        Just(MAX_RECORDED_AT_MS),
        Just(MAX_RECORDED_AT_MS + 1),
        1_795_000_000_000..1_795_000_100_000i64
    ]
}

/// Command ids on both sides of the longest, with characters an id may or may not hold.
fn command_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,8}",
        Just("c".repeat(MAX_ID_CHARS)),
        Just("c".repeat(MAX_ID_CHARS + 1)),
        Just("cmd\t1".to_string()),
        Just("cmd 1".to_string()),
        Just("a-_.:Z9".to_string()),
    ]
}

/// Ada's account and deposits, each with its time and command id, as another app might have
/// stored them: nothing here was decided by this app's rules.
fn history(deposits: &[(u64, i64, String)], opened_at: i64) -> Vec<RecordedEvent> {
    let mut events = vec![RecordedEvent {
        position: 1,
        stream_id: "acc-1".to_string(),
        stream_version: 1,
        recorded_at_ms: opened_at,
        metadata: Metadata {
            command_id: "open-1".to_string(),
            correlation_id: "open-1".to_string(),
        },
        schema_version: 1,
        event: opened("acc-1", "Ada"),
    }];
    for (n, (cents, t, id)) in deposits.iter().enumerate() {
        events.push(RecordedEvent {
            position: n as u64 + 2,
            stream_id: "acc-1".to_string(),
            stream_version: n as u64 + 2,
            recorded_at_ms: *t,
            metadata: Metadata {
                command_id: format!("{id}{n}"),
                correlation_id: format!("{id}{n}"),
            },
            schema_version: 1,
            event: deposited(*cents),
        });
    }
    events
}

/// Whether every event keeps the envelope's limits (times and ids).
fn envelopes_within_limits(events: &[RecordedEvent]) -> bool {
    events.iter().all(|e| {
        (0..=MAX_RECORDED_AT_MS).contains(&e.recorded_at_ms)
            && [&e.metadata.command_id, &e.metadata.correlation_id]
                .iter()
                .all(|id| {
                    id.len() <= MAX_ID_CHARS
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
                })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_file_a_link_and_storage_refuse_in_words_or_take_every_event_with_true_sums_and_agree(
        deposits in proptest::collection::vec((amount(), time(), command_id()), 0..6),
        opened_at in time(),
    ) {
        let events = history(&deposits, opened_at);
        let envelopes_fit = envelopes_within_limits(&events);
        let amounts_fit = deposits.iter().all(|(cents, _, _)| *cents <= Money::MAX_AMOUNT.cents());

        let file = read_import(&encode_export(&events, "0.4.0", 0));
        // A link and storage keep times as differences: one that does not fit in 64 bits is
        // no history either can hold, and is not written.
        let differences_fit = events.windows(2).all(|w| w[1].recorded_at_ms.checked_sub(w[0].recorded_at_ms).is_some());
        match &file {
            Ok(import) => {
                prop_assert!(envelopes_fit && amounts_fit);
                prop_assert_eq!(&import.events, &events, "every event, as it was");
                let bank: BankState = fold(&import.events);
                let total: u64 = deposits.iter().map(|(cents, _, _)| *cents).sum();
                prop_assert_eq!(bank.totals().deposited.cents(), total);
                prop_assert_eq!(bank.totals().in_accounts.cents(), total);
                prop_assert!(bank.totals().conserved());
            }
            Err(why) => {
                prop_assert!(!(envelopes_fit && amounts_fit), "refused within the limits: {}", why);
                prop_assert!(why.to_string().contains("event"), "{}", why);
            }
        }
        if differences_fit {
            let link = read_link(&link_payload(&events), events.len(), 0);
            prop_assert_eq!(link.is_ok(), file.is_ok(), "a link agrees with a file");

            // Storage holding the same events: read whole when the envelopes fit, else
            // refused as unreadable with every key left as it was.
            let mut store = SharedStore::default();
            let manifest = format!(
                r#"{{"format":"replay-bank-ledger","format_version":2,"chunk_size":1000,"events":{},"last_command_id":{}}}"#,
                events.len(),
                serde_json::to_string(&events.last().map(|e| e.metadata.command_id.clone())).unwrap(),
            );
            store.set(KEY, &manifest).unwrap();
            store.set(&chunk_key(KEY, 0), &link_payload(&events)).unwrap();
            match Ledger::open(store.clone(), KEY) {
                Ok(ledger) => {
                    prop_assert!(envelopes_fit);
                    prop_assert_eq!(ledger.events(), &events[..]);
                    // The page opens it by the same rules as a file: writable with true sums,
                    // or read-only, saying which event breaks which rule.
                    let page = Page::open(store.clone(), KEY);
                    prop_assert_eq!(page.can_write(), file.is_ok());
                    if file.is_ok() {
                        let total: u64 = deposits.iter().map(|(cents, _, _)| *cents).sum();
                        prop_assert_eq!(page.present().totals().deposited.cents(), total);
                        prop_assert!(page.present().totals().conserved());
                    } else {
                        prop_assert_eq!(page.events(), &events[..], "shown read-only, every event");
                    }
                }
                Err(why) => {
                    prop_assert!(!envelopes_fit, "storage refused within the limits: {}", why);
                    prop_assert_eq!(store.get(KEY).unwrap(), Some(manifest));
                    prop_assert_eq!(store.get(&chunk_key(KEY, 0)).unwrap(), Some(link_payload(&events)));
                }
            }
        }
    }
}
