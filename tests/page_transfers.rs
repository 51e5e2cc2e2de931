//! The page's transfers, given/when/then: choosing the account, sending a transfer
//! automatically, one step at a time, as one atomic write; a crash between the debit and the
//! credit and the restart that finishes it; refusals in the list of rejected attempts.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use replay_bank::app::page::TransferRequest;
use replay_bank::app::{Consistency, Delivery, Page};
use replay_bank::domain::{
    AccountId, AccountState, Command, Event, Money, ProcessStep, Rejection, Rule, TransferId,
};
use replay_bank::eventstore::{
    check_import, CommandContext, KeyValueStore, Ledger, MemoryStore, RecordedEvent, StorageError,
};
use replay_bank::read_models::{fold, questions_at, BankState};

const KEY: &str = "page-transfers.ledger";
const NOW: i64 = 1_795_000_000_000;

/// A memory store shared by its clones, the way tabs share localStorage.
#[derive(Clone, Default, Debug)]
struct Shared(Rc<RefCell<MemoryStore>>);

impl KeyValueStore for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.0.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.0.borrow().keys()
    }
}

fn ctx(n: u32) -> CommandContext {
    CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("cmd-{n}"),
        now_ms: NOW + i64::from(n),
    }
}

fn cents(c: u64) -> Money {
    Money::from_cents(c)
}

fn request(id: &str, to: &str, c: u64) -> TransferRequest {
    TransferRequest {
        transfer_id: TransferId::new(id),
        to: to.to_string(),
        amount: cents(c),
    }
}

fn stored(store: &Shared) -> Vec<RecordedEvent> {
    Ledger::open(store.clone(), KEY)
        .expect("storage is readable")
        .events()
        .to_vec()
}

fn balance(page: &Page<Shared>, account: &str) -> Money {
    page.present()
        .account(account)
        .map(AccountState::balance)
        .expect("the account exists")
}

fn count_of(events: &[RecordedEvent], id: &str, name: &str) -> usize {
    events
        .iter()
        .filter(|r| r.event.name() == name)
        .filter(|r| r.stream_id == id || r.event.transfer_id().map(TransferId::as_str) == Some(id))
        .count()
}

/// A page over fresh storage with Ada's `acc-a` and Grace's `acc-b` holding these amounts (in
/// cents), `acc-a` chosen.
fn a_page_with_two_accounts(a: u64, b: u64) -> (Shared, Page<Shared>) {
    let store = Shared::default();
    let mut page = Page::open(store.clone(), KEY);
    let mut n = 0;
    for (account, owner, amount) in [("acc-a", "Ada", a), ("acc-b", "Grace", b)] {
        n += 1;
        page.send(
            &Command::OpenAccount {
                account_id: AccountId::new(account),
                owner: owner.to_string(),
            },
            &ctx(n),
        );
        assert_eq!(
            page.chosen(),
            Some(account),
            "the account just opened is chosen"
        );
        if amount > 0 {
            n += 1;
            page.send(
                &Command::DepositMoney {
                    amount: cents(amount),
                    effective_on: None,
                },
                &ctx(n),
            );
        }
    }
    page.choose("acc-a");
    assert_eq!(balance(&page, "acc-a"), cents(a));
    assert_eq!(balance(&page, "acc-b"), cents(b));
    (store, page)
}

#[track_caller]
fn assert_conserved(page: &Page<Shared>) {
    let totals = page.present().totals();
    assert!(totals.conserved(), "money appeared or vanished: {totals:?}");
}

