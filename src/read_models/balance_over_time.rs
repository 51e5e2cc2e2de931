//! Balance over time: each account's balance along the ledger, downsampled as it is folded.
//!
//! Each account keeps at most [`MAX_BUCKETS`] buckets of consecutive events of its own, each
//! with the lowest, highest and closing balance and the ledger position of its last event. When a new
//! bucket would pass the limit, neighbours merge in pairs and a bucket holds twice as many
//! events from then on. The result depends only on the events, in order (a fold like any other),
//! and a chart of it draws at most four points a bucket however long the ledger grows.

use std::fmt::Write;

use crate::domain::{Event, Money, MoneyMove};
use crate::eventstore::RecordedEvent;

use super::copy::{cents, fields, number};
use super::read_model::ReadModel;
use super::stream_index::StreamIndex;
use super::Registered;

/// Buckets kept per account: a chart draws at most four points for each (a step of the line and
/// a low-to-high stroke: 512 for an account), and the stored copy of 50 accounts stays near 5 %
/// of the browser's storage.
pub const MAX_BUCKETS: usize = 128;

/// Consecutive events of one account, summed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// The ledger position of its last event.
    pub last: u64,
    /// How many of the account's events it holds.
    pub count: u64,
    /// The lowest balance after any of them.
    pub low: Money,
    /// The highest balance after any of them.
    pub high: Money,
    /// The balance after the last of them.
    pub close: Money,
}

impl Bucket {
    fn merged(self, next: Bucket) -> Bucket {
        Bucket {
            last: next.last,
            count: self.count.saturating_add(next.count),
            low: self.low.min(next.low),
            high: self.high.max(next.high),
            close: next.close,
        }
    }
}

/// One account's balance along the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The account's id (its stream).
    pub id: String,
    /// How many events one bucket holds before the next starts (doubles when buckets merge).
    pub width: u64,
    /// Oldest first.
    pub buckets: Vec<Bucket>,
}

impl Series {
    /// The balance after the account's last event.
    pub fn balance(&self) -> Money {
        self.buckets.last().map_or(Money::ZERO, |b| b.close)
    }

    /// The balance after the first `k` events of the ledger: the close of the last bucket that
    /// ended by then (exact at bucket edges, the nearest earlier edge inside one).
    pub fn balance_at(&self, k: u64) -> Option<Money> {
        let ended = self.buckets.partition_point(|b| b.last <= k);
        ended.checked_sub(1).map(|i| self.buckets[i].close)
    }

    fn record(&mut self, position: u64, balance: Money) {
        match self.buckets.last_mut() {
            Some(bucket) if bucket.count < self.width => {
                bucket.last = position;
                bucket.count += 1;
                bucket.low = bucket.low.min(balance);
                bucket.high = bucket.high.max(balance);
                bucket.close = balance;
            }
            _ => {
                if self.buckets.len() == MAX_BUCKETS {
                    self.merge_pairs();
                    return self.record(position, balance);
                }
                self.buckets.push(Bucket {
                    last: position,
                    count: 1,
                    low: balance,
                    high: balance,
                    close: balance,
                });
            }
        }
    }

    fn merge_pairs(&mut self) {
        self.width = self.width.saturating_mul(2);
        let merged = self
            .buckets
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => a.merged(*b),
                [a] => *a,
                _ => unreachable!("chunks(2) yields one or two"),
            })
            .collect();
        self.buckets = merged;
    }
}

/// Every account's series, in opening order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BalanceOverTime {
    series: Vec<Series>,
    index: StreamIndex,
}

impl BalanceOverTime {
    /// Read back from a copy.
    pub fn from_series(series: Vec<Series>) -> Self {
        let index = StreamIndex::of(series.iter().map(|s| s.id.as_str()));
        BalanceOverTime { series, index }
    }

    /// Every account's series.
    pub fn series(&self) -> &[Series] {
        &self.series
    }

    /// One account's series.
    pub fn of(&self, id: &str) -> Option<&Series> {
        self.series.get(self.index.slot(id)?)
    }
}

impl ReadModel for BalanceOverTime {
    fn apply(&mut self, recorded: &RecordedEvent) {
        if let Event::AccountOpened { .. } = recorded.event {
            self.index.add(&recorded.stream_id, self.series.len());
            self.series.push(Series {
                id: recorded.stream_id.clone(),
                width: 1,
                buckets: Vec::new(),
            });
        }
        let Some(slot) = self.index.slot(&recorded.stream_id) else {
            return;
        };
        let series = &mut self.series[slot];
        let balance = match recorded.event.money_moved() {
            Some(MoneyMove::In(amount)) => series.balance().saturating_add(amount),
            Some(MoneyMove::Out(amount)) => series.balance().saturating_sub(amount),
            // The opening is the line's first point; a close changes nothing (the payout did).
            None if matches!(recorded.event, Event::AccountOpened { .. }) => Money::ZERO,
            None => return,
        };
        series.record(recorded.position, balance);
    }
}

impl Registered for BalanceOverTime {
    const TITLE: &'static str = "Balance over time";
    const SLUG: &'static str = "balance-over-time";
    const UNSEALED_COPIES: bool = true;

    fn version(&self) -> u32 {
        1
    }

    /// `S id width` starts an account; `B last count low high close` is one of its buckets.
    fn encode(&self, out: &mut String) {
        for series in self.series() {
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

    fn decode(_version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
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
}
