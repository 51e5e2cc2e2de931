//! What the CRUD twin says about what its UPDATEs and DELETEs destroy.

use super::format::count;
use crate::domain::Money;

/// Under the twin's table: how many earlier values CRUD has overwritten so far.
pub fn values_destroyed(lost: usize) -> String {
    if lost == 0 {
        "Nothing lost yet: an INSERT destroys nothing.".to_string()
    } else {
        format!(
            "CRUD has destroyed {} so far; every one is still in the ledger.",
            count(lost, "value", "values")
        )
    }
}

/// Between a transfer's two UPDATEs: `money` is in no row.
pub fn money_between_updates(money: Money) -> String {
    format!(
        "Between the two UPDATEs of a transfer, {money} has left one row and is in no other. Without a transaction, a crash here loses it for good: no table says it is owed. The ledger holds the debit, and the process finishes the transfer."
    )
}