#[test]
fn given_two_accounts_when_a_transfer_is_sent_automatically_then_it_completes_and_both_balances_show_it(
) {
    let (store, mut page) = a_page_with_two_accounts(10_000, 500);

    page.transfer(&request("tr-1", "acc-b", 2_500), &ctx(10));

    assert_eq!(balance(&page, "acc-a"), cents(7_500));
    assert_eq!(balance(&page, "acc-b"), cents(3_000));
    assert_eq!(page.present().ended(), (1, 0));
    assert_eq!(page.present().totals().in_flight, Money::ZERO);
    assert_conserved(&page);
    assert_eq!(page.alert(), None);
    for name in [
        "TransferRequested",
        "TransferDebited",
        "TransferCredited",
        "TransferCompleted",
    ] {
        assert!(
            page.status().contains(name),
            "the status names {name}: {}",
            page.status()
        );
    }
    assert_eq!(
        stored(&store),
        page.events(),
        "storage holds what the page shows"
    );
}

#[test]
fn given_two_accounts_when_the_other_is_chosen_then_the_transfer_goes_from_it() {
    let (_, mut page) = a_page_with_two_accounts(10_000, 4_000);

    page.choose("acc-b");
    page.choose("acc-nope");
    page.transfer(&request("tr-1", "acc-a", 1_000), &ctx(10));

    assert_eq!(
        page.chosen(),
        Some("acc-b"),
        "an unknown account is not chosen"
    );
    assert_eq!(balance(&page, "acc-b"), cents(3_000));
    assert_eq!(balance(&page, "acc-a"), cents(11_000));
}

#[test]
fn given_one_at_a_time_delivery_when_steps_are_delivered_then_the_money_is_in_flight_between_debit_and_credit(
) {
    let (store, mut page) = a_page_with_two_accounts(10_000, 500);
    page.set_delivery(Delivery::OneAtATime, NOW);

    page.transfer(&request("tr-1", "acc-b", 3_000), &ctx(10));

    assert_eq!(page.delivery(), Delivery::OneAtATime);
    assert_eq!(page.present().running().count(), 1, "requested, waiting");
    assert_eq!(
        page.present().totals().in_flight,
        Money::ZERO,
        "no money moved yet"
    );
    assert_eq!(balance(&page, "acc-a"), cents(10_000));
    assert_eq!(page.next_step_words(), Some(ProcessStep::Debit.describe()));
    assert!(page.status().contains(ProcessStep::Debit.describe()));

    page.deliver_next_step(NOW + 11);
    assert_eq!(
        page.present().totals().in_flight,
        cents(3_000),
        "debited, in flight"
    );
    assert_eq!(balance(&page, "acc-a"), cents(7_000));
    assert_eq!(balance(&page, "acc-b"), cents(500));
    assert_conserved(&page);
    assert_eq!(page.next_step_words(), Some(ProcessStep::Credit.describe()));

    page.deliver_next_step(NOW + 12);
    assert_eq!(page.present().totals().in_flight, Money::ZERO);
    assert_eq!(balance(&page, "acc-b"), cents(3_500));
    assert_conserved(&page);
    assert_eq!(
        page.next_step_words(),
        Some(ProcessStep::Complete.describe())
    );

    page.deliver_next_step(NOW + 13);
    assert_eq!(page.present().ended(), (1, 0));
    assert_eq!(page.next_step_words(), None);
    let events = stored(&store);
    assert_eq!(
        events.len(),
        page.events().len(),
        "each step was written as it was delivered"
    );

    page.deliver_next_step(NOW + 14);
    assert_eq!(
        stored(&store),
        events,
        "nothing is waiting, nothing is recorded"
    );
    assert_eq!(page.alert(), None);
}

#[test]
fn given_a_step_waiting_when_delivery_becomes_automatic_then_the_waiting_transfer_finishes() {
    let (_, mut page) = a_page_with_two_accounts(10_000, 0);
    page.set_delivery(Delivery::OneAtATime, NOW);
    page.transfer(&request("tr-1", "acc-b", 1_000), &ctx(10));
    page.deliver_next_step(NOW + 11);
    assert_eq!(page.present().totals().in_flight, cents(1_000));

    page.set_delivery(Delivery::Automatically, NOW + 12);

    assert_eq!(page.present().running().count(), 0);
    assert_eq!(page.present().ended(), (1, 0));
    assert_eq!(balance(&page, "acc-b"), cents(1_000));
    assert_eq!(page.present().totals().in_flight, Money::ZERO);
}

