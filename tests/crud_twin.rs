//! The CRUD twin and the questions: what a CRUD application, written as an experienced developer
//! would, holds and loses after the same commands, and what only the events can answer, at any
//! point of history.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::bank_service::{BankCommand, BankService};
use replay_bank::domain::{AccountId, Command, Money, TransferId};
use replay_bank::eventstore::{CommandContext, Ledger, MemoryStore, RecordedEvent};
use replay_bank::read_models::{
    crud_twin_at, fold, questions_at, CrudRow, CrudTable, CrudTwin, QUICK_WITHDRAWAL_MS,
};
use support::*;

const T0: i64 = 1_795_000_000_000;

/// The account these histories hold.
const ACCOUNT: Option<&str> = Some("acc-1");

fn table(events: &[RecordedEvent], k: usize) -> CrudTable {
    fold(&events[..k.min(events.len())])
}

/// The twin after the first `k` events.
fn twin(events: &[RecordedEvent], k: usize) -> CrudTwin {
    crud_twin_at(events, k, |j| table(events, j))
}

/// The table's row in these one-account histories: at most one.
fn row(twin: &CrudTwin) -> Option<CrudRow> {
    assert!(
        twin.rows.len() <= 1,
        "one account, one row: {:?}",
        twin.rows
    );
    twin.rows.first().cloned()
}

/// Runs commands at the given times (ms after T0).
fn history(commands: &[(i64, Command)]) -> Vec<RecordedEvent> {
    let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "c").unwrap());
    let (times, commands): (Vec<i64>, Vec<Command>) = commands.iter().cloned().unzip();
    for (n, (at, command)) in times.iter().zip(one_account(&commands)).enumerate() {
        let context = CommandContext {
            command_id: format!("cmd-{n}"),
            correlation_id: format!("cmd-{n}"),
            now_ms: T0 + at,
        };
        bank.handle(&command, &context).unwrap();
    }
    bank.ledger().events().to_vec()
}

fn worked_example() -> Vec<RecordedEvent> {
    history(&[
        (0, open("acc-1", "Ada")),
        (60_000, deposit(125_000)),
        (120_000, withdraw(30_000)),
        (3_600_000, deposit(8_050)),
    ])
}

#[test]
fn every_update_overwrites_the_balance_the_ledger_keeps() {
    let events = worked_example();
    let twin = twin(&events, 4);
    assert_eq!(
        row(&twin),
        Some(CrudRow {
            id: "acc-1".into(),
            owner: "Ada".into(),
            balance: "1030.50".into(),
            status: "open",
            created_at: "2026-11-18 11:06:40".into(),
        })
    );
    let last = twin.last.unwrap();
    assert_eq!(
        last.crud_sql,
        "UPDATE accounts SET balance = 1030.50 WHERE id = 'acc-1';"
    );
    assert_eq!(last.lost.as_deref(), Some("balance 950.00"));
    assert_eq!(
        last.unrecorded.as_deref(),
        Some("that a deposit of $80.50 changed it"),
        "the new balance does not say why it changed"
    );
    assert_eq!(
        last.event_sql,
        "INSERT INTO events (position, stream_id, version, type, payload) VALUES (4, 'acc-1', 4, 'MoneyDeposited', '{\"amount_cents\":8050}');"
    );
    assert_eq!(
        twin.values_lost, 3,
        "three balances overwritten, all still in the ledger"
    );
}

#[test]
fn the_twin_follows_the_cursor() {
    let events = worked_example();
    let empty = twin(&events, 0);
    assert_eq!(
        (row(&empty), empty.last, empty.values_lost),
        (None, None, 0)
    );
    let opened = twin(&events, 1);
    assert_eq!(row(&opened).unwrap().balance, "0.00");
    let insert = opened.last.unwrap();
    assert_eq!(
        insert.crud_sql,
        "INSERT INTO accounts (id, owner, balance, status, created_at) VALUES ('acc-1', 'Ada', 0.00, 'open', '2026-11-18 11:06:40');"
    );
    assert_eq!(insert.lost, None);
    assert_eq!(row(&twin(&events, 3)).unwrap().balance, "950.00");
}

