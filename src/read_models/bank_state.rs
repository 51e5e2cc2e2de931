//! The bank as a read model: every account's state in opening order, the transfers still
//! running, and the money totals that show it is conserved. What commands are decided against
//! (at the head) and what the Accounts region shows (at the cursor).

use std::collections::HashMap;

use crate::domain::{
    evolve, initial_state, AccountId, AccountState, Event, Money, TransferId, TransferProgress,
    TransferState,
};
use crate::eventstore::RecordedEvent;

use super::read_model::ReadModel;
use super::transfer_progress::TransferProgresses;
use super::Registered;

/// Every account and running transfer after some events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankState {
    /// Accounts in the order they opened.
    accounts: Vec<(AccountId, AccountState)>,
    /// Where each account's stream id is in `accounts`.
    index: HashMap<String, usize>,
    /// Every transfer's progress: the running ones, and how many ended which way.
    transfers: TransferProgresses,
    /// Money put in by deposits.
    deposited: Money,
    /// Money taken out by withdrawals and the payouts of closing.
    withdrawn: Money,
    /// Money debited for a transfer and not yet credited or refunded.
    in_flight: Money,
}

/// The money sums the Accounts region shows: in accounts + in flight = deposited − withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneyTotals {
    /// The sum of every open account's balance.
    pub in_accounts: Money,
    /// Debited for a transfer, not yet credited or refunded.
    pub in_flight: Money,
    /// Put in by deposits.
    pub deposited: Money,
    /// Taken out by withdrawals and payouts.
    pub withdrawn: Money,
}

impl MoneyTotals {
    /// True when no money appeared or vanished: what every history must satisfy.
    pub fn conserved(&self) -> bool {
        self.in_accounts.checked_add(self.in_flight) == self.deposited.checked_sub(self.withdrawn)
    }
}

impl BankState {
    /// Every account, in the order it opened.
    pub fn accounts(&self) -> &[(AccountId, AccountState)] {
        &self.accounts
    }

    /// One account's state, if it was opened.
    pub fn account(&self, id: &str) -> Option<&AccountState> {
        self.index.get(id).map(|&i| &self.accounts[i].1)
    }

    /// One account's state, or "no account" when it was not opened (yet).
    pub fn account_or_none(&self, id: Option<&str>) -> AccountState {
        id.and_then(|id| self.account(id))
            .cloned()
            .unwrap_or_else(initial_state)
    }

    /// The money sums.
    pub fn totals(&self) -> MoneyTotals {
        MoneyTotals {
            in_accounts: self
                .accounts
                .iter()
                .fold(Money::ZERO, |sum, (_, s)| sum.saturating_add(s.balance())),
            in_flight: self.in_flight,
            deposited: self.deposited,
            withdrawn: self.withdrawn,
        }
    }

    /// Requested transfers that have not ended, oldest first.
    pub fn running(&self) -> impl Iterator<Item = &TransferProgress> {
        self.transfers.running()
    }

    /// One running transfer.
    pub fn running_transfer(&self, id: &TransferId) -> Option<&TransferProgress> {
        self.transfers.running_transfer(id)
    }

    /// The transfer's own state as far as deciding its next event needs: running ones are
    /// requested; any other is taken as not requested (a new request's append still checks
    /// that its stream does not exist).
    pub fn transfer_state(&self, id: &TransferId) -> TransferState {
        match self.running_transfer(id) {
            Some(p) => TransferState::Requested {
                from: p.from.clone(),
                to: p.to.clone(),
                amount: p.amount,
            },
            None => TransferState::NotRequested,
        }
    }

    /// How many transfers completed and failed.
    pub fn ended(&self) -> (usize, usize) {
        self.transfers.ended()
    }
}

impl ReadModel for BankState {
    fn apply(&mut self, recorded: &RecordedEvent) {
        let event = &recorded.event;
        self.transfers.apply(recorded);
        match event {
            // The transfer's own stream holds no account.
            Event::TransferRequested { .. }
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => return,
            Event::MoneyDeposited { amount, .. } => {
                self.deposited = self.deposited.saturating_add(*amount)
            }
            Event::MoneyWithdrawn { amount } | Event::BalancePaidOut { amount } => {
                self.withdrawn = self.withdrawn.saturating_add(*amount)
            }
            // The withdrawal it reverses counts no more: withdrawn is what left for good.
            Event::WithdrawalReversed { amount, .. } => {
                self.withdrawn = self.withdrawn.saturating_sub(*amount)
            }
            Event::TransferDebited { amount, .. } => {
                self.in_flight = self.in_flight.saturating_add(*amount)
            }
            Event::TransferCredited { amount, .. } | Event::TransferRefunded { amount, .. } => {
                self.in_flight = self.in_flight.saturating_sub(*amount)
            }
            Event::AccountOpened { .. } | Event::AccountClosed => {}
        }
        let slot = match self.index.get(recorded.stream_id.as_str()) {
            Some(&i) => i,
            None => {
                // Only an opening starts an account; anything else in an unknown stream is
                // ignored, as evolve ignores events that do not fit.
                let Event::AccountOpened { account_id, .. } = event else {
                    return;
                };
                self.index
                    .insert(recorded.stream_id.clone(), self.accounts.len());
                self.accounts.push((account_id.clone(), initial_state()));
                self.accounts.len() - 1
            }
        };
        let state = std::mem::replace(&mut self.accounts[slot].1, initial_state());
        self.accounts[slot].1 = evolve(state, event);
        // A credit also ends its transfer's time in flight in the source's own state, which
        // `decide` reads when the source asks to close.
        if let Some(other) = event.also_decides_for() {
            if let Some(&other) = self.index.get(other.as_str()) {
                if other != slot {
                    let state = std::mem::replace(&mut self.accounts[other].1, initial_state());
                    self.accounts[other].1 = evolve(state, event);
                }
            }
        }
    }
}

impl Registered for BankState {
    const TITLE: &'static str = "Current state";
    const SLUG: &'static str = "bank-state";
    const KEEPS_COPY: bool = false;

    /// Keeps no copy ([`Registered::KEEPS_COPY`]).
    fn encode(&self, _out: &mut String) {}

    fn decode(_version: u32, _lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        None
    }
}
