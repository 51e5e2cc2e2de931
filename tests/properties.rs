//! Properties over random command sequences.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::bank_service::{BankCommand, BankService};
use replay_bank::domain::{decide, evolve, initial_state, AccountId, Command, Event, Money};
use replay_bank::eventstore::{
    decode_document, encode_document, CommandContext, Ledger, MemoryStore,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use replay_bank::read_models::{fold, BankState, Kept};
use support::{one_account, to};

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => "[A-Za-z ]{0,12}".prop_map(|owner| Command::OpenAccount {
            account_id: AccountId::new("acc-prop"),
            owner,
        }),
        6 => (0u64..50_000).prop_map(|c| Command::DepositMoney { amount: Money::from_cents(c), effective_on: None }),
        5 => (0u64..60_000).prop_map(|c| Command::WithdrawMoney { amount: Money::from_cents(c) }),
        1 => Just(Command::CloseAccount),
    ]
}

fn commands() -> impl Strategy<Value = Vec<Command>> {
    proptest::collection::vec(command(), 0..60)
}

/// Runs the commands through decide/evolve, keeping every accepted event.
fn run(commands: &[Command]) -> (Vec<Event>, Vec<replay_bank::domain::AccountState>) {
    let mut state = initial_state();
    let mut events = Vec::new();
    let mut states_after_each_event = Vec::new();
    for command in commands {
        if let Ok(new_events) = decide(&state, command) {
            for event in new_events {
                state = evolve(state, &event);
                states_after_each_event.push(state.clone());
                events.push(event);
            }
        }
    }
    (events, states_after_each_event)
}

proptest! {
    #[test]
    fn the_balance_is_deposits_minus_withdrawals_and_payouts_and_never_negative(commands in commands()) {
        let (events, states) = run(&commands);
        let mut deposits: i128 = 0;
        let mut withdrawals: i128 = 0;
        for (event, state) in events.iter().zip(&states) {
            match event {
                Event::MoneyDeposited { amount, effective_on: None } => deposits += i128::from(amount.cents()),
                Event::MoneyWithdrawn { amount } | Event::BalancePaidOut { amount } => {
                    withdrawals += i128::from(amount.cents())
                }
                _ => {}
            }
            // Money is unsigned, so "never negative" means no withdrawal ever exceeded the balance.
            prop_assert!(withdrawals <= deposits);
            if matches!(state, replay_bank::domain::AccountState::Open { .. }) {
                prop_assert_eq!(i128::from(state.balance().cents()), deposits - withdrawals);
            }
        }
    }

    #[test]
    fn folding_the_first_k_events_equals_the_state_after_k_steps(commands in commands()) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "p").unwrap());
        for (n, command) in one_account(&commands).iter().enumerate() {
            let _ = bank.handle(command, &CommandContext {
                command_id: format!("c{n}"),
                correlation_id: format!("c{n}"),
                now_ms: n as i64,
            });
        }
        let (events, states) = run(&commands);
        let recorded = bank.ledger().events();
        prop_assert_eq!(recorded.len(), events.len());
        prop_assert_eq!(fold::<BankState>(&recorded[..0]).account_or_none(Some("acc-prop")), initial_state());
        for (k, state) in states.iter().enumerate() {
            let folded = fold::<BankState>(&recorded[..k + 1]);
            prop_assert_eq!(&folded.account_or_none(Some("acc-prop")), state);
        }
    }

    #[test]
    fn the_stored_json_round_trips(commands in commands(), owner in "\\PC{1,20}") {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "p").unwrap());
        // Any printable Unicode owner, then the random commands.
        let _ = bank.handle(&BankCommand::Account(None, Command::OpenAccount {
            account_id: AccountId::new("acc-rt"),
            owner,
        }), &CommandContext { command_id: "c".into(), correlation_id: "c".into(), now_ms: -5 });
        for (n, command) in commands.iter().enumerate() {
            let _ = bank.handle(&to("acc-rt", command.clone()), &CommandContext {
                command_id: format!("c{n}"),
                correlation_id: "corr".into(),
                now_ms: 1_795_000_000_000 + n as i64,
            });
        }
        let text = encode_document(bank.ledger().events());
        prop_assert_eq!(decode_document(&text).unwrap(), bank.ledger().events().to_vec());
    }

    #[test]
    fn decoding_any_text_gives_a_ledger_or_an_error_never_a_panic(text in "\\PC{0,200}") {
        let _ = decode_document(&text);
    }

    #[test]
    fn decoding_a_damaged_ledger_gives_a_ledger_or_an_error_never_a_panic(
        commands in commands(),
        cut in any::<proptest::sample::Index>(),
        splice in "[0-9\\[\\]{}\",:a-z-]{0,8}",
    ) {
        let (events, _) = run(&commands);
        let mut ledger = Ledger::open(MemoryStore::new(), "p").unwrap();
        for (n, event) in events.iter().enumerate() {
            let stream = "acc-prop";
            let version = ledger.stream_version(stream);
            ledger.append(&UnitOfWork::new(&CommandContext {
                command_id: format!("c{n}"), correlation_id: "c".into(), now_ms: 0,
            }).with(stream, version, std::slice::from_ref(event))).unwrap();
        }
        let text = encode_document(ledger.events());
        let at = cut.index(text.len() + 1);
        let damaged = format!("{}{}{}", &text[..at], splice, &text[(at + splice.len()).min(text.len())..]);
        // Whatever the damage, the decoder answers; and if it accepts, positions are gapless.
        if let Ok(decoded) = decode_document(&damaged) {
            for (i, r) in decoded.iter().enumerate() {
                prop_assert_eq!(r.position, i as u64 + 1);
            }
        }
    }
}