#[test]
fn given_a_crash_after_the_debit_then_commands_are_off_until_the_restart_completes_the_transfer() {
    let (store, mut page) = a_page_with_two_accounts(10_000, 0);

    page.crash_after_debit(&request("tr-1", "acc-b", 4_000), &ctx(10));

    assert!(page.stopped());
    assert!(!page.can_write(), "commands wait for the restart");
    assert_eq!(page.present().totals().in_flight, cents(4_000));
    assert_eq!(balance(&page, "acc-a"), cents(6_000));
    assert_conserved(&page);
    assert!(page.alert().is_some(), "the page says it stopped");
    let at_the_crash = stored(&store);
    assert_eq!(count_of(&at_the_crash, "tr-1", "TransferDebited"), 1);
    assert_eq!(count_of(&at_the_crash, "tr-1", "TransferCredited"), 0);

    page.transfer(&request("tr-2", "acc-b", 1), &ctx(11));
    page.deliver_next_step(NOW + 12);
    assert_eq!(stored(&store), at_the_crash, "nothing runs while stopped");
    assert!(
        page.rejected().is_empty(),
        "commands being off is no rule's refusal"
    );

    page.restart(NOW + 20);

    assert!(!page.stopped());
    assert!(page.can_write());
    assert_eq!(
        page.alert(),
        None,
        "the crash's alert goes with the restart"
    );
    assert_eq!(page.present().ended(), (1, 0));
    assert_eq!(page.present().totals().in_flight, Money::ZERO);
    assert_eq!(balance(&page, "acc-b"), cents(4_000));
    let status = page.status();
    for words in [
        "tr-1",
        ProcessStep::Credit.describe(),
        ProcessStep::Complete.describe(),
    ] {
        assert!(
            status.contains(words),
            "the status says \"{words}\": {status}"
        );
    }
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 1);
    assert_eq!(count_of(&events, "tr-1", "TransferCompleted"), 1);
}

#[test]
fn given_a_crash_after_the_debit_when_a_new_page_starts_over_the_same_store_then_it_finishes_the_transfer_once(
) {
    let (store, mut crashed) = a_page_with_two_accounts(10_000, 0);
    crashed.crash_after_debit(&request("tr-1", "acc-b", 4_000), &ctx(10));

    let mut fresh = Page::open(store.clone(), KEY);
    assert_eq!(
        fresh.present().totals().in_flight,
        cents(4_000),
        "it reads the money in flight"
    );
    fresh.start(NOW + 20);

    assert_eq!(fresh.present().ended(), (1, 0));
    assert_eq!(balance(&fresh, "acc-b"), cents(4_000));
    assert!(fresh.status().contains("tr-1"), "{}", fresh.status());
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 1);

    crashed.restart(NOW + 30);
    fresh.start(NOW + 40);

    assert_eq!(
        stored(&store),
        events,
        "the transfer is finished once, not again"
    );
    assert_eq!(crashed.present().ended(), (1, 0));
    assert_eq!(balance(&crashed, "acc-b"), cents(4_000));
    check_import(events, None, None).expect("a history the rules record");
}