#[test]
fn closing_pays_out_and_sets_the_status_in_one_update_and_keeps_the_row() {
    let events = history(&[
        (0, open("acc-1", "O'Brien")),
        (1, deposit(4_200)),
        (2, Command::CloseAccount),
    ]);
    assert_eq!(events.len(), 4, "payout, then close");
    let closed = twin(&events, 4);
    assert_eq!(
        row(&closed),
        Some(CrudRow {
            id: "acc-1".into(),
            owner: "O'Brien".into(),
            balance: "0.00".into(),
            status: "closed",
            created_at: "2026-11-18 11:06:40".into(),
        }),
        "a closed account keeps its row: CRUD sets the status, it does not DELETE"
    );
    let payout = twin(&events, 3).last.unwrap();
    assert_eq!(
        payout.crud_sql,
        "UPDATE accounts SET balance = 0.00, status = 'closed' WHERE id = 'acc-1';"
    );
    assert_eq!(payout.lost.as_deref(), Some("balance 42.00, status open"));
    assert_eq!(
        payout.unrecorded.as_deref(),
        Some("that closing paid out $42.00")
    );
    assert_eq!(
        closed.last.unwrap().crud_sql,
        "-- nothing: CRUD closed the account at #3, in one UPDATE"
    );
    assert_eq!(
        closed.values_lost, 3,
        "a balance, then a balance and a status"
    );
    // The owner's quote is doubled inside the SQL literal.
    assert!(twin(&events, 1)
        .last
        .unwrap()
        .crud_sql
        .contains("'O''Brien'"));
    let questions = questions_at(&events, 4, ACCOUNT);
    // The row outlived the account: what was planned for (owner, created_at) is still there;
    // every past balance and why it changed is not.
    assert!(questions[2].from_crud.starts_with("Answered"));
    assert!(questions[0].from_crud.starts_with("Overwritten"));
    assert_eq!(questions[1].from_events, "1.");
}

/// Up to release 0.4.0 a close paid out with a MoneyWithdrawn: CRUD reads it as the withdrawal
/// it says it is, then sets the status.
#[test]
fn a_close_recorded_by_release_0_4_0_is_a_withdrawal_then_a_status_update() {
    let mut events = history(&[
        (0, open("acc-1", "Ada")),
        (1, deposit(4_200)),
        (2, Command::CloseAccount),
    ]);
    events[2].event = replay_bank::domain::Event::MoneyWithdrawn {
        amount: Money::from_cents(4_200),
    };
    assert_eq!(
        twin(&events, 3).last.unwrap().crud_sql,
        "UPDATE accounts SET balance = 0.00 WHERE id = 'acc-1';"
    );
    let closed = twin(&events, 4);
    assert_eq!(row(&closed).unwrap().status, "closed");
    assert_eq!(
        closed.last.unwrap().crud_sql,
        "UPDATE accounts SET status = 'closed' WHERE id = 'acc-1';"
    );
}

#[test]
fn the_ledger_answers_each_question_at_each_point() {
    let events = worked_example();
    let now = questions_at(&events, 4, ACCOUNT);
    assert_eq!(
        now[0].ask,
        "What was the balance before the last withdrawal?"
    );
    assert_eq!(now[0].from_events, "$1,250.00, just before event #3.");
    assert!(now[0].from_crud.starts_with("Overwritten"));
    assert_eq!(now[1].from_events, "2.");
    assert_eq!(
        now[2].from_events,
        "2026-11-18 11:06:40 UTC for Ada (event #1)."
    );
    // The withdrawal came 60 s after a deposit; the later deposit has no withdrawal after it.
    assert_eq!(now[3].from_events, "1.");

    let at_two = questions_at(&events, 2, ACCOUNT);
    assert_eq!(at_two[0].from_events, "There is no withdrawal yet.");
    assert_eq!(at_two[1].from_events, "1.");
    assert_eq!(
        questions_at(&events, 0, ACCOUNT)[2].from_events,
        "It is not open yet."
    );
}

