//! Hostile data: crafted files, links and edited storage, at the edges of the app's numbers. Each
//! is refused in words, with nothing stored lost, or loads with every event.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{Page, Showing, StorageNotice};
use replay_bank::eventstore::{
    chunk_key, encode_export, link_payload, read_import, read_link, CommandContext, EventStore,
    ExpectedVersion, KeyValueStore, Ledger, MemoryStore, RecordedEvent, UnitOfWork,
    MAX_RECORDED_AT_MS,
};
use support::page::*;
use support::stores::SharedStore;
use support::*;

/// Storage holding Ada's account with eight deposits, its manifest's count then set to `count`
/// as a person editing storage would.
fn storage_counting(count: &str) -> (SharedStore, String, String) {
    let (store, page) = a_page_with_deposits(&[100, 200, 300, 400, 500, 600, 700]);
    drop(page);
    let manifest = store.get(KEY).unwrap().unwrap();
    assert!(manifest.contains("\"events\":8"), "{manifest}");
    let edited = manifest.replace("\"events\":8", &format!("\"events\":{count}"));
    let mut writable = store.clone();
    writable.set(KEY, &edited).unwrap();
    let chunk = store.get(&chunk_key(KEY, 0)).unwrap().unwrap();
    (store, edited, chunk)
}

#[test]
fn a_manifest_counting_more_events_than_a_ledger_holds_is_unreadable_not_a_crash_and_nothing_is_rewritten(
) {
    for count in [
        "20000000",
        "40000000",
        "100000000",
        "4294967297",
        "18446744073709551615",
    ] {
        // Given a manifest whose count was raised by hand
        let (store, manifest, chunk) = storage_counting(count);
        // When the page opens, and a command is sent anyway
        let mut page = Page::open(store.clone(), KEY);
        page.send(&deposit(100), &ctx(50));
        // Then storage is said to be unreadable, with the count, and commands are off
        let Some(StorageNotice::Unreadable(reason)) = page.notice() else {
            panic!("{count}: {:?}", page.notice());
        };
        assert!(
            reason.contains(&format!(
                "the manifest counts {count} events, more than the 1,000,000 a ledger can hold"
            )),
            "{reason}"
        );
        assert!(matches!(page.showing(), Showing::Unreadable { .. }));
        assert!(!page.can_write());
        // And nothing stored changed: the raw data can still be downloaded whole
        assert_eq!(store.get(KEY).unwrap(), Some(manifest.clone()));
        assert_eq!(store.get(&chunk_key(KEY, 0)).unwrap(), Some(chunk.clone()));
        let raw = page.raw_data().unwrap();
        assert!(raw.contains(&chunk_key(KEY, 0)), "{raw}");
    }
}

#[test]
fn a_manifest_counting_as_many_events_as_a_ledger_holds_is_checked_against_its_chunks() {
    // 1,000,000 is within the limit: the first chunk, short of its thousand, is what makes it
    // unreadable.
    let (store, _, _) = storage_counting("1000000");
    let page = Page::open(store, KEY);
    let Some(StorageNotice::Unreadable(reason)) = page.notice() else {
        panic!("{:?}", page.notice());
    };
    assert!(
        reason.contains("chunk 0: it holds 8 events where the manifest counts 1000"),
        "{reason}"
    );
}

/// Ada's account and a deposit, recorded at `times`.
fn history_at(times: [i64; 2]) -> Vec<RecordedEvent> {
    let mut ledger = Ledger::open(MemoryStore::new(), "elsewhere").unwrap();
    let commands = [("acc-1", opened("acc-1", "Ada")), ("acc-1", deposited(500))];
    for (n, (stream, event)) in commands.into_iter().enumerate() {
        let context = CommandContext {
            command_id: format!("cmd-{n}"),
            correlation_id: format!("cmd-{n}"),
            now_ms: 1_795_000_000_000,
        };
        let expected = ledger.stream_version(stream);
        ledger
            .append(&UnitOfWork::new(&context).with(
                stream,
                ExpectedVersion::from(expected),
                std::slice::from_ref(&event),
            ))
            .unwrap();
    }
    let mut events = ledger.events().to_vec();
    for (event, t) in events.iter_mut().zip(times) {
        event.recorded_at_ms = t;
    }
    events
}

