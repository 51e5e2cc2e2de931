//! The page model on the own ledger, as given/when/then sentences: commands, the "How it
//! works" flow, the time-travel cursor, clearing, importing, generating. No browser needed.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{Cursor, FlowOutcome, Progress, Said};
use replay_bank::domain::{Check, Command, Money, Rule};
use replay_bank::eventstore::{encode_export, read_import};
use replay_bank::read_models::{fold, BankState};
use support::page::*;
use support::*;

#[test]
fn a_command_on_your_own_ledger_is_appended_stored_and_reported() {
    // Given an empty own ledger
    let (store, mut page) = a_page();
    // When a person opens an account
    page.send(&open("acc-1", "Ada"), &ctx(1));
    // Then it is on screen, in storage, and said
    assert_eq!(page.head(), 1);
    assert_eq!(stored_events(&store), 1);
    assert_eq!(page.status(), "Recorded AccountOpened (#1).");
    assert_eq!(page.alert(), None);
    let flow = page.flow().expect("the flow of the last command");
    assert_eq!(
        flow.outcome,
        FlowOutcome::Recorded(vec!["#1 AccountOpened".into()])
    );
    assert!(flow.checks.iter().all(|(_, check)| *check == Check::Passed));
    assert!(page.can_write());
}

#[test]
fn closing_with_money_reports_both_events_in_order() {
    let (_, mut page) = a_page_with_deposits(&[5_000]);
    page.send(&Command::CloseAccount, &ctx(9));
    assert_eq!(
        page.status(),
        "Recorded BalancePaidOut (#3) then AccountClosed (#4)."
    );
}

#[test]
fn a_refused_command_is_listed_among_the_rejected_attempts_and_appends_nothing() {
    // Given Ada's account with $70.00
    let (store, mut page) = a_page_with_deposits(&[7_000]);
    // When she tries to withdraw $100.00
    page.send(&withdraw(10_000), &ctx(9));
    // Then nothing is appended, the refusal is said and listed
    assert_eq!(page.head(), 2);
    assert_eq!(stored_events(&store), 2);
    assert_eq!(page.status(), "");
    let alert = page.alert().expect("an alert").text.clone();
    assert!(alert.starts_with("Rejected: Insufficient funds"), "{alert}");
    let [attempt] = page.rejected() else {
        panic!("one rejected attempt, got {:?}", page.rejected())
    };
    assert_eq!(attempt.id, 1);
    assert_eq!(attempt.command, "Withdraw $100.00");
    assert_eq!(attempt.rule.name(), "No overdraft");
    let flow = page.flow().unwrap();
    assert!(matches!(flow.outcome, FlowOutcome::Refused(_)));
    assert!(flow.checks.contains(&(Rule::NoOverdraft, Check::Failed)));
}

#[test]
fn a_command_while_commands_are_off_is_not_sent_rather_than_failed_in_the_store() {
    // Given a shared history on screen (commands off)
    let (store, mut page) = a_page_with_deposits(&[]);
    page.show_shared(a_link(&[100], 2));
    // When a command comes anyway (a keyboard shortcut, say)
    page.send(&deposit(500), &ctx(9));
    // Then it never reached the rules or the store, and the flow says so
    let flow = page.flow().expect("the flow of the last command");
    assert_eq!(
        flow.outcome,
        FlowOutcome::NotSent("a shared history is shown, read-only".into())
    );
    assert!(flow
        .checks
        .iter()
        .all(|(_, check)| *check == Check::NotReached));
    assert_eq!(
        page.alert().unwrap().text,
        "Commands are off right now: see the message above."
    );
    assert_eq!(page.head(), 2, "the shared history is untouched");
    assert_eq!(stored_events(&store), 1, "the own ledger is untouched");
    assert!(page.rejected().is_empty(), "nothing was refused by a rule");
}

#[test]
fn each_command_gets_a_new_flow_id_so_the_panel_replays() {
    let (_, mut page) = a_page();
    page.send(&open("acc-1", "Ada"), &ctx(1));
    let first = page.flow().unwrap().id;
    page.send(&deposit(100), &ctx(2));
    assert_eq!(page.flow().unwrap().id, first + 1);
}

#[test]
fn a_command_sent_from_the_past_returns_the_view_to_now() {
    let (_, mut page) = a_page_with_deposits(&[100, 200]);
    page.seek(1);
    assert!(page.in_past());
    page.send(&deposit(300), &ctx(9));
    assert_eq!(page.cursor(), Cursor::Present);
    assert_eq!(page.shown(), 4);
}

