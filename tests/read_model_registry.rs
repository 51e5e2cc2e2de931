//! What registering a read model gives it, shown with a small one written here: one file's worth
//! of code (a fold, a name, a copy's lines) and one `register` call get it a position of its
//! own, idempotent delivery, catching up at its own pace, a stored copy read back only when it
//! fits, a rebuild when it does not, and cheap time travel through checkpoints.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fmt::Write;

use replay_bank::domain::{AccountId, Event, Money, OwnerName};
use replay_bank::eventstore::{
    CommandContext, EventStore, KeyValueStore, Ledger, MemoryStore, RecordedEvent, UnitOfWork,
};
use replay_bank::read_models::{
    copy_key, fold, Delivered, ReadModel, Registered, Registry, Unusable,
};

/// How many deposits each account received: the learner's first read model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DepositsPerAccount {
    counts: BTreeMap<String, u64>,
}

impl ReadModel for DepositsPerAccount {
    fn apply(&mut self, recorded: &RecordedEvent) {
        if let Event::MoneyDeposited { .. } = recorded.event {
            *self.counts.entry(recorded.stream_id.clone()).or_default() += 1;
        }
    }
}

impl Registered for DepositsPerAccount {
    const TITLE: &'static str = "Deposits per account";
    const SLUG: &'static str = "deposits-per-account";

    fn version(&self) -> u32 {
        1
    }

    fn encode(&self, out: &mut String) {
        for (account, count) in &self.counts {
            let _ = writeln!(out, "{account}\t{count}");
        }
    }

    fn decode(_version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        let mut counts = BTreeMap::new();
        for line in lines {
            let (account, count) = line.split_once('\t')?;
            counts.insert(account.to_string(), count.parse().ok()?);
        }
        Some(DepositsPerAccount { counts })
    }
}

/// The same fold, as a later version of its code would be deployed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DepositsPerAccountV2(DepositsPerAccount);

impl ReadModel for DepositsPerAccountV2 {
    fn apply(&mut self, recorded: &RecordedEvent) {
        self.0.apply(recorded);
    }
}

impl Registered for DepositsPerAccountV2 {
    const TITLE: &'static str = DepositsPerAccount::TITLE;
    const SLUG: &'static str = DepositsPerAccount::SLUG;

    fn version(&self) -> u32 {
        2
    }

    fn encode(&self, out: &mut String) {
        self.0.encode(out);
    }

    fn decode(version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        DepositsPerAccount::decode(version, lines).map(DepositsPerAccountV2)
    }
}

const KEY: &str = "registry.ledger";

fn ctx(n: usize) -> CommandContext {
    CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("cmd-{n}"),
        now_ms: 1_795_000_000_000 + n as i64,
    }
}

/// Two accounts, then `deposits` deposits alternating between them.
fn ledger(deposits: usize) -> Ledger<MemoryStore> {
    let mut ledger = Ledger::open(MemoryStore::new(), KEY).unwrap();
    for (n, (id, owner)) in [("acc-a", "Ada"), ("acc-b", "Grace")]
        .into_iter()
        .enumerate()
    {
        let opened = [Event::AccountOpened {
            account_id: AccountId::new(id),
            owner: OwnerName::parse(owner).unwrap(),
        }];
        ledger
            .append(&UnitOfWork::new(&ctx(n)).with(id, 0, &opened))
            .unwrap();
    }
    for n in 0..deposits {
        let id = if n % 3 == 0 { "acc-b" } else { "acc-a" };
        let version = ledger.stream_version(id);
        let deposit = [Event::MoneyDeposited {
            amount: Money::from_cents(100),
            effective_on: None,
        }];
        ledger
            .append(&UnitOfWork::new(&ctx(n + 2)).with(id, version, &deposit))
            .unwrap();
    }
    ledger
}

#[test]
fn a_registered_read_model_is_built_from_position_one_and_agrees_with_a_fold_from_scratch() {
    let ledger = ledger(30);
    let mut registry = Registry::new();
    registry.register_built(DepositsPerAccount::default(), ledger.events());
    let kept = registry.get::<DepositsPerAccount>().unwrap();
    assert_eq!(kept.position(), 32);
    assert_eq!(kept.state(), &fold::<DepositsPerAccount>(ledger.events()));
    assert_eq!(kept.state().counts["acc-a"], 20);
    assert_eq!(kept.state().counts["acc-b"], 10);
    let registered: Vec<_> = registry.registrations().collect();
    assert_eq!(registered.len(), 1);
    assert_eq!(registered[0].title, "Deposits per account");
    assert_eq!(registered[0].version, 1);
}

#[test]
fn a_registered_read_model_takes_each_event_once_and_in_order() {
    let ledger = ledger(3);
    let events = ledger.events();
    let mut registry = Registry::new();
    registry.register(DepositsPerAccount::default());
    assert_eq!(
        registry.deliver(&events[1]),
        [("deposits-per-account", Delivered::Gap { expected: 1 })]
    );
    for recorded in &events[..3] {
        registry.deliver(recorded);
    }
    let before = registry.get::<DepositsPerAccount>().unwrap().clone();
    assert_eq!(
        registry.deliver(&events[2]),
        [("deposits-per-account", Delivered::Skipped)],
        "a retried delivery changes nothing"
    );
    assert_eq!(registry.get::<DepositsPerAccount>().unwrap(), &before);
    assert_eq!(before.state().counts.values().sum::<u64>(), 1);
}

