//! How the stage says where a transfer under way stands.

use crate::domain::TransferProgress;

/// One line per transfer under way, under Accounts: "Transfer tr-1 of $20.00 from acc-a to
/// acc-b: next, credit the destination."
pub fn running_transfer(p: &TransferProgress) -> String {
    format!(
        "Transfer {} of {} from {} to {}: next, {}.",
        p.transfer_id,
        p.amount,
        p.from,
        p.to,
        p.next_step().describe()
    )
}
