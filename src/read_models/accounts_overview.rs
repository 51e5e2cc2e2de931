//! The accounts overview: every account's owner, status and balance, in opening order. A
//! smaller fold than the bank's own state (no transfers, no rules): what a list screen needs.

use std::fmt::Write;

use crate::domain::{Event, Money, MoneyMove};
use crate::eventstore::RecordedEvent;

use super::copy::{cents, fields, flag};
use super::read_model::ReadModel;
use super::stream_index::StreamIndex;
use super::Registered;

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
    index: StreamIndex,
}

impl AccountsOverview {
    /// Built from rows read back from a copy.
    pub fn from_rows(rows: Vec<OverviewRow>) -> Self {
        let index = StreamIndex::of(rows.iter().map(|row| row.id.as_str()));
        AccountsOverview { rows, index }
    }

    /// Every account, in opening order.
    pub fn rows(&self) -> &[OverviewRow] {
        &self.rows
    }
}

impl ReadModel for AccountsOverview {
    fn apply(&mut self, recorded: &RecordedEvent) {
        if let Event::AccountOpened { owner, .. } = &recorded.event {
            self.index.add(&recorded.stream_id, self.rows.len());
            self.rows.push(OverviewRow {
                id: recorded.stream_id.clone(),
                owner: owner.as_str().to_string(),
                open: true,
                balance: Money::ZERO,
            });
            return;
        }
        let Some(slot) = self.index.slot(&recorded.stream_id) else {
            return;
        };
        let row = &mut self.rows[slot];
        match recorded.event.money_moved() {
            Some(MoneyMove::In(amount)) => row.balance = row.balance.saturating_add(amount),
            Some(MoneyMove::Out(amount)) => row.balance = row.balance.saturating_sub(amount),
            None if recorded.event == Event::AccountClosed => row.open = false,
            None => {}
        }
    }
}

impl Registered for AccountsOverview {
    const TITLE: &'static str = "Accounts overview";
    const SLUG: &'static str = "accounts-overview";
    const UNSEALED_COPIES: bool = true;

    fn version(&self) -> u32 {
        1
    }

    /// `id owner open balance` per account.
    fn encode(&self, out: &mut String) {
        for row in self.rows() {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                row.id,
                row.owner,
                u8::from(row.open),
                row.balance.cents()
            );
        }
    }

    fn decode(_version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        let mut rows = Vec::new();
        for line in lines {
            let [id, owner, open, balance] = fields(line)?;
            rows.push(OverviewRow {
                id: id.to_string(),
                owner: owner.to_string(),
                open: flag(open)?,
                balance: cents(balance)?,
            });
        }
        Some(AccountsOverview::from_rows(rows))
    }
}
