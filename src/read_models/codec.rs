//! Each read model's state as the lines of its copy, and back. Hand-written rather than derived:
//! four small shapes that any doubt throws away do not need a general serializer in the wasm.

use std::fmt::Write;

use crate::domain::Money;
use crate::read_models::{
    AccountStatement, AccountsOverview, BalanceOverTime, Bucket, LargeMovement, LargeMovements,
    MonthLine, MonthlyStatement, OverviewRow, Series,
};

use super::copy::{fields, number};

fn cents(field: &str) -> Option<Money> {
    number(field).map(Money::from_cents)
}

fn flag(field: &str) -> Option<bool> {
    match field {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// `id owner open balance` per account.
pub fn encode_overview(state: &AccountsOverview, out: &mut String) {
    for row in state.rows() {
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

/// The overview from its lines.
pub fn decode_overview<'a>(lines: impl Iterator<Item = &'a str>) -> Option<AccountsOverview> {
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

/// `A id` starts an account; `M month in out closing` is one of its months.
pub fn encode_statement(state: &MonthlyStatement, out: &mut String) {
    for account in state.accounts() {
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

/// The statement (as `version` folds it) from its lines.
pub fn decode_statement<'a>(
    version: u32,
    lines: impl Iterator<Item = &'a str>,
) -> Option<MonthlyStatement> {
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

/// `S id width` starts an account; `B last count low high close` is one of its buckets.
pub fn encode_chart(state: &BalanceOverTime, out: &mut String) {
    for series in state.series() {
        let _ = writeln!(out, "S\t{}\t{}", series.id, series.width);
        for b in &series.buckets {
            let _ = writeln!(
                out,
                "B\t{}\t{}\t{}\t{}\t{}",
                b.last,
                b.count,
                b.low.cents(),
                b.high.cents(),
                b.close.cents()
            );
        }
    }
}

/// The balance over time from its lines.
pub fn decode_chart<'a>(lines: impl Iterator<Item = &'a str>) -> Option<BalanceOverTime> {
    let mut all: Vec<Series> = Vec::new();
    for line in lines {
        if line.starts_with("S\t") {
            let [_, id, width] = fields(line)?;
            all.push(Series {
                id: id.to_string(),
                width: number(width)?,
                buckets: Vec::new(),
            });
            continue;
        }
        let [kind, last, count, low, high, close] = fields(line)?;
        if kind != "B" {
            return None;
        }
        all.last_mut()?.buckets.push(Bucket {
            last: number(last)?,
            count: number(count)?,
            low: cents(low)?,
            high: cents(high)?,
            close: cents(close)?,
        });
    }
    Some(BalanceOverTime::from_series(all))
}

/// `position recorded_at account transfer amount` per movement.
pub fn encode_large(state: &LargeMovements, out: &mut String) {
    for row in state.rows() {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            row.position,
            row.recorded_at_ms,
            row.account,
            u8::from(row.transfer),
            row.amount.cents()
        );
    }
}

/// Large movements from their lines.
pub fn decode_large<'a>(lines: impl Iterator<Item = &'a str>) -> Option<LargeMovements> {
    let mut rows = Vec::new();
    for line in lines {
        let [position, at, account, transfer, amount] = fields(line)?;
        rows.push(LargeMovement {
            position: number(position)?,
            recorded_at_ms: number(at)?,
            account: account.to_string(),
            transfer: flag(transfer)?,
            amount: cents(amount)?,
        });
    }
    Some(LargeMovements::from_rows(rows))
}
