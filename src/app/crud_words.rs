//! What the CRUD twin says about what it overwrote, and about the money the ledger shows in
//! flight while CRUD shows none.

use super::format::count;
use crate::domain::Money;

/// Under the twin's table: how many earlier values CRUD has overwritten so far.
pub fn values_destroyed(lost: usize) -> String {
    if lost == 0 {
        "Nothing overwritten yet: an INSERT destroys nothing.".to_string()
    } else {
        format!(
            "CRUD has overwritten {} so far; every one is still in the ledger.",
            count(lost, "value", "values")
        )
    }
}

/// With the slider in the past, at event `position`: the table shows its rows as they are now.
pub fn no_past(position: usize) -> String {
    format!(
        "A table has no past: these are its rows now, wherever the slider is. What CRUD ran at event #{position} is known only because the ledger kept that event."
    )
}

/// While the ledger's process has `money` in flight: CRUD moved it in one transaction, and the
/// gap is the event-sourced side's own choice of boundaries.
pub fn in_flight_only_in_the_ledger(money: Money) -> String {
    format!(
        "The ledger shows {money} in flight; CRUD has none, as it moved the money in one transaction. The gap is the event-sourced side's choice: each account is its own consistency boundary, so a process moves the money step by step and compensates a refusal. One atomic write (the Transfers tab) records the debit and the credit in one commit instead."
    )
}
