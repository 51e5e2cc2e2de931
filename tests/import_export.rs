//! Sharing a history: an exported file imports to the same ledger, and a file the rules could
//! not have recorded is refused with the event and the reason, changing nothing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::bank_service::BankService;
use replay_bank::domain::{replay, AccountState, Command, Event, OwnerName};
use replay_bank::eventstore::{
    base64url, encode_document, encode_export, from_base64url, link_fragment, link_payload,
    parse_fragment, read_import, read_link, AppendError, ImportError, KeyValueStore, Ledger,
    LinkError, LinkParts, MemoryStore, RecordedEvent, StorageError,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use replay_bank::read_models::{fold, BankState};
use support::stores::SharedStore;
use support::*;

/// A history recorded through the rules.
fn recorded(commands: &[Command]) -> Vec<RecordedEvent> {
    let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "x").unwrap());
    for (n, command) in one_account(commands).iter().enumerate() {
        let _ = bank.handle(command, &ctx(n as u32));
    }
    bank.ledger().events().to_vec()
}

/// A history written straight into a ledger, past the rules: what a hand-edited file holds.
fn forged(events: &[(&str, Event)]) -> Vec<RecordedEvent> {
    let mut ledger = Ledger::open(MemoryStore::new(), "x").unwrap();
    for (n, (stream, event)) in events.iter().enumerate() {
        let version = ledger.stream_version(stream);
        ledger
            .append(&UnitOfWork::new(&ctx(n as u32)).with(
                stream,
                version,
                std::slice::from_ref(event),
            ))
            .unwrap();
    }
    ledger.events().to_vec()
}

fn refusal(events: &[RecordedEvent]) -> String {
    read_import(&encode_export(events, "0.1.0", 0))
        .expect_err("the file is refused")
        .to_string()
}

#[test]
fn an_exported_ledger_imports_to_the_same_events_at_the_exported_cursor() {
    let events = recorded(&[
        open("acc-1", "Ada"),
        deposit(10_000),
        withdraw(2_500),
        Command::CloseAccount,
    ]);
    assert_eq!(events.len(), 5, "closing with money pays out first");
    let file = encode_export(&events, "0.1.0", 3);
    let import = read_import(&file).unwrap();
    assert_eq!(import.events, events);
    assert_eq!(import.cursor, 3);
    assert_eq!(import.app_version.as_deref(), Some("0.1.0"));
    let account = fold::<BankState>(&import.events).account_or_none(Some("acc-1"));
    assert_eq!(account, replay(events.iter().map(|r| &r.event)));
    assert!(matches!(account, AccountState::Closed { .. }));
}

#[test]
fn a_file_without_a_cursor_lands_at_the_start_of_history() {
    let events = recorded(&[open("acc-1", "Ada"), deposit(500)]);
    let import = read_import(&encode_document(&events)).unwrap();
    assert_eq!(import.cursor, 0);
    assert_eq!(import.events.len(), 2);
}

#[test]
fn a_history_the_rules_refuse_is_refused_naming_the_event_and_the_rule() {
    let overdraft = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(7_000)),
        ("acc-1", withdrawn(10_000)),
    ]);
    assert_eq!(
        refusal(&overdraft),
        "event #3 (MoneyWithdrawn) breaks a rule: Insufficient funds: balance $70.00, tried to withdraw $100.00."
    );

    let before_opening = forged(&[("acc-1", deposited(100))]);
    assert!(
        refusal(&before_opening).starts_with("event #1 (MoneyDeposited) breaks a rule:"),
        "{}",
        refusal(&before_opening)
    );

    let after_closing = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", Event::AccountClosed),
        ("acc-1", deposited(100)),
    ]);
    assert!(refusal(&after_closing).starts_with("event #3 (MoneyDeposited) breaks a rule:"));

    let opened_twice = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", opened("acc-1", "Ada")),
    ]);
    assert!(refusal(&opened_twice).starts_with("event #2 (AccountOpened) breaks a rule:"));
}

