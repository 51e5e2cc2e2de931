//! Transfers between accounts, given/when/then: through the process (request, debit, credit or
//! refund, end), as one atomic write, under two tabs writing at once, after a crash, and as
//! histories from elsewhere. Also the ledger's per-stream optimistic concurrency they rest on,
//! and the event-type table every event is stored through.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use replay_bank::bank_service::{BankCommand, BankService, CommandError};
use replay_bank::domain::{
    AccountId, AccountState, Command, Event, HistoryError, Money, OwnerName, ProcessStep,
    Rejection, Rule, TransferId,
};
use replay_bank::eventstore::{
    check_import, decode_document, encode_document, encode_event, encode_export, read_import,
    AppendError, CommandContext, ExpectedVersion, ImportError, KeyValueStore, Ledger, MemoryStore,
    RecordedEvent, StorageError, StreamWrite, EVENT_TYPES,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use replay_bank::read_models::{fold, BankState};

// ----- a store shared by "tabs", and small helpers -----

const KEY: &str = "transfers.ledger";
const NOW: i64 = 1_795_000_000_000;

/// A memory store shared by its clones, the way tabs share localStorage. Counts the writes of
/// the ledger key: the manifest, written once per append (its commit point).
#[derive(Clone, Default, Debug)]
struct Shared {
    inner: Rc<RefCell<MemoryStore>>,
    commits: Rc<RefCell<usize>>,
}

impl Shared {
    /// How many appends storage has committed.
    fn commits(&self) -> usize {
        *self.commits.borrow()
    }
}

impl KeyValueStore for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if key == KEY {
            *self.commits.borrow_mut() += 1;
        }
        self.inner.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.inner.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.borrow().keys()
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

fn acc(id: &str) -> AccountId {
    AccountId::new(id)
}

fn tr(id: &str) -> TransferId {
    TransferId::new(id)
}

fn owner(name: &str) -> OwnerName {
    OwnerName::parse(name).expect("a valid owner in a test fixture")
}

/// A bank (a tab) over the ledger in `store`, as storage holds it now.
fn service(store: &Shared) -> BankService<Shared> {
    BankService::new(Ledger::open(store.clone(), KEY).expect("storage is readable"))
}

/// The ledger as storage holds it, read afresh.
fn stored(store: &Shared) -> Vec<RecordedEvent> {
    Ledger::open(store.clone(), KEY)
        .expect("storage is readable")
        .events()
        .to_vec()
}

fn account_command(
    bank: &mut BankService<Shared>,
    account: &str,
    command: Command,
    n: u32,
) -> Result<Vec<RecordedEvent>, CommandError> {
    bank.handle(&BankCommand::Account(Some(acc(account)), command), &ctx(n))
}

fn open(bank: &mut BankService<Shared>, account: &str, name: &str, n: u32) {
    let command = Command::OpenAccount {
        account_id: acc(account),
        owner: name.to_string(),
    };
    bank.handle(&BankCommand::Account(None, command), &ctx(n))
        .expect("the account opens");
}

fn deposit(bank: &mut BankService<Shared>, account: &str, c: u64, n: u32) {
    account_command(
        bank,
        account,
        Command::DepositMoney {
            amount: cents(c),
            effective_on: None,
        },
        n,
    )
    .expect("the deposit is accepted");
}

fn transfer(id: &str, from: &str, to: &str, c: u64) -> BankCommand {
    BankCommand::Transfer {
        transfer_id: tr(id),
        from: acc(from),
        to: acc(to),
        amount: cents(c),
    }
}

fn balance(bank: &BankService<Shared>, account: &str) -> Money {
    bank.with_present(|b| b.account(account).map(AccountState::balance))
        .expect("the account exists")
}

/// Ada's account `acc-a` and Grace's `acc-b`, holding these amounts (in cents).
fn two_accounts(a: u64, b: u64) -> (Shared, BankService<Shared>) {
    let store = Shared::default();
    let mut bank = service(&store);
    open(&mut bank, "acc-a", "Ada", 1);
    if a > 0 {
        deposit(&mut bank, "acc-a", a, 2);
    }
    open(&mut bank, "acc-b", "Grace", 3);
    if b > 0 {
        deposit(&mut bank, "acc-b", b, 4);
    }
    (store, bank)
}

/// (stream, event) pairs, to compare what was recorded where.
fn placed(events: &[RecordedEvent]) -> Vec<(String, Event)> {
    events
        .iter()
        .map(|r| (r.stream_id.clone(), r.event.clone()))
        .collect()
}

/// How many events named `name` belong to transfer `id` (in the accounts' streams or its own).
fn count_of(events: &[RecordedEvent], id: &str, name: &str) -> usize {
    events
        .iter()
        .filter(|r| r.event.name() == name)
        .filter(|r| r.stream_id == id || r.event.transfer_id().map(TransferId::as_str) == Some(id))
        .count()
}

#[track_caller]
fn assert_gapless(events: &[RecordedEvent]) {
    let mut versions: HashMap<&str, u64> = HashMap::new();
    for (i, r) in events.iter().enumerate() {
        assert_eq!(r.position, i as u64 + 1, "global positions are gapless");
        let version = versions.entry(r.stream_id.as_str()).or_insert(0);
        *version += 1;
        assert_eq!(
            r.stream_version, *version,
            "stream {} counts its own versions, gapless",
            r.stream_id
        );
    }
}

#[track_caller]
fn assert_conserved(state: &BankState) {
    let totals = state.totals();
    assert!(totals.conserved(), "money appeared or vanished: {totals:?}");
}

// ----- through the process -----

#[test]
fn given_two_funded_accounts_when_a_transfer_runs_then_the_money_moves_and_the_transfer_completes()
{
    let (store, mut bank) = two_accounts(10_000, 500);
    let a_version = bank.ledger().stream_version("acc-a");
    let b_version = bank.ledger().stream_version("acc-b");
    let commits = store.commits();

    let recorded = bank
        .handle(&transfer("tr-1", "acc-a", "acc-b", 2_500), &ctx(10))
        .expect("the transfer is recorded");

    let amount = cents(2_500);
    assert_eq!(
        placed(&recorded),
        vec![
            (
                "tr-1".to_string(),
                Event::TransferRequested {
                    transfer_id: tr("tr-1"),
                    from: acc("acc-a"),
                    to: acc("acc-b"),
                    amount,
                }
            ),
            (
                "acc-a".to_string(),
                Event::TransferDebited {
                    transfer_id: tr("tr-1"),
                    to: acc("acc-b"),
                    amount,
                }
            ),
            (
                "acc-b".to_string(),
                Event::TransferCredited {
                    transfer_id: tr("tr-1"),
                    from: acc("acc-a"),
                    amount,
                }
            ),
            ("tr-1".to_string(), Event::TransferCompleted),
        ],
        "requested in its own stream, debited from the source, credited to the destination, completed"
    );
    let versions: Vec<u64> = recorded.iter().map(|r| r.stream_version).collect();
    assert_eq!(versions, vec![1, a_version + 1, b_version + 1, 2]);
    assert_eq!(
        store.commits() - commits,
        recorded.len(),
        "the request and every step are each their own append"
    );
    assert_gapless(bank.ledger().events());
    assert_eq!(
        stored(&store),
        bank.ledger().events(),
        "storage holds it all"
    );

    assert_eq!(balance(&bank, "acc-a"), cents(10_000 - 2_500));
    assert_eq!(balance(&bank, "acc-b"), cents(500 + 2_500));
    let state = bank.current_state();
    assert_conserved(&state);
    assert_eq!(state.totals().in_flight, Money::ZERO);
    assert_eq!(state.ended(), (1, 0));
    assert_eq!(state.running().count(), 0);
}

#[test]
fn given_a_balance_below_the_amount_when_a_transfer_runs_then_it_fails_for_no_overdraft_and_moves_nothing(
) {
    let (store, mut bank) = two_accounts(1_000, 200);
    let before = bank.current_state();

    let recorded = bank
        .handle(&transfer("tr-1", "acc-a", "acc-b", 5_000), &ctx(10))
        .expect("a refused debit is a recorded failure, not a refusal of the request");

    let refusal = Rejection::InsufficientFunds {
        balance: cents(1_000),
        requested: cents(5_000),
    };
    assert_eq!(refusal.rule(), Rule::NoOverdraft);
    assert_eq!(
        placed(&recorded),
        vec![
            (
                "tr-1".to_string(),
                Event::TransferRequested {
                    transfer_id: tr("tr-1"),
                    from: acc("acc-a"),
                    to: acc("acc-b"),
                    amount: cents(5_000),
                }
            ),
            (
                "tr-1".to_string(),
                Event::TransferFailed {
                    reason: refusal.to_string()
                }
            ),
        ]
    );
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferDebited"), 0);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 0);
    let after = bank.current_state();
    assert_eq!(after.accounts(), before.accounts(), "no balance changed");
    assert_eq!(after.totals(), before.totals());
    assert_eq!(after.ended(), (0, 1));
}

#[test]
fn given_a_closed_destination_when_a_transfer_runs_then_the_source_is_debited_refunded_with_the_destinations_reason_and_it_fails(
) {
    let (store, mut bank) = two_accounts(10_000, 300);
    account_command(&mut bank, "acc-b", Command::CloseAccount, 5).expect("acc-b closes");
    bank.request_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(4_000),
        &ctx(10),
    )
    .expect("requested");

    let steps = bank
        .run_transfer(&tr("tr-1"), NOW + 11)
        .expect("the process runs");

    let refusal = Rejection::AccountClosed {
        account_id: acc("acc-b"),
    };
    let reason = refusal.to_string();
    let taken: Vec<ProcessStep> = steps.iter().map(|s| s.step.clone()).collect();
    assert_eq!(
        taken,
        vec![
            ProcessStep::Debit,
            ProcessStep::Refund {
                reason: reason.clone()
            },
            ProcessStep::Fail {
                reason: reason.clone()
            },
        ]
    );
    assert_eq!(
        steps[1].refused,
        Some(refusal),
        "the refund is taken because the credit was refused"
    );
    let recorded: Vec<RecordedEvent> = steps.iter().flat_map(|s| s.recorded.clone()).collect();
    assert_eq!(
        placed(&recorded),
        vec![
            (
                "acc-a".to_string(),
                Event::TransferDebited {
                    transfer_id: tr("tr-1"),
                    to: acc("acc-b"),
                    amount: cents(4_000),
                }
            ),
            (
                "acc-a".to_string(),
                Event::TransferRefunded {
                    transfer_id: tr("tr-1"),
                    amount: cents(4_000),
                    reason: reason.clone(),
                }
            ),
            (
                "tr-1".to_string(),
                Event::TransferFailed {
                    reason: reason.clone()
                }
            ),
        ]
    );
    // The ledger's rows say where the money was going and why it came back.
    let words: Vec<String> = recorded.iter().map(|r| r.event.describe()).collect();
    assert_eq!(
        words,
        [
            "$40.00 debited, on its way to acc-b".to_string(),
            format!("$40.00 refunded: {reason}"),
            format!("Transfer failed: {reason}"),
        ]
    );
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 0);
    assert_eq!(
        balance(&bank, "acc-a"),
        cents(10_000),
        "the source's money is back"
    );
    let state = bank.current_state();
    assert_eq!(
        state.account("acc-b").map(AccountState::balance),
        Some(Money::ZERO)
    );
    assert_conserved(&state);
    assert_eq!(state.totals().in_flight, Money::ZERO);
    assert_eq!(state.ended(), (0, 1));
}