#[test]
fn a_time_out_of_range_is_refused_alike_by_a_file_a_link_and_storage() {
    for times in [
        [-1, 5],
        [0, -1],
        [1_795_000_000_000, MAX_RECORDED_AT_MS + 1],
        [-1, i64::MAX],
    ] {
        let events = history_at(times);
        // A file: refused, naming the event and the limit
        let file = read_import(&encode_export(&events, "0.4.0", 2)).unwrap_err();
        assert!(
            file.to_string()
                .contains("is outside the app's limits: its time ("),
            "{times:?}: {file}"
        );
        // A link and storage hold the events as rows of one chunk, each time after the one
        // before it (a difference that fits in 64 bits)
        if times[1].checked_sub(times[0]).is_some() {
            let chunk = link_payload(&events);
            let link = read_link(&chunk, 2, 0).unwrap_err();
            assert!(link.to_string().contains("its time ("), "{times:?}: {link}");
            let page = Page::open(storage_holding(&chunk), KEY);
            let Some(StorageNotice::Unreadable(reason)) = page.notice() else {
                panic!("{times:?}: {:?}", page.notice());
            };
            assert!(reason.contains("its time ("), "{reason}");
        }
    }
    // Just inside the limits, all three load both events.
    let events = history_at([0, MAX_RECORDED_AT_MS]);
    assert_eq!(
        read_import(&encode_export(&events, "0.4.0", 2))
            .unwrap()
            .events,
        events
    );
    assert_eq!(
        read_link(&link_payload(&events), 2, 0).unwrap().events,
        events
    );
    let page = Page::open(storage_holding(&link_payload(&events)), KEY);
    assert_eq!(page.notice(), None);
    assert_eq!(page.events(), &events[..]);
}

/// Storage holding a ledger of two events whose only chunk is `chunk`.
fn storage_holding(chunk: &str) -> SharedStore {
    let mut store = SharedStore::default();
    store
        .set(
            KEY,
            r#"{"format":"replay-bank-ledger","format_version":2,"chunk_size":1000,"events":2,"last_command_id":"cmd-1"}"#,
        )
        .unwrap();
    store.set(&chunk_key(KEY, 0), chunk).unwrap();
    store
}

/// Ada's account and deposits of these cents, as recorded in another app that let any amount
/// through: the events as they would be stored, not decided here.
fn deposits_recorded_elsewhere(amounts: &[u64]) -> Vec<RecordedEvent> {
    let mut events = history_at([1_795_000_000_000, 1_795_000_000_000]);
    events.truncate(1);
    for (n, cents) in amounts.iter().enumerate() {
        let mut next = events[0].clone();
        next.position = n as u64 + 2;
        next.stream_version = n as u64 + 2;
        next.metadata.command_id = format!("cmd-{}", n + 1);
        next.metadata.correlation_id = next.metadata.command_id.clone();
        next.event = deposited(*cents);
        events.push(next);
    }
    events
}

#[test]
fn amounts_over_the_limit_are_refused_alike_by_a_file_and_a_link_naming_the_event_and_the_rule() {
    let max = replay_bank::domain::Money::MAX_AMOUNT.cents();
    for amounts in [vec![u64::MAX, u64::MAX], vec![max, max + 1]] {
        let events = deposits_recorded_elsewhere(&amounts);
        let expected = format!(
            "event #{} (MoneyDeposited) breaks a rule: The amount is too large: a deposit or transfer moves at most $1,000,000,000.00",
            amounts.iter().position(|&a| a > max).unwrap() + 2
        );
        let file = read_import(&encode_export(&events, "0.4.0", 0)).unwrap_err();
        assert!(file.to_string().starts_with(&expected), "{file}");
        let link = read_link(&link_payload(&events), events.len(), 0).unwrap_err();
        assert!(link.to_string().contains(&expected), "{link}");
    }
    // At the limit, every deposit loads and the sums are exact.
    let events = deposits_recorded_elsewhere(&[max, max, max]);
    let import = read_import(&encode_export(&events, "0.4.0", 0)).unwrap();
    let bank: replay_bank::read_models::BankState = replay_bank::read_models::fold(&import.events);
    let totals = bank.totals();
    assert_eq!(totals.deposited.cents(), 3 * max);
    assert_eq!(totals.in_accounts.cents(), 3 * max);
    assert!(totals.conserved());
}