#[test]
fn a_withdrawal_counts_as_quick_only_within_five_minutes_of_the_deposit_before_it() {
    let events = history(&[
        (0, open("acc-1", "Ada")),
        (0, deposit(10_000)),
        (QUICK_WITHDRAWAL_MS, withdraw(100)),
        (QUICK_WITHDRAWAL_MS + 10_000, deposit(100)),
        (2 * QUICK_WITHDRAWAL_MS + 10_001, withdraw(100)),
    ]);
    assert_eq!(
        questions_at(&events, events.len(), ACCOUNT)[3].from_events,
        "1."
    );
}

fn command() -> impl proptest::strategy::Strategy<Value = Command> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(open("acc-1", "Ada")),
        6 => (1u64..50_000).prop_map(deposit),
        5 => (1u64..60_000).prop_map(withdraw),
        1 => Just(Command::CloseAccount),
    ]
}

proptest::proptest! {
    #[test]
    fn what_an_update_overwrites_is_the_row_one_step_earlier(
        commands in proptest::collection::vec(command(), 0..60),
    ) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "c").unwrap());
        for (n, command) in one_account(&commands).iter().enumerate() {
            let _ = bank.handle(command, &ctx(n as u32));
        }
        let events = bank.ledger().events().to_vec();
        for k in 1..=events.len() {
            let now = twin(&events, k);
            let earlier = twin(&events, k - 1);
            let statement = now.last.unwrap();
            if statement.crud_sql.starts_with("UPDATE accounts SET balance = ") {
                let before = row(&earlier).expect("an UPDATE finds its row");
                let expected = format!("balance {}", before.balance);
                proptest::prop_assert!(statement.lost.as_deref().unwrap().starts_with(&expected));
            }
            let overwritten = statement.lost.as_deref().map_or(0, |lost| lost.split(", ").count());
            proptest::prop_assert_eq!(now.values_lost, earlier.values_lost + overwritten);
            let deposits = events[..k].iter().filter(|r| matches!(r.event, replay_bank::domain::Event::MoneyDeposited { .. })).count();
            proptest::prop_assert_eq!(&questions_at(&events, k, ACCOUNT)[1].from_events, &format!("{deposits}."));
        }
    }

    #[test]
    fn crud_never_has_money_in_flight_and_ends_each_command_where_the_ledger_does(
        commands in proptest::collection::vec(bank_command(), 0..40),
    ) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "c").unwrap());
        let mut ends = Vec::new();
        for (n, command) in commands.iter().enumerate() {
            let _ = bank.handle(command, &ctx(n as u32));
            ends.push(bank.ledger().events().len());
        }
        let events = bank.ledger().events().to_vec();
        for k in 0..=events.len() {
            let crud = twin(&events, k);
            let ledger: replay_bank::read_models::BankState = fold(&events[..k]);
            let totals = ledger.totals();
            let in_rows = crud.rows.iter().map(|r| printed(&r.balance)).fold(Money::ZERO, |a, b| a.checked_add(b).unwrap());
            // Every dollar deposited and not withdrawn is in a row at every event, even where
            // the ledger's process has money in flight.
            proptest::prop_assert_eq!(Some(in_rows), totals.deposited.checked_sub(totals.withdrawn));
            if ends.contains(&k) {
                for r in &crud.rows {
                    let state = ledger.account(&r.id).unwrap();
                    proptest::prop_assert_eq!(printed(&r.balance), state.balance());
                    proptest::prop_assert_eq!(r.status == "closed", state.status() == replay_bank::domain::AccountStatus::Closed);
                }
            }
        }
    }
}

/// A balance as the table prints it ("300.00"), as money.
fn printed(balance: &str) -> Money {
    Money::from_cents(balance.replace('.', "").parse().unwrap())
}

