//! What the page says, composed natively in `app/` and tested here word for word: the slider,
//! the command form's money row, "How it works", and the storage banners.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::app::{
    events_applied, money_action, replay_cost, slider_value_text, FlowOutcome, MoneyAction,
    MoneyFormError, StorageNotice, Unsaved,
};
use replay_bank::domain::{Day, Money};

#[test]
fn the_slider_says_where_it_stands_in_words() {
    assert_eq!(
        slider_value_text(0, 10_001, None),
        "The start: 0 of 10,001 events applied"
    );
    assert_eq!(
        slider_value_text(2_921, 10_001, Some("MoneyDeposited")),
        "Events applied: 2,921 of 10,001, up to MoneyDeposited"
    );
    assert_eq!(
        events_applied(2_921, 10_001),
        "Events applied: 2,921 / 10,001"
    );
}

#[test]
fn the_cost_of_a_jump_is_said_only_once_checkpoints_are_in_use() {
    assert_eq!(replay_cost(1_000, 0, 1_000), None);
    assert_eq!(
        replay_cost(1_001, 0, 999).as_deref(),
        Some("Rebuilt from the first event: 999 events.")
    );
    assert_eq!(
        replay_cost(100_000, 42_000, 1).as_deref(),
        Some("Rebuilt from the snapshot at event 42,000: 1 event replayed instead of 42,001.")
    );
}

#[test]
fn each_button_of_the_money_row_sends_its_own_command() {
    let ten = Money::parse("10").unwrap();
    assert_eq!(
        money_action("deposit", "10", "", ""),
        Ok(MoneyAction::Deposit {
            amount: ten,
            effective_on: None
        })
    );
    assert_eq!(
        money_action("", "10", "acc-2", ""),
        Ok(MoneyAction::Deposit {
            amount: ten,
            effective_on: None
        }),
        "Enter in the Amount field deposits"
    );
    assert_eq!(
        money_action("withdraw", "10", "", ""),
        Ok(MoneyAction::Withdraw(ten))
    );
    assert_eq!(
        money_action("transfer", "10", "acc-2", ""),
        Ok(MoneyAction::Transfer {
            to: "acc-2".into(),
            amount: ten
        })
    );
    assert_eq!(
        money_action("crash", "10", "acc-2", ""),
        Ok(MoneyAction::CrashAfterDebit {
            to: "acc-2".into(),
            amount: ten
        })
    );
}

#[test]
fn the_money_row_says_what_is_wrong_and_sends_nothing() {
    let no_destination = money_action("transfer", "10", "", "").unwrap_err();
    assert_eq!(no_destination, MoneyFormError::NoDestination);
    assert_eq!(
        no_destination.message(),
        "To account: open a second account to send money to."
    );
    let bad = money_action("withdraw", "ten", "", "").unwrap_err();
    assert!(matches!(bad, MoneyFormError::Amount(_)));
    assert!(bad.message().starts_with("Amount: "), "{}", bad.message());
    assert_eq!(
        bad.message(),
        format!("Amount: {}", Money::parse("ten").unwrap_err())
    );
}

#[test]
fn a_deposit_carries_the_date_it_took_effect_and_only_a_deposit_does() {
    let ten = Money::parse("10").unwrap();
    assert_eq!(
        money_action("deposit", "10", "", "2026-12-01"),
        Ok(MoneyAction::Deposit {
            amount: ten,
            effective_on: Some(Day::parse("2026-12-01").unwrap())
        })
    );
    for button in ["withdraw", "transfer"] {
        let refused = money_action(button, "10", "acc-2", "2026-12-01").unwrap_err();
        assert_eq!(
            refused.message(),
            "Took effect on: only a deposit can be back-dated. Clear the date to withdraw or transfer."
        );
    }
    let not_a_date = money_action("deposit", "10", "", "2026-02-30").unwrap_err();
    assert_eq!(
        not_a_date.message(),
        "Took effect on: \"2026-02-30\" is not a date such as 2026-03-01."
    );
}

