//! Native benchmarks of the core: `cargo bench --bench core`. They print figures (criterion's
//! estimates with confidence intervals); they do not pass or fail.

// criterion is a native-only dev-dependency; the wasm clippy pass builds this file too.
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::{criterion_group, BatchSize, Criterion};
    use replay_bank::app::history_generator::{self, HistoryGenerator};
    use replay_bank::app::read_models_view::chart;
    use replay_bank::bank_service::{BankCommand, BankService};
    use replay_bank::domain::{decide, evolve, replay, AccountId, Command, Event, Money};
    use replay_bank::eventstore::{
        check_recorded, decode_document, encode_document, CommandContext, Ledger, MemoryStore,
        RecordedEvent,
    };
    use replay_bank::eventstore::{EventStore, UnitOfWork};
    use replay_bank::read_models::ReadModels;
    use replay_bank::read_models::{
        fold, AccountsOverview, BalanceOverTime, BankState, Kept, LargeMovements, MonthlyStatement,
        ReadModel, STATEMENT_FIXED,
    };

    const KEY: &str = "bench";

    fn context(n: usize) -> CommandContext {
        CommandContext {
            command_id: format!("cmd-{n:012}"),
            correlation_id: format!("cmd-{n:012}"),
            now_ms: 1_795_000_000_000 + n as i64,
        }
    }

    /// A store holding a ledger of `n` events: an account and generated activity.
    fn stored_ledger(n: usize) -> MemoryStore {
        let store = MemoryStore::new();
        let mut bank = BankService::new(Ledger::open(store, KEY).unwrap());
        let open = Command::OpenAccount {
            account_id: AccountId::new("acc-bench"),
            owner: "Ada Lovelace".into(),
        };
        bank.handle(&BankCommand::Account(None, open), &context(0))
            .unwrap();
        // One account's activity, as before there were several.
        let mut generator = HistoryGenerator::with_accounts(
            7,
            "bench",
            vec![(AccountId::new("acc-bench"), Money::ZERO)],
            1,
        );
        bank.handle_batch((1..n).map(|i| (generator.next_command(), context(i))))
            .unwrap();
        bank.into_ledger().into_store()
    }

    /// A ledger of `n` events as Generate history writes it: 50 accounts, transfers included.
    fn bank_events(n: usize) -> Vec<RecordedEvent> {
        let mut bank = BankService::new(Ledger::open(MemoryStore::new(), KEY).unwrap());
        let mut generator = HistoryGenerator::with_accounts(
            7,
            "bench",
            Vec::new(),
            history_generator::MAX_ACCOUNTS,
        );
        let (mut i, mut planned) = (0, 0);
        let mut commands = Vec::new();
        while planned < n {
            let command = generator.next_command_within(n - planned);
            planned += match command {
                BankCommand::Transfer { .. } => history_generator::EVENTS_PER_TRANSFER,
                BankCommand::Account(..) | BankCommand::ReverseWithdrawal { .. } => 1,
            };
            commands.push((command, context(i)));
            i += 1;
        }
        bank.handle_batch(commands).unwrap();
        assert_eq!(bank.ledger().events().len(), n);
        bank.ledger().events().to_vec()
    }

    fn events_of(n: usize) -> Vec<RecordedEvent> {
        Ledger::open(stored_ledger(n), KEY)
            .unwrap()
            .events()
            .to_vec()
    }

    fn domain(c: &mut Criterion) {
        let events = events_of(1_000);
        let state = replay(events.iter().map(|r| &r.event));
        let deposit = Command::DepositMoney {
            amount: Money::from_cents(12_345),
            effective_on: None,
        };
        c.bench_function("decide: a deposit on an open account", |b| {
            b.iter(|| decide(black_box(&state), black_box(&deposit)))
        });
        let event = Event::MoneyDeposited {
            amount: Money::from_cents(500),
            effective_on: None,
        };
        c.bench_function("evolve: one deposit", |b| {
            b.iter_batched(
                || state.clone(),
                |s| evolve(s, black_box(&event)),
                BatchSize::SmallInput,
            )
        });
    }

    fn folds(c: &mut Criterion) {
        let events = events_of(100_000);
        c.bench_function("fold: 100,000 events from genesis", |b| {
            b.iter(|| replay(black_box(&events).iter().map(|r| &r.event)))
        });
        let mut kept = Kept::<BankState>::default();
        kept.catch_up(&events, usize::MAX);
        let mut k = 0usize;
        c.bench_function(
            "jump: a point of 100,000 events, from the nearest checkpoint",
            |b| {
                b.iter(|| {
                    // A different point each time, spread over the whole history.
                    k = (k + 61_379) % events.len();
                    kept.at(black_box(&events), k)
                })
            },
        );
        c.bench_function("checkpoints: build them for 100,000 events", |b| {
            b.iter(|| {
                let mut fresh = Kept::<BankState>::default();
                fresh.catch_up(black_box(&events), usize::MAX);
                fresh
            })
        });
    }

    fn bank_folds(c: &mut Criterion) {
        let events = bank_events(100_000);
        c.bench_function("fold the bank: 100,000 events over 50 accounts", |b| {
            b.iter(|| fold::<BankState>(black_box(&events)))
        });
        c.bench_function(
            "check the rules: 100,000 events over 50 accounts, as an import or an open does",
            |b| b.iter(|| check_recorded(black_box(&events)).unwrap()),
        );
        let mut kept = Kept::<BankState>::default();
        kept.catch_up(&events, usize::MAX);
        let mut k = 0usize;
        c.bench_function(
            "jump: a point of 100,000 events over 50 accounts, from the nearest checkpoint",
            |b| {
                b.iter(|| {
                    k = (k + 61_379) % events.len();
                    kept.at(black_box(&events), k)
                })
            },
        );
    }

    fn upcasting(c: &mut Criterion) {
        let events = bank_events(100_000);
        // Deposits are the one type with a v2; `v1_share` of them stored in v1.
        let stored = |v1_every: usize| {
            let versions = events.iter().enumerate().map(|(i, r)| RecordedEvent {
                schema_version: match r.event {
                    Event::MoneyDeposited { .. } if v1_every > 0 && i % v1_every == 0 => 1,
                    Event::MoneyDeposited { .. } => 2,
                    _ => 1,
                },
                ..r.clone()
            });
            encode_document(&versions.collect::<Vec<_>>())
        };
        let (all_v2, half_v1) = (stored(0), stored(2));
        c.bench_function(
            "decode and fold 100,000 events, every deposit stored in v2",
            |b| b.iter(|| fold::<BankState>(&decode_document(black_box(&all_v2)).unwrap())),
        );
        c.bench_function(
            "decode and fold 100,000 events, half the deposits stored in v1 and upcast",
            |b| b.iter(|| fold::<BankState>(&decode_document(black_box(&half_v1)).unwrap())),
        );
    }

    fn storage(c: &mut Criterion) {
        let small = events_of(1_000);
        c.bench_function("codec: encode 1,000 envelopes as an export document", |b| {
            b.iter(|| encode_document(black_box(&small)))
        });
        let text = encode_document(&small);
        c.bench_function("codec: decode and validate 1,000 envelopes", |b| {
            b.iter(|| decode_document(black_box(&text)))
        });

        let mut group = c.benchmark_group("stored ledger");
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(4));
        for n in [1_000, 100_000] {
            let store = stored_ledger(n);
            group.bench_function(format!("open: read and validate {n} events"), |b| {
                b.iter_batched(
                    || store.clone(),
                    |s| Ledger::open(s, KEY).unwrap(),
                    BatchSize::LargeInput,
                )
            });
            // One live ledger that every iteration appends a deposit to, so it ends as many events
            // longer as criterion ran iterations (thousands). An append costs one chunk's worth of
            // work whatever N is, which is what comparing the two sizes shows.
            let mut ledger = Ledger::open(store.clone(), KEY).unwrap();
            let mut i = n;
            group.bench_function(
                format!("append: one deposit, checked and written, at {n} events"),
                |b| {
                    b.iter(|| {
                        i += 1;
                        let version = ledger.stream_version("acc-bench");
                        let deposit = Event::MoneyDeposited {
                            amount: Money::from_cents(100),
                            effective_on: None,
                        };
                        ledger
                            .append(&UnitOfWork::new(&context(i)).with(
                                "acc-bench",
                                version,
                                &[deposit],
                            ))
                            .map(|r| r.len())
                            .unwrap()
                    })
                },
            );
        }
        group.finish();
    }

    /// A rebuild of `R` from position 1: its state discarded, every event folded again.
    fn rebuild<R: ReadModel>(events: &[RecordedEvent], fresh: R) -> Kept<R> {
        let mut kept = Kept::new(fresh);
        kept.catch_up(events, usize::MAX);
        kept
    }

    fn read_models(c: &mut Criterion) {
        // Generated history spread over about 23 months, ten minutes apart, so the statement
        // has the months a real ledger has.
        let events: Vec<RecordedEvent> = bank_events(100_000)
            .into_iter()
            .enumerate()
            .map(|(i, r)| RecordedEvent {
                recorded_at_ms: 1_735_689_600_000 + i as i64 * 600_000,
                ..r
            })
            .collect();
        let mut group = c.benchmark_group("rebuild at 100,000 events over 50 accounts");
        group.bench_function("Monthly statement", |b| {
            b.iter(|| {
                rebuild(
                    black_box(&events),
                    MonthlyStatement::of_version(STATEMENT_FIXED),
                )
            })
        });
        group.bench_function("Balance over time", |b| {
            b.iter(|| rebuild(black_box(&events), BalanceOverTime::default()))
        });
        group.bench_function("Accounts overview", |b| {
            b.iter(|| rebuild(black_box(&events), AccountsOverview::default()))
        });
        group.bench_function("Large movements", |b| {
            b.iter(|| rebuild(black_box(&events), LargeMovements::default()))
        });
        group.finish();
        // The chart's size is a count, not a time: printed once, beside criterion's figures.
        let chart_state = fold::<BalanceOverTime>(&events);
        let points = chart_state
            .series()
            .iter()
            .map(|s| chart(s, events.len(), "bench").points)
            .max()
            .unwrap_or(0);
        println!("chart: at most {points} points for one account's line at 100,000 events");
        let mut models = ReadModels::new(STATEMENT_FIXED, true);
        models.catch_up(&events);
        let mut store = MemoryStore::new();
        models.save(&mut store, KEY, &events).unwrap();
        c.bench_function(
            "read models: read back their copies at 100,000 events",
            |b| b.iter(|| ReadModels::load(&store, KEY, black_box(&events))),
        );
    }

    criterion_group!(
        benches,
        domain,
        folds,
        bank_folds,
        upcasting,
        storage,
        read_models
    );
}
