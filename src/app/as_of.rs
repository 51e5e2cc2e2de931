//! "As of": what was true at a moment, as the ledger knows it now. "As at" asks what the ledger
//! knew then (the events recorded by that moment); a deposit recorded later but back-dated to
//! before the moment (a cheque that cleared late) was not known then, yet was true then. The
//! two answers differ by exactly those deposits.

use crate::domain::{Event, Money, MoneyMove};
use crate::eventstore::RecordedEvent;

/// An account's balance at a moment, asked both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// What the ledger knew then: the events recorded by the moment.
    pub known_then: Money,
    /// What was true then, as known now: every event that had taken effect by the moment,
    /// whenever it was recorded.
    pub true_then: Money,
    /// The deposits that make the difference: recorded after the moment, effective before it.
    pub back_dated: Vec<RecordedEvent>,
}

/// When an event took effect: a back-dated deposit at the start (00:00 UTC) of its date, every
/// other event when it was recorded.
pub fn took_effect_ms(recorded: &RecordedEvent) -> i64 {
    match &recorded.event {
        Event::MoneyDeposited {
            effective_on: Some(day),
            ..
        } => day.start_ms(),
        _ => recorded.recorded_at_ms,
    }
}

/// `account`'s balance at `moment_ms` as at (the first `known` events, those recorded by the
/// moment) and as of (every event of `events`, the whole ledger now, that took effect by it).
pub fn as_of(events: &[RecordedEvent], known: usize, account: &str, moment_ms: i64) -> AsOf {
    let own = |r: &&RecordedEvent| r.stream_id == account;
    let balance = |events: &mut dyn Iterator<Item = &RecordedEvent>| {
        let cents = events.fold(0_i128, |sum, r| match r.event.money_moved() {
            Some(MoneyMove::In(m)) => sum + i128::from(m.cents()),
            Some(MoneyMove::Out(m)) => sum - i128::from(m.cents()),
            None => sum,
        });
        Money::from_cents(u64::try_from(cents).unwrap_or(0))
    };
    let known = known.min(events.len());
    let in_effect = |r: &&RecordedEvent| took_effect_ms(r) <= moment_ms;
    AsOf {
        known_then: balance(&mut events[..known].iter().filter(own)),
        true_then: balance(&mut events.iter().filter(own).filter(in_effect)),
        back_dated: events[known..]
            .iter()
            .filter(own)
            .filter(|r| took_effect_ms(r) != r.recorded_at_ms)
            .filter(in_effect)
            .cloned()
            .collect(),
    }
}
