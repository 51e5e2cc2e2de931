//! Storage that fills up, data that cannot be read, and two writers: nothing accepted is lost.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::bank_service::{BankCommand, BankService, CommandError, SyncReport};
use replay_bank::domain::{Command, Rejection};
use replay_bank::eventstore::{
    quarantine, AppendError, KeyValueStore, Ledger, MemoryStore, StorageError,
};
use support::stores::{SharedStore, StaleView};
use support::*;

const KEY: &str = "test.ledger";

#[test]
fn a_full_store_keeps_accepted_events_as_unsaved_and_retries_with_the_next_append() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    store.set_full(true);

    let recorded = bank.handle(&to("acc-1", deposit(500)), &ctx(2)).unwrap();
    assert_eq!(recorded[0].position, 2, "accepted although storage is full");
    assert_eq!(bank.ledger().unsaved(), 1);
    assert_eq!(
        bank.ledger().save_error(),
        Some(&StorageError::QuotaExceeded)
    );
    bank.handle(&to("acc-1", deposit(700)), &ctx(3)).unwrap();
    assert_eq!(bank.ledger().unsaved(), 2);
    assert_eq!(balance(&bank.current_state(), "acc-1"), cents(1_200));
    // Storage still holds only what was saved.
    assert_eq!(Ledger::open(store.clone(), KEY).unwrap().events().len(), 1);

    store.set_full(false);
    bank.handle(&to("acc-1", withdraw(200)), &ctx(4)).unwrap();
    assert_eq!(bank.ledger().unsaved(), 0);
    assert_eq!(bank.ledger().save_error(), None);
    let reopened = Ledger::open(store, KEY).unwrap();
    assert_eq!(reopened.events(), bank.ledger().events());
    assert_eq!(reopened.events().len(), 4);
}

#[test]
fn saving_on_demand_writes_the_unsaved_events_once_space_frees() {
    let store = SharedStore::default();
    let mut bank = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    store.set_full(true);
    bank.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    assert_eq!(
        bank.ledger_mut().save(),
        Err(AppendError::Storage(StorageError::QuotaExceeded))
    );
    assert_eq!(bank.ledger().unsaved(), 1);
    store.set_full(false);
    bank.ledger_mut().save().unwrap();
    assert_eq!(bank.ledger().unsaved(), 0);
    assert_eq!(Ledger::open(store, KEY).unwrap().events().len(), 1);
}

#[test]
fn a_tab_with_unsaved_events_never_merges_blindly_with_another_tabs_writes() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    let mut tab_b = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    store.set_full(true);
    tab_a.handle(&to("acc-1", deposit(100)), &ctx(2)).unwrap(); // accepted, unsaved
    store.set_full(false);
    tab_b.handle(&to("acc-1", deposit(900)), &ctx(3)).unwrap(); // saved at position 2

    let error = tab_a.handle(&to("acc-1", deposit(5)), &ctx(4)).unwrap_err();
    assert_eq!(
        error,
        CommandError::Ledger(AppendError::Diverged { unsaved: 1 })
    );
    assert_eq!(
        tab_a.ledger_mut().save(),
        Err(AppendError::Diverged { unsaved: 1 })
    );
    assert_eq!(
        tab_a.ledger_mut().reload(),
        Err(AppendError::Diverged { unsaved: 1 })
    );
    // Tab A still holds its unsaved deposit (to download), and tab B's write is intact.
    assert_eq!(tab_a.ledger().events()[1].event, deposited(100));
    assert_eq!(
        Ledger::open(store, KEY).unwrap().events()[1].event,
        deposited(900)
    );
}

#[test]
fn quarantine_copies_first_and_only_then_removes_the_original() {
    let mut store = MemoryStore::new();
    store.set(KEY, "{ garbage").unwrap();
    let moved = quarantine(&mut store, KEY, 42).unwrap();
    assert_eq!(moved.as_deref(), Some("test.ledger.quarantine.42"));
    assert_eq!(
        store.get("test.ledger.quarantine.42").unwrap().as_deref(),
        Some("{ garbage")
    );
    assert_eq!(store.get(KEY).unwrap(), None);
    assert_eq!(
        quarantine(&mut store, KEY, 43).unwrap(),
        None,
        "nothing left to move"
    );
}

