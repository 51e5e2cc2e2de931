//! The CRUD twin and the questions: what the table would hold and lose, and what only the events
//! can answer, at any point of history.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::bank_service::BankService;
use replay_bank::domain::Command;
use replay_bank::eventstore::{CommandContext, Ledger, MemoryStore, RecordedEvent};
use replay_bank::read_models::{
    crud_twin_at, fold, questions_at, BankState, CrudRow, CrudTwin, QUICK_WITHDRAWAL_MS,
};
use support::*;

const T0: i64 = 1_795_000_000_000;

/// The account these histories hold.
const ACCOUNT: Option<&str> = Some("acc-1");

fn state(events: &[RecordedEvent], k: usize) -> BankState {
    fold(&events[..k.min(events.len())])
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
    let twin = crud_twin_at(&events, 4, |k| state(&events, k));
    assert_eq!(
        row(&twin),
        Some(CrudRow {
            id: "acc-1".into(),
            owner: "Ada".into(),
            balance: "1030.50".into(),
            status: "open",
        })
    );
    let last = twin.last.unwrap();
    assert_eq!(
        last.crud_sql,
        "UPDATE accounts SET balance = 1030.50 WHERE id = 'acc-1';"
    );
    assert_eq!(last.lost.as_deref(), Some("balance 950.00"));
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
    let empty = crud_twin_at(&events, 0, |k| state(&events, k));
    assert_eq!(
        (row(&empty), empty.last, empty.values_lost),
        (None, None, 0)
    );
    let opened = crud_twin_at(&events, 1, |k| state(&events, k));
    assert_eq!(row(&opened).unwrap().balance, "0.00");
    let insert = opened.last.unwrap();
    assert_eq!(
        insert.crud_sql,
        "INSERT INTO accounts (id, owner, balance, status) VALUES ('acc-1', 'Ada', 0.00, 'open');"
    );
    assert_eq!(insert.lost, None);
    assert_eq!(
        row(&crud_twin_at(&events, 3, |k| state(&events, k)))
            .unwrap()
            .balance,
        "950.00"
    );
}

#[test]
fn closing_deletes_the_row_and_everything_in_it() {
    let events = history(&[
        (0, open("acc-1", "O'Brien")),
        (1, deposit(4_200)),
        (2, Command::CloseAccount),
    ]);
    assert_eq!(events.len(), 4, "payout, then close");
    let twin = crud_twin_at(&events, 4, |k| state(&events, k));
    assert_eq!(row(&twin), None);
    let last = twin.last.unwrap();
    assert_eq!(last.crud_sql, "DELETE FROM accounts WHERE id = 'acc-1';");
    assert_eq!(
        last.lost.as_deref(),
        Some("the whole row: id acc-1, owner O'Brien, balance 0.00, status open")
    );
    // The owner's quote is doubled inside the SQL literal.
    assert!(crud_twin_at(&events, 1, |k| state(&events, k))
        .last
        .unwrap()
        .crud_sql
        .contains("'O''Brien'"));
    let questions = questions_at(&events, 4, ACCOUNT);
    // The four questions about the account (two across accounts follow).
    assert!(questions[..4]
        .iter()
        .all(|q| q.from_crud.starts_with("Deleted")));
    assert_eq!(questions[1].from_events, "1.");
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
    fn what_an_update_destroys_is_the_row_one_step_earlier(
        commands in proptest::collection::vec(command(), 0..60),
    ) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "c").unwrap());
        for (n, command) in one_account(&commands).iter().enumerate() {
            let _ = bank.handle(command, &ctx(n as u32));
        }
        let events = bank.ledger().events().to_vec();
        for k in 1..=events.len() {
            let twin = crud_twin_at(&events, k, |j| state(&events, j));
            let earlier = crud_twin_at(&events, k - 1, |j| state(&events, j));
            let statement = twin.last.unwrap();
            if statement.crud_sql.starts_with("UPDATE") {
                let before = row(&earlier).expect("an UPDATE finds its row");
                proptest::prop_assert_eq!(statement.lost, Some(format!("balance {}", before.balance)));
            }
            proptest::prop_assert_eq!(twin.values_lost, earlier.values_lost + usize::from(!statement.crud_sql.starts_with("INSERT")));
            let deposits = events[..k].iter().filter(|r| matches!(r.event, replay_bank::domain::Event::MoneyDeposited { .. })).count();
            proptest::prop_assert_eq!(&questions_at(&events, k, ACCOUNT)[1].from_events, &format!("{deposits}."));
        }
    }
}
