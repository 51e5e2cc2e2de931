//! "As at": a moment typed in UTC moves the slider to the last event recorded at or before it;
//! generated history on an empty ledger spreads over months so the question means something.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{
    balance_at_moment, events_as_at, money_action, parse_as_at, BalanceAtMoment, Cursor, Field,
    Page,
};
use replay_bank::domain::{Command, Day, Money};
use replay_bank::read_models::format_utc;
use support::page::*;
use support::stores::SharedStore;
use support::{ctx, deposit, open};

const DAY: i64 = 86_400_000;

#[test]
fn a_moment_is_read_in_utc_to_the_end_of_its_second() {
    // 2026-03-01 12:00:30 UTC is 1,772,366,430 s since 1970.
    assert_eq!(parse_as_at("2026-03-01T12:00:30"), Ok(1_772_366_430_999));
    assert_eq!(parse_as_at("2026-03-01 12:00"), Ok(1_772_366_400_999));
    assert_eq!(parse_as_at(" 2024-02-29T00:00 "), Ok(1_709_164_800_999));
    assert_eq!(
        format_utc(parse_as_at("2026-11-24T01:02:03").unwrap()),
        "2026-11-24 01:02:03 UTC"
    );
    for wrong in [
        "2026-02-29T10:00",
        "2026-13-01T10:00",
        "2026-03-01T24:00",
        "2026-03-01",
        "yesterday",
        "2026-03-01T10:60",
    ] {
        let why = parse_as_at(wrong).unwrap_err();
        assert!(
            why.contains(wrong.trim()) && why.contains("2026-03-01T12:00"),
            "{wrong}: {why}"
        );
    }
    assert_eq!(
        parse_as_at("  "),
        Err("choose a date and a time first.".to_string())
    );
}

#[test]
fn the_slider_lands_on_the_last_event_at_or_before_the_moment() {
    let (_store, mut page) = a_page_with_deposits(&[100, 200, 300]);
    let events = page.events().to_vec();
    let t = |k: usize| events[k - 1].recorded_at_ms;
    assert_eq!(events_as_at(&events, t(1) - 1_000), 0);
    assert_eq!(events_as_at(&events, t(2)), 2);
    assert_eq!(events_as_at(&events, t(4) + DAY), 4);

    page.seek_as_at("1970-01-02T00:00");
    assert_eq!(page.shown(), 0);
    assert_eq!(
        page.status(),
        "As at 1970-01-02 00:00:00 UTC: no event was recorded yet, so the slider is at the start."
    );
    page.seek_as_at(&format_utc(t(2)).replace(" UTC", ""));
    assert_eq!(page.shown(), 4, "all four were recorded within that second");
    assert!(
        page.status().contains("the slider is at event #"),
        "{}",
        page.status()
    );
}

#[test]
fn a_moment_that_cannot_be_read_is_an_alert_and_the_slider_stays() {
    let (_store, mut page) = a_page_with_deposits(&[100, 200]);
    page.seek(1);
    page.seek_as_at("2026-02-30T10:00");
    assert_eq!(page.shown(), 1);
    let alert = page.alert().map(|a| a.text.clone()).unwrap_or_default();
    assert!(
        alert.starts_with("As at: \"2026-02-30T10:00\" is not a date"),
        "{alert}"
    );
}

fn generated(page: &mut Page<SharedStore>, total: usize, now: i64) {
    page.generate(total, 3, "gen-t".into());
    while page.generate_batch(now) {}
}

#[test]
fn generated_history_on_an_empty_ledger_spans_months_before_today_and_time_never_runs_back() {
    let now = 1_795_000_000_000;
    let (_store, mut page) = a_page();
    generated(&mut page, 6_000, now);
    let events = page.events();
    assert_eq!(events.len(), 6_000);
    let first = events[0].recorded_at_ms;
    let last = events[events.len() - 1].recorded_at_ms;
    assert!(
        last - first > 180 * DAY,
        "over months: {} days",
        (last - first) / DAY
    );
    assert!(last < now, "all before now");
    assert!(events
        .windows(2)
        .all(|w| w[0].recorded_at_ms <= w[1].recorded_at_ms));

    // Seeking by index and by time agree: the time of event k lands on the last event of
    // that second, at or after k.
    for k in (1..=events.len()).step_by(389) {
        let at = events_as_at(events, events[k - 1].recorded_at_ms / 1000 * 1000 + 999);
        assert!(at >= k, "{k} -> {at}");
        let second = |i: usize| events[i - 1].recorded_at_ms / 1000;
        assert_eq!(second(at), second(k));
        assert!(at == events.len() || second(at + 1) > second(k));
    }
}

#[test]
fn generated_history_after_existing_events_is_recorded_now() {
    let now = 1_795_000_000_000;
    let (_store, mut page) = a_page_with_deposits(&[100]);
    generated(&mut page, 500, now);
    assert!(page.events()[2..].iter().all(|r| r.recorded_at_ms == now));
    assert_eq!(page.cursor(), Cursor::Present);
}