#[test]
fn chunks_whose_manifest_was_deleted_are_said_and_kept_never_shown_as_an_empty_ledger() {
    // Given a ledger of 1,201 events (two chunks) whose manifest was deleted by hand
    let (store, mut page) = a_page_with_deposits(&[1; 1_200]);
    drop(page);
    let mut edited = store.clone();
    edited.remove(KEY).unwrap();
    let chunks = [
        store.get(&chunk_key(KEY, 0)).unwrap(),
        store.get(&chunk_key(KEY, 1)).unwrap(),
    ];
    // When the page opens
    page = Page::open(store.clone(), KEY);
    // Then it says so, commands are off, and the chunks download as stored
    let Some(StorageNotice::Unreadable(reason)) = page.notice() else {
        panic!("{:?}", page.notice());
    };
    assert!(
        reason.contains(&format!(
            "the data stored under \"{}\" cannot be read: it is not a Replay Bank ledger (it and one more chunk are stored without the manifest under \"{KEY}\" that counts their events)",
            chunk_key(KEY, 0)
        )),
        "{reason}"
    );
    assert!(!page.can_write());
    let raw = page.raw_data().unwrap();
    assert!(raw.contains(&chunk_key(KEY, 1)), "{raw}");
    assert_eq!(
        [
            store.get(&chunk_key(KEY, 0)).unwrap(),
            store.get(&chunk_key(KEY, 1)).unwrap()
        ],
        chunks,
        "left as they were"
    );
    // And Start fresh moves them aside, whole
    page.start_fresh(1_795_000_000_000);
    assert!(page.can_write());
    assert_eq!(store.get(&chunk_key(KEY, 0)).unwrap(), None);
    let kept = replay_bank::eventstore::quarantine_key(KEY, 1_795_000_000_000);
    assert_eq!(store.get(&format!("{kept}.chunk.1")).unwrap(), chunks[1]);
}

#[test]
fn a_name_of_invisible_characters_is_refused_and_one_that_reorders_text_is_shown_isolated() {
    use replay_bank::domain::{OwnerName, Rejection};
    for invisible in [
        "\u{200B}\u{200B}",
        "\u{202E}",
        " \u{FEFF} ",
        "\u{2066}\u{2069}",
    ] {
        assert_eq!(
            OwnerName::parse(invisible),
            Err(Rejection::OwnerNameEmpty),
            "{invisible:?}"
        );
    }
    // A name that turns the text after it around is kept as typed, and shown isolated, without
    // its override: the account id after it in the Account select (two accounts of that name)
    // reads as it is.
    let (_store, mut page) = a_page();
    page.send(&open("acc-000000", "Bob \u{202E})nepo("), &ctx(1));
    page.send(&open("acc-000001", "Bob \u{202E})nepo("), &ctx(2));
    let choices = page.account_choices();
    assert_eq!(
        choices[0],
        (
            "acc-000000".to_string(),
            "\u{2068}Bob )nepo(\u{2069} · acc-000000".to_string()
        )
    );
    assert_eq!(
        page.present()
            .account("acc-000000")
            .and_then(|s| s.owner())
            .map(OwnerName::as_str),
        Some("Bob \u{202E})nepo("),
        "stored as typed"
    );
    // A name cannot close the isolate early and run its override past it: shown, its
    // embeddings, overrides and isolates are left out.
    let escaping = OwnerName::read("x\u{2069}\u{202E}y").unwrap();
    assert_eq!(escaping.to_string(), "\u{2068}xy\u{2069}");
    // An ordinary name is shown as it is.
    assert_eq!(OwnerName::parse("  Ada  ").unwrap().to_string(), "Ada");
}

