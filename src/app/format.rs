//! How the page writes numbers and counts: one format everywhere ("2,921 / 10,001"), and the
//! right singular or plural.

use crate::domain::group_digits;
use crate::read_models::MoneyTotals;

/// `12345` as `12,345`.
pub fn group_thousands(n: usize) -> String {
    group_digits(&n.to_string())
}

/// A count with its noun, singular or plural: `count(1, "event", "events")` is "1 event",
/// `count(2921, ...)` is "2,921 events".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group_thousands(n), if n == 1 { one } else { many })
}

/// `k / N` with both numbers grouped: "2,921 / 10,001".
pub fn of_total(k: usize, total: usize) -> String {
    format!("{} / {}", group_thousands(k), group_thousands(total))
}

/// The Accounts region's sentence that money is conserved: "In accounts $X + in flight $Y =
/// deposited $Z − withdrawn $W: every cent accounted for."
pub fn conservation(totals: &MoneyTotals) -> String {
    format!(
        "In accounts {} + in flight {} = deposited {} \u{2212} withdrawn {}{}",
        totals.in_accounts,
        totals.in_flight,
        totals.deposited,
        totals.withdrawn,
        if totals.conserved() {
            ": every cent accounted for."
        } else {
            ": these do not add up."
        },
    )
}

/// A duration in ms with one decimal: `12.3`.
pub fn tenths(ms: f64) -> String {
    let tenths = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A lag in milliseconds as seconds, without trailing zeros: `1500` is "1.5 s", `1250` is
/// "1.25 s", `0` is "0 s".
pub fn seconds(ms: u32) -> String {
    let text = format!("{}.{:02}", ms / 1000, ms % 1000 / 10);
    format!("{} s", text.trim_end_matches('0').trim_end_matches('.'))
}