#[test]
fn how_it_works_says_how_far_each_command_went() {
    let recorded = FlowOutcome::Recorded(vec!["#3 MoneyDeposited".into()]).words();
    assert_eq!(
        recorded.store,
        "Appended #3 MoneyDeposited: never changed from now on."
    );
    assert_eq!(
        recorded.projection,
        "The read models took in the new events; the account's current state is folded from its own events when the next command is decided. The ledger is not rebuilt: it is the events."
    );
    assert!(!recorded.stopped_at_step_one && !recorded.store_failed);

    let refused = FlowOutcome::Refused("insufficient funds".into()).words();
    assert_eq!(
        refused.store,
        "Not reached: refused at step one (insufficient funds). Nothing was appended."
    );
    assert_eq!(
        refused.projection,
        "Not reached: with no new event there is nothing to rebuild."
    );
    assert!(refused.stopped_at_step_one);

    let again = FlowOutcome::AlreadyHandled(7).words();
    assert_eq!(
        again.store,
        "Not reached: this command id was handled before (event #7), so nothing was appended again. This handler keeps each command id with its events, which makes a retry safe; a deposit sent again with a new id would deposit again."
    );
    assert!(again.stopped_at_step_one);

    let failed = FlowOutcome::Failed("browser storage is full".into()).words();
    // A failed append is a command not committed yet, not an event that exists already.
    assert!(failed
        .store
        .starts_with("The append did not commit: browser storage is full. Until it does, the command is pending and its events are not facts"));
    assert!(failed
        .projection
        .contains("they become part of the history only when the append commits"));
    assert!(!failed.store.contains("Accepted"));
    assert!(failed.store_failed && !failed.stopped_at_step_one);
}

#[test]
fn the_storage_banners_say_what_happened_and_how_many() {
    assert_eq!(
        StorageNotice::MemoryOnly("this page was asked to keep nothing (storage=memory)".into())
            .headline(),
        "The ledger lives in memory and is lost on reload: this page was asked to keep nothing (storage=memory)."
    );
    assert_eq!(
        StorageNotice::Unreadable("chunk 0 is missing".into()).headline(),
        "The saved ledger could not be loaded: chunk 0 is missing"
    );
    let unsaved = |count| Unsaved {
        count,
        reason: "browser storage is full".into(),
    };
    assert_eq!(
        unsaved(1).headline(),
        "1 event is pending, not committed: browser storage is full."
    );
    assert_eq!(
        unsaved(2).headline(),
        "2 events are pending, not committed: browser storage is full."
    );
}

#[test]
fn the_confirmations_say_what_replacing_or_deleting_loses() {
    use replay_bank::app::confirmations::{
        clear_dialog, keep_shared_dialog, own_ledger_unreadable, shared_history_banner,
    };
    assert_eq!(
        shared_history_banner(1),
        "You are looking at a shared history of 1 event, read-only. Your own ledger is untouched."
    );
    assert_eq!(
        keep_shared_dialog(12_345),
        "Your own ledger's 12,345 events are deleted for good, and the shared history becomes your ledger."
    );
    assert_eq!(
        own_ledger_unreadable("chunk 0 is missing"),
        "Your stored ledger could not be read, so it was not replaced: chunk 0 is missing."
    );
    assert_eq!(
        clear_dialog(1),
        "This deletes the ledger's only event for good: the account, its balance and its history. It cannot be undone."
    );
    assert_eq!(
        clear_dialog(2_921),
        "This deletes all 2,921 events for good: the account, its balance and its history. It cannot be undone."
    );
}

#[test]
fn events_to_generate_takes_a_whole_number_in_range_and_says_what_is_wrong_otherwise() {
    use replay_bank::app::events_to_generate;
    use replay_bank::app::history_generator::MAX_GENERATED;
    assert_eq!(events_to_generate(" 10,000 "), Ok(10_000));
    assert_eq!(events_to_generate("1"), Ok(1));
    assert_eq!(
        events_to_generate(&MAX_GENERATED.to_string()),
        Ok(MAX_GENERATED)
    );
    let why = format!(
        "Events to generate: enter a whole number from 1 to {}.",
        replay_bank::app::group_thousands(MAX_GENERATED)
    );
    for bad in [
        "0",
        "-5",
        "2.5",
        "lots",
        "",
        &(MAX_GENERATED + 1).to_string(),
    ] {
        assert_eq!(events_to_generate(bad), Err(why.clone()), "{bad:?}");
    }
}

#[test]
fn the_generation_progress_says_how_many_of_how_many() {
    let progress = replay_bank::app::Progress {
        done: 2_000,
        total: 10_000,
    };
    assert_eq!(progress.label(), "Generated 2,000 of 10,000 events");
}