#[test]
fn a_file_whose_owner_name_has_spaces_around_it_is_refused_not_trimmed_silently() {
    let events = history_at([1_795_000_000_000, 1_795_000_000_001]);
    let mut value: serde_json::Value =
        serde_json::from_str(&encode_export(&events, "0.4.0", 0)).unwrap();
    value["events"][0]["payload"]["owner"] = serde_json::Value::from("  Ada  ");
    let refused = read_import(&value.to_string()).unwrap_err().to_string();
    assert_eq!(
        refused,
        "event #1 (AccountOpened) is not what the rules record: they record Account acc-1 opened for Ada"
    );
}

#[test]
fn ids_too_long_or_with_a_tab_or_a_line_break_are_refused_by_a_file_and_a_link() {
    for (field, id) in [
        ("command id", "c".repeat(10 * 1024 * 1024)),
        ("command id", "c".repeat(65)),
        ("command id", "cmd\t1".to_string()),
        ("correlation id", "corr\n1".to_string()),
        ("stream id", "acc 1".to_string()),
    ] {
        let mut events = history_at([1_795_000_000_000, 1_795_000_000_001]);
        match field {
            "command id" => events[1].metadata.command_id = id.clone(),
            "correlation id" => events[1].metadata.correlation_id = id.clone(),
            _ => {
                for e in &mut events {
                    e.stream_id = id.clone();
                }
            }
        }
        let expected = format!(
            "the event at position {} is outside the app's limits: its {field} is not an id: at most 64 characters, letters, digits, '-', '_', '.' or ':'",
            if field == "stream id" { 1 } else { 2 }
        );
        let file = read_import(&encode_export(&events, "0.4.0", 0)).unwrap_err();
        assert_eq!(file.to_string(), expected, "{field}: {}", id.len());
        let link = read_link(&link_payload(&events), 2, 0).unwrap_err();
        assert_eq!(link.to_string(), expected, "{field}: {}", id.len());
    }
    // 64 characters of every kind allowed is an id.
    let mut events = history_at([1_795_000_000_000, 1_795_000_000_001]);
    events[1].metadata.command_id = format!("{}-_.:", "aZ9".repeat(20));
    assert_eq!(events[1].metadata.command_id.len(), 64);
    assert!(read_import(&encode_export(&events, "0.4.0", 0)).is_ok());
}

#[test]
fn a_read_model_copy_at_position_0_fits_no_ledger_and_its_invented_rows_are_never_shown() {
    use replay_bank::read_models::{copy_key, ReadModelId};
    // Given a ledger with Large movements on, and copies at position 0 with invented rows, as a
    // person editing storage would write them
    let (store, mut page) = a_page_with_deposits(&[500_000]);
    page.switch_on_large_movements();
    page.save_read_models();
    drop(page);
    let mut edited = store.clone();
    let overview = copy_key(KEY, ReadModelId::Overview.slug());
    let large = copy_key(KEY, ReadModelId::Large.slug());
    edited
        .set(
            &overview,
            "accounts-overview\tv1\t0\t\nacc-fake00\tMallory\t1\t123456789\n",
        )
        .unwrap();
    edited
        .set(
            &large,
            "large-movements\tv1\t0\t\n1\t0\tacc-fake00\t0\t500000000\n",
        )
        .unwrap();
    // When the page opens
    let page = Page::open(store, KEY);
    // Then both are rebuilt from the ledger, said so, and show no invented row
    let note = page.read_models_note().unwrap_or_default();
    assert!(
        note.contains("Accounts overview") && note.contains("Large movements"),
        "{note}"
    );
    let models = page.read_models();
    assert!(models
        .overview()
        .state()
        .rows()
        .iter()
        .all(|row| row.id == "acc-1"));
    assert_eq!(
        models.large().unwrap().state().rows(),
        &[],
        "a deposit is no large movement"
    );
    assert_eq!(models.position(ReadModelId::Overview), Some(2));
}

/// Ada's account with deposits of $50.00 and $5,000.00 (a large movement), Large movements on,
/// every read model's copy saved: the store, and the overview's copy.
fn saved_copies() -> (SharedStore, String) {
    use replay_bank::read_models::{copy_key, ReadModelId};
    let (store, mut page) = a_page_with_deposits(&[5_000, 500_000]);
    page.switch_on_large_movements();
    page.save_read_models();
    drop(page);
    let overview = store
        .get(&copy_key(KEY, ReadModelId::Overview.slug()))
        .unwrap()
        .unwrap();
    (store, overview)
}

