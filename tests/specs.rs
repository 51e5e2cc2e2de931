//! Histories exported as tests: every plain-text specification in `tests/specs/` (written by the
//! app's "Export as test") holds against decide; and any account event of a history the rules
//! recorded exports to a specification that reads back the same and holds.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use replay_bank::app::{spec_of_event, Spec};
use replay_bank::domain::{decide, replay};
use support::page::*;

fn holds(spec: &Spec) -> Result<(), String> {
    let outcome = decide(&replay(&spec.given), &spec.when);
    match (&spec.then, outcome) {
        (Ok(expected), Ok(events)) if *expected == events => Ok(()),
        (Err((rule, message)), Err(rejection))
            if rejection.rule().name() == rule && rejection.to_string() == *message =>
        {
            Ok(())
        }
        (expected, outcome) => Err(format!("expected {expected:?}, decide gave {outcome:?}")),
    }
}

#[test]
fn every_specification_in_tests_specs_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/specs exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "spec"))
        .collect();
    files.sort();
    let mut refusals = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let spec = Spec::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        holds(&spec).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            spec.to_text(),
            text,
            "{} reads back as written",
            file.display()
        );
        refusals += usize::from(spec.then.is_err());
    }
    assert!(files.len() >= 3, "a few specifications: {}", files.len());
    assert!(refusals >= 1, "one of them a refusal");
}

/// Release 0.4.0's closing paid out with a MoneyWithdrawn; today's rules record a
/// BalancePaidOut. Its exported specification still reads, and says the rules now record
/// otherwise; a history it recorded exports to a specification of today's rules that holds.
#[test]
fn a_close_exported_by_release_0_4_0_reads_and_exports_again_as_todays_rules_record_it() {
    use replay_bank::domain::{Event, Money};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/release-0.4.0");
    let text = std::fs::read_to_string(dir.join("a-close-pays-out.spec")).unwrap();
    let old = Spec::parse(&text).unwrap();
    assert_eq!(old.to_text(), text, "reads back as written");
    let paid_out = Money::from_cents(2_000);
    assert_eq!(
        holds(&old),
        Err(format!(
            "expected Ok({:?}), decide gave Ok({:?})",
            [
                Event::MoneyWithdrawn { amount: paid_out },
                Event::AccountClosed
            ],
            [
                Event::BalancePaidOut { amount: paid_out },
                Event::AccountClosed
            ]
        ))
    );

    let (_store, mut page) = a_page_with_deposits(&[2_000]);
    page.send(
        &replay_bank::domain::Command::CloseAccount,
        &support::ctx(9),
    );
    let mut events = page.events().to_vec();
    // As release 0.4.0 recorded it.
    events[2].event = Event::MoneyWithdrawn { amount: paid_out };
    let spec = spec_of_event(&events, 4).unwrap();
    holds(&spec).unwrap();
    assert!(
        spec.title.ends_with(
            "as event #3 recorded it (its payout, a MoneyWithdrawn up to release 0.4.0, is a BalancePaidOut today)"
        ),
        "{}",
        spec.title
    );
}

#[test]
fn every_account_event_of_a_recorded_history_exports_to_a_specification_that_holds() {
    let (_store, mut page) = a_page_with_deposits(&[10_000, 2_500]);
    page.generate(1_200, 9, "gen-s".into());
    while page.generate_batch(1_795_000_000_000) {}
    let events = page.events();
    let mut exported = 0;
    for position in 1..=events.len() {
        match spec_of_event(events, position) {
            Ok(spec) => {
                holds(&spec).unwrap_or_else(|e| panic!("#{position}: {e}"));
                assert_eq!(
                    Spec::parse(&spec.to_text()),
                    Ok(spec.clone()),
                    "#{position}"
                );
                exported += 1;
            }
            Err(why) => assert!(
                events[position - 1].event.is_transfer_stream_event(),
                "#{position}: {why}"
            ),
        }
    }
    assert!(exported > 1_000);
}