#[test]
fn given_a_transfer_delivered_one_step_at_a_time_then_the_money_is_in_flight_between_debit_and_credit_and_totals_are_conserved_at_every_step(
) {
    let (store, mut bank) = two_accounts(10_000, 500);
    let id = tr("tr-1");
    let amount = cents(3_000);
    bank.request_transfer(&id, &acc("acc-a"), &acc("acc-b"), amount, &ctx(10))
        .expect("requested");

    let check = |bank: &BankService<Shared>, a: u64, b: u64, in_flight: Money| {
        let state = bank.current_state();
        assert_conserved(&state);
        assert_eq!(state.totals().in_flight, in_flight);
        assert_eq!(balance(bank, "acc-a"), cents(a));
        assert_eq!(balance(bank, "acc-b"), cents(b));
        assert_eq!(
            fold::<BankState>(&stored(&store)),
            state,
            "storage folds to what the tab shows"
        );
    };
    check(&bank, 10_000, 500, Money::ZERO);
    assert_eq!(
        bank.current_state()
            .running_transfer(&id)
            .map(|p| p.next_step()),
        Some(ProcessStep::Debit)
    );

    let debit = bank.step_transfer(&id, NOW + 11).unwrap().expect("a step");
    assert_eq!(debit.step, ProcessStep::Debit);
    check(&bank, 7_000, 500, amount);
    // The source's own state knows its transfer is in flight: decide refuses its close.
    assert!(matches!(
        bank.current_state().account_or_none(Some("acc-a")),
        AccountState::Open { in_flight, .. } if in_flight == [id.clone()]
    ));

    let credit = bank.step_transfer(&id, NOW + 12).unwrap().expect("a step");
    assert_eq!(credit.step, ProcessStep::Credit);
    check(&bank, 7_000, 3_500, Money::ZERO);
    assert!(matches!(
        bank.current_state().account_or_none(Some("acc-a")),
        AccountState::Open { in_flight, .. } if in_flight.is_empty()
    ));
    assert_eq!(bank.current_state().ended(), (0, 0), "not ended yet");

    let complete = bank.step_transfer(&id, NOW + 13).unwrap().expect("a step");
    assert_eq!(complete.step, ProcessStep::Complete);
    check(&bank, 7_000, 3_500, Money::ZERO);
    assert_eq!(bank.current_state().ended(), (1, 0));

    let events = bank.ledger().events().len();
    assert_eq!(
        bank.step_transfer(&id, NOW + 14).unwrap(),
        None,
        "nothing left to do"
    );
    assert_eq!(bank.ledger().events().len(), events);
}

