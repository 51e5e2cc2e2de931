//! Properties of transfers over random interleavings of two tabs sharing one store: accounts
//! opened, funded, emptied and closed; transfers run whole, atomically, or left half-way; single
//! steps taken by whichever tab; tabs crashing and recovering; tabs re-reading storage. Whatever
//! the order, money is conserved, every step of a transfer happens at most once, the history is
//! one the import accepts, and after a final recovery every transfer ended exactly once, the way
//! its money says.
//!
//! The first property has a tab re-read storage before it takes a single step (as recovery
//! does); the second lets it step on a stale view, which once broke conservation (a refusal's
//! follow-up was written without checking the refusing account's stream; the seed that showed it
//! is kept in the regressions file).
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use replay_bank::bank_service::{BankCommand, BankService, CommandError};
use replay_bank::domain::{AccountId, Command, Event, Money, TransferId};
use replay_bank::eventstore::{
    check_import, encode_export, read_import, CommandContext, KeyValueStore, Ledger, MemoryStore,
    RecordedEvent, StorageError,
};
use replay_bank::read_models::{fold, BankState};

const KEY: &str = "transfer-properties.ledger";
/// Accounts the actions name: the first `OPENED` are open and funded when the actions start; the
/// last one only exists if an action opens it (so transfers to it may be refused, then not).
const ACCOUNTS: usize = 4;
const OPENED: usize = 3;
const START_CENTS: u64 = 5_000;
const TABS: usize = 2;

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

fn service(store: &Shared) -> BankService<Shared> {
    BankService::new(Ledger::open(store.clone(), KEY).expect("storage is readable"))
}

fn stored(store: &Shared) -> Vec<RecordedEvent> {
    Ledger::open(store.clone(), KEY)
        .expect("storage is readable")
        .events()
        .to_vec()
}

fn account(i: usize) -> AccountId {
    AccountId::new(format!("acc-{i}"))
}

/// What a person (or a tab's life) does next, in which tab, on which of the accounts.
#[derive(Debug, Clone)]
enum Action {
    Open {
        tab: usize,
        account: usize,
    },
    Deposit {
        tab: usize,
        account: usize,
        cents: u64,
    },
    Withdraw {
        tab: usize,
        account: usize,
        cents: u64,
    },
    Close {
        tab: usize,
        account: usize,
    },
    /// Through the process, every step at once.
    Transfer {
        tab: usize,
        from: usize,
        to: usize,
        cents: u64,
    },
    /// Debit and credit in one write.
    Atomic {
        tab: usize,
        from: usize,
        to: usize,
        cents: u64,
    },
    /// The request and its first step, then nothing: left unfinished.
    RequestAndDebit {
        tab: usize,
        from: usize,
        to: usize,
        cents: u64,
    },
    /// The request alone: the tab stopped before the debit.
    RequestOnly {
        tab: usize,
        from: usize,
        to: usize,
        cents: u64,
    },
    /// One step of one of the transfers this tab sees running.
    Step {
        tab: usize,
        pick: usize,
    },
    /// The tab's memory is gone; it opens storage again and recovers.
    Crash {
        tab: usize,
    },
    /// The tab re-reads storage (another tab wrote).
    Sync {
        tab: usize,
    },
}

