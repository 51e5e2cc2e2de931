//! "As of": what was true at a moment, as the ledger knows it now. "As at" asks what the ledger
//! knew then: the events recorded by that moment (transaction time, in bitemporal terms). A
//! deposit entered in the ledger later but dated back to before the moment (a cheque paid in on
//! the 1st and entered on the 7th) was not known then, yet was true then (valid time). The two
//! answers differ by exactly those deposits.

use crate::domain::{Event, Money, MoneyMove};
use crate::eventstore::RecordedEvent;

/// An account's balance at a moment, asked both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceAtMoment {
    /// What the ledger knew then: the events recorded by the moment.
    pub known_then: Money,
    /// What was true then, as known now: what the ledger knew then and the back-dated deposits
    /// recorded later that had taken effect by the moment.
    pub true_then: Money,
    /// Those deposits.
    pub back_dated: Vec<RecordedEvent>,
}

/// When a back-dated deposit took effect: the start (00:00 UTC) of its date, or the moment its
/// account was opened (`opened_ms`) if that was later that day, since an account holds nothing
/// before it exists. `None` for any other event: it took effect as it was recorded.
pub fn back_dated_to(recorded: &RecordedEvent, opened_ms: i64) -> Option<i64> {
    match &recorded.event {
        Event::MoneyDeposited {
            effective_on: Some(day),
            ..
        } => Some(day.start_ms().max(opened_ms)),
        _ => None,
    }
}

/// `account`'s balance at `moment_ms`: as at, from the first `known` events of `events` (those
/// recorded by the moment), and as of, adding the back-dated deposits recorded after them that
/// had taken effect by the moment. The ledger's order is the order events were recorded in, so
/// every other event after the first `known` took effect after the moment.
pub fn balance_at_moment(
    events: &[RecordedEvent],
    known: usize,
    account: &str,
    moment_ms: i64,
) -> BalanceAtMoment {
    let known = known.min(events.len());
    let own = |r: &&RecordedEvent| r.stream_id == account;
    let opened_ms = events
        .iter()
        .find(own)
        .map_or(i64::MIN, |r| r.recorded_at_ms);
    let cents =
        events[..known]
            .iter()
            .filter(own)
            .fold(0_i128, |sum, r| match r.event.money_moved() {
                Some(MoneyMove::In(m)) => sum + i128::from(m.cents()),
                Some(MoneyMove::Out(m)) => sum - i128::from(m.cents()),
                None => sum,
            });
    // A balance the rules recorded is never below zero.
    let known_then = Money::from_cents(u64::try_from(cents).unwrap_or(0));
    let back_dated: Vec<RecordedEvent> = events[known..]
        .iter()
        .filter(own)
        .filter(|r| back_dated_to(r, opened_ms).is_some_and(|ms| ms <= moment_ms))
        .cloned()
        .collect();
    let added: u64 = back_dated
        .iter()
        .filter_map(|r| match r.event.money_moved() {
            Some(MoneyMove::In(m)) => Some(m.cents()),
            _ => None,
        })
        .sum();
    BalanceAtMoment {
        known_then,
        true_then: Money::from_cents(known_then.cents() + added),
        back_dated,
    }
}