#[test]
fn given_a_transfer_in_flight_when_its_source_closes_then_the_close_is_refused_until_the_money_lands(
) {
    let (store, mut bank) = two_accounts(10_000, 0);
    let id = tr("tr-1");
    bank.request_transfer(&id, &acc("acc-a"), &acc("acc-b"), cents(2_000), &ctx(10))
        .unwrap();
    bank.step_transfer(&id, NOW + 11).unwrap().expect("debited");
    let events = stored(&store).len();

    let refused = account_command(&mut bank, "acc-a", Command::CloseAccount, 12);

    let rejection = Rejection::TransferInFlight {
        account_id: acc("acc-a"),
        transfer_id: id.clone(),
    };
    assert_eq!(refused, Err(CommandError::Rejected(rejection.clone())));
    assert_eq!(rejection.rule(), Rule::NoCloseWithTransferInFlight);
    assert_eq!(stored(&store).len(), events, "a refusal records nothing");

    bank.step_transfer(&id, NOW + 13)
        .unwrap()
        .expect("credited");
    let closed = account_command(&mut bank, "acc-a", Command::CloseAccount, 14)
        .expect("once the money landed, the source may close");
    let names: Vec<&str> = closed.iter().map(|r| r.event.name()).collect();
    assert_eq!(names, vec!["BalancePaidOut", "AccountClosed"]);
    assert_eq!(
        closed[0].event,
        Event::BalancePaidOut {
            amount: cents(8_000)
        },
        "closing pays out what is left after the transfer"
    );
}

#[test]
fn given_a_transfer_in_flight_when_its_destination_closes_then_the_credit_is_refused_and_the_source_refunded(
) {
    let (store, mut bank) = two_accounts(5_000, 100);
    let id = tr("tr-1");
    bank.request_transfer(&id, &acc("acc-a"), &acc("acc-b"), cents(1_500), &ctx(10))
        .unwrap();
    bank.step_transfer(&id, NOW + 11).unwrap().expect("debited");

    account_command(&mut bank, "acc-b", Command::CloseAccount, 12)
        .expect("the destination has nothing in flight of its own: it may close");
    let steps = bank.run_transfer(&id, NOW + 13).unwrap();

    let reason = Rejection::AccountClosed {
        account_id: acc("acc-b"),
    }
    .to_string();
    let taken: Vec<ProcessStep> = steps.iter().map(|s| s.step.clone()).collect();
    assert_eq!(
        taken,
        vec![
            ProcessStep::Refund {
                reason: reason.clone()
            },
            ProcessStep::Fail { reason }
        ]
    );
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 0);
    assert_eq!(count_of(&events, "tr-1", "TransferRefunded"), 1);
    assert_eq!(balance(&bank, "acc-a"), cents(5_000));
    assert_conserved(&bank.current_state());
}

// ----- as one atomic write -----

#[test]
fn given_two_open_accounts_when_an_atomic_transfer_runs_then_debit_and_credit_are_one_write_with_one_command_id(
) {
    let (store, mut bank) = two_accounts(10_000, 500);
    let a_version = bank.ledger().stream_version("acc-a");
    let b_version = bank.ledger().stream_version("acc-b");
    let commits = store.commits();
    let first = bank.ledger().events().len() as u64 + 1;

    let recorded = bank
        .atomic_transfer(
            &tr("tr-1"),
            &acc("acc-a"),
            &acc("acc-b"),
            cents(2_000),
            &ctx(10),
        )
        .expect("recorded");

    assert_eq!(
        placed(&recorded),
        vec![
            (
                "acc-a".to_string(),
                Event::TransferDebited {
                    transfer_id: tr("tr-1"),
                    to: acc("acc-b"),
                    amount: cents(2_000),
                }
            ),
            (
                "acc-b".to_string(),
                Event::TransferCredited {
                    transfer_id: tr("tr-1"),
                    from: acc("acc-a"),
                    amount: cents(2_000),
                }
            ),
        ]
    );
    assert!(recorded.iter().all(|r| r.metadata.command_id == "cmd-10"));
    let positions: Vec<u64> = recorded.iter().map(|r| r.position).collect();
    assert_eq!(positions, vec![first, first + 1]);
    assert_eq!(recorded[0].stream_version, a_version + 1);
    assert_eq!(recorded[1].stream_version, b_version + 1);
    assert_eq!(store.commits() - commits, 1, "one write to storage");
    assert_eq!(
        bank.ledger().stream_version("tr-1"),
        0,
        "no transfer stream, no process"
    );

    let state = bank.current_state();
    assert_eq!(
        state.totals().in_flight,
        Money::ZERO,
        "nothing is ever in flight"
    );
    assert_eq!(balance(&bank, "acc-a"), cents(8_000));
    assert_eq!(balance(&bank, "acc-b"), cents(2_500));
    assert_conserved(&state);
    check_import(stored(&store), None, None)
        .expect("an atomic transfer is a history the rules record");
}