fn actions() -> impl Strategy<Value = Vec<Action>> {
    let tab = || 0..TABS;
    let acct = || 0..ACCOUNTS;
    let amount = || 1u64..4_000;
    let base = prop_oneof![
        1 => (tab(), acct()).prop_map(|(tab, account)| Action::Open { tab, account }),
        3 => (tab(), acct(), 1u64..10_000)
            .prop_map(|(tab, account, cents)| Action::Deposit { tab, account, cents }),
        2 => (tab(), acct(), amount())
            .prop_map(|(tab, account, cents)| Action::Withdraw { tab, account, cents }),
        1 => (tab(), acct()).prop_map(|(tab, account)| Action::Close { tab, account }),
        4 => (tab(), acct(), acct(), amount())
            .prop_map(|(tab, from, to, cents)| Action::Transfer { tab, from, to, cents }),
        2 => (tab(), acct(), acct(), amount())
            .prop_map(|(tab, from, to, cents)| Action::Atomic { tab, from, to, cents }),
        4 => (tab(), acct(), acct(), amount())
            .prop_map(|(tab, from, to, cents)| Action::RequestAndDebit { tab, from, to, cents }),
        4 => (tab(), any::<usize>()).prop_map(|(tab, pick)| Action::Step { tab, pick }),
        1 => tab().prop_map(|tab| Action::Crash { tab }),
        2 => tab().prop_map(|tab| Action::Sync { tab }),
    ];
    let request_only =
        (tab(), acct(), acct(), amount()).prop_map(|(tab, from, to, cents)| Action::RequestOnly {
            tab,
            from,
            to,
            cents,
        });
    let action = prop_oneof![14 => base, 2 => request_only];
    proptest::collection::vec(action, 1..=40)
}

/// Two tabs over one store, and the ids and clock they are given.
struct World {
    store: Shared,
    /// Each tab re-reads storage before it takes a single step, as recovery does.
    fresh_steps: bool,
    tabs: Vec<BankService<Shared>>,
    commands: u32,
    transfers: u32,
    now: i64,
}

/// An outcome a command may have: recorded, or refused by a rule. Anything else (a conflict
/// that was not resolved, a storage failure) is a failure of the property.
fn fine<T: std::fmt::Debug>(
    what: &Action,
    result: Result<T, CommandError>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(_) | Err(CommandError::Rejected(_)) => Ok(()),
        Err(error) => Err(TestCaseError::fail(format!("{what:?} failed: {error}"))),
    }
}

impl World {
    fn new(fresh_steps: bool) -> Self {
        let store = Shared::default();
        World {
            fresh_steps,
            tabs: (0..TABS).map(|_| service(&store)).collect(),
            store,
            commands: 0,
            transfers: 0,
            now: 1_795_000_000_000,
        }
    }

    /// Tab 0 opens and funds the first accounts; tab 1 has not read them yet.
    fn open_accounts(&mut self) -> Result<(), TestCaseError> {
        for a in 0..OPENED {
            let context = self.context();
            let command = Command::OpenAccount {
                account_id: account(a),
                owner: format!("Owner {a}"),
            };
            let opened = self.tabs[0].handle(&BankCommand::Account(None, command), &context);
            prop_assert!(opened.is_ok(), "{:?}", opened);
            let amount = Money::from_cents(START_CENTS);
            let funded = self.account_command(
                0,
                a,
                Command::DepositMoney {
                    amount,
                    effective_on: None,
                },
            );
            prop_assert!(funded.is_ok(), "{:?}", funded);
        }
        Ok(())
    }

    fn context(&mut self) -> CommandContext {
        self.commands += 1;
        self.now += 1;
        CommandContext {
            command_id: format!("cmd-{}", self.commands),
            correlation_id: format!("cmd-{}", self.commands),
            now_ms: self.now,
        }
    }

    fn fresh_transfer(&mut self) -> TransferId {
        self.transfers += 1;
        TransferId::new(format!("tr-{}", self.transfers))
    }

    fn account_command(
        &mut self,
        tab: usize,
        a: usize,
        command: Command,
    ) -> Result<Vec<RecordedEvent>, CommandError> {
        let context = self.context();
        self.tabs[tab].handle(&BankCommand::Account(Some(account(a)), command), &context)
    }

