//! Commands are idempotent by command id: the same id sent again (a double click, a retry after a
//! lost answer) appends nothing and says it was already handled; a new id is a new command.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::TransferRequest;
use replay_bank::app::{Consistency, Delivery, FlowOutcome};
use replay_bank::bank_service::{BankCommand, BankService, CommandError};
use replay_bank::domain::{Check, Command, TransferId};
use replay_bank::eventstore::{Ledger, RecordedEvent};
use support::page::*;
use support::stores::SharedStore;
use support::*;

fn stored(store: &SharedStore) -> Vec<RecordedEvent> {
    Ledger::open(store.clone(), KEY).unwrap().events().to_vec()
}

fn a_bank() -> (SharedStore, BankService<SharedStore>) {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    bank.handle(&to("acc-1", deposit(10_000)), &ctx(2)).unwrap();
    bank.handle(&opening("acc-2", "Grace"), &ctx(3)).unwrap();
    (store, bank)
}

#[test]
fn given_a_deposit_recorded_when_its_command_id_is_sent_again_then_nothing_is_appended_and_it_says_where_it_went(
) {
    let (store, mut bank) = a_bank();
    let recorded = bank.handle(&to("acc-1", deposit(500)), &ctx(4)).unwrap();
    let before = stored(&store);

    let again = bank.handle(&to("acc-1", deposit(500)), &ctx(4));

    assert_eq!(
        again,
        Err(CommandError::AlreadyHandled {
            command_id: "cmd-4".into(),
            position: recorded[0].position,
        })
    );
    assert_eq!(bank.ledger().events(), &before[..], "nothing appended");
    assert_eq!(stored(&store), before, "nothing written");
    assert_eq!(
        again.unwrap_err().to_string(),
        format!(
            "Already handled: command cmd-4 recorded event #{}; nothing was appended again.",
            recorded[0].position
        )
    );
    // A new id is a new command, even for the same deposit.
    assert_eq!(
        bank.handle(&to("acc-1", deposit(500)), &ctx(5))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn given_a_command_of_two_events_the_id_names_the_first_and_a_reopened_ledger_still_knows_it() {
    let (store, mut bank) = a_bank();
    let closed = bank
        .handle(&to("acc-1", Command::CloseAccount), &ctx(4))
        .unwrap();
    assert_eq!(closed.len(), 2, "the payout and the close");

    let mut reopened = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    let again = reopened.handle(&to("acc-1", Command::CloseAccount), &ctx(4));

    assert_eq!(
        again,
        Err(CommandError::AlreadyHandled {
            command_id: "cmd-4".into(),
            position: closed[0].position,
        })
    );
    assert_eq!(
        stored(&store).len(),
        5,
        "three events, then the payout and the close"
    );
}

#[test]
fn given_a_command_the_rules_refused_when_its_id_is_sent_again_then_it_is_decided_again() {
    let (_store, mut bank) = a_bank();
    assert!(matches!(
        bank.handle(&to("acc-1", withdraw(50_000)), &ctx(4)),
        Err(CommandError::Rejected(_))
    ));
    bank.handle(&to("acc-1", deposit(60_000)), &ctx(5)).unwrap();

    // Nothing carries id cmd-4: it is not a duplicate, and now the money is there.
    let retried = bank
        .handle(&to("acc-1", withdraw(50_000)), &ctx(4))
        .unwrap();

    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].metadata.command_id, "cmd-4");
}

#[test]
fn given_a_transfer_handled_when_its_id_is_sent_again_by_any_path_then_no_money_moves_twice() {
    let (store, mut bank) = a_bank();
    let transfer = BankCommand::Transfer {
        transfer_id: TransferId::new("tr-1"),
        from: id("acc-1"),
        to: id("acc-2"),
        amount: cents(2_500),
    };
    let recorded = bank.handle(&transfer, &ctx(4)).unwrap();
    assert_eq!(recorded.len(), 4);
    let before = stored(&store);
    let duplicate = Err(CommandError::AlreadyHandled {
        command_id: "cmd-4".into(),
        position: recorded[0].position,
    });

    assert_eq!(bank.handle(&transfer, &ctx(4)), duplicate);
    assert_eq!(
        bank.request_transfer(
            &TransferId::new("tr-2"),
            &id("acc-1"),
            &id("acc-2"),
            cents(2_500),
            &ctx(4)
        ),
        duplicate.clone().map(|_: Vec<RecordedEvent>| ())
    );
    assert_eq!(
        bank.atomic_transfer(
            &TransferId::new("tr-3"),
            &id("acc-1"),
            &id("acc-2"),
            cents(2_500),
            &ctx(4)
        ),
        duplicate
    );
    assert_eq!(stored(&store), before);
    assert_eq!(balance(&bank.current_state(), "acc-2"), cents(2_500));
}

#[test]
fn given_the_ledger_cleared_then_an_id_of_the_old_history_is_a_new_command_again() {
    let (_store, mut page) = a_page_with_deposits(&[100]);
    page.clear();
    page.send(&open("acc-1", "Ada"), &ctx(1));
    assert_eq!(page.head(), 1, "cmd-1 belonged to the old history");
}