#[test]
fn a_registered_read_model_may_lag_and_catch_up_at_its_own_pace() {
    let ledger = ledger(40);
    let events = ledger.events();
    let mut registry = Registry::new();
    registry.register(DepositsPerAccount::default());
    registry.catch_up(&events[..10], &[]);
    assert_eq!(registry.position("deposits-per-account"), Some(10));
    // Waiting for its own pace (a paced rebuild), it is left behind by a catch-up of the others.
    registry.catch_up(events, &["deposits-per-account"]);
    assert_eq!(registry.position("deposits-per-account"), Some(10));
    let kept = registry.get_mut::<DepositsPerAccount>().unwrap();
    assert_eq!(kept.catch_up(events, 15), 15);
    assert_eq!(kept.position(), 25);
    registry.catch_up(events, &[]);
    assert_eq!(
        registry.get::<DepositsPerAccount>().unwrap().state(),
        &fold::<DepositsPerAccount>(events)
    );
}

#[test]
fn a_registered_read_model_keeps_a_copy_that_is_read_back_only_when_it_fits() {
    let ledger = ledger(12);
    let events = ledger.events();
    let mut store = MemoryStore::new();
    let mut registry = Registry::new();
    registry.register_built(DepositsPerAccount::default(), events);
    assert!(registry.unsaved());
    registry.save(&mut store, KEY, events, &[]).unwrap();
    assert!(!registry.unsaved());
    let key = copy_key(KEY, "deposits-per-account");
    let copy = store.get(&key).unwrap().expect("a copy beside the ledger");
    assert!(
        copy.starts_with("deposits-per-account\tv1\t14\tacc-a\t"),
        "{copy}"
    );
    assert!(copy.ends_with("acc-a\t8\nacc-b\t4\n"), "{copy}");

    // Read back as it is: nothing rebuilt.
    let mut fresh = Registry::new();
    fresh.register(DepositsPerAccount::default());
    assert_eq!(fresh.load(&store, KEY, events), []);
    let (read, written) = (
        fresh.get::<DepositsPerAccount>().unwrap(),
        registry.get::<DepositsPerAccount>().unwrap(),
    );
    assert_eq!(read.state(), written.state());
    assert_eq!(read.position(), written.position());
    // Read from the copy, it time travels too: before the copy's position and at it.
    assert_eq!(read.at(events, 5).state, fold(&events[..5]));
    assert_eq!(read.at(events, 14).from_checkpoint, 14);
    assert!(!fresh.unsaved(), "the copy it read is the one stored");

    // A copy whose lines cannot be read is rebuilt from the events, with the reason.
    let header = copy.lines().next().unwrap();
    store
        .set(&key, &format!("{header}\nacc-a\tmany\n"))
        .unwrap();
    let mut fresh = Registry::new();
    fresh.register(DepositsPerAccount::default());
    assert_eq!(
        fresh.load(&store, KEY, events),
        [("deposits-per-account", Unusable::Corrupt)]
    );
    assert_eq!(
        fresh.get::<DepositsPerAccount>().unwrap().state(),
        &fold::<DepositsPerAccount>(events)
    );

    // A copy of another history is rebuilt.
    store.set(&key, &copy).unwrap();
    let other = self::ledger(13);
    let mut fresh = Registry::new();
    fresh.register(DepositsPerAccount::default());
    assert_eq!(
        fresh.load(&store, KEY, &other.events()[..13]),
        [("deposits-per-account", Unusable::OutOfStep)]
    );

    // A new version of its code does not read the old version's copy: it rebuilds.
    let mut deployed = Registry::new();
    deployed.register(DepositsPerAccountV2::default());
    assert_eq!(
        deployed.load(&store, KEY, events),
        [(
            "deposits-per-account",
            Unusable::OtherVersion {
                stored: 1,
                running: 2
            }
        )]
    );
    assert_eq!(
        deployed.get::<DepositsPerAccountV2>().unwrap().state().0,
        fold::<DepositsPerAccount>(events)
    );

    // Copies are caches: removing them leaves the ledger's keys as they were.
    let ledger_keys: Vec<_> = {
        let mut keys = store.keys().unwrap();
        keys.retain(|k| k != &key);
        keys.sort();
        keys
    };
    assert!(deployed.remove_copies(&mut store, KEY));
    let mut left = store.keys().unwrap();
    left.sort();
    assert_eq!(left, ledger_keys);
}

#[test]
fn a_registered_read_model_time_travels_through_checkpoints_with_no_code_of_its_own() {
    let ledger = ledger(2_500);
    let events = ledger.events();
    let mut registry = Registry::new();
    registry.register(DepositsPerAccount::default());
    registry.catch_up(events, &[]);
    let kept = registry.get::<DepositsPerAccount>().unwrap();
    // Genesis and one every 1,000 events.
    assert_eq!(kept.checkpoints(), 3);
    for k in [0, 1, 2, 999, 1_000, 1_001, 1_742, 2_000, 2_502] {
        let replay = kept.at(events, k);
        assert_eq!(
            replay.state,
            fold::<DepositsPerAccount>(&events[..k]),
            "at {k}"
        );
        assert!(
            replay.replayed < 1_000,
            "at most one interval is folded, at {k}"
        );
    }
}