#[test]
fn given_a_closed_destination_when_an_atomic_transfer_runs_then_it_is_refused_whole_and_nothing_is_appended(
) {
    let (store, mut bank) = two_accounts(10_000, 0);
    account_command(&mut bank, "acc-b", Command::CloseAccount, 5).unwrap();
    let before = stored(&store);
    let commits = store.commits();

    let result = bank.atomic_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(2_000),
        &ctx(10),
    );

    assert_eq!(
        result,
        Err(CommandError::Rejected(Rejection::AccountClosed {
            account_id: acc("acc-b")
        }))
    );
    assert_eq!(stored(&store), before, "not even the debit is recorded");
    assert_eq!(bank.ledger().events(), before.as_slice());
    assert_eq!(store.commits(), commits);
    assert_eq!(balance(&bank, "acc-a"), cents(10_000));
}

#[test]
fn given_too_little_money_when_an_atomic_transfer_runs_then_it_is_refused_whole_and_nothing_is_appended(
) {
    let (store, mut bank) = two_accounts(1_000, 0);
    let before = stored(&store);

    let result = bank.atomic_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(1_001),
        &ctx(10),
    );

    assert_eq!(
        result,
        Err(CommandError::Rejected(Rejection::InsufficientFunds {
            balance: cents(1_000),
            requested: cents(1_001),
        }))
    );
    assert_eq!(stored(&store), before);
    assert_eq!(
        balance(&bank, "acc-b"),
        Money::ZERO,
        "no credit without its debit"
    );
}

#[test]
fn given_one_account_when_a_transfer_to_itself_is_asked_then_every_way_refuses_it_for_different_accounts(
) {
    let (store, mut bank) = two_accounts(10_000, 0);
    let before = stored(&store);
    let same = Err(CommandError::Rejected(Rejection::SameAccount {
        account_id: acc("acc-a"),
    }));

    let through_the_process = bank.handle(&transfer("tr-1", "acc-a", "acc-a", 100), &ctx(10));
    let requested = bank.request_transfer(
        &tr("tr-2"),
        &acc("acc-a"),
        &acc("acc-a"),
        cents(100),
        &ctx(11),
    );
    let atomic = bank.atomic_transfer(
        &tr("tr-3"),
        &acc("acc-a"),
        &acc("acc-a"),
        cents(100),
        &ctx(12),
    );

    assert_eq!(through_the_process, same.clone().map(|()| Vec::new()));
    assert_eq!(requested, same.clone());
    assert_eq!(atomic, same.map(|()| Vec::new()));
    assert_eq!(
        Rejection::SameAccount {
            account_id: acc("acc-a")
        }
        .rule(),
        Rule::DifferentAccounts
    );
    assert_eq!(
        stored(&store),
        before,
        "nothing recorded, no transfer stream opened"
    );
    for id in ["tr-1", "tr-2", "tr-3"] {
        assert_eq!(bank.ledger().stream_version(id), 0);
    }
}

#[test]
fn given_a_transfer_id_already_used_when_an_atomic_transfer_reuses_it_then_it_is_refused() {
    let (store, mut bank) = two_accounts(10_000, 500);
    bank.handle(&transfer("tr-1", "acc-a", "acc-b", 100), &ctx(10))
        .unwrap();
    let before = stored(&store);

    let reused = bank.atomic_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(100),
        &ctx(11),
    );

    assert!(
        matches!(reused, Err(CommandError::Rejected(_))),
        "a transfer id names one transfer: {reused:?}"
    );
    assert_eq!(stored(&store), before);
    check_import(stored(&store), None, None).expect("the app records only histories it can import");
}

// ----- per-stream optimistic concurrency -----

/// A store holding the openings of `acc-a` and `acc-b` (each stream at version 1).
fn opened_store() -> Shared {
    let store = Shared::default();
    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-a",
            ExpectedVersion::NoStream,
            &[Event::AccountOpened {
                account_id: acc("acc-a"),
                owner: owner("Ada"),
            }],
        ))
        .unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with(
            "acc-b",
            ExpectedVersion::NoStream,
            &[Event::AccountOpened {
                account_id: acc("acc-b"),
                owner: owner("Grace"),
            }],
        ))
        .unwrap();
    store
}

fn deposited(c: u64) -> Event {
    Event::MoneyDeposited {
        amount: cents(c),
        effective_on: None,
    }
}

#[test]
fn given_two_tabs_over_one_store_when_each_writes_to_a_different_account_then_both_succeed_without_conflict(
) {
    let store = opened_store();
    let mut tab1 = Ledger::open(store.clone(), KEY).unwrap();
    let mut tab2 = Ledger::open(store.clone(), KEY).unwrap();

    tab1.append(&UnitOfWork::new(&ctx(10)).with(
        "acc-a",
        ExpectedVersion::Exactly(1),
        &[deposited(100)],
    ))
    .expect("tab 1 writes acc-a");
    let second = tab2.append(&UnitOfWork::new(&ctx(11)).with(
        "acc-b",
        ExpectedVersion::Exactly(1),
        &[deposited(200)],
    ));

    assert!(
        second.is_ok(),
        "another account's write is no conflict: {second:?}"
    );
    let events = stored(&store);
    assert_eq!(events.len(), 4);
    assert_gapless(&events);
    assert_eq!(
        placed(&events[2..]),
        vec![
            ("acc-a".to_string(), deposited(100)),
            ("acc-b".to_string(), deposited(200))
        ]
    );
    assert_eq!(
        tab2.events(),
        events.as_slice(),
        "tab 2 picked up tab 1's write"
    );
}