#[test]
fn the_slider_steps_and_seeks_within_the_history_and_back_to_now() {
    let (_, mut page) = a_page_with_deposits(&[100, 200, 300]);
    page.step_back();
    assert_eq!(page.shown(), 3);
    page.seek(0);
    page.step_back();
    assert_eq!(page.shown(), 0, "genesis is as far back as it goes");
    page.step_forward();
    assert_eq!(page.cursor(), Cursor::At(1));
    assert_eq!(page.bank_at_cursor().events_applied, 1);
    page.back_to_now();
    assert!(!page.in_past());
    page.seek(99);
    assert_eq!(page.cursor(), Cursor::Present);
}

#[test]
fn the_cursor_returns_to_the_present_when_history_shrinks_under_it() {
    // Given a page looking at event 1 of 4
    let (store, mut page) = a_page_with_deposits(&[100, 200, 300]);
    page.seek(1);
    // When another tab clears the ledger and writes two events
    let mut other = another_tab(&store);
    other.clear();
    other.send(&open("acc-2", "Grace"), &ctx(20));
    other.send(&deposit(100), &ctx(21));
    page.another_tab_wrote(1_795_000_000_100);
    // Then event 1 of the new history is not what the person was looking at: back to now
    assert_eq!(page.head(), 2);
    assert_eq!(page.cursor(), Cursor::Present);
}

#[test]
fn the_revision_changes_when_the_events_change_and_not_when_the_slider_moves() {
    let (_, mut page) = a_page_with_deposits(&[100]);
    let before = page.revision();
    page.seek(0);
    page.back_to_now();
    assert_eq!(page.revision(), before);
    page.send(&deposit(100), &ctx(9));
    assert_ne!(page.revision(), before);
}

#[test]
fn what_the_page_said_is_taken_once_and_a_slider_move_says_nothing() {
    let (_, mut page) = a_page();
    page.send(&open("acc-1", "Ada"), &ctx(1));
    let said = page.take_said();
    assert_eq!(said.status.as_deref(), Some("Recorded AccountOpened (#1)."));
    assert_eq!(said.alert, Some(None), "a success takes the alert down");
    page.seek(0);
    assert_eq!(page.take_said(), Said::default());
    page.fail("Amount: not a number");
    let said = page.take_said();
    assert_eq!(said.status.as_deref(), Some(""));
    assert_eq!(said.alert.unwrap().unwrap().text, "Amount: not a number");
}

#[test]
fn the_same_failure_said_twice_is_two_alerts() {
    let (_, mut page) = a_page();
    page.fail("Choose a scenario first.");
    let first = page.alert().unwrap().id;
    page.fail("Choose a scenario first.");
    assert_ne!(page.alert().unwrap().id, first);
}

#[test]
fn clearing_deletes_every_event_and_the_rejected_attempts() {
    // Given a ledger with a refusal, looked at in the past
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.send(&withdraw(10_000), &ctx(9));
    page.seek(1);
    // When the person clears it
    page.clear();
    // Then
    assert_eq!(page.head(), 0);
    assert_eq!(stored_events(&store), 0);
    assert!(page.rejected().is_empty());
    assert_eq!(page.cursor(), Cursor::Present);
    assert_eq!(
        page.status(),
        "The ledger was cleared: every event was deleted."
    );
    assert_eq!(page.alert(), None);
}

#[test]
fn an_imported_file_replaces_the_ledger_and_lands_at_its_cursor() {
    // Given an own ledger of 2 events and a file of 3 exported at event 2
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.send(&withdraw(10_000), &ctx(9));
    let file = encode_export(
        &someone_elses_history(&[open("acc-9", "Grace"), deposit(100), deposit(200)]),
        "0.1.0",
        2,
    );
    let import = read_import(&file).unwrap();
    // When it is imported, the person having seen 2 events
    page.import(import, "grace.json", 2);
    // Then
    assert_eq!(page.head(), 3);
    assert_eq!(stored_events(&store), 3);
    assert_eq!(page.cursor(), Cursor::At(2));
    assert_eq!(
        page.status(),
        "Imported 3 events from \"grace.json\"; the slider shows event 2."
    );
    assert!(page.rejected().is_empty());
}

#[test]
fn after_an_import_of_as_many_events_every_point_of_the_slider_shows_the_new_history() {
    // Given an own ledger of 1,201 events: past the first checkpoint, at 1,000
    let (_, mut page) = a_page_with_deposits(&[1; 1_200]);
    assert_eq!(page.head(), 1_201);
    assert_eq!(
        page.bank_at(1_201).totals().deposited,
        Money::from_cents(1_200)
    );
    // When a history of as many events, with other amounts, replaces it
    page.import(a_link(&[7; 1_200], 0), "grace.json", 1_201);
    assert_eq!(page.head(), 1_201);
    // Then every point is folded from the new events, none from the old ones' checkpoints
    let events = page.events().to_vec();
    for k in [0, 1, 999, 1_000, 1_001, 1_201] {
        assert_eq!(page.bank_at(k), fold::<BankState>(&events[..k]), "at {k}");
    }
    assert_eq!(
        page.bank_at(1_201).totals().deposited,
        Money::from_cents(8_400)
    );
}