    fn apply(&mut self, action: &Action) -> Result<(), TestCaseError> {
        match *action {
            Action::Open { tab, account: a } => {
                let context = self.context();
                let command = Command::OpenAccount {
                    account_id: account(a),
                    owner: format!("Owner {a}"),
                };
                fine(
                    action,
                    self.tabs[tab].handle(&BankCommand::Account(None, command), &context),
                )
            }
            Action::Deposit {
                tab,
                account,
                cents,
            } => {
                let amount = Money::from_cents(cents);
                let result = self.account_command(
                    tab,
                    account,
                    Command::DepositMoney {
                        amount,
                        effective_on: None,
                    },
                );
                fine(action, result)
            }
            Action::Withdraw {
                tab,
                account,
                cents,
            } => {
                let amount = Money::from_cents(cents);
                let result = self.account_command(tab, account, Command::WithdrawMoney { amount });
                fine(action, result)
            }
            Action::Close { tab, account } => {
                let result = self.account_command(tab, account, Command::CloseAccount);
                fine(action, result)
            }
            Action::Transfer {
                tab,
                from,
                to,
                cents,
            } => {
                let command = BankCommand::Transfer {
                    transfer_id: self.fresh_transfer(),
                    from: account(from),
                    to: account(to),
                    amount: Money::from_cents(cents),
                };
                let context = self.context();
                fine(action, self.tabs[tab].handle(&command, &context))
            }
            Action::Atomic {
                tab,
                from,
                to,
                cents,
            } => {
                let id = self.fresh_transfer();
                let context = self.context();
                let result = self.tabs[tab].atomic_transfer(
                    &id,
                    &account(from),
                    &account(to),
                    Money::from_cents(cents),
                    &context,
                );
                fine(action, result)
            }
            Action::RequestAndDebit {
                tab,
                from,
                to,
                cents,
            }
            | Action::RequestOnly {
                tab,
                from,
                to,
                cents,
            } => {
                let id = self.fresh_transfer();
                let context = self.context();
                let bank = &mut self.tabs[tab];
                let requested = bank.request_transfer(
                    &id,
                    &account(from),
                    &account(to),
                    Money::from_cents(cents),
                    &context,
                );
                let requested_ok = requested.is_ok();
                fine(action, requested)?;
                if requested_ok && matches!(action, Action::RequestAndDebit { .. }) {
                    fine(action, bank.step_transfer(&id, context.now_ms))?;
                }
                Ok(())
            }
            Action::Step { tab, pick } => {
                if self.fresh_steps {
                    let reloaded = self.tabs[tab].ledger_mut().reload();
                    prop_assert!(reloaded.is_ok(), "{action:?}: {reloaded:?}");
                }
                let running: Vec<TransferId> = self.tabs[tab]
                    .with_present(|b| b.running().map(|p| p.transfer_id.clone()).collect());
                if running.is_empty() {
                    return Ok(());
                }
                let id = running[pick % running.len()].clone();
                self.now += 1;
                fine(action, self.tabs[tab].step_transfer(&id, self.now))
            }
            Action::Crash { tab } => {
                self.tabs[tab] = service(&self.store);
                self.now += 1;
                let recovered = self.tabs[tab].recover(self.now);
                prop_assert!(
                    recovered.is_ok(),
                    "{action:?}: recovery failed: {recovered:?}"
                );
                Ok(())
            }
            Action::Sync { tab } => {
                self.now += 1;
                let report = self.tabs[tab].sync(self.now);
                prop_assert!(report.is_ok(), "{action:?}: {report:?}");
                let report = report.unwrap_or_default();
                prop_assert!(
                    report.redone.is_empty() && report.refused.is_empty(),
                    "nothing was overwritten in a shared store, so nothing is redone: {report:?}"
                );
                Ok(())
            }
        }
    }
}

/// What the ledger says happened to one transfer.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    requested: usize,
    debited: usize,
    credited: usize,
    refunded: usize,
    completed: usize,
    failed: usize,
}

fn tallies(events: &[RecordedEvent]) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for r in events {
        let id = match &r.event {
            Event::TransferCompleted | Event::TransferFailed { .. } => r.stream_id.clone(),
            event => match event.transfer_id() {
                Some(id) => id.to_string(),
                None => continue,
            },
        };
        let tally = tallies.entry(id).or_default();
        match r.event {
            Event::TransferRequested { .. } => tally.requested += 1,
            Event::TransferDebited { .. } => tally.debited += 1,
            Event::TransferCredited { .. } => tally.credited += 1,
            Event::TransferRefunded { .. } => tally.refunded += 1,
            Event::TransferCompleted => tally.completed += 1,
            Event::TransferFailed { .. } => tally.failed += 1,
            _ => {}
        }
    }
    tallies
}