/// Commands over three accounts, transfers included, every step delivered at once.
fn bank_command() -> impl proptest::strategy::Strategy<Value = BankCommand> {
    use proptest::prelude::*;
    let account = || prop_oneof![Just("acc-1"), Just("acc-2"), Just("acc-3")];
    prop_oneof![
        2 => account().prop_map(|a| opening(a, "Ada")),
        4 => (account(), 1u64..50_000).prop_map(|(a, c)| to(a, deposit(c))),
        3 => (account(), 1u64..60_000).prop_map(|(a, c)| to(a, withdraw(c))),
        1 => account().prop_map(|a| to(a, Command::CloseAccount)),
        4 => (account(), account(), 1u64..40_000, 0u32..1_000_000).prop_map(|(from, to, c, n)| {
            BankCommand::Transfer {
                transfer_id: TransferId::new(format!("tr-{n:06}")),
                from: AccountId::new(from),
                to: AccountId::new(to),
                amount: Money::from_cents(c),
            }
        }),
    ]
}

/// Two accounts holding $500.00 and nothing, then a transfer of $200.00 between them.
fn two_accounts() -> BankService<MemoryStore> {
    let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "c").unwrap());
    for (n, command) in [
        opening("acc-1", "Ada"),
        to("acc-1", deposit(50_000)),
        opening("acc-2", "Grace"),
    ]
    .iter()
    .enumerate()
    {
        bank.handle(command, &ctx(n as u32)).unwrap();
    }
    bank
}

fn transfer(id: &str, cents: u64) -> BankCommand {
    BankCommand::Transfer {
        transfer_id: TransferId::new(id),
        from: AccountId::new("acc-1"),
        to: AccountId::new("acc-2"),
        amount: Money::from_cents(cents),
    }
}

fn balances(twin: &CrudTwin) -> Vec<(&str, &str)> {
    twin.rows
        .iter()
        .map(|r| (r.balance.as_str(), r.status))
        .collect()
}

#[test]
fn a_transfer_is_one_transaction_and_the_process_steps_run_nothing() {
    let mut bank = two_accounts();
    bank.handle(&transfer("tr-1", 20_000), &ctx(3)).unwrap();
    let events = bank.ledger().events().to_vec();
    let names: Vec<&str> = events[3..].iter().map(|r| r.event.name()).collect();
    assert_eq!(
        names,
        [
            "TransferRequested",
            "TransferDebited",
            "TransferCredited",
            "TransferCompleted"
        ]
    );
    let requested = twin(&events, 4);
    assert_eq!(
        requested.last.as_ref().unwrap().crud_sql,
        "BEGIN; UPDATE accounts SET balance = 300.00 WHERE id = 'acc-1'; UPDATE accounts SET balance = 200.00 WHERE id = 'acc-2'; COMMIT;"
    );
    assert_eq!(
        requested.last.as_ref().unwrap().lost.as_deref(),
        Some("balances 500.00 and 0.00")
    );
    assert_eq!(
        requested.last.unwrap().unrecorded.as_deref(),
        Some("that a transfer moved $200.00 between them")
    );
    // After the debit the ledger has $200.00 in flight; CRUD has none, at every step.
    for k in 4..=7 {
        let now = twin(&events, k);
        assert_eq!(
            balances(&now),
            [("300.00", "open"), ("200.00", "open")],
            "at {k}"
        );
        if k > 4 {
            assert_eq!(
                now.last.unwrap().crud_sql,
                "-- nothing: CRUD ran the whole transfer at #4, in one transaction",
                "at {k}"
            );
        }
    }
    let ledger: replay_bank::read_models::BankState = fold(&events[..5]);
    assert_eq!(ledger.totals().in_flight, Money::from_cents(20_000));
}

