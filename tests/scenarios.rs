//! Guided scenarios: each story's history goes through the rules, and what its narration says
//! about that history is true.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::app::scenarios::{all, named};
use replay_bank::domain::{Event, Money};
use replay_bank::eventstore::check_import;
use replay_bank::read_models::{fold, format_utc, questions_at, BankState};

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
    assert_eq!(events.len(), 6);
    assert_eq!(
        events[3].event,
        Event::MoneyWithdrawn {
            amount: Money::from_cents(40_000)
        }
    );
    // It ends with the dispute upheld: a new event reverses #4, which stays as it was.
    assert_eq!(
        events[5].event,
        Event::WithdrawalReversed {
            withdrawal: 4,
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
        Event::BalancePaidOut {
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
            amount: Money::from_cents(320_000),
            effective_on: None,
        }
    );
}

/// Every "#N" of a text, with the event type named right before it ("TransferRefunded (#7)").
fn event_numbers(text: &str) -> Vec<(usize, Option<&str>)> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices('#') {
        let digits: String = text[i + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let Ok(n) = digits.parse() else { continue };
        let named = text[..i]
            .strip_suffix('(')
            .and_then(|t| t.strip_suffix(' '))
            .and_then(|t| t.rsplit(' ').next())
            // An event type's name: CamelCase, not an SQL word such as UPDATE.
            .filter(|w| {
                w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase)
            });
        found.push((n, named));
    }
    found
}

/// Every dollar amount of a text ("$2,050.00"), in cents.
fn amounts(text: &str) -> Vec<u64> {
    text.match_indices('$')
        .filter_map(|(i, _)| {
            let number: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .filter(|c| *c != ',')
                .collect();
            let number = number.trim_end_matches('.');
            let (whole, cents) = number.split_once('.')?;
            Some(whole.parse::<u64>().ok()? * 100 + cents.parse::<u64>().ok()?)
        })
        .collect()
}

/// The amounts a text gives as a balance held now: right after "has ", "holds " or "With ".
fn balances_named(text: &str) -> Vec<u64> {
    ["has $", "holds $", "With $"]
        .iter()
        .flat_map(|cue| text.match_indices(cue).map(|(i, _)| i + cue.len() - 1))
        .flat_map(|i| amounts(&text[i..]).into_iter().take(1))
        .collect()
}

/// "31 events", "two events": how many events a text says there are, and whether it says one
/// command "recorded" them.
fn event_counts(text: &str) -> Vec<(usize, bool)> {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    words
        .windows(3)
        .filter(|w| w[2] == "events")
        .filter_map(|w| {
            let n = w[1]
                .parse()
                .ok()
                .or_else(|| WORDS.iter().position(|n| *n == w[1]))?;
            Some((n, w[0] == "recorded"))
        })
        .collect()
}

/// A test walks every step of every scenario: each event number it names is in the ledger at
/// that point (of the type it names), each amount is one the page shows by then (an event's, a
/// refused attempt's, or a balance), and each count of events is the slider's.
#[test]
fn every_number_a_scenario_step_names_is_what_the_page_shows_there() {
    let mut checked = 0;
    for scenario in all() {
        let recorded = scenario.record();
        let events = &recorded.events;
        for (i, step) in scenario.steps.iter().enumerate() {
            let here = format!("{} step {}: {}", scenario.name, i + 1, step.text);
            let at = &events[..step.cursor];
            for (n, named) in event_numbers(step.text) {
                assert!(
                    (1..=step.cursor).contains(&n),
                    "#{n} is past the slider: {here}"
                );
                if let Some(name) = named {
                    assert_eq!(at[n - 1].event.name(), name, "#{n}: {here}");
                }
                checked += 1;
            }
            let mut shown: Vec<u64> = at
                .iter()
                .filter_map(|r| r.event.money_moved())
                .map(|m| match m {
                    replay_bank::domain::MoneyMove::In(a)
                    | replay_bank::domain::MoneyMove::Out(a) => a.cents(),
                })
                .collect();
            for k in 0..=step.cursor {
                let bank: BankState = fold(&events[..k]);
                shown.extend(bank.accounts().iter().map(|(_, s)| s.balance().cents()));
                shown.push(bank.totals().in_flight.cents());
            }
            for (attempt, _) in &recorded.refused {
                shown.extend(amounts(attempt));
            }
            for amount in amounts(step.text) {
                assert!(
                    shown.contains(&amount),
                    "{amount} cents is nowhere on the page: {here}"
                );
                checked += 1;
            }
            // A balance the words give as now ("Grace has $70.00", "With $70.00, she...") is a
            // balance the state shows at the step's own point, not one from before it.
            let now: BankState = fold(at);
            let balances: Vec<u64> = now
                .accounts()
                .iter()
                .map(|(_, s)| s.balance().cents())
                .collect();
            for amount in balances_named(step.text) {
                assert!(
                    balances.contains(&amount),
                    "{amount} cents is not a balance at the slider's point: {here}"
                );
                checked += 1;
            }
            for (count, by_one_command) in event_counts(step.text) {
                let last = &at[step.cursor - 1].metadata.command_id;
                let expected = if by_one_command {
                    at.iter().filter(|r| &r.metadata.command_id == last).count()
                } else {
                    step.cursor
                };
                assert_eq!(count, expected, "{here}");
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "{checked} numbers checked");
}

#[test]
fn the_busy_months_question_has_the_answer_its_step_gives() {
    let scenario = named("busy-month").unwrap();
    let events = scenario.record().events;
    let step = scenario
        .steps
        .iter()
        .find(|s| s.panel == "Questions")
        .unwrap();
    let quick = &questions_at(&events, step.cursor, Some("acc-5ce1a2"))[3];
    assert_eq!(
        quick.ask,
        "How many withdrawals came within 5 minutes of a deposit?"
    );
    assert_eq!(quick.from_events, "3.");
    assert!(
        step.text.contains("? 3 (#6, #13 and #21)."),
        "{}",
        step.text
    );
    for n in [6, 13, 21] {
        let withdrawal = &events[n - 1];
        let deposit = &events[n - 2];
        assert!(
            matches!(withdrawal.event, Event::MoneyWithdrawn { .. }),
            "#{n}"
        );
        assert!(
            matches!(deposit.event, Event::MoneyDeposited { .. }),
            "#{}",
            n - 1
        );
        assert_eq!(
            withdrawal.recorded_at_ms - deposit.recorded_at_ms,
            3 * 60_000
        );
    }
}
