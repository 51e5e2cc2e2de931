//! The state `decide` needs, rebuilt from events by `evolve`.

use super::{AccountId, Money, OwnerName, TransferId};

/// Where the account is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountState {
    /// Nothing has happened yet.
    NoAccount,
    /// Open, holding `balance`.
    Open {
        /// The account's id.
        account_id: AccountId,
        /// Its owner.
        owner: OwnerName,
        /// What it holds now.
        balance: Money,
        /// Its outgoing transfers whose money has left it and has neither arrived nor come
        /// back, oldest first. It may not close while any is, as a refund may still land here.
        in_flight: Vec<TransferId>,
    },
    /// Closed for good (its money was paid out first).
    Closed {
        /// The account's id.
        account_id: AccountId,
        /// Its owner.
        owner: OwnerName,
    },
}

/// The status alone, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    /// No account has been opened.
    NoAccount,
    /// The account is open.
    Open,
    /// The account is closed.
    Closed,
}

impl AccountStatus {
    /// The status in words: "No account", "Open" or "Closed".
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::NoAccount => "No account",
            AccountStatus::Open => "Open",
            AccountStatus::Closed => "Closed",
        }
    }
}

impl AccountState {
    /// The status alone.
    pub fn status(&self) -> AccountStatus {
        match self {
            AccountState::NoAccount => AccountStatus::NoAccount,
            AccountState::Open { .. } => AccountStatus::Open,
            AccountState::Closed { .. } => AccountStatus::Closed,
        }
    }

    /// The balance: zero when there is no account or it is closed.
    pub fn balance(&self) -> Money {
        match self {
            AccountState::Open { balance, .. } => *balance,
            _ => Money::ZERO,
        }
    }

    /// The account's id, once opened.
    pub fn account_id(&self) -> Option<&AccountId> {
        match self {
            AccountState::NoAccount => None,
            AccountState::Open { account_id, .. } | AccountState::Closed { account_id, .. } => {
                Some(account_id)
            }
        }
    }

    /// The owner, once opened.
    pub fn owner(&self) -> Option<&OwnerName> {
        match self {
            AccountState::NoAccount => None,
            AccountState::Open { owner, .. } | AccountState::Closed { owner, .. } => Some(owner),
        }
    }
}

/// The state before any event: no account.
pub fn initial_state() -> AccountState {
    AccountState::NoAccount
}