#[test]
fn on_the_page_a_command_sent_twice_says_already_handled_lists_no_refusal_and_checks_no_rule() {
    let (store, mut page) = a_page_with_deposits(&[100]);
    let head = page.head();

    page.send(&deposit(100), &ctx(2));

    assert_eq!(page.head(), head);
    assert_eq!(stored_events(&store), head);
    assert_eq!(page.alert(), None, "a retry is safe, not an error");
    assert_eq!(
        page.status(),
        "Already handled: command cmd-2 recorded event #2; nothing was appended again."
    );
    assert!(page.rejected().is_empty());
    let flow = page.flow().expect("How it works shows it");
    assert_eq!(flow.outcome, FlowOutcome::AlreadyHandled(2));
    assert!(flow.checks.iter().all(|(_, c)| *c == Check::NotReached));
}

#[test]
fn on_the_page_a_transfer_sent_twice_moves_money_once_in_every_delivery_and_consistency() {
    for (delivery, consistency) in [
        (Delivery::Automatically, Consistency::Process),
        (Delivery::OneAtATime, Consistency::Process),
        (Delivery::Automatically, Consistency::AtomicWrite),
    ] {
        let (_store, mut page) = a_page_with_deposits(&[10_000]);
        page.send(&open("acc-2", "Grace"), &ctx(10));
        page.choose("acc-1");
        page.set_delivery(delivery, NOW);
        page.set_consistency(consistency);
        let request = TransferRequest {
            transfer_id: TransferId::new("tr-1"),
            to: "acc-2".into(),
            amount: cents(1_000),
        };
        page.transfer(&request, &ctx(11));
        let head = page.head();
        let again = TransferRequest {
            transfer_id: TransferId::new("tr-2"),
            ..request
        };

        page.transfer(&again, &ctx(11));

        assert_eq!(page.head(), head, "{delivery:?}, {consistency:?}");
        assert!(
            page.status().starts_with("Already handled: command cmd-11"),
            "{}",
            page.status()
        );
        assert_eq!(page.alert(), None);
    }
}

const NOW: i64 = 1_795_000_000_000;

#[test]
fn the_second_click_of_a_double_click_on_deposit_records_nothing_and_a_new_click_records_again() {
    let (_store, mut page) = a_page_with_deposits(&[]);
    let head = page.head();

    page.send_clicked(&deposit(100), &ctx(10), false);
    page.send_clicked(&deposit(100), &ctx(11), true);

    assert_eq!(
        page.head(),
        head + 1,
        "the second click is the same command"
    );
    assert!(page.status().starts_with("Already handled: command cmd-10"));

    page.send_clicked(&deposit(100), &ctx(12), false);
    assert_eq!(page.head(), head + 2, "a click of its own is a new command");
    page.send_clicked(&withdraw(100), &ctx(13), true);
    assert_eq!(page.head(), head + 3, "another button is another command");
}

#[test]
fn a_double_click_on_open_account_opens_one_account_though_the_form_emptied_after_the_first() {
    let (_store, mut page) = a_page();
    page.send_clicked(&open("acc-a1", "Ada"), &ctx(1), false);
    page.send_clicked(&open("acc-a2", ""), &ctx(2), true);

    assert_eq!(page.present().accounts().len(), 1);
    assert_eq!(page.chosen(), Some("acc-a1"));
    assert_eq!(page.alert(), None, "no refusal for an empty owner");
}

#[test]
fn a_double_click_on_transfer_moves_the_money_once() {
    let (_store, mut page) = a_page_with_deposits(&[10_000]);
    page.send(&open("acc-2", "Grace"), &ctx(10));
    page.choose("acc-1");
    let request = |id: &str| TransferRequest {
        transfer_id: TransferId::new(id),
        to: "acc-2".into(),
        amount: cents(1_000),
    };
    page.transfer_clicked(&request("tr-1"), &ctx(11), false);
    let head = page.head();
    page.transfer_clicked(&request("tr-2"), &ctx(12), true);

    assert_eq!(page.head(), head);
    assert_eq!(balance(page.present(), "acc-2"), cents(1_000));
}

#[test]
fn retry_the_last_command_sends_its_id_again_on_its_own_account() {
    let (_store, mut page) = a_page_with_deposits(&[100]);
    page.send(&open("acc-2", "Grace"), &ctx(10));
    page.choose("acc-1");
    page.send(&withdraw(50), &ctx(11));
    assert_eq!(page.last_command_id(), Some("cmd-11"));
    let head = page.head();
    page.choose("acc-2");

    page.retry_last(NOW + 5_000);

    assert_eq!(page.head(), head, "nothing appended");
    assert_eq!(
        page.chosen(),
        Some("acc-1"),
        "the retry acts on its account"
    );
    assert!(page.status().starts_with("Already handled: command cmd-11"));
}

#[test]
fn retry_after_a_refusal_decides_again_and_may_now_be_accepted() {
    let (_store, mut page) = a_page_with_deposits(&[100]);
    page.send(&withdraw(500), &ctx(10));
    assert!(page.alert().is_some(), "refused: the balance is $1.00");
    page.send(&deposit(1_000), &ctx(11));
    page.send(&withdraw(500), &ctx(10));
    // The same id, sent by Retry, now that the money is there (the retry resends cmd-10).
    page.retry_last(NOW + 5_000);
    let withdrawn = page
        .events()
        .iter()
        .filter(|r| r.metadata.command_id == "cmd-10")
        .count();
    assert_eq!(withdrawn, 1, "recorded once, then recognised");
    assert!(page.status().starts_with("Already handled: command cmd-10"));
}

#[test]
fn with_nothing_sent_yet_retry_says_so() {
    let (_store, mut page) = a_page();
    assert_eq!(page.last_command_id(), None);
    page.retry_last(NOW);
    assert_eq!(
        page.alert().map(|a| a.text.as_str()),
        Some("There is no command to retry yet.")
    );
}