#[test]
fn given_atomic_consistency_when_a_transfer_is_sent_then_debit_and_credit_are_one_command_and_nothing_is_in_flight(
) {
    let (store, mut page) = a_page_with_two_accounts(10_000, 500);
    page.set_consistency(Consistency::AtomicWrite);
    let before = page.events().len();

    page.transfer(&request("tr-1", "acc-b", 2_000), &ctx(10));

    assert_eq!(page.consistency(), Consistency::AtomicWrite);
    let recorded = &page.events()[before..];
    let names: Vec<&str> = recorded.iter().map(|r| r.event.name()).collect();
    assert_eq!(names, vec!["TransferDebited", "TransferCredited"]);
    assert!(recorded.iter().all(|r| r.metadata.command_id == "cmd-10"));
    assert!(
        recorded.iter().all(|r| r.stream_id != "tr-1"),
        "no transfer stream, no process"
    );
    assert_eq!(page.present().totals().in_flight, Money::ZERO);
    assert_eq!(balance(&page, "acc-a"), cents(8_000));
    assert_eq!(balance(&page, "acc-b"), cents(2_500));
    assert_eq!(stored(&store), page.events());
}

#[test]
fn given_atomic_consistency_when_a_crash_after_the_debit_is_asked_then_nothing_happens_and_commands_stay_on(
) {
    let (store, mut page) = a_page_with_two_accounts(10_000, 0);
    page.set_consistency(Consistency::AtomicWrite);
    let before = stored(&store);

    page.crash_after_debit(&request("tr-1", "acc-b", 1_000), &ctx(10));

    assert_eq!(
        stored(&store),
        before,
        "an atomic write has no moment to crash in"
    );
    assert!(!page.stopped());
    assert!(page.can_write());
    assert!(page.alert().is_some(), "the page says why");
}

#[test]
fn given_atomic_consistency_when_the_balance_is_too_low_then_the_refusal_is_listed_and_nothing_recorded(
) {
    let (store, mut page) = a_page_with_two_accounts(1_000, 0);
    page.set_consistency(Consistency::AtomicWrite);
    let before = stored(&store);

    page.transfer(&request("tr-1", "acc-b", 1_001), &ctx(10));

    let rejection = Rejection::InsufficientFunds {
        balance: cents(1_000),
        requested: cents(1_001),
    };
    assert_eq!(page.rejected().len(), 1);
    assert_eq!(page.rejected()[0].rule, Rule::NoOverdraft);
    assert_eq!(page.rejected()[0].reason, rejection.to_string());
    assert_eq!(stored(&store), before);
    assert_eq!(balance(&page, "acc-a"), cents(1_000));
}

#[test]
fn given_a_transfer_to_the_chosen_account_itself_then_it_is_listed_among_the_rejected_attempts() {
    let (store, mut page) = a_page_with_two_accounts(10_000, 0);
    let before = stored(&store);

    page.transfer(&request("tr-1", "acc-a", 500), &ctx(10));

    let rejection = Rejection::SameAccount {
        account_id: AccountId::new("acc-a"),
    };
    assert_eq!(page.rejected().len(), 1);
    let attempt = &page.rejected()[0];
    assert_eq!(attempt.rule, Rule::DifferentAccounts);
    assert_eq!(attempt.reason, rejection.to_string());
    assert!(
        page.alert()
            .is_some_and(|a| a.text.contains(&rejection.to_string())),
        "the alert says why"
    );
    assert_eq!(stored(&store), before, "a refusal records nothing");
}

#[test]
fn given_no_account_when_a_transfer_is_sent_then_it_is_refused_for_want_of_an_account() {
    let store = Shared::default();
    let mut page = Page::open(store.clone(), KEY);

    page.transfer(&request("tr-1", "acc-b", 500), &ctx(1));

    assert_eq!(page.rejected().len(), 1);
    assert_eq!(page.rejected()[0].reason, Rejection::NoAccount.to_string());
    assert!(stored(&store).is_empty());
}