#[test]
fn closing_with_money_but_no_payout_is_not_what_the_rules_record() {
    let events = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(4_200)),
        ("acc-1", Event::AccountClosed),
    ]);
    assert_eq!(
        refusal(&events),
        "event #3 (AccountClosed) is not what the rules record: they record $42.00 paid out on closing, then Account closed"
    );
}

#[test]
fn a_payout_is_followed_by_its_closing_in_the_same_write_or_is_refused() {
    let paid_out = paid_out(4_200);
    // `forged` gives every event a command of its own.
    let apart = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(4_200)),
        ("acc-1", paid_out.clone()),
        ("acc-1", Event::AccountClosed),
    ]);
    assert_eq!(
        refusal(&apart),
        "event #4 (AccountClosed) is not what the rules record: they record Account closed in the same write, after the one before"
    );
    let unclosed = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(4_200)),
        ("acc-1", paid_out),
    ]);
    assert_eq!(
        refusal(&unclosed),
        "event #3 (BalancePaidOut) is not what the rules record: they record Account closed after it, in the same write"
    );
    // Up to release 0.4.0 the payout was a withdrawal, which needs no closing after it.
    let as_0_4_0 = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(4_200)),
        ("acc-1", withdrawn(4_200)),
        ("acc-1", Event::AccountClosed),
    ]);
    assert_eq!(
        read_import(&encode_export(&as_0_4_0, "0.4.0", 0))
            .unwrap()
            .events,
        as_0_4_0
    );
}

#[test]
fn several_accounts_are_accepted_but_a_foreign_stream_and_a_copied_command_are_refused() {
    // Several accounts are the bank's own histories now: each account's state is read back.
    let two_accounts = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-2", opened("acc-2", "Grace")),
    ]);
    let import = read_import(&encode_document(&two_accounts)).expect("several accounts load");
    assert_eq!(import.events, two_accounts);
    let open_as = |account: &str, owner: &str| AccountState::Open {
        account_id: id(account),
        owner: OwnerName::parse(owner).unwrap(),
        balance: cents(0),
        in_flight: Vec::new(),
    };
    assert_eq!(
        fold::<BankState>(&import.events).accounts(),
        [
            (id("acc-1"), open_as("acc-1", "Ada")),
            (id("acc-2"), open_as("acc-2", "Grace")),
        ]
    );

    let foreign = forged(&[("acc-9", opened("acc-1", "Ada"))]);
    assert_eq!(
        refusal(&foreign),
        "event #1 opens account \"acc-1\" in the stream of \"acc-9\""
    );

    let mut copied = recorded(&[
        open("acc-1", "Ada"),
        deposit(100),
        deposit(200),
        deposit(300),
    ]);
    copied[3].metadata.command_id = copied[1].metadata.command_id.clone();
    assert_eq!(
        refusal(&copied),
        format!(
            "event #4 repeats command id \"{}\" of an earlier command",
            copied[1].metadata.command_id
        )
    );
}

#[test]
fn a_damaged_file_or_a_cursor_past_the_end_is_refused() {
    assert!(matches!(
        read_import("<html>not a ledger</html>"),
        Err(ImportError::Format(_))
    ));
    let events = recorded(&[open("acc-1", "Ada")]);
    assert_eq!(
        read_import(&encode_export(&events, "0.1.0", 2)).unwrap_err(),
        ImportError::CursorOutOfRange {
            cursor: 2,
            events: 1
        }
    );
    let mut value: serde_json::Value =
        serde_json::from_str(&encode_export(&events, "0.1.0", 1)).unwrap();
    value["events"][0]["payload"]["owner"] = serde_json::Value::from("");
    let message = read_import(&value.to_string()).unwrap_err().to_string();
    assert!(
        message.starts_with("the event at position 1 cannot be read"),
        "{message}"
    );
}

