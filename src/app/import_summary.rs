//! What the page says of a file to import or a link to open: why it is refused, or, before a file
//! may replace the ledger, what it holds, where the slider will land, and what replacing deletes.

use crate::app::format::{count, group_thousands};
use crate::domain::AccountState;
use crate::eventstore::Import;
use crate::read_models::{fold, BankState};

/// The confirmation's sentence for the checked file `file`, replacing a ledger of
/// `current_events` events.
pub fn import_summary(file: &str, import: &Import, current_events: usize) -> String {
    let bank: BankState = fold(&import.events);
    format!(
        "\"{file}\" holds {} ({}), every one checked against the rules. The slider will show event {}. Replacing deletes the current {}.",
        count(import.events.len(), "event", "events"),
        accounts_in_words(&bank),
        group_thousands(import.cursor),
        count(current_events, "event", "events"),
    )
}

/// The accounts a history ends with: the one account in full, or how many and what they hold.
fn accounts_in_words(bank: &BankState) -> String {
    match bank.accounts() {
        [] => "no account".to_string(),
        [(_, state)] => match state {
            AccountState::NoAccount => "no account".to_string(),
            AccountState::Open {
                account_id,
                owner,
                balance,
                ..
            } => format!("account {account_id} of {owner}, open, balance {balance}"),
            AccountState::Closed {
                account_id, owner, ..
            } => format!("account {account_id} of {owner}, closed"),
        },
        accounts => format!(
            "{}, holding {} in all",
            count(accounts.len(), "account", "accounts"),
            bank.totals().in_accounts
        ),
    }
}

/// The largest file "Import" reads, in bytes; larger ones are refused before reading. 100,000
/// events export to about 25 MB.
pub const MAX_IMPORT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Why the file `file` was not imported, the current ledger being unchanged either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// The browser could not read it.
    Unreadable,
    /// Read, and refused for this reason (its format, or an event the rules would refuse).
    Refused(String),
}

/// What the alert says when `file` was not imported.
pub fn import_refused(file: &str, why: &ImportRefusal) -> String {
    match why {
        ImportRefusal::TooLarge => format!(
            "Import refused: \"{file}\" is larger than 64 MB, more than any ledger this demo writes. The current ledger is unchanged."
        ),
        ImportRefusal::Unreadable => {
            format!("\"{file}\" could not be read. The current ledger is unchanged.")
        }
        ImportRefusal::Refused(reason) => {
            format!("Import refused: \"{file}\": {reason}. The current ledger is unchanged.")
        }
    }
}

/// Why a link's history could not be read: the browser could not decompress it. The browser's
/// own words ("Failed to fetch") say nothing to a person, so the page says what it means.
pub fn link_damaged() -> String {
    "the link is incomplete or damaged (its data does not decompress: part of it may be missing)"
        .to_string()
}