#[test]
fn given_a_balance_too_low_when_a_transfer_runs_through_the_process_then_it_is_recorded_as_failed_not_rejected(
) {
    let (store, mut page) = a_page_with_two_accounts(1_000, 0);

    page.transfer(&request("tr-1", "acc-b", 5_000), &ctx(10));

    let reason = Rejection::InsufficientFunds {
        balance: cents(1_000),
        requested: cents(5_000),
    }
    .to_string();
    assert!(
        page.rejected().is_empty(),
        "the request itself was accepted"
    );
    assert_eq!(page.present().ended(), (0, 1));
    let events = stored(&store);
    assert_eq!(
        events.last().map(|r| &r.event),
        Some(&Event::TransferFailed {
            reason: reason.clone()
        })
    );
    assert!(
        page.alert().is_some_and(|a| a.text.contains(&reason)),
        "the page says why it failed"
    );
    assert_eq!(balance(&page, "acc-a"), cents(1_000));
}

#[test]
fn the_questions_served_from_checkpoints_equal_a_fold_from_scratch_at_every_point() {
    let (_store, mut page) = a_page_with_two_accounts(10_000, 500);
    // Past one checkpoint, with many accounts and transfers, then a transfer that fails.
    page.generate(2_600, 5, "gen-q".into());
    while page.generate_batch(NOW + 100) {}
    page.choose("acc-b");
    page.send(&Command::CloseAccount, &ctx(900));
    page.choose("acc-a");
    page.transfer(&request("tr-late", "acc-b", 100), &ctx(901));
    assert_eq!(page.present().ended().1, 1, "one transfer failed");

    let events = page.events().to_vec();
    let accounts: Vec<String> = page
        .present()
        .accounts()
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    assert!(events.len() > 2_600 && accounts.len() >= 3);
    let mut points: Vec<usize> = (0..=events.len()).step_by(97).collect();
    points.extend([999, 1_000, 1_001, 2_000, events.len() - 1, events.len()]);
    for k in points {
        page.seek(k);
        for account in accounts.iter().take(4) {
            page.choose(account);
            let expected = questions_at(&events, k, Some(account));
            assert_eq!(page.questions_at_cursor(), expected, "at {k}, {account}");
            // The balance before the last withdrawal, which the facts keep as they fold, is the
            // bank's own fold just before that event.
            let last_withdrawal = events[..k].iter().rev().find(|r| {
                r.stream_id == *account && matches!(r.event, Event::MoneyWithdrawn { .. })
            });
            if let Some(r) = last_withdrawal {
                let before = fold::<BankState>(&events[..r.position as usize - 1])
                    .account_or_none(Some(account))
                    .balance();
                assert_eq!(
                    expected[0].from_events,
                    format!("{before}, just before event #{}.", r.position),
                    "at {k}, {account}"
                );
            }
        }
    }
}

#[test]
fn the_account_controls_name_accounts_by_owner_and_add_the_id_only_to_tell_one_owners_accounts_apart(
) {
    let mut page = Page::open(Shared::default(), KEY);
    for (n, (account, owner)) in [
        ("acc-1", "Ada"),
        ("acc-2", "Grace Hopper"),
        ("acc-3", "Ada"),
    ]
    .into_iter()
    .enumerate()
    {
        let open = Command::OpenAccount {
            account_id: AccountId::new(account),
            owner: owner.to_string(),
        };
        page.send(&open, &ctx(n as u32 + 1));
    }
    page.send(&Command::CloseAccount, &ctx(4));
    let labels: Vec<String> = page
        .account_choices()
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    assert_eq!(
        labels,
        ["Ada · acc-1", "Grace Hopper", "Ada · acc-3 (closed)"]
    );
    // A transfer between one owner's two accounts says which is which.
    let accounts = page.present().accounts();
    let progress = replay_bank::domain::TransferProgress::requested(
        TransferId::new("tr-1"),
        AccountId::new("acc-1"),
        AccountId::new("acc-3"),
        cents(2_000),
    );
    let line = replay_bank::app::transfer_words::running_transfer(&progress, |id| {
        replay_bank::app::labels::account_label(accounts, id)
    });
    assert!(
        line.starts_with("Transfer of $20.00 from Ada · acc-1 to Ada · acc-3: next, "),
        "{line}"
    );
}
