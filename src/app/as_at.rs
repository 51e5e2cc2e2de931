//! "As at": a moment in time, typed by a person, and the ledger as it stood then: every event
//! up to the first one recorded after that moment. Times are UTC throughout, as the ledger shows
//! them.

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
    let numbers = |part: &str, sep: char| -> Option<Vec<i64>> {
        part.split(sep).map(|n| n.parse::<i64>().ok()).collect()
    };
    let (Some(date), Some(time)) = (numbers(date, '-'), numbers(time, ':')) else {
        return Err(wrong());
    };
    let [year, month, day] = date[..] else {
        return Err(wrong());
    };
    let (hour, minute, second) = match time[..] {
        [h, m] => (h, m, 0),
        [h, m, s] => (h, m, s),
        _ => return Err(wrong()),
    };
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    if !(1..=days_in_month).contains(&day)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
        || !(1..=9999).contains(&year)
    {
        return Err(wrong());
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Ok(seconds * 1_000 + 999)
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

/// (year, month, day) to days since 1970-01-01: Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