#[test]
fn an_import_is_refused_when_the_ledger_changed_since_the_person_confirmed() {
    let (store, mut page) = a_page_with_deposits(&[100]);
    let import = a_link(&[100, 200], 0);
    page.import(import, "grace.json", 1);
    assert_eq!(page.head(), 2);
    assert_eq!(stored_events(&store), 2);
    let alert = page.alert().unwrap().text.clone();
    assert!(
        alert.starts_with("Nothing was imported from \"grace.json\":")
            && alert.ends_with("The current ledger is unchanged."),
        "{alert}"
    );
}

#[test]
fn generating_appends_in_batches_with_one_storage_write_each_and_commands_paused() {
    // Given Ada's open account
    let (store, mut page) = a_page_with_deposits(&[]);
    let manifest_writes = || store.writes.borrow().iter().filter(|k| *k == KEY).count();
    let before = manifest_writes();
    // When 4,500 commands are generated
    page.generate(4_500, 7, "gen-test".into());
    assert!(!page.can_write(), "commands are paused while generating");
    assert_eq!(
        page.progress(),
        Some(Progress {
            done: 0,
            total: 4_500
        })
    );
    assert!(page.generate_batch(1_795_000_000_000));
    assert_eq!(
        page.progress(),
        Some(Progress {
            done: 2_000,
            total: 4_500
        })
    );
    assert_eq!(manifest_writes(), before + 1, "one write per batch");
    assert!(page.generate_batch(1_795_000_000_001));
    assert!(
        !page.generate_batch(1_795_000_000_002),
        "the third batch is the last"
    );
    // Then every command went through the rules, was stored, and is said
    assert_eq!(manifest_writes(), before + 3);
    assert_eq!(page.progress(), None);
    assert!(page.can_write());
    assert_eq!(page.head(), 4_501);
    assert_eq!(stored_events(&store), 4_501);
    assert_eq!(page.status(), "Generated 4,500 events.");
}

#[test]
fn stopping_a_generation_keeps_what_was_generated_after_the_batch_in_progress() {
    let (_, mut page) = a_page_with_deposits(&[]);
    page.generate(10_000, 7, "gen-test".into());
    assert!(page.generate_batch(1_795_000_000_000));
    page.stop_generating();
    assert!(!page.generate_batch(1_795_000_000_001));
    assert_eq!(page.head(), 2_001);
    assert_eq!(page.status(), "Generated 2,000 events.");
    assert_eq!(page.progress(), None);
}

#[test]
fn a_command_while_generating_is_not_sent() {
    let (_, mut page) = a_page_with_deposits(&[]);
    page.generate(10, 7, "gen-test".into());
    page.send(&deposit(100), &ctx(9));
    assert_eq!(
        page.flow().unwrap().outcome,
        FlowOutcome::NotSent("history is being generated".into())
    );
    assert_eq!(page.head(), 1);
}

#[test]
fn a_full_store_keeps_accepted_events_unsaved_until_save_now() {
    // Given storage that is full
    let (store, mut page) = a_page_with_deposits(&[]);
    store.set_full(true);
    // When a deposit is accepted
    page.send(&deposit(500), &ctx(9));
    // Then it is on screen, unsaved, and saving later writes it
    assert_eq!(page.head(), 2);
    let unsaved = page.unsaved().expect("an unsaved event").clone();
    assert_eq!(unsaved.count, 1);
    assert_eq!(unsaved.reason, "browser storage is full");
    page.save_now();
    assert!(page
        .alert()
        .unwrap()
        .text
        .starts_with("Still not committed:"));
    store.set_full(false);
    page.save_now();
    assert_eq!(page.unsaved(), None);
    assert_eq!(
        page.status(),
        "Committed: every pending event is in storage now."
    );
    assert_eq!(stored_events(&store), 2);
}

#[test]
fn an_export_carries_the_cursor_and_says_so() {
    let (_, mut page) = a_page_with_deposits(&[100, 200]);
    page.seek(2);
    let text = page.export("0.1.0");
    let import = read_import(&text).unwrap();
    assert_eq!(import.events.len(), 3);
    assert_eq!(import.cursor, 2);
    assert_eq!(
        page.status(),
        "Exported 3 events, with the cursor at event 2."
    );
}