#[test]
fn with_a_clock_set_back_the_ledger_as_at_a_moment_stops_at_the_first_event_recorded_after_it() {
    // Given deposits of $2.00, $3.00 and $4.00 whose clock went back before the last one:
    // #2 at +2 s, #3 at +5 s, #4 at +3 s
    let (_store, mut page) = a_page();
    let base = 1_795_000_000_000;
    let at = |n: u32, seconds: i64| replay_bank::eventstore::CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("cmd-{n}"),
        now_ms: base + seconds * 1_000,
    };
    page.send(&open("acc-1", "Ada"), &at(1, 1));
    page.send(&deposit(200), &at(2, 2));
    page.send(&deposit(300), &at(3, 5));
    page.send(&deposit(400), &at(4, 3));
    // When the person asks for the ledger as at +3 s
    page.seek_as_at(&format_utc(base + 3_000).replace(" UTC", ""));
    // Then it holds what was recorded before #3, the first event recorded after that moment:
    // $2.00, not the $9.00 a slider at #4 would show, and the message says why #4 is left out
    assert_eq!(page.shown(), 2);
    assert_eq!(
        page.bank_at_cursor()
            .state
            .account_or_none(Some("acc-1"))
            .balance()
            .cents(),
        200
    );
    assert_eq!(
        page.status(),
        format!(
            "As at {}: the slider is at event #2 (MoneyDeposited, recorded {}). Event #4 is stamped {}, but it was recorded after event #3 (a clock set back), so it is left out.",
            format_utc(base + 3_999),
            format_utc(base + 2_000),
            format_utc(base + 3_000)
        )
    );
}

#[test]
fn a_moment_before_1970_is_a_date_before_every_event() {
    let (_store, mut page) = a_page_with_deposits(&[100]);
    page.seek(2);
    page.seek_as_at("1969-12-31T23:59");
    assert_eq!(page.alert(), None);
    assert_eq!(page.shown(), 0);
    assert_eq!(
        page.status(),
        "As at 1969-12-31 23:59:00 UTC: no event was recorded yet, so the slider is at the start."
    );
}

fn at(ms: i64, n: u32) -> replay_bank::eventstore::CommandContext {
    replay_bank::eventstore::CommandContext {
        now_ms: ms,
        ..ctx(n)
    }
}

fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

fn back_dated(cents: u64, on: &str) -> Command {
    Command::DepositMoney {
        amount: Money::from_cents(cents),
        effective_on: Some(day(on)),
    }
}

/// acc-1's balance at `moment_ms` both ways, the ledger having held its first `known` events
/// then: as at from the page's bank at that point, as the page asks it.
fn both_ways(page: &Page<SharedStore>, known: usize, moment_ms: i64) -> BalanceAtMoment {
    let known_then = page
        .bank_at(known)
        .account("acc-1")
        .map_or(Money::ZERO, |s| s.balance());
    balance_at_moment(page.events(), known, "acc-1", known_then, moment_ms)
}

/// Ada's account, opened on 2026-11-28 with $100.00; on 2026-12-07 a cheque of $500.00 paid in
/// on 2026-12-01 is entered, back-dated to that day.
fn a_late_cheque() -> (SharedStore, Page<SharedStore>) {
    let (store, mut page) = a_page();
    let nov_28 = day("2026-11-28").start_ms() + 9 * 3_600_000;
    let dec_7 = day("2026-12-07").start_ms() + 10 * 3_600_000;
    page.send(&open("acc-1", "Ada Lovelace"), &at(nov_28, 1));
    page.send(&deposit(10_000), &at(nov_28 + 60_000, 2));
    page.send(&back_dated(50_000, "2026-12-01"), &at(dec_7, 3));
    (store, page)
}

#[test]
fn as_at_says_what_the_ledger_knew_and_as_of_what_was_true_for_a_back_dated_deposit() {
    let (_store, mut page) = a_late_cheque();
    assert_eq!(page.events().len(), 3);
    assert_eq!(
        page.events()[2].event.describe(),
        "$500.00 deposited, effective 2026-12-01"
    );
    page.seek_as_at("2026-12-03T12:00");
    assert_eq!(
        page.shown(),
        2,
        "the cheque was not recorded yet on 3 December"
    );
    assert_eq!(
        page.status(),
        "As at 2026-12-03 12:00:00 UTC: the slider is at event #2 (MoneyDeposited, recorded 2026-11-28 09:01:00 UTC). \
         What the ledger knew then (as at): Ada Lovelace's balance was $100.00. \
         What was true then, as known now (as of): $600.00, since deposit #3, recorded 2026-12-07 10:00:00 UTC, took effect on 2026-12-01."
    );
    // Before the date it took effect, the two answers agree.
    page.seek_as_at("2026-11-30T12:00");
    assert!(
        page.status().ends_with(
            "What the ledger knew then (as at): Ada Lovelace's balance was $100.00. What was true then, as known now (as of): $100.00."
        ),
        "{}",
        page.status()
    );
    // From the first millisecond of its date, not one before.
    let first = day("2026-12-01").start_ms();
    let answer = both_ways(&page, 2, first);
    assert_eq!(answer.known_then, Money::from_cents(10_000));
    assert_eq!(answer.true_then, Money::from_cents(60_000));
    assert_eq!(answer.back_dated.len(), 1);
    let before = both_ways(&page, 2, first - 1);
    assert_eq!(before.true_then, Money::from_cents(10_000));
    assert!(before.back_dated.is_empty());
}