/// What must hold of storage after any action.
fn check_storage(world: &World, after: &str) -> Result<Vec<RecordedEvent>, TestCaseError> {
    let events = stored(&world.store);
    for (i, r) in events.iter().enumerate() {
        prop_assert_eq!(
            r.position,
            i as u64 + 1,
            "after {}: positions are gapless",
            after
        );
    }
    let state: BankState = fold(&events);
    let totals = state.totals();
    prop_assert!(
        totals.conserved(),
        "after {}: money not conserved: {:?}",
        after,
        totals
    );
    for (id, t) in tallies(&events) {
        prop_assert!(
            t.requested <= 1 && t.debited <= 1 && t.credited <= 1 && t.refunded <= 1,
            "after {}: transfer {} took a step twice: {:?}",
            after,
            id,
            t
        );
        prop_assert!(
            t.completed + t.failed <= 1,
            "after {}: {} ended twice: {:?}",
            after,
            id,
            t
        );
        prop_assert!(
            t.credited + t.refunded <= t.debited,
            "after {}: {} settled money it never took: {:?}",
            after,
            id,
            t
        );
    }
    if let Err(error) = check_import(events.clone(), None, None) {
        return Err(TestCaseError::fail(format!(
            "after {after}: the app recorded a history its own import refuses: {error}"
        )));
    }
    for (n, tab) in world.tabs.iter().enumerate() {
        let seen = tab.ledger().events();
        prop_assert!(
            events.starts_with(seen),
            "after {}: tab {} holds events storage does not",
            after,
            n
        );
        let totals = tab.current_state().totals();
        prop_assert!(
            totals.conserved(),
            "after {}: tab {} shows {:?}",
            after,
            n,
            totals
        );
    }
    Ok(events)
}

/// Runs the actions, checking storage after each, then recovers in a fresh tab and checks that
/// every transfer ended exactly once, as its money says.
fn run(actions: &[Action], fresh_steps: bool) -> Result<(), TestCaseError> {
    let mut world = World::new(fresh_steps);
    world.open_accounts()?;
    for action in actions {
        world.apply(action)?;
        check_storage(&world, &format!("{action:?}"))?;
    }

    let mut last = service(&world.store);
    let recovered = last.recover(world.now + 1);
    prop_assert!(
        recovered.is_ok(),
        "the final recovery failed: {:?}",
        recovered
    );
    let events = check_storage(&world, "the final recovery")?;
    for (id, t) in tallies(&events) {
        if t.requested == 0 {
            // An atomic transfer: no process, both sides in one write.
            prop_assert_eq!((t.debited, t.credited, t.refunded), (1, 1, 0), "{}", id);
            prop_assert_eq!(t.completed + t.failed, 0, "{}", id);
            continue;
        }
        prop_assert_eq!(
            t.completed + t.failed,
            1,
            "{} did not end exactly once: {:?}",
            id,
            t
        );
        prop_assert_eq!(
            t.completed == 1,
            t.credited == 1,
            "{}: completed iff credited: {:?}",
            id,
            t
        );
        prop_assert_eq!(
            t.failed == 1,
            t.debited == 0 || t.refunded == 1,
            "{}: failed iff never debited or refunded: {:?}",
            id,
            t
        );
    }
    let state: BankState = fold(&events);
    prop_assert_eq!(
        state.totals().in_flight,
        Money::ZERO,
        "no money is left in flight"
    );
    prop_assert_eq!(state.running().count(), 0);
    let import = read_import(&encode_export(&events, "test", events.len()));
    prop_assert!(import.is_ok(), "the export reads back: {:?}", import.err());
    prop_assert_eq!(
        import.map(|i| fold::<BankState>(&i.events)).ok(),
        Some(state)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn two_tabs_interleaving_transfers_crashes_and_reloads_conserve_money_and_end_every_transfer_once(
        actions in actions()
    ) {
        run(&actions, true)?;
    }
}

proptest! {
    // Enough cases to meet the race reliably.
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn even_a_tab_stepping_on_a_stale_view_conserves_money_and_ends_every_transfer_once(
        actions in actions()
    ) {
        run(&actions, false)?;
    }
}