#[test]
fn a_transfer_crud_refuses_changes_nothing() {
    let mut bank = two_accounts();
    bank.handle(&to("acc-2", Command::CloseAccount), &ctx(3))
        .unwrap();
    bank.handle(&transfer("tr-1", 20_000), &ctx(4)).unwrap();
    let events = bank.ledger().events().to_vec();
    let names: Vec<&str> = events[4..].iter().map(|r| r.event.name()).collect();
    assert_eq!(
        names,
        [
            "TransferRequested",
            "TransferDebited",
            "TransferRefunded",
            "TransferFailed"
        ],
        "the ledger's process debits, is refused and compensates"
    );
    let before = twin(&events, 4);
    let requested = twin(&events, 5);
    assert_eq!(
        requested.last.unwrap().crud_sql,
        "-- refused, nothing written: both accounts must be open"
    );
    for k in 5..=8 {
        let now = twin(&events, k);
        assert_eq!(
            balances(&now),
            [("500.00", "open"), ("0.00", "closed")],
            "at {k}"
        );
        assert_eq!(
            now.values_lost, before.values_lost,
            "at {k}: no debit, no refund"
        );
    }
    assert_eq!(
        twin(&events, 7).last.unwrap().crud_sql,
        "-- nothing: CRUD refused this transfer at #5"
    );
}

#[test]
fn an_atomic_write_is_the_same_transaction_in_crud() {
    let mut bank = two_accounts();
    bank.atomic_transfer(
        &TransferId::new("tr-1"),
        &AccountId::new("acc-1"),
        &AccountId::new("acc-2"),
        Money::from_cents(20_000),
        &ctx(3),
    )
    .unwrap();
    let events = bank.ledger().events().to_vec();
    assert_eq!(events.len(), 5, "a debit and a credit, in one write");
    let debit = twin(&events, 4);
    assert!(debit.last.unwrap().crud_sql.starts_with("BEGIN; "));
    let credit = twin(&events, 5);
    assert_eq!(
        credit.last.as_ref().unwrap().crud_sql,
        "-- nothing: CRUD ran the whole transfer at #4, in one transaction"
    );
    assert_eq!(balances(&credit), [("300.00", "open"), ("200.00", "open")]);
}

#[test]
fn crud_decides_by_its_own_table_when_the_process_is_slower() {
    let mut bank = two_accounts();
    // Requested, with its steps left for later (delivered one at a time).
    bank.request_transfer(
        &TransferId::new("tr-1"),
        &AccountId::new("acc-1"),
        &AccountId::new("acc-2"),
        Money::from_cents(40_000),
        &ctx(3),
    )
    .unwrap();
    // The ledger's account still holds $500.00 and accepts this; CRUD moved $400.00 already.
    bank.handle(&to("acc-1", withdraw(30_000)), &ctx(4))
        .unwrap();
    let events = bank.ledger().events().to_vec();
    let now = twin(&events, events.len());
    assert_eq!(
        now.last.as_ref().unwrap().crud_sql,
        "-- refused, nothing written: balance 100.00 is less than 300.00"
    );
    assert_eq!(balances(&now), [("100.00", "open"), ("400.00", "open")]);
}

/// A table has no past: with the slider back, the twin keeps its present rows and still says
/// what CRUD ran at the cursor's event (known only from the ledger).
#[test]
fn in_the_past_the_table_shows_its_rows_as_they_are_now() {
    use support::page::*;
    let (_store, mut page) = a_page_with_deposits(&[125_000, 8_050]);
    page.seek(2);
    assert!(page.in_past());
    let twin = page.crud_twin_at_cursor();
    assert_eq!(
        row(&twin).unwrap().balance,
        "1330.50",
        "the row as it is now"
    );
    assert_eq!(
        twin.last.unwrap().crud_sql,
        "UPDATE accounts SET balance = 1250.00 WHERE id = 'acc-1';",
        "what it ran at event 2"
    );
    assert_eq!(twin.values_lost, 2, "everything it overwrote until now");
    assert_eq!(
        replay_bank::app::crud_words::no_past(2),
        "A table has no past: these are its rows now, wherever the slider is. What CRUD ran at event #2 is known only because the ledger kept that event."
    );
}