#[test]
fn given_two_tabs_at_the_same_version_of_one_stream_when_both_append_then_the_second_gets_a_conflict(
) {
    let store = opened_store();
    let mut tab1 = Ledger::open(store.clone(), KEY).unwrap();
    let mut tab2 = Ledger::open(store.clone(), KEY).unwrap();

    tab1.append(&UnitOfWork::new(&ctx(10)).with(
        "acc-a",
        ExpectedVersion::Exactly(1),
        &[deposited(100)],
    ))
    .expect("the first writer wins");
    let second = tab2
        .append(&UnitOfWork::new(&ctx(11)).with(
            "acc-a",
            ExpectedVersion::Exactly(1),
            &[deposited(200)],
        ))
        .map(<[RecordedEvent]>::to_vec);

    assert_eq!(
        second,
        Err(AppendError::Conflict {
            stream_id: "acc-a".to_string(),
            expected: ExpectedVersion::Exactly(1),
            actual: 2,
        })
    );
    let events = stored(&store);
    assert_eq!(events.len(), 3);
    assert!(
        events.iter().all(|r| r.metadata.command_id != "cmd-11"),
        "the loser recorded nothing"
    );
    assert_eq!(tab2.stream_version("acc-a"), 2, "the loser re-read storage");
    tab2.append(&UnitOfWork::new(&ctx(12)).with(
        "acc-a",
        ExpectedVersion::Exactly(2),
        &[deposited(200)],
    ))
    .expect("decided again against the fresh version, it is accepted");
}

#[test]
fn given_two_tabs_when_both_withdraw_against_the_same_balance_then_the_second_is_decided_again_and_refused(
) {
    let (store, mut tab1) = two_accounts(100, 0);
    let mut tab2 = service(&store);

    account_command(
        &mut tab1,
        "acc-a",
        Command::WithdrawMoney { amount: cents(80) },
        10,
    )
    .expect("the first withdrawal is accepted");
    let second = account_command(
        &mut tab2,
        "acc-a",
        Command::WithdrawMoney { amount: cents(80) },
        11,
    );

    assert_eq!(
        second,
        Err(CommandError::Rejected(Rejection::InsufficientFunds {
            balance: cents(20),
            requested: cents(80),
        }))
    );
    let state: BankState = fold(&stored(&store));
    assert_eq!(
        state.account("acc-a").map(AccountState::balance),
        Some(cents(20))
    );
}

#[test]
fn expecting_no_stream_creates_a_stream_once_and_then_conflicts() {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();

    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-n", ExpectedVersion::NoStream, &[deposited(1)]))
        .expect("a stream that does not exist is what NoStream expects");
    let again = ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-n", ExpectedVersion::NoStream, &[deposited(2)]))
        .map(<[RecordedEvent]>::to_vec);

    assert_eq!(
        again,
        Err(AppendError::Conflict {
            stream_id: "acc-n".to_string(),
            expected: ExpectedVersion::NoStream,
            actual: 1,
        })
    );
    assert_eq!(ledger.events().len(), 1);
}

#[test]
fn expecting_exactly_a_version_admits_that_version_only() {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-x",
            ExpectedVersion::NoStream,
            &[deposited(1), deposited(2)],
        ))
        .unwrap();
    assert_eq!(ledger.stream_version("acc-x"), 2);

    for wrong in [1, 3] {
        let result = ledger
            .append(&UnitOfWork::new(&ctx(2)).with(
                "acc-x",
                ExpectedVersion::Exactly(wrong),
                &[deposited(3)],
            ))
            .map(<[RecordedEvent]>::to_vec);
        assert_eq!(
            result,
            Err(AppendError::Conflict {
                stream_id: "acc-x".to_string(),
                expected: ExpectedVersion::Exactly(wrong),
                actual: 2,
            })
        );
    }
    let recorded = ledger
        .append(&UnitOfWork::new(&ctx(3)).with(
            "acc-x",
            ExpectedVersion::Exactly(2),
            &[deposited(3)],
        ))
        .expect("the version the decision was made against")
        .to_vec();
    assert_eq!(recorded[0].stream_version, 3);
    assert_eq!(ledger.events().len(), 3);
}

#[test]
fn expecting_any_version_appends_whatever_the_stream_holds() {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();

    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-y", ExpectedVersion::Any, &[deposited(1)]))
        .expect("to a stream that does not exist");
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-y", ExpectedVersion::Any, &[deposited(2)]))
        .expect("to a stream that does");

    assert_eq!(ledger.stream_version("acc-y"), 2);
}

#[test]
fn a_counted_stream_version_is_expected_as_no_stream_for_zero_and_exactly_otherwise() {
    assert_eq!(ExpectedVersion::from(0), ExpectedVersion::NoStream);
    assert_eq!(ExpectedVersion::from(1), ExpectedVersion::Exactly(1));
    assert_eq!(ExpectedVersion::from(42), ExpectedVersion::Exactly(42));
}

#[test]
fn given_two_streams_when_one_expectation_of_a_multi_stream_append_fails_then_nothing_is_appended_to_either(
) {
    let store = opened_store();
    let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
    let commits = store.commits();

    let result = ledger
        .append(&UnitOfWork {
            context: &ctx(10),
            writes: vec![
                StreamWrite {
                    stream_id: "acc-a",
                    expected: ExpectedVersion::Exactly(1),
                    events: &[deposited(100)],
                },
                StreamWrite {
                    stream_id: "acc-b",
                    expected: ExpectedVersion::Exactly(7),
                    events: &[deposited(200)],
                },
            ],
        })
        .map(<[RecordedEvent]>::to_vec);

    assert_eq!(
        result,
        Err(AppendError::Conflict {
            stream_id: "acc-b".to_string(),
            expected: ExpectedVersion::Exactly(7),
            actual: 1,
        })
    );
    assert_eq!(
        ledger.events().len(),
        2,
        "acc-a's part is not appended either"
    );
    assert_eq!(ledger.stream_version("acc-a"), 1);
    assert_eq!(stored(&store).len(), 2);
    assert_eq!(store.commits(), commits, "nothing was written");

    let both = ledger
        .append(&UnitOfWork {
            context: &ctx(11),
            writes: vec![
                StreamWrite {
                    stream_id: "acc-a",
                    expected: ExpectedVersion::Exactly(1),
                    events: &[deposited(100)],
                },
                StreamWrite {
                    stream_id: "acc-b",
                    expected: ExpectedVersion::Exactly(1),
                    events: &[deposited(200)],
                },
            ],
        })
        .expect("both expectations hold")
        .to_vec();
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|r| r.metadata.command_id == "cmd-11"));
    assert_eq!(store.commits(), commits + 1, "one write for both streams");
    assert_gapless(&stored(&store));
}

