//! One line of the "Event ledger" list, in words.

use crate::domain::Day;
use crate::eventstore::RecordedEvent;

/// What the ledger list shows for one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Global position, 1-based.
    pub position: u64,
    /// The event's type name.
    pub event_type: &'static str,
    /// The payload in words.
    pub description: String,
    /// When it was recorded, as `2026-11-23 09:18:46` (the list says once that its times are
    /// UTC, so each row has room for its whole time).
    pub recorded_at: String,
}

impl LedgerRow {
    /// Describes one recorded event.
    pub fn of(recorded: &RecordedEvent) -> Self {
        LedgerRow {
            position: recorded.position,
            event_type: recorded.event.name(),
            description: recorded.event.describe(),
            recorded_at: date_time(recorded.recorded_at_ms),
        }
    }
}

/// Formats milliseconds since the Unix epoch as `YYYY-MM-DD HH:MM:SS UTC`, with integer
/// arithmetic only (the proleptic Gregorian calendar, as JavaScript's `Date` uses).
pub fn format_utc(ms: i64) -> String {
    format!("{} UTC", date_time(ms))
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, for a place that says once that its times are UTC. The date
/// is the [`Day`]'s, as written everywhere else.
fn date_time(ms: i64) -> String {
    let of_day = ms.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}:{:02}",
        Day::of_moment(ms),
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The UTC month of a moment, as `year * 100 + month` (`202603` for March 2026): a number that
/// sorts in time order and is written back as text without a calendar.
pub fn utc_month(ms: i64) -> i64 {
    let (year, month, _) = Day::of_moment(ms).civil();
    year * 100 + month
}

#[cfg(test)]
mod tests {
    use super::format_utc;

    #[test]
    fn formats_known_instants_in_utc() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        // 2000-02-29 is a leap day in a century leap year.
        assert_eq!(format_utc(951_782_400_000), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_795_426_726_999), "2026-11-23 09:38:46 UTC");
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
    }
}