#[test]
fn quarantine_keeps_the_original_when_the_copy_cannot_be_written() {
    let mut store = SharedStore::default();
    store.set(KEY, "{ garbage").unwrap();
    store.set_full(true);
    assert_eq!(
        quarantine(&mut store, KEY, 1),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(store.get(KEY).unwrap().as_deref(), Some("{ garbage"));
}

/// One step of two tabs sharing storage: which tab acts, whether its copy of storage goes stale
/// first (it stops hearing the other's writes) or catches up (the `storage` event arrives and it
/// syncs), and the command (to one of three accounts).
#[derive(Debug, Clone)]
struct Step {
    tab_b: bool,
    view: View,
    command: BankCommand,
}

#[derive(Debug, Clone, Copy)]
enum View {
    Unchanged,
    GoStale,
    CatchUp,
}

fn step() -> impl Strategy<Value = Step> {
    let command = prop_oneof![
        1 => "[a-c]".prop_map(|s| opening(&format!("acc-{s}"), "Ada")),
        4 => ("[a-c]", 1u64..5_000).prop_map(|(s, c)| to(&format!("acc-{s}"), deposit(c))),
        3 => ("[a-c]", 1u64..5_000).prop_map(|(s, c)| to(&format!("acc-{s}"), withdraw(c))),
        1 => "[a-c]".prop_map(|s| to(&format!("acc-{s}"), Command::CloseAccount)),
    ];
    let view = prop_oneof![
        Just(View::Unchanged),
        Just(View::GoStale),
        Just(View::CatchUp)
    ];
    (any::<bool>(), view, command).prop_map(|(tab_b, view, command)| Step {
        tab_b,
        view,
        command,
    })
}

proptest! {
    #[test]
    fn two_writers_with_stale_views_keep_the_ledger_gapless_with_each_accepted_command_once(
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let store = SharedStore::default();
        let views = [StaleView::new(store.clone()), StaleView::new(store.clone())];
        let mut tabs = [
            BankService::new(Ledger::open(views[0].clone(), KEY).unwrap()),
            BankService::new(Ledger::open(views[1].clone(), KEY).unwrap()),
        ];
        let mut accepted = Vec::new();
        let mut now = 1_795_000_000_000;
        for (n, step) in steps.iter().enumerate() {
            let i = usize::from(step.tab_b);
            match step.view {
                View::Unchanged => {}
                View::GoStale => views[i].freeze(),
                View::CatchUp => {
                    views[i].thaw();
                    now += 1;
                    tabs[i].sync(now).unwrap();
                }
            }
            now += 1;
            let context = replay_bank::eventstore::CommandContext {
                command_id: format!("cmd-{n}"),
                correlation_id: format!("cmd-{n}"),
                now_ms: now,
            };
            if tabs[i].handle(&step.command, &context).is_ok() {
                accepted.push(context.command_id.clone());
            }
        }
        // Every storage event arrives in the end; lost commands are decided again.
        for view in &views {
            view.thaw();
        }
        for _ in 0..3 {
            for tab in tabs.iter_mut() {
                tab.sync(now + 1).unwrap();
            }
        }
        let stored = Ledger::open(store, KEY).unwrap();
        let events = stored.events();
        for (i, recorded) in events.iter().enumerate() {
            prop_assert_eq!(recorded.position, i as u64 + 1);
        }
        let mut ids: Vec<&str> = events.iter().map(|r| r.metadata.command_id.as_str()).collect();
        ids.dedup(); // a closing payout and its closing share one command
        let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len(), "no command recorded twice");
        for account in ["acc-a", "acc-b", "acc-c"] {
            let opens = events.iter().filter(|r| r.stream_id == account && matches!(r.event, replay_bank::domain::Event::AccountOpened { .. })).count();
            prop_assert!(opens <= 1, "each account opened once, whatever the race");
        }
        // An accepted command is in storage, or was decided again and refused (reported).
        for id in &unique {
            prop_assert!(accepted.iter().any(|a| a == id));
        }
        let mut balances: std::collections::HashMap<&str, i128> = std::collections::HashMap::new();
        for recorded in events {
            let balance = balances.entry(recorded.stream_id.as_str()).or_default();
            match &recorded.event {
                replay_bank::domain::Event::MoneyDeposited { amount, effective_on: None } => *balance += i128::from(amount.cents()),
                replay_bank::domain::Event::MoneyWithdrawn { amount } => *balance -= i128::from(amount.cents()),
                _ => {}
            }
            prop_assert!(*balance >= 0);
        }
        prop_assert_eq!(tabs[0].ledger().events(), events);
        prop_assert_eq!(tabs[1].ledger().events(), events);
    }
}

#[test]
fn two_tabs_cannot_each_open_the_same_account() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    let mut tab_b = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-a", "Ada"), &ctx(1)).unwrap();
    let error = tab_b
        .handle(&opening("acc-a", "Grace"), &ctx(2))
        .unwrap_err();
    assert_eq!(
        error,
        CommandError::Rejected(Rejection::AccountAlreadyOpened {
            account_id: id("acc-a")
        })
    );
    assert_eq!(Ledger::open(store.clone(), KEY).unwrap().events().len(), 1);
    // Another account is another stream: opening it needs no other stream unchanged.
    tab_b.handle(&opening("acc-b", "Grace"), &ctx(3)).unwrap();
    assert_eq!(Ledger::open(store, KEY).unwrap().events().len(), 2);
}

#[test]
fn after_clearing_nothing_of_this_tab_comes_back_when_another_tab_writes() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    tab_a.clear().unwrap();
    let mut tab_b = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_b.handle(&opening("acc-2", "Grace"), &ctx(2)).unwrap();
    assert_eq!(
        tab_a.sync(1_795_000_000_003).unwrap(),
        SyncReport::default()
    );
    assert_eq!(tab_a.ledger().events().len(), 1);
    assert_eq!(tab_a.ledger().events()[0].event, opened("acc-2", "Grace"));
}

