//! What every [`EventStore`] promises, as tests any backend can run: natively against memory
//! (`tests/event_store_contract.rs`) and in headless Chromium against localStorage
//! (`tests/browser.rs`).
//!
//! Each check takes `open`, which opens a new handle on one shared, initially empty storage, the
//! way a second tab opens the same localStorage.

use replay_bank::domain::{AccountId, Event, Money, OwnerName};
use replay_bank::eventstore::{
    AppendError, CommandContext, EventStore, ExpectedVersion, RecordedEvent, UnitOfWork,
};

fn ctx(n: u32) -> CommandContext {
    CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("corr-{n}"),
        now_ms: 1_795_000_000_000 + i64::from(n),
    }
}

fn opened(id: &str) -> Event {
    Event::AccountOpened {
        account_id: AccountId::new(id),
        owner: OwnerName::parse("Ada").unwrap(),
    }
}

fn deposited(cents: u64) -> Event {
    Event::MoneyDeposited {
        amount: Money::from_cents(cents),
        effective_on: None,
    }
}

fn positions(events: &[RecordedEvent]) -> Vec<u64> {
    events.iter().map(|e| e.position).collect()
}

/// A store nobody wrote to holds nothing, and every stream in it is at version 0.
pub fn a_new_store_is_empty<E: EventStore>(open: impl Fn() -> E) {
    let store = open();
    assert!(store.read_all(1).is_empty());
    assert_eq!(store.stream_version("acc-1"), 0);
    assert_eq!(store.read_stream("acc-1", 1).count(), 0);
}

/// Positions are global and gapless from 1; each stream counts its own versions from 1; every
/// event carries its command's ids and time.
pub fn appends_get_gapless_positions_and_stream_versions<E: EventStore>(open: impl Fn() -> E) {
    let mut store = open();
    let first = store
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-1",
            ExpectedVersion::NoStream,
            &[opened("acc-1")],
        ))
        .unwrap()
        .to_vec();
    assert_eq!(positions(&first), [1]);
    store
        .append(&UnitOfWork::new(&ctx(2)).with(
            "acc-2",
            ExpectedVersion::NoStream,
            &[opened("acc-2")],
        ))
        .unwrap();
    let third = store
        .append(&UnitOfWork::new(&ctx(3)).with(
            "acc-1",
            ExpectedVersion::Exactly(1),
            &[deposited(500), deposited(700)],
        ))
        .unwrap()
        .to_vec();
    assert_eq!(positions(&third), [3, 4]);
    assert_eq!(
        third.iter().map(|e| e.stream_version).collect::<Vec<_>>(),
        [2, 3]
    );
    assert!(third.iter().all(|e| e.metadata.command_id == "cmd-3"
        && e.metadata.correlation_id == "corr-3"
        && e.recorded_at_ms == ctx(3).now_ms));
    assert_eq!(positions(store.read_all(1)), [1, 2, 3, 4]);
    assert_eq!(store.stream_version("acc-1"), 3);
    assert_eq!(store.stream_version("acc-2"), 1);
}

/// An expected version that no longer holds records nothing and says what the stream holds;
/// the one that holds is accepted.
pub fn a_stale_expected_version_records_nothing<E: EventStore>(open: impl Fn() -> E) {
    let mut store = open();
    store
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-1",
            ExpectedVersion::NoStream,
            &[opened("acc-1")],
        ))
        .unwrap();
    for stale in [ExpectedVersion::NoStream, ExpectedVersion::Exactly(2)] {
        let error = store
            .append(&UnitOfWork::new(&ctx(2)).with("acc-1", stale, &[deposited(100)]))
            .unwrap_err();
        assert_eq!(
            error,
            AppendError::Conflict {
                stream_id: "acc-1".to_string(),
                expected: stale,
                actual: 1,
            }
        );
    }
    assert_eq!(store.read_all(1).len(), 1, "nothing was recorded");
    store
        .append(&UnitOfWork::new(&ctx(3)).with(
            "acc-1",
            ExpectedVersion::Exactly(1),
            &[deposited(100)],
        ))
        .unwrap();
    // Any version is for appends no decision depended on.
    store
        .append(&UnitOfWork::new(&ctx(4)).with("acc-1", ExpectedVersion::Any, &[deposited(1)]))
        .unwrap();
    assert_eq!(store.stream_version("acc-1"), 3);
}

