//! Generated history goes through the same rules as a person's commands.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::history_generator::HistoryGenerator;
use replay_bank::bank_service::BankService;
use replay_bank::domain::{AccountId, Command, Event, Money};
use replay_bank::eventstore::{CommandContext, Ledger};
use support::stores::SharedStore;
use support::*;

#[test]
fn a_generated_history_is_accepted_in_full_and_reads_back() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), "g").unwrap());
    bank.handle(&opening("acc-1", "Ada"), &ctx(0)).unwrap();
    // One account, as the generator of one account's history did.
    let mut generator =
        HistoryGenerator::with_accounts(42, "g", vec![(AccountId::new("acc-1"), Money::ZERO)], 1);
    let commands = (0..12_000).map(|n| {
        (
            generator.next_command(),
            CommandContext {
                command_id: format!("g-{n}"),
                correlation_id: "generate-1".into(),
                now_ms: 1_795_000_000_000,
            },
        )
    });
    let report = bank.handle_batch(commands).unwrap();
    assert_eq!(report.recorded, 12_000);
    assert_eq!(
        report.rejected, 0,
        "the generator never proposes an overdraft"
    );
    assert_eq!(
        bank.ledger().unsaved(),
        0,
        "written at the end of the batch"
    );

    let reopened = Ledger::open(store, "g").unwrap();
    assert_eq!(reopened.events().len(), 12_001);
    let salaries = reopened
        .events()
        .iter()
        .filter(|r| {
            r.event
                == Event::MoneyDeposited {
                    amount: cents(320_000),
                    effective_on: None,
                }
        })
        .count();
    let rents = reopened
        .events()
        .iter()
        .filter(|r| {
            r.event
                == Event::MoneyWithdrawn {
                    amount: cents(115_000),
                }
        })
        .count();
    assert_eq!(salaries, 400, "one salary a month of thirty events");
    assert!(rents >= 390, "rent is paid almost every month ({rents})");
}

#[test]
fn a_batch_records_nothing_a_rule_refuses() {
    let mut bank = BankService::new(Ledger::open(SharedStore::default(), "g").unwrap());
    bank.handle(&opening("acc-1", "Ada"), &ctx(0)).unwrap();
    let commands = [
        deposit(100),
        withdraw(500),
        deposit(50),
        Command::CloseAccount,
        deposit(1),
    ]
    .into_iter()
    .enumerate()
    .map(|(n, c)| (to("acc-1", c), ctx(n as u32 + 1)));
    let report = bank.handle_batch(commands).unwrap();
    // The overdraft and the deposit after closing are refused; the close pays out $1.50.
    assert_eq!(report.rejected, 2);
    assert_eq!(report.recorded, 4);
    assert_eq!(bank.ledger().events().len(), 5);
}

#[test]
fn a_generated_run_of_100_000_events_over_50_accounts_fits_chromiums_storage_quota() {
    use replay_bank::app::history_generator::MAX_GENERATED;
    use replay_bank::app::Page;
    use replay_bank::eventstore::{ledger_keys, KeyValueStore};

    let store = SharedStore::default();
    let mut page = Page::open(store.clone(), "replay-bank.ledger");
    page.generate(MAX_GENERATED, 7, "gen-3f9a1c".into());
    let mut now = 1_795_000_000_000;
    while page.generate_batch(now) {
        now += 40_000;
    }
    assert_eq!(page.status(), "Generated 100,000 events.");
    assert_eq!(page.present().accounts().len(), 50);
    let transfers = page
        .events()
        .iter()
        .filter(|r| matches!(r.event, Event::TransferRequested { .. }))
        .count();
    assert!(transfers > 3_000, "transfers are common: {transfers}");
    // Chromium allows 5 Mi UTF-16 code units per origin for keys and values; the text is
    // ASCII. Leave 15% of it (some 15,000 more commands) for what a person does next.
    let units: usize = ledger_keys(&store, "replay-bank.ledger")
        .unwrap()
        .iter()
        .map(|k| k.len() + store.get(k).unwrap().unwrap().len())
        .sum();
    assert!(
        units < 5 * 1024 * 1024 * 85 / 100,
        "{units} code units for 100,000 generated events"
    );
}

#[test]
fn a_run_stopped_by_a_full_storage_says_how_many_events_it_recorded_and_which_are_unsaved() {
    use replay_bank::app::Page;

    let store = SharedStore::default();
    let mut page = Page::open(store.clone(), "replay-bank.ledger");
    page.generate(6_000, 7, "gen-3f9a1c".into());
    assert!(
        page.generate_batch(1_795_000_000_000),
        "a second batch is due"
    );
    store.set_full(true);

    assert!(!page.generate_batch(1_795_000_040_000), "the run stops");

    assert_eq!(page.head(), 4_000, "the second batch is kept in this tab");
    assert_eq!(page.unsaved().map(|u| u.count), Some(2_000));
    let alert = page.alert().expect("an alert says why").text.clone();
    assert_eq!(
        alert,
        "Generating stopped: browser storage is full. It recorded 4,000 events: 2,000 saved, 2,000 only in this tab, not saved."
    );
    assert_eq!(
        replay_bank::eventstore::Ledger::open(store, "replay-bank.ledger")
            .unwrap()
            .events()
            .len(),
        2_000,
        "storage holds the first batch"
    );
}