#[test]
fn a_deposit_back_dated_to_the_opening_day_takes_effect_from_the_opening_not_before_it() {
    let (_store, mut page) = a_late_cheque();
    let dec_7 = day("2026-12-07").start_ms() + 11 * 3_600_000;
    page.send(&back_dated(2_500, "2026-11-28"), &at(dec_7, 4));
    assert_eq!(page.events().len(), 4);
    let opened = page.events()[0].recorded_at_ms;
    // Before the opening (09:00 that day) the account held nothing, as at or as of.
    let early = both_ways(&page, 0, opened - 1);
    assert_eq!(
        (early.known_then, early.true_then),
        (Money::ZERO, Money::ZERO)
    );
    let at_opening = both_ways(&page, 1, opened);
    assert_eq!(at_opening.true_then, Money::from_cents(2_500));
}

#[test]
fn with_a_clock_set_back_the_two_answers_differ_by_exactly_the_back_dated_deposits_named() {
    // Ada's account: a deposit, a back-dated deposit, then one stamped before the moment asked
    // although recorded after the back-dated one (a clock set back).
    let (_store, mut page) = a_late_cheque();
    let dec_3 = day("2026-12-03").start_ms();
    page.send(&deposit(700), &at(dec_3, 4));
    assert_eq!(page.events().len(), 4);
    let moment = day("2026-12-05").start_ms();
    let answer = both_ways(&page, 2, moment);
    let named: u64 = answer.back_dated.iter().map(|d| d.amount.cents()).sum();
    assert_eq!(
        answer.back_dated.len(),
        1,
        "only the back-dated deposit is named"
    );
    assert_eq!(
        answer.true_then.cents(),
        answer.known_then.cents() + named,
        "the answers differ by exactly what is named"
    );
}

#[test]
fn a_deposit_dated_today_is_not_back_dated_and_the_page_says_to_leave_the_date_empty() {
    let (_store, mut page) = a_late_cheque();
    let dec_7 = day("2026-12-07").start_ms() + 11 * 3_600_000;
    page.send(&back_dated(100, "2026-12-07"), &at(dec_7, 4));
    assert_eq!(
        page.alert().map(|a| a.text.clone()).unwrap_or_default(),
        "Took effect on: 2026-12-07 is today (UTC): leave the date empty, as a deposit recorded now takes effect now."
    );
    assert_eq!(page.events().len(), 3, "nothing recorded");
}

#[test]
fn a_deposit_cannot_take_effect_after_today_or_before_the_account_opened() {
    let (_store, mut page) = a_late_cheque();
    let dec_7 = day("2026-12-07").start_ms() + 11 * 3_600_000;
    page.send(&back_dated(100, "2026-12-08"), &at(dec_7, 4));
    assert_eq!(
        page.alert().map(|a| a.text.clone()).unwrap_or_default(),
        "Took effect on: 2026-12-08 is after today (2026-12-07, UTC): a deposit made now cannot take effect later."
    );
    assert_eq!(
        page.alert().and_then(|a| a.field),
        Some(Field::EffectiveOn),
        "the alert names the date field, for the form to mark it"
    );
    page.send(&back_dated(100, "2026-11-27"), &at(dec_7, 5));
    assert_eq!(
        page.alert().map(|a| a.text.clone()).unwrap_or_default(),
        "Took effect on: 2026-11-27 is before the account was opened (2026-11-28): it held no money then."
    );
    assert_eq!(page.events().len(), 3, "nothing recorded");
    page.send(&back_dated(100, "2026-11-28"), &at(dec_7, 6));
    assert_eq!(
        page.events().len(),
        4,
        "the opening day itself is a date it may take"
    );
    page.send(
        &Command::WithdrawMoney {
            amount: Money::from_cents(1_000_000),
        },
        &at(dec_7, 7),
    );
    assert!(page.alert().is_some(), "an overdraft is refused");
    assert_eq!(
        page.alert().and_then(|a| a.field),
        None,
        "a refusal by a rule names no form field"
    );
}

#[test]
fn a_date_the_form_refuses_names_its_field_as_the_page_does_and_an_amount_names_none() {
    let (_store, mut page) = a_late_cheque();
    let events = page.events().len();
    page.refuse_form(&money_action("withdraw", "5", "", "2026-12-01").unwrap_err());
    assert_eq!(
        page.alert().map(|a| (a.text.as_str(), a.field)),
        Some((
            "Took effect on: only a deposit can be back-dated. Clear the date to withdraw or transfer.",
            Some(Field::EffectiveOn)
        ))
    );
    page.refuse_form(&money_action("deposit", "ten", "", "").unwrap_err());
    let alert = page.alert().expect("an amount that is not one is refused");
    assert!(alert.text.starts_with("Amount: "), "{}", alert.text);
    assert_eq!(alert.field, None, "the form marks the amount itself");
    assert_eq!(page.events().len(), events, "nothing recorded");
}
