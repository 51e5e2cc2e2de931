//! How the stage says where a transfer under way stands.

use crate::domain::{AccountId, TransferProgress};

/// One line per transfer under way, under Accounts, naming the accounts by their owners (`owner`
/// gives an account's): "Transfer of $20.00 from Ada Lovelace to Grace Hopper: next, credit the
/// destination."
pub fn running_transfer(p: &TransferProgress, owner: impl Fn(&AccountId) -> String) -> String {
    format!(
        "Transfer of {} from {} to {}: next, {}.",
        p.amount,
        owner(&p.from),
        owner(&p.to),
        p.next_step().describe()
    )
}