#[test]
fn a_refused_import_names_the_file_and_says_the_ledger_is_unchanged() {
    use replay_bank::app::{import_refused, ImportRefusal};
    assert_eq!(
        import_refused("huge.json", &ImportRefusal::TooLarge),
        "Import refused: \"huge.json\" is larger than 64 MB, more than any ledger this demo writes. The current ledger is unchanged."
    );
    assert_eq!(
        import_refused("gone.json", &ImportRefusal::Unreadable),
        "\"gone.json\" could not be read. The current ledger is unchanged."
    );
    assert_eq!(
        import_refused(
            "bad.json",
            &ImportRefusal::Refused("event #2 breaks a rule".into())
        ),
        "Import refused: \"bad.json\": event #2 breaks a rule. The current ledger is unchanged."
    );
    assert_eq!(
        replay_bank::app::link_damaged(),
        "the link is incomplete or damaged (its data does not decompress: part of it may be missing)"
    );
}

#[test]
fn the_crud_twin_counts_what_it_overwrote_and_says_why_only_the_ledger_has_money_in_flight() {
    use replay_bank::app::crud_words::{in_flight_only_in_the_ledger, values_destroyed};
    assert_eq!(
        values_destroyed(0),
        "Nothing overwritten yet: an INSERT destroys nothing."
    );
    assert_eq!(
        values_destroyed(1),
        "CRUD has overwritten 1 value so far; every one is still in the ledger."
    );
    let in_flight = in_flight_only_in_the_ledger(Money::parse("20").unwrap());
    assert!(in_flight
        .starts_with("The ledger shows $20.00 in flight; CRUD has none, as it moved the money in one transaction."));
    // The gap is a choice of boundaries, not something CRUD suffers from.
    assert!(in_flight.contains("each account is its own consistency boundary"));
    assert!(!in_flight.contains("crash"));
}

#[test]
fn the_stage_says_what_a_running_transfer_does_next_and_what_the_cursor_event_changed() {
    use replay_bank::app::last_change;
    use replay_bank::app::transfer_words::running_transfer;
    use replay_bank::domain::{AccountId, Event, TransferId, TransferProgress};
    use replay_bank::eventstore::{CommandContext, RecordedEvent};
    let mut progress = TransferProgress::requested(
        TransferId::new("tr-1"),
        AccountId::new("acc-a"),
        AccountId::new("acc-b"),
        Money::parse("20").unwrap(),
    );
    assert_eq!(
        running_transfer(&progress, |id| if id.as_str() == "acc-a" {
            "Ada Lovelace".to_string()
        } else {
            "Grace Hopper".to_string()
        }),
        format!(
            "Transfer of $20.00 from Ada Lovelace to Grace Hopper: next, {}.",
            progress.next_step().describe()
        )
    );
    let debit = Event::TransferDebited {
        transfer_id: TransferId::new("tr-1"),
        to: AccountId::new("acc-b"),
        amount: Money::parse("20").unwrap(),
    };
    progress.apply(&debit);
    assert!(running_transfer(&progress, ToString::to_string)
        .ends_with(&format!("next, {}.", progress.next_step().describe())));

    let context = CommandContext {
        command_id: "tr-1-debit".into(),
        correlation_id: "tr-1".into(),
        now_ms: 0,
    };
    let recorded = |position: u64, stream: &str, event: Event| RecordedEvent {
        position,
        stream_id: stream.into(),
        stream_version: 1,
        recorded_at_ms: 0,
        metadata: context.metadata(),
        schema_version: 1,
        event,
    };
    let applied = [
        recorded(
            1,
            "acc-b",
            Event::MoneyDeposited {
                amount: Money::parse("5").unwrap(),
                effective_on: None,
            },
        ),
        recorded(2, "acc-a", debit),
        recorded(3, "acc-c", Event::AccountClosed),
    ];
    // The chosen account's own last event, not the cursor's event in another stream.
    assert_eq!(
        last_change(&applied, "acc-a"),
        Some("\u{2212}$20.00 by #2".to_string())
    );
    assert_eq!(
        last_change(&applied, "acc-b"),
        Some("+$5.00 by #1".to_string())
    );
    assert_eq!(
        last_change(&applied[..1], "acc-a"),
        None,
        "before its first event"
    );
}

#[test]
fn the_retry_hint_and_the_refusal_count_say_what_they_count() {
    use replay_bank::app::{refused_this_visit, retry_hint};
    assert_eq!(
        retry_hint("cmd-3f9a1c"),
        "Sends command cmd-3f9a1c again, as a client does when an answer is lost. A deposit is not idempotent by itself; this handler makes the retry safe: it keeps each command id with its events, so an id the ledger already holds is not handled twice, and a refused one is decided again."
    );
    assert_eq!(
        refused_this_visit(1),
        "Refused this visit, and never recorded: 1 command. "
    );
    assert_eq!(
        refused_this_visit(3),
        "Refused this visit, and never recorded: 3 commands. "
    );
}