/// The note the page opened on `store` gives about its read models, and the overview's rows.
fn opened_on(store: &SharedStore) -> (String, Vec<(String, u64)>) {
    let page = Page::open(store.clone(), KEY);
    let rows = page
        .read_models()
        .overview()
        .state()
        .rows()
        .iter()
        .map(|row| (row.id.clone(), row.balance.cents()))
        .collect();
    (
        page.read_models_note().unwrap_or_default().to_string(),
        rows,
    )
}

/// Opening `store` rebuilds the overview because its copy was edited, and shows only the
/// ledger's account, holding `cents`.
fn assert_overview_rebuilt_as_edited(store: &SharedStore, cents: u64) {
    let (note, rows) = opened_on(store);
    assert!(
        note.contains("Accounts overview (its stored copy was changed after it was written)"),
        "{note}"
    );
    assert_eq!(rows, [("acc-1".to_string(), cents)]);
}

#[test]
fn a_read_model_copy_edited_under_its_genuine_header_is_rebuilt_and_its_invented_row_never_shown() {
    use replay_bank::read_models::{copy_key, ReadModelId};
    // Given saved copies, read back as they are
    let (store, overview) = saved_copies();
    assert_eq!(
        opened_on(&store),
        (String::new(), vec![("acc-1".into(), 505_000)])
    );
    // When a row is added to the overview's copy, under the header it was written with
    let forged = format!("{overview}acc-fake00\tMallory\t1\t123456789\n");
    let key = copy_key(KEY, ReadModelId::Overview.slug());
    store.clone().set(&key, &forged).unwrap();
    // Then the next start rebuilds it from the ledger and says why: no invented row
    assert_overview_rebuilt_as_edited(&store, 505_000);
}

#[test]
fn read_model_copies_of_a_ledger_edited_within_the_rules_are_rebuilt_from_the_edited_events() {
    // Given saved copies, then the second deposit lowered from $5,000.00 to $30.00 by editing
    // the stored ledger (still a history the rules would record)
    let (store, _) = saved_copies();
    let chunk = store.get(&chunk_key(KEY, 0)).unwrap().unwrap();
    assert!(chunk.contains(",\"D\",500000,"), "{chunk}");
    let edited = chunk.replace(",\"D\",500000,", ",\"D\",3000,");
    store.clone().set(&chunk_key(KEY, 0), &edited).unwrap();
    // When the page opens
    let page = Page::open(store.clone(), KEY);
    // Then no copy is believed: each was made from the events before the edit
    assert_eq!(page.notice(), None, "the edited ledger breaks no rule");
    let note = page.read_models_note().unwrap_or_default();
    for title in [
        "Accounts overview",
        "Monthly statement",
        "Balance over time",
        "Large movements",
    ] {
        assert!(note.contains(title), "{title} is rebuilt: {note}");
    }
    assert!(
        note.contains("its stored copy was made from another history than the ledger's"),
        "{note}"
    );
    let models = page.read_models();
    assert_eq!(models.overview().state().rows()[0].balance.cents(), 8_000);
    assert_eq!(
        models.large().unwrap().state().rows(),
        &[],
        "no large movement is left"
    );
}

#[test]
fn an_older_copys_lines_and_seal_moved_under_the_current_header_are_refused() {
    use replay_bank::read_models::{copy_key, Header, ReadModelId};
    // Given the overview's copy after two deposits, then after a third
    let (store, older) = saved_copies();
    let mut page = Page::open(store.clone(), KEY);
    page.send(&deposit(100), &ctx(20));
    page.save_read_models();
    drop(page);
    let key = copy_key(KEY, ReadModelId::Overview.slug());
    let current = store.get(&key).unwrap().unwrap();
    assert_ne!(current, older);
    // When the older copy's lines and its seal of them are put under the current header (which
    // fits the ledger), as a person copying text between two genuine copies would
    let (older_first, older_body) = older.split_once('\n').unwrap();
    let (current_first, _) = current.split_once('\n').unwrap();
    let mut header = Header::parse(current_first).unwrap();
    let older_seal = Header::parse(older_first).unwrap().seal.unwrap();
    header.seal = header.seal.map(|mut seal| {
        seal.lines = older_seal.lines;
        seal
    });
    store
        .clone()
        .set(&key, &format!("{}\n{older_body}", header.line()))
        .unwrap();
    // Then the copy is rebuilt, and the page says why
    assert_overview_rebuilt_as_edited(&store, 505_100);
}

