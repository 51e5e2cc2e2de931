//! [`Day`]: a calendar date in UTC, such as the date a deposit took effect. A business date, not
//! a moment: the ledger's own times (when an event was recorded) are milliseconds.

use std::fmt;

/// A date in the proleptic Gregorian calendar, as days since 1970-01-01 (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

const MS_PER_DAY: i64 = 86_400_000;

impl Day {
    /// Reads `YYYY-MM-DD` (what a date field gives), a real date from year 1 to 9999.
    pub fn parse(text: &str) -> Result<Day, String> {
        // `YYYY-MM-DD`: digits at every place but the two dashes.
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        let number = |from: usize, to: usize| text[from..to].parse::<i64>().unwrap_or(0);
        let (year, month, day) = if shape {
            (number(0, 4), number(5, 7), number(8, 10))
        } else {
            (0, 0, 0)
        };
        if year == 0 || !(1..=days_in_month(year, month)).contains(&day) {
            return Err(format!("\"{text}\" is not a date such as 2026-03-01"));
        }
        Ok(Day(days_from_civil(year, month, day)))
    }

    /// The day (UTC) a moment falls on, in milliseconds since the Unix epoch.
    pub fn of_moment(ms: i64) -> Day {
        Day(ms.div_euclid(MS_PER_DAY))
    }

    /// The first millisecond of this day (00:00:00.000 UTC).
    pub fn start_ms(self) -> i64 {
        self.0 * MS_PER_DAY
    }

    /// (year, month, day).
    pub fn civil(self) -> (i64, i64, i64) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`, as stored and shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.civil();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// How many days `month` of `year` has (0 for a month that does not exist).
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
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

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reads_and_writes_back_the_same() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-12-01",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(Day::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Day::parse("2026-12-01").unwrap().start_ms(),
            1_796_083_200_000
        );
        assert_eq!(
            Day::of_moment(1_796_083_200_000 + 86_399_999).to_string(),
            "2026-12-01"
        );
        assert_eq!(Day::of_moment(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn anything_but_a_real_date_is_refused() {
        for text in [
            "",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026-01-01T00:00",
            "+026-01-01",
            "2026-01-+1",
            "0000-01-01",
            "2026/01/01",
        ] {
            assert!(Day::parse(text).is_err(), "{text:?} was read as a date");
        }
    }
}