#[test]
fn replacing_the_ledger_writes_the_import_and_removes_every_old_chunk() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    bank.handle(&opening("acc-old", "Old"), &ctx(0)).unwrap();
    let batch = (1..2_500).map(|n| (to("acc-old", deposit(100)), ctx(n)));
    bank.handle_batch(batch).unwrap();
    assert!(store.get("k.chunk.2").unwrap().is_some());

    let import = recorded(&[open("acc-1", "Ada"), deposit(500)]);
    bank.replace(2_500, import.clone()).unwrap();
    assert_eq!(bank.ledger().events(), &import[..]);
    assert_eq!(bank.ledger().unsaved(), 0);
    let reopened = Ledger::open(store.clone(), "k").unwrap();
    assert_eq!(reopened.events(), &import[..]);
    assert_eq!(store.get("k.chunk.1").unwrap(), None, "old chunks are gone");
    assert_eq!(store.get("k.chunk.2").unwrap(), None);
}

/// Every key of `store`, sorted.
fn keys_of(store: &SharedStore) -> Vec<String> {
    let mut keys = store.keys().unwrap();
    keys.sort();
    keys
}

#[test]
fn an_import_storage_has_no_room_for_replaces_nothing_and_leaves_no_chunk_behind() {
    // Given a ledger of 3 events, and an import of 1,201 (two chunks)
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    bank.handle(&opening("acc-old", "Old"), &ctx(0)).unwrap();
    bank.handle(&to("acc-old", deposit(100)), &ctx(1)).unwrap();
    bank.handle(&to("acc-old", deposit(200)), &ctx(2)).unwrap();
    let old = bank.ledger().events().to_vec();
    let before = keys_of(&store);
    let mut commands = vec![open("acc-1", "Ada")];
    commands.extend((0..1_200).map(|_| deposit(1)));
    let import = recorded(&commands);
    // When storage is full from the start, or fills up after the new ledger's first chunk
    for fill in ["everything", "k.chunk.b.1"] {
        if fill == "everything" {
            store.set_full(true);
        } else {
            *store.refuse_key.borrow_mut() = Some(fill.to_string());
        }
        let refused = bank.replace(3, import.clone()).unwrap_err();
        store.set_full(false);
        *store.refuse_key.borrow_mut() = None;
        // Then nothing is replaced, here or in storage, and no chunk of the import is left
        assert_eq!(
            refused,
            AppendError::Storage(StorageError::QuotaExceeded),
            "{fill}"
        );
        assert_eq!(refused.to_string(), "browser storage is full");
        assert_eq!(
            bank.ledger().events(),
            &old[..],
            "{fill}: this tab keeps the old ledger"
        );
        assert_eq!(bank.ledger().unsaved(), 0);
        assert_eq!(Ledger::open(store.clone(), "k").unwrap().events(), &old[..]);
        assert_eq!(keys_of(&store), before, "{fill}: nothing orphaned");
    }
    // And with room, the same import replaces it
    bank.replace(3, import.clone()).unwrap();
    assert_eq!(
        Ledger::open(store.clone(), "k").unwrap().events(),
        &import[..]
    );
}

#[test]
fn a_replace_writes_beside_the_old_ledger_and_the_next_one_goes_back_removing_any_leftovers() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    bank.handle(&opening("acc-old", "Old"), &ctx(0)).unwrap();
    // A tab that read the old ledger before the replace
    let mut other = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    let first = recorded(&[open("acc-1", "Ada"), deposit(500)]);
    bank.replace(1, first.clone()).unwrap();
    assert_eq!(
        keys_of(&store),
        ["k", "k.chunk.b.0"],
        "the new chunks beside the old, the old ones removed once the manifest switched"
    );
    assert!(store.get("k").unwrap().unwrap().contains("\"chunk_set\":1"));
    // The other tab's next command is decided against the new ledger, not the old one
    assert!(other.handle(&to("acc-old", deposit(1)), &ctx(9)).is_err());
    assert_eq!(other.ledger().events(), &first[..]);
    // An append to the replaced ledger stays in its set
    bank.handle(&to("acc-1", deposit(1)), &ctx(10)).unwrap();
    assert_eq!(keys_of(&store), ["k", "k.chunk.b.0"]);
    // A replace that stopped half-way left a chunk in set 0: the next replace clears it first
    let mut leftover = store.clone();
    leftover
        .set("k.chunk.7", "left by a replace that stopped")
        .unwrap();
    let second = recorded(&[open("acc-2", "Grace")]);
    bank.replace(3, second.clone()).unwrap();
    assert_eq!(keys_of(&store), ["k", "k.chunk.0"]);
    assert!(!store.get("k").unwrap().unwrap().contains("chunk_set"));
    assert_eq!(Ledger::open(store, "k").unwrap().events(), &second[..]);
}

