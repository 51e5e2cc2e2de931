//! Guided scenarios: each story's history goes through the rules, and what its narration says
//! about that history is true.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::app::scenarios::{all, named};
use replay_bank::domain::{Event, Money};
use replay_bank::eventstore::check_import;
use replay_bank::read_models::{fold, format_utc, BankState};

const PANELS: [&str; 8] = [
    "Event ledger",
    "Accounts",
    "Current state",
    "CRUD",
    "Questions",
    "Rejected attempts",
    "Time travel",
    "Commands",
];

#[test]
fn every_scenario_is_a_history_the_rules_recorded_with_a_narration_inside_it() {
    let scenarios = all();
    assert!(scenarios.len() >= 4);
    for scenario in scenarios {
        let recorded = scenario.record();
        let events = recorded.events.clone();
        assert!(
            check_import(events.clone(), None, None).is_ok(),
            "{} passes the import checks, so it can be kept",
            scenario.name
        );
        assert!(!scenario.steps.is_empty());
        for step in &scenario.steps {
            assert!(
                step.cursor <= events.len(),
                "{}: step inside history",
                scenario.name
            );
            assert!(
                PANELS.contains(&step.panel),
                "{}: {} is a region",
                scenario.name,
                step.panel
            );
        }
        assert_eq!(named(scenario.name).as_ref(), Some(&scenario));
    }
    assert_eq!(named("heist"), None);
}

#[test]
fn no_story_claims_the_ledger_records_who_acted() {
    // The envelope holds a command id and a correlation id, no actor: the stories say so
    // rather than call the ledger an audit trail of who did what.
    for story in all() {
        for step in &story.steps {
            assert!(
                !step.text.contains("by whom"),
                "{}: {}",
                story.name,
                step.text
            );
            assert!(
                !step.text.contains("That is an audit trail"),
                "{}: {}",
                story.name,
                step.text
            );
        }
    }
    let disputed = named("disputed-withdrawal").unwrap();
    assert!(disputed
        .steps
        .iter()
        .any(|s| s.text.contains("Who withdrew it is not recorded")));
}

#[test]
fn the_disputed_withdrawal_is_where_and_when_the_story_says() {
    let scenario = named("disputed-withdrawal").unwrap();
    let events = scenario.record().events;
    assert_eq!(events.len(), 5);
    assert_eq!(
        events[3].event,
        Event::MoneyWithdrawn {
            amount: Money::from_cents(40_000)
        }
    );
    assert_eq!(
        format_utc(events[3].recorded_at_ms),
        "2026-11-07 02:13:00 UTC"
    );
    assert_eq!(
        fold::<BankState>(&events[..3])
            .account_or_none(Some("acc-5ce1a2"))
            .balance()
            .to_string(),
        "$2,050.00"
    );
    assert_eq!(
        fold::<BankState>(&events[..4])
            .account_or_none(Some("acc-5ce1a2"))
            .balance()
            .to_string(),
        "$1,650.00"
    );
    let text: String = scenario.steps.iter().map(|s| s.text).collect();
    for claim in ["#4", "02:13 on November 7", "$2,050.00", "$1,650.00"] {
        assert!(text.contains(claim), "the narration says {claim}");
    }
}

#[test]
fn the_overdraft_is_refused_and_leaves_no_gap() {
    let recorded = named("overdraft").unwrap().record();
    assert_eq!(recorded.events.len(), 3);
    assert_eq!(recorded.refused.len(), 1);
    assert_eq!(
        recorded.refused[0].1.to_string(),
        "Insufficient funds: balance $70.00, tried to withdraw $100.00."
    );
    assert_eq!(
        recorded.events[2].event,
        Event::MoneyWithdrawn {
            amount: Money::from_cents(5_000)
        }
    );
    // The step that shows #3 says why there is no hole, and that it holds for this store only.
    let story = named("overdraft").unwrap();
    let step = story.steps.iter().find(|s| s.text.contains("#3")).unwrap();
    assert_eq!(step.cursor, 3);
    assert!(
        step.text
            .contains("this store numbers only what it records")
            && step
                .text
                .contains("may skip numbers; a stream's versions never do"),
        "{}",
        step.text
    );
}

#[test]
fn closing_with_money_is_one_command_with_two_events() {
    let events = named("closing-with-money").unwrap().record().events;
    assert_eq!(events.len(), 5);
    assert_eq!(events[3].metadata.command_id, events[4].metadata.command_id);
    assert_eq!(
        events[3].event,
        Event::MoneyWithdrawn {
            amount: Money::from_cents(10_000)
        }
    );
    assert_eq!(events[4].event, Event::AccountClosed);
}

#[test]
fn the_busy_month_is_thirty_one_accepted_events_starting_with_a_salary() {
    let recorded = named("busy-month").unwrap().record();
    assert!(recorded.refused.is_empty());
    assert_eq!(recorded.events.len(), 31);
    assert_eq!(
        recorded.events[1].event,
        Event::MoneyDeposited {
            amount: Money::from_cents(320_000)
        }
    );
}
