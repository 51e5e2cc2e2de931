//! The accounts overview: every account's owner, status and balance, in opening order. A
//! smaller fold than the bank's own state (no transfers, no rules): what a list screen needs.

use std::collections::HashMap;

use crate::domain::{Event, Money, MoneyMove};
use crate::ledger::RecordedEvent;

use super::read_model::ReadModel;

/// One account in the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    /// The account's id (its stream).
    pub id: String,
    /// Its owner.
    pub owner: String,
    /// False once it closed.
    pub open: bool,
    /// What it holds.
    pub balance: Money,
}

/// Every account, in opening order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountsOverview {
    rows: Vec<OverviewRow>,
    index: HashMap<String, u64>,
}

impl AccountsOverview {
    /// Built from rows read back from a copy.
    pub fn from_rows(rows: Vec<OverviewRow>) -> Self {
        let index = rows
            .iter()
            .enumerate()
            .map(|(i, row)| (row.id.clone(), i as u64))
            .collect();
        AccountsOverview { rows, index }
    }

    /// Every account, in opening order.
    pub fn rows(&self) -> &[OverviewRow] {
        &self.rows
    }
}

impl ReadModel for AccountsOverview {
    fn apply(&mut self, recorded: &RecordedEvent) {
        if let Event::AccountOpened { account_id, owner } = &recorded.event {
            self.index
                .insert(recorded.stream_id.clone(), self.rows.len() as u64);
            self.rows.push(OverviewRow {
                id: account_id.as_str().to_string(),
                owner: owner.as_str().to_string(),
                open: true,
                balance: Money::ZERO,
            });
            return;
        }
        let Some(&slot) = self.index.get(recorded.stream_id.as_str()) else {
            return;
        };
        let row = &mut self.rows[slot as usize];
        match recorded.event.money_moved() {
            Some(MoneyMove::In(amount)) => row.balance = row.balance.saturating_add(amount),
            Some(MoneyMove::Out(amount)) => row.balance = row.balance.saturating_sub(amount),
            None if recorded.event == Event::AccountClosed => row.open = false,
            None => {}
        }
    }
}