#[test]
fn a_link_carries_the_ledger_as_compact_rows_with_the_same_checks_as_a_file() {
    let events = recorded(&[open("acc-1", "Ada"), deposit(2_000), withdraw(500)]);
    let payload = link_payload(&events);
    let import = read_link(&payload, events.len(), 2).unwrap();
    assert_eq!(import.events, events);
    assert_eq!(import.cursor, 2);

    let forged = forged(&[("acc-1", opened("acc-1", "Ada")), ("acc-1", withdrawn(1))]);
    let refused = read_link(&link_payload(&forged), 2, 0).unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("event #2 (MoneyWithdrawn) breaks a rule: Insufficient funds"),
        "{refused}"
    );
    // The count must match the rows exactly: a link is never shown longer or shortened.
    for count in [2, 4] {
        assert_eq!(
            read_link(&payload, count, 0).unwrap_err().to_string(),
            format!("the link is incomplete or damaged (it says {count} events but holds 3)")
        );
    }
    assert!(matches!(
        read_link("{\"first\":1}", 0, 0),
        Err(LinkError::Refused(ImportError::Format(_)))
    ));
}

#[test]
fn a_fragment_is_taken_apart_or_refused_in_words() {
    let fragment = link_fragment(3, 2, &[0xfb, 0xff, 0x00, 0x10]);
    assert_eq!(fragment, "#ledger=1.3.2.-_8AEA");
    assert_eq!(
        parse_fragment(&fragment),
        Some(Ok(LinkParts {
            events: 3,
            cursor: 2,
            compressed: vec![0xfb, 0xff, 0x00, 0x10]
        }))
    );
    assert_eq!(
        parse_fragment("#section-2"),
        None,
        "not a ledger link at all"
    );
    assert_eq!(parse_fragment(""), None);
    for (fragment, message) in [
        (
            "#ledger=1.3",
            "the link is incomplete or damaged (it has too few parts)",
        ),
        (
            "#ledger=7.3.2.AAAA",
            "the link uses layout 7, and this app reads layout 1",
        ),
        (
            "#ledger=1.x.2.AAAA",
            "the link is incomplete or damaged (the event count is not a number)",
        ),
        (
            "#ledger=1.3.2.AA*A",
            "the link is incomplete or damaged (the data is not URL-safe base64)",
        ),
        (
            "#ledger=1.3.2.AAAAA",
            "the link is incomplete or damaged (the data is not URL-safe base64)",
        ),
    ] {
        assert_eq!(
            parse_fragment(fragment).unwrap().unwrap_err().to_string(),
            message
        );
    }
    let long = format!("#ledger=1.3.2.{}", "A".repeat(40_000));
    assert_eq!(
        parse_fragment(&long).unwrap().unwrap_err().to_string(),
        "the link is 40014 characters long, more than any link this app makes"
    );
}