// ----- a crash between two steps, and recovery -----

/// Requests `tr-1` (4,000 of acc-a's 10,000 to acc-b) and, if `debit`, takes its first step;
/// then the tab is gone: only storage is left.
fn crashed_mid_transfer(debit: bool) -> Shared {
    let (store, mut bank) = two_accounts(10_000, 0);
    bank.request_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(4_000),
        &ctx(10),
    )
    .unwrap();
    if debit {
        let step = bank.step_transfer(&tr("tr-1"), NOW + 11).unwrap();
        assert_eq!(step.map(|s| s.step), Some(ProcessStep::Debit));
    }
    drop(bank);
    store
}

#[test]
fn given_a_crash_after_the_debit_when_a_new_service_recovers_then_the_transfer_is_completed_exactly_once(
) {
    let store = crashed_mid_transfer(true);
    let mut bank = service(&store);
    assert_eq!(bank.current_state().totals().in_flight, cents(4_000));

    let reports = bank.recover(NOW + 100).expect("recovered");

    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].transfer_id, tr("tr-1"));
    let steps: Vec<ProcessStep> = reports[0].steps.iter().map(|s| s.step.clone()).collect();
    assert_eq!(steps, vec![ProcessStep::Credit, ProcessStep::Complete]);
    let events = stored(&store);
    for name in ["TransferDebited", "TransferCredited", "TransferCompleted"] {
        assert_eq!(count_of(&events, "tr-1", name), 1, "{name} once");
    }
    assert_eq!(balance(&bank, "acc-b"), cents(4_000));
    assert_eq!(bank.current_state().totals().in_flight, Money::ZERO);

    assert_eq!(bank.recover(NOW + 200).unwrap(), Vec::new(), "nothing left");
    assert_eq!(service(&store).recover(NOW + 300).unwrap(), Vec::new());
    assert_eq!(stored(&store), events, "recovering again records nothing");
}

#[test]
fn given_a_crash_after_the_debit_when_two_services_recover_at_once_then_the_credit_is_recorded_once(
) {
    let store = crashed_mid_transfer(true);
    let id = tr("tr-1");
    // Both tabs start and read the ledger before either steps.
    let mut tab1 = service(&store);
    let mut tab2 = service(&store);
    for tab in [&tab1, &tab2] {
        assert!(tab
            .current_state()
            .running_transfer(&id)
            .is_some_and(|p| p.in_flight()));
    }

    let first = tab1.step_transfer(&id, NOW + 100).unwrap();
    let second = tab2.step_transfer(&id, NOW + 101).unwrap();
    let third = tab1.step_transfer(&id, NOW + 102).unwrap();
    let fourth = tab2.step_transfer(&id, NOW + 103).unwrap();

    assert_eq!(first.map(|s| s.step), Some(ProcessStep::Credit));
    assert_eq!(
        second.map(|s| s.step),
        Some(ProcessStep::Complete),
        "tab 2's credit lost the race; decided again, its next step is the completion"
    );
    assert_eq!(third, None);
    assert_eq!(fourth, None);
    assert!(tab1.recover(NOW + 104).unwrap().is_empty());
    assert!(tab2.recover(NOW + 105).unwrap().is_empty());

    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 1);
    assert_eq!(count_of(&events, "tr-1", "TransferCompleted"), 1);
    assert_eq!(count_of(&events, "tr-1", "TransferFailed"), 0);
    let state: BankState = fold(&events);
    assert_eq!(
        state.account("acc-b").map(AccountState::balance),
        Some(cents(4_000))
    );
    assert_conserved(&state);
    check_import(events, None, None).expect("a history the rules record");
}

#[test]
fn given_a_crash_before_the_debit_when_two_services_step_at_once_then_the_source_is_debited_once() {
    let store = crashed_mid_transfer(false);
    let id = tr("tr-1");
    let mut tab1 = service(&store);
    let mut tab2 = service(&store);

    let first = tab1.step_transfer(&id, NOW + 100).unwrap();
    let second = tab2.step_transfer(&id, NOW + 101).unwrap();
    tab1.recover(NOW + 102).unwrap();
    tab2.recover(NOW + 103).unwrap();

    assert_eq!(first.map(|s| s.step), Some(ProcessStep::Debit));
    assert_eq!(second.map(|s| s.step), Some(ProcessStep::Credit));
    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferDebited"), 1);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 1);
    assert_eq!(count_of(&events, "tr-1", "TransferCompleted"), 1);
    let state: BankState = fold(&events);
    assert_eq!(
        state.account("acc-a").map(AccountState::balance),
        Some(cents(6_000))
    );
    assert_conserved(&state);
}