#[test]
fn an_event_of_a_transfers_own_stream_says_why_it_is_not_exported() {
    let (_store, mut page) = a_page_with_deposits(&[10_000]);
    page.generate(400, 9, "gen-s".into());
    while page.generate_batch(1_795_000_000_000) {}
    let requested = page
        .events()
        .iter()
        .find(|r| r.event.is_transfer_stream_event())
        .expect("a transfer in 400 events");
    let why = spec_of_event(page.events(), requested.position as usize).unwrap_err();
    assert!(
        why.contains("Export as test covers an account's decisions"),
        "{why}"
    );
}

/// A close decided after a transfer: what decide saw includes the credit that ended the
/// transfer's time in flight, which lands in the destination's stream. Exported as a test, both
/// the refused close (mid-transfer) and the recorded one (after it) hold, and the refusal names
/// the transfer that was in flight.
#[test]
fn a_close_around_a_transfer_exports_to_tests_that_hold() {
    use replay_bank::app::{Delivery, TransferRequest};
    use replay_bank::domain::{Command, Event, Money, TransferId};
    let (_store, mut page) = a_page();
    page.send(&support::open("acc-b", "Grace"), &support::ctx(1));
    page.send(&support::open("acc-a", "Ada"), &support::ctx(2));
    page.send(&support::deposit(10_000), &support::ctx(3));
    page.set_delivery(Delivery::OneAtATime, 1_795_000_000_010);
    let transfer = |id: &str| TransferRequest {
        transfer_id: TransferId::new(id),
        to: "acc-b".into(),
        amount: Money::from_cents(3_000),
    };
    // An earlier transfer, completed, then one in flight.
    page.transfer(&transfer("tr-old"), &support::ctx(4));
    for n in 0..4 {
        page.deliver_next_step(1_795_000_000_020 + n);
    }
    page.transfer(&transfer("tr-new"), &support::ctx(5));
    page.deliver_next_step(1_795_000_000_030);
    page.send(&Command::CloseAccount, &support::ctx(6));
    let refused = page
        .rejected()
        .last()
        .expect("the close is refused mid-transfer");
    let spec = refused.spec.clone().expect("a refusal exports as a test");
    holds(&spec).unwrap();
    assert!(
        matches!(&spec.then, Err((_, message)) if message.contains("tr-new") && !message.contains("tr-old")),
        "{:?}",
        spec.then
    );

    for n in 0..3 {
        page.deliver_next_step(1_795_000_000_040 + n);
    }
    page.send(&Command::CloseAccount, &support::ctx(7));
    let events = page.events();
    let closed = events
        .iter()
        .position(|r| r.event == Event::AccountClosed)
        .expect("closed once both transfers completed")
        + 1;
    let spec = spec_of_event(events, closed).unwrap();
    holds(&spec).unwrap();
    assert!(spec
        .given
        .iter()
        .any(|e| matches!(e, Event::TransferCredited { .. })));
}

/// A back-dated deposit exports as a test that carries its date: the plain text in v3 (the
/// version with a place for it), the Rust form as `tests/specs/a-back-dated-deposit.rs`, which
/// `exported_rust_specs` compiles and runs.
#[test]
fn a_back_dated_deposit_exports_with_the_date_it_took_effect() {
    use replay_bank::domain::{Day, Event, Money};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs");
    let text = std::fs::read_to_string(dir.join("a-back-dated-deposit.spec")).unwrap();
    let spec = Spec::parse(&text).unwrap();
    assert_eq!(
        spec.to_text(),
        text,
        "reads back as written, its v3 line and all"
    );
    assert!(text.contains(
        r#"  MoneyDeposited v3 {"amount":{"cents":50000,"currency":"USD"},"effective_on":"2026-12-01"}"#
    ));
    assert!(text.contains(r#"DepositMoney {"amount_cents":50000,"effective_on":"2026-12-01"}"#));
    assert_eq!(
        spec.then,
        Ok(vec![Event::MoneyDeposited {
            amount: Money::from_cents(50_000),
            effective_on: Some(Day::parse("2026-12-01").unwrap()),
        }]),
        "the date is read back, not dropped"
    );
    let rust = std::fs::read_to_string(dir.join("a-back-dated-deposit.rs")).unwrap_or_default();
    assert_eq!(spec.to_rust("a_back_dated_deposit"), rust);
}