#[test]
fn the_labels_around_the_panels_say_where_the_person_is() {
    use replay_bank::app::labels::*;
    assert_eq!(
        scenario_heading("An overdraft attempt"),
        "Scenario: An overdraft attempt"
    );
    assert_eq!(scenario_step(1, 5), "Step 2 of 5");
    assert_eq!(step_dot(0), "Step 1");
    assert_eq!(look_at("Rejected attempts"), "Look at: Rejected attempts");
    assert_eq!(ledger_count(1), "1 event, newest last. ");
    assert_eq!(ledger_count(10_001), "10,001 events, newest last. ");
    assert_eq!(envelope_button(1234), "Envelope JSON for #1234");
    assert_eq!(envelope_heading(1234), "Envelope of event #1234");
    assert_eq!(
        read_as(2),
        "Stored in an older version; read as v2 through the upcasters:"
    );
    assert_eq!(
        last_change_label("+$50.00 by #2"),
        "Last change: +$50.00 by #2"
    );
    assert_eq!(pinned("Compare with CRUD"), "Pinned: Compare with CRUD");
    assert_eq!(stored_version(2), "v2");
}

#[test]
fn a_stopped_generation_says_why_and_what_it_recorded_saved_and_not() {
    use replay_bank::app::stopped_words;
    let full = "browser storage is full";
    assert_eq!(
        stopped_words(full, 16_000, 1_000),
        "Generating stopped: browser storage is full. It recorded 16,000 events: 15,000 saved, 1,000 only in this tab, not saved."
    );
    assert_eq!(
        stopped_words(full, 16_000, 0),
        "Generating stopped: browser storage is full. It recorded 16,000 events, all saved."
    );
    assert_eq!(
        stopped_words(full, 1, 1),
        "Generating stopped: browser storage is full. It recorded 1 event, not saved: only this tab holds it."
    );
    assert_eq!(
        stopped_words(full, 2_000, 2_000),
        "Generating stopped: browser storage is full. It recorded 2,000 events, none saved: only this tab holds them."
    );
    assert_eq!(
        stopped_words("the stored ledger cannot be read", 0, 0),
        "Generating stopped: the stored ledger cannot be read. It recorded no event."
    );
}

#[test]
fn the_glossary_tells_apart_what_an_expert_would() {
    use replay_bank::app::glossary::{term_of, TERMS};
    let meaning = |id: &str| term_of(id).unwrap_or_else(|| panic!("{id}")).meaning;
    // Decision state is not a read model; a projection is the code, a read model what it makes.
    assert!(meaning("state").contains("what a command is decided against"));
    assert!(meaning("state").contains("It is not a read model"));
    assert_eq!(
        meaning("projection"),
        "The code that folds events into a read model, one event at a time."
    );
    assert!(meaning("read-model").contains("it never decides a command"));
    assert!(meaning("ledger").contains("It is never rebuilt: it is the events."));
    // A checkpoint is a position processed; a snapshot a state kept, here in memory.
    assert!(meaning("checkpoint").starts_with("The position a subscriber has processed up to"));
    assert!(meaning("snapshot").contains("keeps one in memory every 1,000 events"));
    assert!(meaning("snapshot").contains("Keep streams short first and snapshot last"));
    // A process manager runs a saga; a boundary is a choice; a compensation follows a commit.
    assert_eq!(term_of("process").map(|t| t.term), Some("Process manager"));
    assert!(meaning("process").contains("What it runs is a saga"));
    assert!(meaning("boundary").contains("Where to draw it is a design choice"));
    assert!(meaning("compensation").contains("already committed, in another boundary"));
    // A different business fact is a new type; the same fact in a new shape, a new version.
    assert!(meaning("event-type").contains("closing now records BalancePaidOut"));
    assert!(meaning("event-type").contains("its type gets a new version"));
    // Every term once, each with words.
    for (i, t) in TERMS.iter().enumerate() {
        assert!(!t.meaning.is_empty(), "{}", t.id);
        assert!(TERMS[..i].iter().all(|u| u.id != t.id), "{} twice", t.id);
    }
}

#[test]
fn an_atomic_transfer_is_said_to_be_optimistic_not_a_lock() {
    use replay_bank::app::Consistency;
    let cost = Consistency::AtomicWrite.cost();
    assert!(cost.contains("That is optimistic, not a lock"), "{cost}");
    assert!(cost.contains("which many cannot"), "{cost}");
    assert!(
        cost.contains("one that applies them one by one, like the slider, can stop between the debit and the credit"),
        "{cost}"
    );
    assert!(!cost.contains("lock across"), "{cost}");
}