#[test]
fn base64url_matches_the_rfc_test_vectors() {
    for (bytes, text) in [
        (&b""[..], ""),
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg"),
        (b"fooba", "Zm9vYmE"),
        (b"foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url(bytes), text);
        assert_eq!(from_base64url(text).as_deref(), Some(bytes));
    }
}

#[test]
fn nothing_is_replaced_when_another_tab_wrote_since_the_person_confirmed() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    bank.handle(&opening("acc-old", "Old"), &ctx(0)).unwrap();
    // Another tab deposits; this tab has not heard of it yet.
    let mut other = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    other.handle(&to("acc-old", deposit(700)), &ctx(1)).unwrap();

    let import = recorded(&[open("acc-1", "Ada")]);
    let refused = bank.replace(1, import).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the ledger holds 2 events, not the expected 1: someone else wrote first"
    );
    assert_eq!(
        Ledger::open(store, "k").unwrap().events().len(),
        2,
        "storage untouched"
    );
    assert_eq!(bank.ledger().events().len(), 2, "and this tab now knows it");
}

#[test]
fn a_clear_that_fails_after_the_manifest_keeps_every_event_to_write_again() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "k").unwrap());
    bank.handle(&opening("acc-old", "Old"), &ctx(0)).unwrap();
    bank.handle_batch((1..1_500).map(|n| (to("acc-old", deposit(100)), ctx(n))))
        .unwrap();
    store.refuse_removal_of("k.chunk.1");
    assert!(bank.clear().is_err());
    assert_eq!(bank.ledger().events().len(), 1_500, "nothing dropped here");
    assert_eq!(bank.ledger().unsaved(), 1_500, "to be written again");
    store.allow_removals();
    bank.ledger_mut().save().unwrap();
    assert_eq!(Ledger::open(store, "k").unwrap().events().len(), 1_500);
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => Just(open("acc-1", "Ada")),
        6 => (0u64..50_000).prop_map(deposit),
        5 => (0u64..60_000).prop_map(withdraw),
        1 => Just(Command::CloseAccount),
    ]
}

proptest! {
    #[test]
    fn every_history_the_rules_recorded_exports_and_imports_unchanged(
        commands in proptest::collection::vec(command(), 0..80),
        at in any::<proptest::sample::Index>(),
    ) {
        let events = recorded(&commands);
        let cursor = at.index(events.len() + 1);
        let import = read_import(&encode_export(&events, "0.1.0", cursor)).unwrap();
        prop_assert_eq!(import.events, events);
        prop_assert_eq!(import.cursor, cursor);
    }

    #[test]
    fn any_bytes_survive_base64url_and_any_fragment_parses_or_is_refused(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        fragment in "#ledger=[0-9.A-Za-z_*-]{0,40}",
    ) {
        let text = base64url(&bytes);
        prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(from_base64url(&text), Some(bytes));
        prop_assert!(parse_fragment(&fragment).is_some());
    }

    #[test]
    fn any_text_gives_an_import_or_a_refusal_never_a_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let _ = read_import(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn the_import_dialog_says_what_the_file_holds_where_the_slider_lands_and_what_replacing_deletes() {
    let events = recorded(&[open("acc-1", "Ada"), deposit(10_000), withdraw(2_500)]);
    let import = read_import(&encode_export(&events, "0.4.0", 2)).unwrap();
    assert_eq!(
        replay_bank::app::import_summary("ada.json", &import, 1_500),
        "\"ada.json\" holds 3 events (account acc-1 of Ada, open, balance $75.00), every one \
         checked against the rules. The slider will show event 2. Replacing deletes the current \
         1,500 events."
    );

    let two = forged(&[
        ("acc-1", opened("acc-1", "Ada")),
        ("acc-1", deposited(10_000)),
        ("acc-2", opened("acc-2", "Grace")),
        ("acc-2", deposited(250)),
    ]);
    let import = read_import(&encode_export(&two, "0.4.0", 0)).unwrap();
    assert_eq!(
        replay_bank::app::import_summary("two.json", &import, 1),
        "\"two.json\" holds 4 events (2 accounts, holding $102.50 in all), every one checked \
         against the rules. The slider will show event 0. Replacing deletes the current 1 event."
    );
}
