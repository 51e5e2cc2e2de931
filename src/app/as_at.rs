//! "As at": a moment in time, typed by a person, and the ledger as it stood then: every event
//! up to the first one recorded after that moment. Times are UTC throughout, as the ledger shows
//! them.

use crate::domain::Day;
use crate::eventstore::RecordedEvent;

/// Reads `2026-03-01T12:00`, `2026-03-01T12:00:30` (what a `datetime-local` field gives) or the
/// same with a space, as a moment in UTC: the last millisecond of that second, since the ledger
/// shows times to the second (an event shown at 12:00:30 is "at or before 12:00:30").
pub fn parse_as_at(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let wrong = || format!("\"{text}\" is not a date and time such as 2026-03-01T12:00 (UTC).");
    if text.is_empty() {
        return Err("choose a date and a time first.".to_string());
    }
    let (date, time) = text.split_once(['T', ' ']).ok_or_else(wrong)?;
    let day = Day::parse(date).map_err(|_| wrong())?;
    let time: Option<Vec<i64>> = time.split(':').map(|n| n.parse().ok()).collect();
    let (hour, minute, second) = match time.as_deref() {
        Some(&[h, m]) => (h, m, 0),
        Some(&[h, m, s]) => (h, m, s),
        _ => return Err(wrong()),
    };
    if !(0..24).contains(&hour) || !(0..60).contains(&minute) || !(0..60).contains(&second) {
        return Err(wrong());
    }
    Ok(day.start_ms() + (hour * 3_600 + minute * 60 + second) * 1_000 + 999)
}

/// How many events of `events` the ledger held at `moment_ms`: the slider's point "as at" that
/// moment, every event before the first one recorded after it. The ledger's order is the order
/// events were recorded in, so an event after that one was recorded later still, even when a
/// clock set back stamped it with an earlier time.
pub fn events_as_at(events: &[RecordedEvent], moment_ms: i64) -> usize {
    events
        .iter()
        .position(|r| r.recorded_at_ms > moment_ms)
        .unwrap_or(events.len())
}

/// The first event after `k` stamped at or before `moment_ms` (a clock set back), if any: left
/// out of the ledger "as at" that moment, since it was recorded after event k + 1.
pub fn stamped_earlier(
    events: &[RecordedEvent],
    k: usize,
    moment_ms: i64,
) -> Option<&RecordedEvent> {
    events
        .get(k + 1..)?
        .iter()
        .find(|r| r.recorded_at_ms <= moment_ms)
}