#[test]
fn a_copy_without_a_seal_is_read_only_when_it_equals_a_fold_of_the_events_it_covers() {
    use replay_bank::read_models::{copy_key, Header, ReadModelId};
    // Given the overview's copy as releases before seals wrote it: the same header without one
    let (store, overview) = saved_copies();
    let (first, body) = overview.split_once('\n').unwrap();
    let mut header = Header::parse(first).unwrap();
    assert!(header.seal.is_some(), "{first}");
    header.seal = None;
    let unsealed = format!("{}\n{body}", header.line());
    let key = copy_key(KEY, ReadModelId::Overview.slug());
    store.clone().set(&key, &unsealed).unwrap();
    // Then it is read as it is, with nothing to say, while it equals the fold
    assert_eq!(
        opened_on(&store),
        (String::new(), vec![("acc-1".into(), 505_000)])
    );
    // When a row is added to it
    store
        .clone()
        .set(
            &key,
            &format!("{unsealed}acc-fake00\tMallory\t1\t123456789\n"),
        )
        .unwrap();
    // Then it is rebuilt, and the page says why
    let (note, rows) = opened_on(&store);
    assert!(
        note.contains(
            "Accounts overview (its stored copy differs from a fold of the events it says it covers)"
        ),
        "{note}"
    );
    assert_eq!(rows, [("acc-1".to_string(), 505_000)]);
}

#[test]
fn a_stored_ledger_that_breaks_a_rule_opens_read_only_naming_the_first_event_that_breaks_it() {
    // Given Ada's account, a deposit of $50.00 and a withdrawal of $20.00, the withdrawal then
    // raised to $200.00 by editing storage
    let (store, mut page) = a_page_with_deposits(&[5_000]);
    page.send(&withdraw(2_000), &ctx(9));
    drop(page);
    let chunk = store.get(&chunk_key(KEY, 0)).unwrap().unwrap();
    assert!(chunk.contains(",\"W\",2000,"), "{chunk}");
    let edited = chunk.replace(",\"W\",2000,", ",\"W\",20000,");
    store.clone().set(&chunk_key(KEY, 0), &edited).unwrap();
    let manifest = store.get(KEY).unwrap();
    // When the page opens, and a command is sent anyway
    let mut page = Page::open(store.clone(), KEY);
    page.send(&deposit(100), &ctx(10));
    // Then it says which event breaks which rule, shows the events read-only, and adds nothing
    let Some(StorageNotice::Unreadable(reason)) = page.notice() else {
        panic!("{:?}", page.notice());
    };
    assert!(
        reason.contains(
            "the stored ledger breaks the rules: event #3 (MoneyWithdrawn) breaks a rule: Insufficient funds: balance $50.00, tried to withdraw $200.00."
        ),
        "{reason}"
    );
    assert!(!page.can_write());
    assert_eq!(page.events().len(), 3, "shown as stored, read-only");
    assert_eq!(store.get(&chunk_key(KEY, 0)).unwrap(), Some(edited));
    assert_eq!(store.get(KEY).unwrap(), manifest);
    assert!(page.raw_data().unwrap().contains("20000"));
    // And Start fresh moves it aside, whole
    page.start_fresh(1_795_000_000_000);
    assert!(page.can_write());
    assert_eq!(page.events().len(), 0);
}