#[test]
fn given_a_tab_that_missed_a_deposit_when_it_steps_a_transfer_another_tab_just_debited_then_the_money_does_not_stay_in_flight_forever(
) {
    // tr-1 asks for 5,000 of acc-a's 1,000; the tab stopped before the debit.
    let (store, mut bank) = two_accounts(1_000, 0);
    bank.request_transfer(
        &tr("tr-1"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(5_000),
        &ctx(10),
    )
    .unwrap();
    drop(bank);
    let id = tr("tr-1");
    let mut tab1 = service(&store);
    let mut tab2 = service(&store);

    // Tab 1 tops acc-a up and debits; tab 2 has seen neither.
    deposit(&mut tab1, "acc-a", 10_000, 11);
    assert_eq!(
        tab1.step_transfer(&id, NOW + 12).unwrap().map(|s| s.step),
        Some(ProcessStep::Debit)
    );
    let _ = tab2.step_transfer(&id, NOW + 13);
    let _ = tab1.recover(NOW + 14);
    let _ = tab2.recover(NOW + 15);

    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferDebited"), 1);
    let debited_and_settled = count_of(&events, "tr-1", "TransferCredited")
        + count_of(&events, "tr-1", "TransferRefunded");
    assert_eq!(
        debited_and_settled,
        1,
        "the debited money is credited or refunded: {:#?}",
        placed(&events)
    );
    let state: BankState = fold(&events);
    assert_eq!(
        state.totals().in_flight,
        Money::ZERO,
        "no money left in flight"
    );
    check_import(events, None, None).expect("the app records only histories it can import");
}

#[test]
fn given_a_tab_that_missed_the_destination_opening_when_it_steps_a_transfer_another_tab_credited_then_the_money_is_not_refunded_as_well(
) {
    // tr-1 sends 1,000 of acc-a's 10,000 to acc-b, which does not exist yet; it is debited.
    let store = Shared::default();
    let mut tab1 = service(&store);
    open(&mut tab1, "acc-a", "Ada", 1);
    deposit(&mut tab1, "acc-a", 10_000, 2);
    let id = tr("tr-1");
    tab1.request_transfer(&id, &acc("acc-a"), &acc("acc-b"), cents(1_000), &ctx(3))
        .unwrap();
    tab1.step_transfer(&id, NOW + 4).unwrap();
    // Tab 2 reads now: the money in flight, no acc-b.
    let mut tab2 = service(&store);

    // Tab 1 opens acc-b and delivers the credit; tab 2 has seen neither.
    open(&mut tab1, "acc-b", "Grace", 5);
    assert_eq!(
        tab1.step_transfer(&id, NOW + 6).unwrap().map(|s| s.step),
        Some(ProcessStep::Credit)
    );
    let _ = tab2.step_transfer(&id, NOW + 7);
    let _ = tab1.recover(NOW + 8);
    let _ = tab2.recover(NOW + 9);

    let events = stored(&store);
    assert_eq!(count_of(&events, "tr-1", "TransferCredited"), 1);
    assert_eq!(
        count_of(&events, "tr-1", "TransferRefunded"),
        0,
        "the money arrived, so it does not come back as well: {:#?}",
        placed(&events)
    );
    let state: BankState = fold(&events);
    assert_conserved(&state);
    assert_eq!(
        state.totals().in_accounts,
        cents(10_000),
        "no money was made"
    );
    check_import(events, None, None).expect("the app records only histories it can import");
}

// ----- histories from elsewhere -----

/// A history written straight to a ledger, rules or not (a hand-edited file), as an export.
fn export_of(events: &[(&str, Event)]) -> String {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();
    for (n, (stream, event)) in events.iter().enumerate() {
        ledger
            .append(&UnitOfWork::new(&ctx(n as u32)).with(
                stream,
                ExpectedVersion::Any,
                std::slice::from_ref(event),
            ))
            .unwrap();
    }
    encode_export(ledger.events(), "test", 0)
}

fn opened(account: &'static str, name: &str) -> (&'static str, Event) {
    (
        account,
        Event::AccountOpened {
            account_id: acc(account),
            owner: owner(name),
        },
    )
}

fn requested(id: &str, amount: u64) -> Event {
    Event::TransferRequested {
        transfer_id: tr(id),
        from: acc("acc-a"),
        to: acc("acc-b"),
        amount: cents(amount),
    }
}

fn debited(id: &str, amount: u64) -> Event {
    Event::TransferDebited {
        transfer_id: tr(id),
        to: acc("acc-b"),
        amount: cents(amount),
    }
}

fn credited(id: &str, amount: u64) -> Event {
    Event::TransferCredited {
        transfer_id: tr(id),
        from: acc("acc-a"),
        amount: cents(amount),
    }
}

/// acc-a with 10,000 and an empty acc-b: three events.
fn funded() -> Vec<(&'static str, Event)> {
    vec![
        opened("acc-a", "Ada"),
        ("acc-a", deposited(10_000)),
        opened("acc-b", "Grace"),
    ]
}

/// Asserts the import of `history` is refused at its last event, as a transfer's process would
/// not have recorded it, with a message naming the event, its place and `words`; and that the
/// same history without that event is accepted.
#[track_caller]
fn assert_refused_at_the_last_event(history: &[(&str, Event)], words: &str) {
    let last = history.len();
    let name = history[last - 1].1.name();
    read_import(&export_of(&history[..last - 1]))
        .expect("the history up to the forged event is one the rules record");

    let error = read_import(&export_of(history)).expect_err("the forged event is refused");

    match &error {
        ImportError::Rules(HistoryError::NotWhatTheProcessRecords { index, event, .. }) => {
            assert_eq!((*index, *event), (last, name));
        }
        other => panic!("expected a refusal by the transfer's process, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("event #{last} ({name})")),
        "the message names the event and its place: {message}"
    );
    assert!(message.contains(words), "the message says why: {message}");
}

#[test]
fn given_a_history_of_several_accounts_and_transfers_when_exported_and_read_back_then_the_import_accepts_it(
) {
    let (store, mut bank) = two_accounts(10_000, 2_000);
    open(&mut bank, "acc-c", "Hedy", 5);
    bank.handle(&transfer("tr-1", "acc-a", "acc-b", 1_500), &ctx(10))
        .unwrap();
    bank.handle(&transfer("tr-2", "acc-b", "acc-c", 99_999), &ctx(11))
        .unwrap();
    bank.atomic_transfer(
        &tr("tr-3"),
        &acc("acc-b"),
        &acc("acc-c"),
        cents(700),
        &ctx(12),
    )
    .unwrap();
    account_command(&mut bank, "acc-c", Command::CloseAccount, 13).unwrap();
    bank.handle(&transfer("tr-4", "acc-a", "acc-c", 300), &ctx(14))
        .unwrap();
    bank.request_transfer(
        &tr("tr-5"),
        &acc("acc-a"),
        &acc("acc-b"),
        cents(100),
        &ctx(15),
    )
    .unwrap();
    bank.step_transfer(&tr("tr-5"), NOW + 16).unwrap();
    let events = stored(&store);
    let (completed, failed) = bank.current_state().ended();
    assert_eq!(
        (completed, failed),
        (1, 2),
        "tr-1 completed, tr-2 and tr-4 failed"
    );
    assert_eq!(count_of(&events, "tr-4", "TransferRefunded"), 1);

    let import = read_import(&encode_export(&events, "test", 7)).expect("accepted");

    assert_eq!(import.events, events);
    assert_eq!(import.cursor, 7);
    assert_eq!(fold::<BankState>(&import.events), bank.current_state());
    assert_eq!(
        fold::<BankState>(&import.events).totals().in_flight,
        cents(100),
        "tr-5 is still in flight"
    );
    assert_eq!(fold::<BankState>(&import.events).accounts().len(), 3);
}

#[test]
fn given_a_forged_credit_without_a_debit_when_imported_then_it_is_refused_with_a_clear_error() {
    let mut history = funded();
    history.push(("tr-1", requested("tr-1", 500)));
    history.push(("acc-b", credited("tr-1", 500)));
    assert_refused_at_the_last_event(&history, "has no debit waiting for this credit");

    let mut unrequested = funded();
    unrequested.push(("acc-b", credited("tr-9", 500)));
    assert_refused_at_the_last_event(&unrequested, "has no debit waiting for this credit");
}

#[test]
fn given_a_refund_after_the_credit_when_imported_then_it_is_refused_with_a_clear_error() {
    let mut history = funded();
    history.push(("tr-1", requested("tr-1", 500)));
    history.push(("acc-a", debited("tr-1", 500)));
    history.push(("acc-b", credited("tr-1", 500)));
    history.push((
        "acc-a",
        Event::TransferRefunded {
            transfer_id: tr("tr-1"),
            amount: cents(500),
            reason: "made up".to_string(),
        },
    ));
    assert_refused_at_the_last_event(&history, "has no debit in flight to refund");
}

#[test]
fn given_a_transfer_completed_without_a_credit_when_imported_then_it_is_refused_with_a_clear_error()
{
    let mut history = funded();
    history.push(("tr-1", requested("tr-1", 500)));
    history.push(("acc-a", debited("tr-1", 500)));
    history.push(("tr-1", Event::TransferCompleted));
    assert_refused_at_the_last_event(&history, "cannot end that way where it is");
}

// ----- the event-type table -----

/// One event of every type, with awkward text where there is text.
fn one_of_each() -> Vec<(&'static str, Event)> {
    let reason = "Account acc-b is closed: \"no\" \u{2014} d\u{e9}j\u{e0} vu, 100%".to_string();
    vec![
        opened("acc-a", "Ada \u{c5}str\u{f6}m"),
        ("acc-a", deposited(12_345)),
        ("acc-a", Event::MoneyWithdrawn { amount: cents(345) }),
        (
            "acc-a",
            Event::BalancePaidOut {
                amount: cents(1_000),
            },
        ),
        (
            "acc-a",
            Event::WithdrawalReversed {
                withdrawal: 3,
                amount: cents(345),
            },
        ),
        ("tr-1", requested("tr-1", 900)),
        ("acc-a", debited("tr-1", 900)),
        ("acc-b", credited("tr-1", 900)),
        (
            "acc-a",
            Event::TransferRefunded {
                transfer_id: tr("tr-1"),
                amount: cents(900),
                reason: reason.clone(),
            },
        ),
        ("tr-1", Event::TransferCompleted),
        ("tr-2", Event::TransferFailed { reason }),
        ("acc-a", Event::AccountClosed),
    ]
}

#[test]
fn every_event_type_has_one_row_with_a_unique_name_and_code() {
    let names: BTreeSet<&str> = EVENT_TYPES.iter().map(|t| t.name).collect();
    let codes: BTreeSet<&str> = EVENT_TYPES.iter().map(|t| t.code).collect();
    assert_eq!(names.len(), EVENT_TYPES.len());
    assert_eq!(codes.len(), EVENT_TYPES.len());
    let sampled: BTreeSet<&str> = one_of_each().iter().map(|(_, e)| e.name()).collect();
    assert_eq!(
        sampled, names,
        "the samples cover every type in the table, and no other"
    );
}

#[test]
fn every_event_type_is_stored_as_its_tables_name_version_and_fields() {
    for (_, event) in one_of_each() {
        let stored = encode_event(&event);
        let ty = EVENT_TYPES
            .iter()
            .find(|t| t.name == event.name())
            .expect("every event has a row");
        assert_eq!(stored.event_type, event.name());
        assert_eq!(stored.schema_version, ty.version);
        let fields: BTreeSet<&str> = stored
            .payload
            .as_object()
            .expect("the payload is an object")
            .keys()
            .map(String::as_str)
            .collect();
        let expected: BTreeSet<&str> = ty.fields.iter().copied().collect();
        assert_eq!(fields, expected, "{} payload fields", event.name());
    }
}

#[test]
fn every_event_type_round_trips_through_the_document_and_the_chunked_storage() {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();
    for (n, (stream, event)) in one_of_each().into_iter().enumerate() {
        let context = CommandContext {
            command_id: format!("cmd-{n}"),
            correlation_id: "conversation-1".to_string(),
            now_ms: NOW + 1_000 * n as i64,
        };
        ledger
            .append(&UnitOfWork::new(&context).with(stream, ExpectedVersion::Any, &[event]))
            .unwrap();
    }
    let events = ledger.events().to_vec();

    let from_document = decode_document(&encode_document(&events)).expect("the document reads");
    let reopened = Ledger::open(ledger.into_store(), KEY).expect("the chunks read");

    assert_eq!(
        from_document, events,
        "the JSON document keeps every field of every type"
    );
    assert_eq!(
        reopened.events(),
        events.as_slice(),
        "the compact chunk rows do too"
    );
}

#[test]
fn given_a_forged_atomic_transfer_from_an_account_to_itself_when_imported_then_it_is_refused() {
    // A request between the same account is refused by the transfer's rules; an atomic write has
    // no request, and its credit would look like the end of the account's own transfer.
    let mut history = funded();
    history.push((
        "acc-a",
        Event::TransferDebited {
            transfer_id: tr("tr-self"),
            to: acc("acc-a"),
            amount: cents(500),
        },
    ));
    assert_refused_at_the_last_event(&history, "moves money from acc-a to itself");
}

#[test]
fn given_a_close_while_a_transfer_is_in_flight_when_imported_then_the_rule_in_decide_refuses_it() {
    let mut history = funded();
    history.push(("tr-1", requested("tr-1", 500)));
    history.push(("acc-a", debited("tr-1", 500)));
    history.push((
        "acc-a",
        Event::MoneyWithdrawn {
            amount: cents(9_500),
        },
    ));
    history.push(("acc-a", Event::AccountClosed));
    let error = read_import(&export_of(&history)).expect_err("the close is refused");
    assert_eq!(
        error.to_string(),
        format!(
            "event #{} (AccountClosed) breaks a rule: {}",
            history.len(),
            Rejection::TransferInFlight {
                account_id: acc("acc-a"),
                transfer_id: tr("tr-1"),
            }
        )
    );
}
