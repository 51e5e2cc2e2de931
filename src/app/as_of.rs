//! "As of": what was true at a moment, as the ledger knows it now. "As at" asks what the ledger
//! knew then: the events recorded by that moment (transaction time, in bitemporal terms). A
//! deposit entered in the ledger later but dated back to before the moment (a cheque paid in on
//! the 1st and entered on the 7th) was not known then, yet was true then (valid time). The two
//! answers differ by exactly those deposits.

use crate::domain::{Day, Event, Money};
use crate::eventstore::RecordedEvent;

/// A deposit recorded after the moment asked about, dated back to on or before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackDated {
    /// Its position in the ledger.
    pub position: u64,
    /// When it was recorded.
    pub recorded_at_ms: i64,
    /// The date it took effect.
    pub effective_on: Day,
    /// How much.
    pub amount: Money,
}

/// An account's balance at a moment, asked both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceAtMoment {
    /// What the ledger knew then: the balance after the events recorded by the moment.
    pub known_then: Money,
    /// What was true then, as known now: what the ledger knew then and the back-dated deposits
    /// recorded later that had taken effect by the moment.
    pub true_then: Money,
    /// Those deposits.
    pub back_dated: Vec<BackDated>,
}

/// The date a back-dated deposit took effect, and its amount; `None` for any other event (it
/// took effect as it was recorded).
pub fn back_dated(recorded: &RecordedEvent) -> Option<(Day, Money)> {
    match &recorded.event {
        Event::MoneyDeposited {
            amount,
            effective_on: Some(day),
        } => Some((*day, *amount)),
        _ => None,
    }
}

/// When `account` was opened: the time its stream's first event was recorded, if it has one.
pub fn opened_at(events: &[RecordedEvent], account: &str) -> Option<i64> {
    events
        .iter()
        .find(|r| r.stream_id == account)
        .map(|r| r.recorded_at_ms)
}

/// `account`'s balance at `moment_ms` both ways: as at, `known_then`, its balance after the first
/// `known` events of `events` (those recorded by the moment), and as of, adding the back-dated
/// deposits recorded after them that had taken effect by the moment. The ledger's order is the
/// order events were recorded in, so every other event after the first `known` took effect
/// after the moment.
pub fn balance_at_moment(
    events: &[RecordedEvent],
    known: usize,
    account: &str,
    known_then: Money,
    moment_ms: i64,
) -> BalanceAtMoment {
    let opened_ms = opened_at(events, account).unwrap_or(i64::MIN);
    let back_dated: Vec<BackDated> = events[known.min(events.len())..]
        .iter()
        .filter(|r| r.stream_id == account)
        .filter_map(|r| {
            let (effective_on, amount) = back_dated(r)?;
            // From the start (00:00 UTC) of its date, or from the opening if that was later
            // that day: an account holds nothing before it exists.
            let from_ms = effective_on.start_ms().max(opened_ms);
            (from_ms <= moment_ms).then_some(BackDated {
                position: r.position,
                recorded_at_ms: r.recorded_at_ms,
                effective_on,
                amount,
            })
        })
        .collect();
    let true_then = back_dated
        .iter()
        .fold(known_then, |sum, d| sum.saturating_add(d.amount));
    BalanceAtMoment {
        known_then,
        true_then,
        back_dated,
    }
}