#[test]
fn a_command_overwritten_by_a_stale_tab_is_decided_again_and_recorded_once() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    let stale = StaleView::new(store.clone());
    let mut tab_b = BankService::new(Ledger::open(stale.clone(), KEY).unwrap());
    stale.freeze(); // tab B has not yet heard of tab A's next write
    tab_a.handle(&to("acc-1", deposit(100)), &ctx(2)).unwrap();
    tab_b.handle(&to("acc-1", deposit(900)), &ctx(3)).unwrap(); // overwrites tab A's deposit
    assert_eq!(
        Ledger::open(store.clone(), KEY).unwrap().events().len(),
        2,
        "the race lost one"
    );

    // The storage event reaches tab A: its deposit is gone, so it decides it again.
    let report = tab_a.sync(1_795_000_000_010).unwrap();
    assert_eq!(report.redone, vec![to("acc-1", deposit(100)).describe()]);
    stale.thaw();
    let report_b = tab_b.sync(1_795_000_000_011).unwrap();
    assert!(
        report_b.redone.is_empty(),
        "tab B's deposit is in storage: nothing to redo"
    );

    let stored = Ledger::open(store, KEY).unwrap();
    let ids: Vec<&str> = stored
        .events()
        .iter()
        .map(|r| r.metadata.command_id.as_str())
        .collect();
    assert_eq!(ids, ["cmd-1", "cmd-3", "cmd-2"]);
    let positions: Vec<u64> = stored.events().iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2, 3]);
    assert_eq!(tab_a.ledger().events(), stored.events());
    assert_eq!(tab_b.ledger().events(), stored.events());
    assert_eq!(balance(&tab_a.current_state(), "acc-1"), cents(1_000));
}

#[test]
fn an_overwritten_withdrawal_that_no_longer_fits_is_reported_as_refused() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    tab_a.handle(&to("acc-1", deposit(1_000)), &ctx(2)).unwrap();
    let stale = StaleView::new(store.clone());
    let mut tab_b = BankService::new(Ledger::open(stale.clone(), KEY).unwrap());
    stale.freeze();
    tab_a.handle(&to("acc-1", withdraw(800)), &ctx(3)).unwrap();
    tab_b.handle(&to("acc-1", withdraw(700)), &ctx(4)).unwrap(); // overwrites A's withdrawal
    let report = tab_a.sync(1_795_000_000_010).unwrap();
    assert!(report.redone.is_empty());
    let withdrawal = to("acc-1", withdraw(800)).describe();
    assert!(matches!(
        report.refused.as_slice(),
        [(command, Rejection::InsufficientFunds { .. })] if *command == withdrawal
    ));
    assert_eq!(
        balance(&tab_a.current_state(), "acc-1"),
        cents(300),
        "never overdrawn"
    );
}

#[test]
fn a_ledger_cleared_in_another_tab_brings_nothing_back() {
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    let mut tab_b = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_b.ledger_mut().clear().unwrap();
    assert_eq!(
        tab_a.sync(1_795_000_000_002).unwrap(),
        SyncReport::default()
    );
    assert!(tab_a.ledger().events().is_empty());
}

#[test]
fn a_manifest_that_matches_over_a_chunk_another_tab_rewrote_is_not_trusted() {
    // Two tabs write chunk then manifest at the same moment, interleaved: A's chunk, B's chunk,
    // B's manifest, A's manifest. Storage ends with A's manifest over B's chunk.
    let store = SharedStore::default();
    let mut tab_a = BankService::new(Ledger::open(store.clone(), KEY).unwrap());
    tab_a.handle(&opening("acc-1", "Ada"), &ctx(1)).unwrap();
    let b_view = store.fork();
    let mut tab_b = BankService::new(Ledger::open(b_view.clone(), KEY).unwrap());
    tab_b.handle(&to("acc-1", deposit(900)), &ctx(2)).unwrap();
    tab_a.handle(&to("acc-1", deposit(100)), &ctx(3)).unwrap();
    let chunk = replay_bank::eventstore::chunk_key(KEY, 0);
    let mut writer = store.clone();
    writer
        .set(&chunk, &b_view.get(&chunk).unwrap().unwrap())
        .unwrap();

    // The manifest still names tab A's deposit, but the chunk holds tab B's: A must notice.
    let report = tab_a.sync(1_795_000_000_010).unwrap();
    assert_eq!(report.redone, vec![to("acc-1", deposit(100)).describe()]);
    let stored = Ledger::open(store, KEY).unwrap();
    let ids: Vec<&str> = stored
        .events()
        .iter()
        .map(|r| r.metadata.command_id.as_str())
        .collect();
    assert_eq!(ids, ["cmd-1", "cmd-2", "cmd-3"]);
    assert_eq!(balance(&tab_a.current_state(), "acc-1"), cents(1_000));
}