proptest! {
    #[test]
    fn a_jump_from_the_nearest_checkpoint_equals_a_full_fold_and_replays_less_than_an_interval(
        commands in proptest::collection::vec(command(), 0..300),
        interval in 1usize..40,
        jumps in proptest::collection::vec(any::<proptest::sample::Index>(), 1..20),
        grow_in_steps in any::<bool>(),
    ) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "p").unwrap());
        let mut kept = Kept::with_interval(BankState::default(), interval);
        for (n, command) in one_account(&commands).iter().enumerate() {
            let _ = bank.handle(command, &CommandContext {
                command_id: format!("c{n}"),
                correlation_id: format!("c{n}"),
                now_ms: n as i64,
            });
            if grow_in_steps {
                // Extended as events arrive, as the page does.
                kept.catch_up(bank.ledger().events(), usize::MAX);
            }
        }
        let events = bank.ledger().events();
        kept.catch_up(events, usize::MAX);
        for jump in jumps {
            let k = jump.index(events.len() + 1);
            let replay = kept.at(events, k);
            prop_assert_eq!(&replay.state, &fold::<BankState>(&events[..k]));
            prop_assert_eq!(replay.events_applied, k);
            prop_assert!(replay.replayed < interval);
            prop_assert_eq!(replay.from_checkpoint + replay.replayed, k);
        }
    }

    #[test]
    fn a_read_model_read_from_a_copy_time_travels_before_and_after_the_copys_position(
        amounts in proptest::collection::vec(1u64..500, 1..80),
        copied_at in any::<proptest::sample::Index>(),
        interval in 1usize..20,
        jumps in proptest::collection::vec(any::<proptest::sample::Index>(), 1..20),
    ) {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "p").unwrap());
        let ctx = |n: usize| CommandContext { command_id: format!("c{n}"), correlation_id: format!("c{n}"), now_ms: 0 };
        bank.handle(&BankCommand::Account(None, Command::OpenAccount { account_id: AccountId::new("acc-1"), owner: "Ada".into() }), &ctx(0)).unwrap();
        for (n, a) in amounts.iter().enumerate() {
            bank.handle(&to("acc-1", Command::DepositMoney { amount: Money::from_cents(*a), effective_on: None }), &ctx(n + 1)).unwrap();
        }
        let events = bank.ledger().events();
        // A copy saved at some position, read back, then caught up with the rest.
        let p = copied_at.index(events.len() + 1);
        let mut kept = Kept::with_interval(BankState::default(), interval);
        kept.restore(fold(&events[..p]), p as u64);
        kept.catch_up(events, usize::MAX);
        prop_assert_eq!(kept.position(), events.len() as u64);
        for jump in jumps {
            let k = jump.index(events.len() + 1);
            let replay = kept.at(events, k);
            prop_assert_eq!(&replay.state, &fold::<BankState>(&events[..k]));
            // From the copy on, a jump folds from it or a later checkpoint: less than an interval.
            if k >= p {
                prop_assert!(replay.from_checkpoint >= p);
                prop_assert!(replay.replayed < interval);
            }
        }
    }
}
