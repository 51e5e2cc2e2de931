//! The digest a read model's copy is sealed with: it tells any two histories apart that differ in
//! one field of one event, and its prefixes are what a fold from position 1 gives.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use replay_bank::domain::{Event, OwnerName};
use replay_bank::eventstore::{Digest, Digests, Metadata, RecordedEvent};
use support::*;

fn recorded(position: u64, event: Event) -> RecordedEvent {
    RecordedEvent {
        position,
        stream_id: "acc-1".into(),
        stream_version: position,
        recorded_at_ms: 1_795_000_000_000 + position as i64,
        metadata: Metadata {
            command_id: format!("c{position}"),
            correlation_id: format!("c{position}"),
        },
        schema_version: 1,
        event,
    }
}

fn history() -> Vec<RecordedEvent> {
    vec![
        recorded(1, opened("acc-1", "Ada")),
        recorded(2, deposited(5_000)),
        recorded(3, withdrawn(2_000)),
    ]
}

/// A change to one field of an event.
type Edit = fn(&mut RecordedEvent);

/// Every way one field of the second event can be edited.
fn edits() -> Vec<(&'static str, Edit)> {
    vec![
        ("position", |r| r.position += 1),
        ("stream", |r| r.stream_id = "acc-2".into()),
        ("stream version", |r| r.stream_version += 1),
        ("time", |r| r.recorded_at_ms += 1),
        ("command id", |r| r.metadata.command_id.push('x')),
        ("correlation id", |r| r.metadata.correlation_id.push('x')),
        ("schema version", |r| r.schema_version = 2),
        ("amount", |r| r.event = deposited(5_001)),
        ("event type", |r| r.event = withdrawn(5_000)),
    ]
}

#[test]
fn one_field_of_one_event_changed_changes_the_digest() {
    let genuine = Digest::of(&history());
    for (what, edit) in edits() {
        let mut edited = history();
        edit(&mut edited[1]);
        assert_ne!(Digest::of(&edited), genuine, "{what}");
    }
    // Two accounts renamed alike in every event, in the eighth byte of a word, too
    let renamed_twice = |a: &str, b: &str| {
        let mut events = vec![
            recorded(1, opened("acc-0001", "Ada")),
            recorded(2, deposited(5_000)),
            recorded(3, opened("acc-0002", "Bo")),
        ];
        events[0].stream_id = a.into();
        events[1].stream_id = a.into();
        events[2].stream_id = b.into();
        events[0].event = opened(a, "Ada");
        events[2].event = opened(b, "Bo");
        Digest::of(&events)
    };
    assert_ne!(
        renamed_twice("acc-0001", "acc-0002"),
        renamed_twice("acc-000a", "acc-000r")
    );
    // The owner's name in the first event, too
    let mut renamed = history();
    renamed[0].event = Event::AccountOpened {
        account_id: id("acc-1"),
        owner: OwnerName::read("Adb").unwrap(),
    };
    assert_ne!(Digest::of(&renamed), genuine, "owner");
    // Two events swapped, or one left out, too
    let mut swapped = history();
    swapped.swap(1, 2);
    assert_ne!(Digest::of(&swapped), genuine);
    assert_ne!(Digest::of(&history()[..2]), genuine);
    assert_eq!(
        Digest::of(&history()),
        genuine,
        "the same events, the same digest"
    );
}

#[test]
fn a_digest_reads_back_from_the_number_it_is_written_as_and_nothing_else_does() {
    let digest = Digest::of(&history());
    let text = digest.to_string();
    assert_eq!(Digest::parse(&text), Some(digest));
    for bad in ["", "abc", "12a", "+1234", "-1", "18446744073709551616"] {
        assert_eq!(Digest::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn copies_whose_lines_split_alike_differ_and_so_do_their_headers() {
    let text = |lines: &str| Digest::EMPTY.then_copy("accounts-overview", 1, 3, lines);
    assert_ne!(text("ab\tc"), text("a\tbc"));
    assert_ne!(text(""), text("\0"));
    assert_ne!(text("12345678"), text("123456789"));
    // Two edits in the eighth byte of two words (where a multiplication alone carries a change
    // only upwards) do not cancel out.
    assert_ne!(
        text("acc-0001\t1234567\nacc-0002\t7654321\n"),
        text("acc-0001\t1234569\nacc-0022\t7654321\n")
    );
    // The same lines under another read model, version or position
    let events = Digest::of(&history());
    let sealed = events.then_copy("monthly-statement", 1, 3, "x\n");
    assert_ne!(sealed, events.then_copy("accounts-overview", 1, 3, "x\n"));
    assert_ne!(sealed, events.then_copy("monthly-statement", 2, 3, "x\n"));
    assert_ne!(sealed, events.then_copy("monthly-statement", 1, 2, "x\n"));
    assert_ne!(
        sealed,
        Digest::EMPTY.then_copy("monthly-statement", 1, 3, "x\n")
    );
}

proptest! {
    #[test]
    fn digests_asked_in_any_order_are_those_of_the_events_up_to_each_position(
        amounts in prop::collection::vec(1u64..1_000_000, 0..40),
        asked in prop::collection::vec(0u64..45, 1..12),
    ) {
        let mut events = vec![recorded(1, opened("acc-1", "Ada"))];
        for (i, amount) in amounts.iter().enumerate() {
            events.push(recorded(i as u64 + 2, deposited(*amount)));
        }
        let mut digests = Digests::new(&events);
        for position in asked {
            let expected = (position as usize <= events.len())
                .then(|| Digest::of(&events[..position as usize]));
            prop_assert_eq!(digests.at(position), expected);
        }
    }
}
