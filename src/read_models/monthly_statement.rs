//! The monthly statement: for every account and UTC month, the money that came in, the money
//! that went out and the balance the month closed on.
//!
//! It exists in versions, as a deployed projection would: version 2 carries a realistic bug
//! (it skips a transfer's events, so a transfer's money never shows), version 3 is the fix. The
//! version decides the fold; a copy saved by one version is never read by another.

use std::fmt::Write;

use crate::domain::{Money, MoneyMove};
use crate::eventstore::RecordedEvent;

use super::copy::{cents, fields, number};
use super::ledger_row::utc_month;
use super::read_model::ReadModel;
use super::stream_index::StreamIndex;
use super::Registered;

/// The version the app ships with: correct.
pub const STATEMENT_SHIPPED: u32 = 1;
/// The "buggy version" a learner can deploy: it skips transfers.
pub const STATEMENT_BUGGY: u32 = 2;
/// The fix of the bug: correct again.
pub const STATEMENT_FIXED: u32 = 3;

/// One month of one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthLine {
    /// `year * 100 + month`, UTC (202603 is March 2026).
    pub month: i64,
    /// Deposits, transfers credited and refunds.
    pub money_in: Money,
    /// Withdrawals, payouts and transfers debited.
    pub money_out: Money,
    /// The balance after the month's last event.
    pub closing: Money,
}

/// One account's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatement {
    /// The account's id (its stream).
    pub id: String,
    /// Its months, oldest first; a month without events has no line.
    pub months: Vec<MonthLine>,
}

impl AccountStatement {
    /// The balance the statement says the account holds now.
    pub fn closing(&self) -> Money {
        self.months.last().map_or(Money::ZERO, |line| line.closing)
    }
}

/// Every account's statement, as one version of the projection folds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyStatement {
    version: u32,
    accounts: Vec<AccountStatement>,
    index: StreamIndex,
}

impl Default for MonthlyStatement {
    fn default() -> Self {
        MonthlyStatement::of_version(STATEMENT_SHIPPED)
    }
}

impl MonthlyStatement {
    /// An empty statement as version `version` folds it.
    pub fn of_version(version: u32) -> Self {
        MonthlyStatement {
            version,
            accounts: Vec::new(),
            index: StreamIndex::default(),
        }
    }

    /// Read back from a copy.
    pub fn from_accounts(version: u32, accounts: Vec<AccountStatement>) -> Self {
        let index = StreamIndex::of(accounts.iter().map(|a| a.id.as_str()));
        MonthlyStatement {
            version,
            accounts,
            index,
        }
    }

    /// The projection's version.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// True for the version with the bug.
    pub fn is_buggy(&self) -> bool {
        self.version == STATEMENT_BUGGY
    }

    /// Every account's statement, in opening order.
    pub fn accounts(&self) -> &[AccountStatement] {
        &self.accounts
    }

    /// One account's statement.
    pub fn account(&self, id: &str) -> Option<&AccountStatement> {
        self.accounts.get(self.index.slot(id)?)
    }
}

impl ReadModel for MonthlyStatement {
    fn apply(&mut self, recorded: &RecordedEvent) {
        let event = &recorded.event;
        if let crate::domain::Event::AccountOpened { .. } = event {
            self.index.add(&recorded.stream_id, self.accounts.len());
            self.accounts.push(AccountStatement {
                id: recorded.stream_id.clone(),
                months: Vec::new(),
            });
        }
        // The bug of version 2: "transfers are not deposits or withdrawals", so it skips them,
        // and every transfer's money is missing from both accounts.
        if self.is_buggy() && event.is_transfer_step() {
            return;
        }
        let Some(slot) = self.index.slot(&recorded.stream_id) else {
            return;
        };
        let account = &mut self.accounts[slot];
        // An event recorded before the one ahead of it (another tab's clock, an imported file)
        // counts in the latest month, so the lines stay one per month and in order.
        let latest = account.months.last().map_or(i64::MIN, |line| line.month);
        let month = utc_month(recorded.recorded_at_ms).max(latest);
        let closing = account.closing();
        if latest != month {
            account.months.push(MonthLine {
                month,
                money_in: Money::ZERO,
                money_out: Money::ZERO,
                closing,
            });
        }
        let Some(line) = account.months.last_mut() else {
            return;
        };
        match event.money_moved() {
            Some(MoneyMove::In(amount)) => {
                line.money_in = line.money_in.saturating_add(amount);
                line.closing = line.closing.saturating_add(amount);
            }
            Some(MoneyMove::Out(amount)) => {
                line.money_out = line.money_out.saturating_add(amount);
                line.closing = line.closing.saturating_sub(amount);
            }
            None => {}
        }
    }
}

impl Registered for MonthlyStatement {
    const TITLE: &'static str = "Monthly statement";
    const SLUG: &'static str = "monthly-statement";
    const UNSEALED_COPIES: bool = true;

    fn version(&self) -> u32 {
        self.version
    }

    /// `A id` starts an account; `M month in out closing` is one of its months.
    fn encode(&self, out: &mut String) {
        for account in self.accounts() {
            let _ = writeln!(out, "A\t{}", account.id);
            for line in &account.months {
                let _ = writeln!(
                    out,
                    "M\t{}\t{}\t{}\t{}",
                    line.month,
                    line.money_in.cents(),
                    line.money_out.cents(),
                    line.closing.cents()
                );
            }
        }
    }

    fn decode(version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        let mut accounts: Vec<AccountStatement> = Vec::new();
        for line in lines {
            if line.starts_with("A\t") {
                let [_, id] = fields(line)?;
                accounts.push(AccountStatement {
                    id: id.to_string(),
                    months: Vec::new(),
                });
                continue;
            }
            let [kind, month, money_in, money_out, closing] = fields(line)?;
            if kind != "M" {
                return None;
            }
            accounts.last_mut()?.months.push(MonthLine {
                month: number(month)?,
                money_in: cents(money_in)?,
                money_out: cents(money_out)?,
                closing: cents(closing)?,
            });
        }
        Some(MonthlyStatement::from_accounts(version, accounts))
    }
}
