//! "Event details": an event's envelope facts, what caused it, its stream's state before → after
//! with the changed fields marked, and a transfer's chain of events.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{EventDetails, FieldChange, TransferRequest};
use replay_bank::domain::{Command, TransferId};
use support::page::*;
use support::*;

fn fact<'a>(details: &'a EventDetails, name: &str) -> &'a str {
    details
        .facts
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no fact {name}"))
}

fn changed(details: &EventDetails) -> Vec<&'static str> {
    details
        .changes
        .iter()
        .filter(|c| c.changed())
        .map(|c| c.field)
        .collect()
}

#[test]
fn a_deposit_shows_its_envelope_and_only_the_balance_changed() {
    let (_store, page) = a_page_with_deposits(&[1_250, 300]);
    let details = page.event_details(3).expect("event #3 exists");

    assert_eq!(details.position, 3);
    assert_eq!(fact(&details, "Stream"), "acc-1");
    assert_eq!(fact(&details, "Stream version"), "3");
    assert_eq!(fact(&details, "Type"), "MoneyDeposited");
    assert_eq!(fact(&details, "Stored schema version"), "v1");
    assert_eq!(fact(&details, "Command id"), "cmd-3");
    assert_eq!(fact(&details, "Caused by"), "the command cmd-3");
    assert_eq!(
        fact(&details, "Recorded at"),
        replay_bank::read_models::format_utc(page.events()[2].recorded_at_ms)
    );
    assert_eq!(changed(&details), ["Balance"]);
    assert_eq!(
        details.changes[2],
        FieldChange {
            field: "Balance",
            before: "$12.50".into(),
            after: "$15.50".into()
        }
    );
    assert!(details.chain.is_empty(), "not part of a transfer");
    assert_eq!(page.event_details(4), None);
    assert_eq!(page.event_details(0), None);
}

#[test]
fn an_opening_changes_owner_and_status_and_a_close_its_status() {
    let (_store, mut page) = a_page_with_deposits(&[100]);
    assert_eq!(
        changed(&page.event_details(1).unwrap()),
        ["Owner", "Status"]
    );
    page.send(&Command::CloseAccount, &ctx(5));
    let payout = page.event_details(3).unwrap();
    let closed = page.event_details(4).unwrap();
    assert_eq!(changed(&payout), ["Balance"]);
    assert_eq!(changed(&closed), ["Status"]);
    assert_eq!(
        fact(&closed, "Command id"),
        "cmd-5",
        "one command, two events"
    );
}

#[test]
fn a_transfer_step_names_the_event_that_caused_it_and_the_whole_chain() {
    let (_store, mut page) = a_page_with_deposits(&[10_000]);
    page.send(&open("acc-2", "Grace"), &ctx(10));
    page.choose("acc-1");
    page.transfer(
        &TransferRequest {
            transfer_id: TransferId::new("tr-1"),
            to: "acc-2".into(),
            amount: cents(2_500),
        },
        &ctx(11),
    );
    // 1 opened, 2 deposited, 3 opened, 4 requested, 5 debited, 6 credited, 7 completed.
    let requested = page.event_details(4).unwrap();
    let debited = page.event_details(5).unwrap();
    let credited = page.event_details(6).unwrap();
    let completed = page.event_details(7).unwrap();

    assert_eq!(fact(&requested, "Caused by"), "the command cmd-11");
    assert_eq!(fact(&debited, "Caused by"), "event #4 TransferRequested");
    assert_eq!(fact(&credited, "Caused by"), "event #5 TransferDebited");
    assert_eq!(fact(&debited, "Correlation id"), "tr-1");
    assert_eq!(
        (
            debited.changes[2].before.as_str(),
            debited.changes[2].after.as_str()
        ),
        ("$100.00", "$75.00")
    );
    assert_eq!(fact(&credited, "Stream"), "acc-2");
    assert_eq!(
        requested.changes,
        [FieldChange {
            field: "Transfer",
            before: "not requested".into(),
            after: "requested: $25.00 to debit".into()
        }]
    );
    assert_eq!(completed.changes[0].before, "credited, to be completed");
    assert_eq!(completed.changes[0].after, "completed");
    let chain = [
        "#4 TransferRequested (tr-1)",
        "#5 TransferDebited (acc-1)",
        "#6 TransferCredited (acc-2)",
        "#7 TransferCompleted (tr-1)",
    ];
    for details in [&requested, &debited, &credited, &completed] {
        assert_eq!(details.chain, chain);
    }
}

#[test]
fn a_refunded_transfer_shows_the_money_in_flight_then_the_refund_and_the_failure() {
    let (_store, mut page) = a_page_with_deposits(&[10_000]);
    page.send(&open("acc-2", "Grace"), &ctx(10));
    page.send(&Command::CloseAccount, &ctx(11));
    page.choose("acc-1");
    page.transfer(
        &TransferRequest {
            transfer_id: TransferId::new("tr-9"),
            to: "acc-2".into(),
            amount: cents(1_000),
        },
        &ctx(12),
    );
    // 4 closed, 5 requested, 6 debited, 7 refunded, 8 failed.
    let types: Vec<&str> = page.events()[4..].iter().map(|r| r.event.name()).collect();
    assert_eq!(
        types,
        [
            "TransferRequested",
            "TransferDebited",
            "TransferRefunded",
            "TransferFailed"
        ]
    );
    let failed = page.event_details(8).unwrap();
    assert_eq!(failed.changes[0].before, "refunded, to be failed");
    assert!(failed.changes[0]
        .after
        .starts_with("failed: Account acc-2 is closed"));
    let refunded = page.event_details(7).unwrap();
    assert_eq!(changed(&refunded), ["Balance"]);
    assert_eq!(fact(&refunded, "Caused by"), "event #6 TransferDebited");
}