#[test]
fn a_transfer_id_leaves_room_for_its_steps_command_ids_so_a_transfer_always_finishes() {
    use replay_bank::bank_service::{BankCommand, BankService};
    use replay_bank::domain::Event;
    use replay_bank::domain::{AccountId, Rejection, TransferId};
    use replay_bank::eventstore::MAX_ID_CHARS;
    let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "t").unwrap());
    bank.handle(&opening("acc-a", "Ada"), &ctx(1)).unwrap();
    bank.handle(&to("acc-a", deposit(1_000)), &ctx(2)).unwrap();
    bank.handle(&opening("acc-b", "Grace"), &ctx(3)).unwrap();
    let transfer = |id: &str| BankCommand::Transfer {
        transfer_id: TransferId::new(id),
        from: AccountId::new("acc-a"),
        to: AccountId::new("acc-b"),
        amount: replay_bank::domain::Money::from_cents(100),
    };
    // The longest id: its last step's command id, "<id>-complete", is the longest id there is
    let longest = format!("tr-{}", "a".repeat(TransferId::MAX_LEN - 3));
    assert_eq!(format!("{longest}-complete").len(), MAX_ID_CHARS);
    bank.handle(&transfer(&longest), &ctx(4)).unwrap();
    assert!(matches!(
        bank.ledger().events().last().map(|e| &e.event),
        Some(Event::TransferCompleted)
    ));
    // One character more is refused when requested, recording nothing
    let too_long = format!("{longest}b");
    let before = bank.ledger().events().len();
    let refused = bank.handle(&transfer(&too_long), &ctx(5)).unwrap_err();
    assert_eq!(
        refused.to_string(),
        Rejection::InvalidTransferId {
            transfer_id: TransferId::new(too_long.as_str())
        }
        .to_string()
    );
    assert_eq!(bank.ledger().events().len(), before);
}

#[test]
fn an_import_into_a_full_storage_first_takes_the_room_of_the_old_ledgers_read_model_copies() {
    use replay_bank::read_models::copy_key;
    // Given a ledger with its read models' copies, and a storage with no room left
    let (store, mut page) = a_page_with_deposits(&[100, 200]);
    page.save_read_models();
    let overview = copy_key(KEY, "accounts-overview");
    assert!(store.get(&overview).unwrap().is_some());
    store.set_full_until_a_removal();
    // When a history replaces it
    page.import(a_link(&[5_000, 6_000], 0), "grace.json", 3);
    // Then the copies of the old history made the room, and the import is stored
    assert_eq!(page.alert(), None, "{:?}", page.alert());
    assert_eq!(stored_events(&store), 3);
    assert_eq!(page.events()[0].stream_id, "acc-9");
}

#[test]
fn an_account_an_earlier_release_opened_for_a_name_of_invisible_characters_still_loads_and_takes_commands(
) {
    // Given a ledger as release 0.4.0 recorded it: an account opened for two zero-width spaces
    // (that release accepted such a name), then a deposit
    let invisible = "\u{200B}\u{200B}";
    let chunk = format!(
        r#"{{"first":1,"t":1795000000000,"streams":["acc-1"],"rows":[[0,0,"O","acc-1","{invisible}","cmd-0"],[0,5,"D",5000,"cmd-1"]]}}"#
    );
    let store = storage_holding(&chunk);
    // When the page opens on it
    let mut page = Page::open(store.clone(), KEY);
    // Then every event is read, nothing is said against it, and commands go on
    assert_eq!(page.notice(), None);
    assert_eq!(page.events().len(), 2);
    assert!(page.can_write());
    page.send(&deposit(100), &ctx(7));
    assert_eq!(page.events().len(), 3);
    assert_eq!(balance(page.present(), "acc-1"), cents(5_100));
    // And the name is shown as recorded (it holds no character that could move the text
    // around it, so it needs no isolating)
    assert_eq!(
        page.account_choices(),
        [("acc-1".to_string(), invisible.to_string())]
    );
    // And its export imports elsewhere, as a file from that release would
    let exported = encode_export(page.events(), "0.4.0", 0);
    assert_eq!(read_import(&exported).map(|i| i.events.len()), Ok(3));
    // And a deposit on it exports as a Rust test that builds the name as recorded (`parse`, for
    // typed names, would refuse it)
    let spec = replay_bank::app::spec_of_event(page.events(), 3).unwrap();
    let rust = spec.to_rust("a_deposit");
    assert!(
        rust.contains(&format!("owner: OwnerName::read({invisible:?}).unwrap()")),
        "{rust}"
    );
    // While a new account with such a name is refused
    page.send(&open("acc-2", invisible), &ctx(8));
    assert_eq!(page.events().len(), 3);
}