/// A unit of work over several streams records all of them or none: one stale stream refuses
/// the others' events too, and a stream listed with no events is checked without growing.
pub fn a_unit_of_work_over_several_streams_is_all_or_nothing<E: EventStore>(open: impl Fn() -> E) {
    let mut store = open();
    store
        .append(
            &UnitOfWork::new(&ctx(1))
                .with("acc-a", ExpectedVersion::NoStream, &[opened("acc-a")])
                .with("acc-b", ExpectedVersion::NoStream, &[opened("acc-b")]),
        )
        .unwrap();
    let error = store
        .append(
            &UnitOfWork::new(&ctx(2))
                .with("acc-a", ExpectedVersion::Exactly(1), &[deposited(100)])
                .with("acc-b", ExpectedVersion::Exactly(7), &[deposited(200)]),
        )
        .unwrap_err();
    assert!(
        matches!(error, AppendError::Conflict { ref stream_id, actual: 1, .. } if stream_id == "acc-b")
    );
    assert_eq!(
        store.read_all(1).len(),
        2,
        "acc-a's part was not recorded either"
    );
    assert_eq!(open().read_all(1).len(), 2, "nor stored");

    let error = store
        .append(
            &UnitOfWork::new(&ctx(3))
                .with("acc-a", ExpectedVersion::Exactly(1), &[deposited(100)])
                .with("acc-b", ExpectedVersion::NoStream, &[]),
        )
        .unwrap_err();
    assert!(matches!(error, AppendError::Conflict { actual: 1, .. }));
    let both = store
        .append(
            &UnitOfWork::new(&ctx(4))
                .with("acc-a", ExpectedVersion::Exactly(1), &[deposited(100)])
                .with("acc-b", ExpectedVersion::Exactly(1), &[]),
        )
        .unwrap()
        .to_vec();
    assert_eq!(positions(&both), [3]);
    assert_eq!(store.stream_version("acc-b"), 1);
}

/// Reads start where they are asked to: all events from a position, one stream from a version.
pub fn reads_start_at_a_position_or_a_stream_version<E: EventStore>(open: impl Fn() -> E) {
    let mut store = open();
    store
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-1",
            ExpectedVersion::NoStream,
            &[opened("acc-1")],
        ))
        .unwrap();
    store
        .append(&UnitOfWork::new(&ctx(2)).with(
            "acc-2",
            ExpectedVersion::NoStream,
            &[opened("acc-2")],
        ))
        .unwrap();
    store
        .append(&UnitOfWork::new(&ctx(3)).with("acc-1", 1, &[deposited(5), deposited(6)]))
        .unwrap();
    assert_eq!(positions(store.read_all(3)), [3, 4]);
    assert_eq!(positions(store.read_all(5)), Vec::<u64>::new());
    assert_eq!(positions(store.read_all(0)), [1, 2, 3, 4]);
    let stream: Vec<_> = store.read_stream("acc-1", 2).map(|e| e.position).collect();
    assert_eq!(stream, [3, 4]);
    let whole: Vec<_> = store
        .read_stream("acc-1", 1)
        .map(|e| e.event.clone())
        .collect();
    assert_eq!(whole, [opened("acc-1"), deposited(5), deposited(6)]);
}

/// What one handle appended, another handle on the same storage reads, and a write from a
/// handle that had not seen it is refused as a conflict, not lost or doubled.
pub fn another_handle_reads_what_was_appended_and_cannot_write_over_it<E: EventStore>(
    open: impl Fn() -> E,
) {
    let mut first = open();
    let mut second = open();
    first
        .append(&UnitOfWork::new(&ctx(1)).with(
            "acc-1",
            ExpectedVersion::NoStream,
            &[opened("acc-1")],
        ))
        .unwrap();
    first
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, &[deposited(1_234)]))
        .unwrap();
    assert_eq!(open().read_all(1), first.read_all(1));

    let error = second
        .append(&UnitOfWork::new(&ctx(3)).with(
            "acc-1",
            ExpectedVersion::NoStream,
            &[opened("acc-1")],
        ))
        .unwrap_err();
    assert!(matches!(error, AppendError::Conflict { actual: 2, .. }));
    assert_eq!(
        second.read_all(1),
        first.read_all(1),
        "the loser now reads the winner's events"
    );
    second
        .append(&UnitOfWork::new(&ctx(4)).with("acc-1", 2, &[deposited(1)]))
        .unwrap();
    assert_eq!(positions(open().read_all(1)), [1, 2, 3]);
}
