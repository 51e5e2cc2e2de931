//! How a command is handled, as How it works teaches it: the stream loaded at a version, the
//! decision, the append expecting that version; and, with "Simulate another clerk writing
//! first", a real conflict: the store refuses the append, and the command is decided again on
//! the new state.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::handling_lines;
use replay_bank::bank_service::HandlingStep;
use replay_bank::domain::{Command, Event, Money};
use support::page::*;
use support::*;

#[test]
fn a_command_is_loaded_decided_and_appended_expecting_its_streams_version() {
    let (_store, mut page) = a_page_with_deposits(&[320_000]);
    page.send(&withdraw(115_000), &ctx(9));
    let flow = page.flow().unwrap();
    assert_eq!(
        handling_lines(&flow.handling),
        [
            "Load acc-1: 2 events, balance $3,200.00, version 2.",
            "Decide: MoneyWithdrawn.",
            "Append expecting version 2: accepted, now version 3.",
        ]
    );
    assert_eq!(page.status(), "Recorded MoneyWithdrawn (#3).");
}

#[test]
fn another_clerk_writing_first_makes_the_append_fail_and_the_command_is_decided_again() {
    let (_store, mut page) = a_page_with_deposits(&[320_000]);
    page.set_another_clerk(true);
    assert!(page.another_clerk());
    page.send(&withdraw(115_000), &ctx(9));

    // The clerk's deposit is a real event, recorded first, with its own command id; then the
    // person's withdrawal, at the version after it.
    let events = page.events();
    assert_eq!(events.len(), 4);
    assert_eq!(
        events[2].event,
        Event::MoneyDeposited {
            amount: Money::from_cents(1_000),
            effective_on: None,
        }
    );
    assert_eq!(events[2].metadata.command_id, "clerk-cmd-9");
    assert_eq!(events[3].event, withdrawn(115_000));
    assert_eq!(events[3].metadata.command_id, "cmd-9");
    assert_eq!(events[3].stream_version, 4);

    let flow = page.flow().unwrap();
    assert_eq!(
        flow.handling,
        [
            HandlingStep::Loaded {
                stream: "acc-1".into(),
                version: 2,
                balance: Money::from_cents(320_000)
            },
            HandlingStep::Decided(vec!["MoneyWithdrawn"]),
            HandlingStep::OtherWriterAppended {
                events: vec!["MoneyDeposited"],
                version: 3
            },
            HandlingStep::Conflict {
                expected: 2,
                actual: 3
            },
            HandlingStep::Loaded {
                stream: "acc-1".into(),
                version: 3,
                balance: Money::from_cents(321_000)
            },
            HandlingStep::Decided(vec!["MoneyWithdrawn"]),
            HandlingStep::Appended {
                expected: 3,
                version: 4
            },
        ]
    );
    let lines = handling_lines(&flow.handling);
    assert_eq!(lines[3], "Append expecting version 2: refused, the stream is at version 3. Nothing was written and nothing was locked (optimistic concurrency): the command is decided again.");
    assert_eq!(
        lines[4],
        "Load acc-1 again: 3 events, balance $3,210.00, version 3."
    );
    assert_eq!(lines[5], "Decide again, on the new state: MoneyWithdrawn.");
    assert_eq!(
        page.status(),
        "Recorded MoneyWithdrawn (#4). Another clerk wrote first: the append expecting version 2 was refused, and the command was decided again on version 3."
    );
    // It was for one command: the next one runs alone.
    assert!(!page.another_clerk());
    page.send(&deposit(500), &ctx(10));
    assert_eq!(page.events().len(), 5);
    assert!(!handling_lines(&page.flow().unwrap().handling)
        .iter()
        .any(|l| l.contains("another clerk")));
}

#[test]
fn a_close_decided_again_pays_out_the_balance_the_clerk_left() {
    // The clerk deposits; a close decided again must pay out the new balance, not the old.
    let (_store, mut page) = a_page_with_deposits(&[2_000]);
    page.set_another_clerk(true);
    page.send(&Command::CloseAccount, &ctx(9));
    let events = page.events();
    assert_eq!(
        events[3].event,
        paid_out(3_000),
        "the balance after the clerk's deposit"
    );
    assert_eq!(events[4].event, Event::AccountClosed);
}

#[test]
fn a_refused_command_reaches_no_append_and_the_clerk_writes_nothing() {
    let (_store, mut page) = a_page_with_deposits(&[2_000]);
    page.set_another_clerk(true);
    page.send(&withdraw(5_000), &ctx(9));
    assert_eq!(
        page.events().len(),
        2,
        "refused at step one: nothing appended"
    );
    assert_eq!(
        handling_lines(&page.flow().unwrap().handling),
        ["Load acc-1: 2 events, balance $20.00, version 2."]
    );
}
