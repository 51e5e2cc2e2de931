//! What the "Read models" tab shows, decided natively: each read model's region as a position
//! line, sentences and a table of text, and the balance chart as integer SVG geometry. The
//! adapter only lays these out, as Leptos views (which keep every text as text).

use crate::domain::Money;
use crate::read_models::{format_utc, BankState, Series};
use crate::read_models::{ReadModelId, ReadModels};

use super::format::{count, group_thousands};

/// One read model's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionView {
    /// Which read model.
    pub id: ReadModelId,
    /// "Up to date: position 5 of 5", "Catching up: …", "Rebuilding: …" or "Off".
    pub position: String,
    /// While it rebuilds: how far, of how many.
    pub progress: Option<(u64, u64)>,
    /// Sentences about it (version, what it holds).
    pub lines: Vec<String>,
    /// Whether it agrees with the ledger's own fold: `Some(false)` is shown as an alert-like
    /// warning. `None` where no such check applies.
    pub right: Option<bool>,
    /// The sentence that says so.
    pub verdict: String,
    /// What the table holds, said above it.
    pub caption: String,
    /// Column headings, and rows of text (empty: no table).
    pub headers: Vec<&'static str>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

/// The position line: where a read model is against the ledger's head.
pub fn position_line(position: Option<u64>, head: usize, rebuilding: bool) -> String {
    let Some(position) = position else {
        return "Off: switch it on to build it from every past event.".to_string();
    };
    let state = if rebuilding {
        "Rebuilding"
    } else if position < head as u64 {
        "Catching up"
    } else {
        "Up to date"
    };
    format!(
        "{state}: position {} of {}",
        group_thousands(position as usize),
        group_thousands(head)
    )
}

/// `202603` as `2026-03`.
fn month_text(month: i64) -> String {
    format!("{:04}-{:02}", month / 100, month % 100)
}

/// The owner of `id` as the ledger's fold knows it, else the id.
fn owner_of(bank: &BankState, id: &str) -> String {
    bank.account(id)
        .and_then(|s| s.owner())
        .map_or_else(|| id.to_string(), ToString::to_string)
}

/// Every region of the tab, in order. `bank_at` folds the ledger's own bank state after any
/// first k events (from its checkpoints), the reference a read model is checked against;
/// `chosen` is the account the stage acts on.
pub fn regions(
    models: &ReadModels,
    head: usize,
    chosen: Option<&str>,
    bank_at: &dyn Fn(usize) -> BankState,
) -> Vec<RegionView> {
    let present = bank_at(head);
    // The learner's own has a region of its own: it follows the slider (`your_read_model_view`).
    ReadModelId::ALL
        .iter()
        .filter(|id| **id != ReadModelId::Yours)
        .map(|id| region(models, *id, head, chosen, &present, bank_at))
        .collect()
}

fn region(
    models: &ReadModels,
    id: ReadModelId,
    head: usize,
    chosen: Option<&str>,
    present: &BankState,
    bank_at: &dyn Fn(usize) -> BankState,
) -> RegionView {
    let rebuilding = id == ReadModelId::Statement && models.rebuild().is_some();
    let position = models.position(id);
    let mut view = RegionView {
        id,
        position: position_line(position, head, rebuilding),
        progress: rebuilding.then(|| (position.unwrap_or(0), head as u64)),
        lines: Vec::new(),
        right: None,
        verdict: String::new(),
        caption: String::new(),
        headers: Vec::new(),
        rows: Vec::new(),
    };
    match id {
        ReadModelId::Statement => statement(models, &mut view, head, chosen, present, bank_at),
        ReadModelId::Chart => {
            view.lines.push(
                "A line of the chosen account's balance along the whole ledger; a click on it moves the slider there."
                    .to_string(),
            );
        }
        ReadModelId::Overview => {
            view.headers = vec!["Owner", "Account", "Status", "Balance"];
            view.rows = models
                .overview()
                .state()
                .rows()
                .iter()
                .map(|row| {
                    vec![
                        row.owner.clone(),
                        row.id.clone(),
                        (if row.open { "Open" } else { "Closed" }).to_string(),
                        row.balance.to_string(),
                    ]
                })
                .collect();
        }
        ReadModelId::Large => large(models, &mut view, present),
        ReadModelId::Yours => {}
    }
    view
}

/// Rows of the chosen account's months, and whether every account's closing balance agrees
/// with the ledger's own fold at the statement's position.
fn statement(
    models: &ReadModels,
    view: &mut RegionView,
    head: usize,
    chosen: Option<&str>,
    present: &BankState,
    bank_at: &dyn Fn(usize) -> BankState,
) {
    let kept = models.statement();
    let statement = kept.state();
    view.lines.push(format!(
        "Version {} of its code{}.",
        statement.version(),
        if statement.is_buggy() {
            ", deployed with a bug"
        } else {
            ""
        }
    ));
    if view.progress.is_some() {
        view.verdict =
            "Rebuilding from position 1: its figures come back as the events are folded again."
                .to_string();
    } else {
        // At the head (nearly always) the present is the reference: no second fold.
        let folded;
        let ledger = if kept.position() as usize == head {
            present
        } else {
            folded = bank_at(kept.position() as usize);
            &folded
        };
        let wrong: Vec<String> = statement
            .accounts()
            .iter()
            .filter_map(|a| {
                let truth = ledger.account(&a.id)?.balance();
                (a.closing() != truth).then(|| {
                    format!(
                        "{}'s statement closes at {}; the ledger says {}",
                        owner_of(ledger, &a.id),
                        a.closing(),
                        truth
                    )
                })
            })
            .collect();
        let accounts = statement.accounts().len();
        view.right = Some(wrong.is_empty());
        view.verdict = match wrong.first() {
            None => format!(
                "Right: {} agrees with the ledger's own fold at position {}.",
                if accounts == 1 {
                    "the account's closing balance"
                } else {
                    "every account's closing balance"
                },
                group_thousands(kept.position() as usize)
            ),
            Some(first) => format!(
                "Wrong: {} of {} disagree with the ledger. {first}.",
                wrong.len(),
                count(accounts, "account", "accounts")
            ),
        };
    }
    let Some(account) = chosen.and_then(|id| statement.account(id)) else {
        return;
    };
    view.caption = format!("{}'s months, in UTC", owner_of(present, &account.id));
    view.headers = vec!["Month", "Money in", "Money out", "Closing balance"];
    view.rows = account
        .months
        .iter()
        .rev()
        .map(|line| {
            vec![
                month_text(line.month),
                line.money_in.to_string(),
                line.money_out.to_string(),
                line.closing.to_string(),
            ]
        })
        .collect();
}

/// How many large movements the table lists, newest first.
pub const LARGE_ROWS: usize = 20;

fn large(models: &ReadModels, view: &mut RegionView, present: &BankState) {
    let Some(kept) = models.large() else {
        view.lines.push(
            "Added later: withdrawals and transfers out of $1,000.00 or more. Switched on, it is built from every event already recorded."
                .to_string(),
        );
        return;
    };
    let rows = kept.state().rows();
    view.lines.push(format!(
        "Withdrawals and transfers out of $1,000.00 or more: {}{}.",
        count(rows.len(), "movement", "movements"),
        if rows.len() > LARGE_ROWS {
            format!(", the newest {LARGE_ROWS} listed")
        } else {
            String::new()
        }
    ));
    view.headers = vec!["Event", "Recorded (UTC)", "Account", "Kind", "Amount"];
    view.rows = rows
        .iter()
        .rev()
        .take(LARGE_ROWS)
        .map(|m| {
            vec![
                format!("#{}", group_thousands(m.position as usize)),
                format_utc(m.recorded_at_ms).replace(" UTC", ""),
                owner_of(present, &m.account),
                m.kind.label().to_string(),
                m.amount.to_string(),
            ]
        })
        .collect();
}

/// The chart's drawing area, in SVG user units.
pub const CHART_WIDTH: u64 = 1000;
/// The chart's height, in SVG user units.
pub const CHART_HEIGHT: u64 = 240;

/// The balance chart of one account, as integer SVG geometry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartView {
    /// The closing balance of each bucket, as `points` of a polyline.
    pub line: String,
    /// A vertical stroke from the lowest to the highest balance of each bucket, as a path.
    pub range: String,
    /// How many points the chart draws (line and range together).
    pub points: usize,
    /// The highest balance, the top of the scale.
    pub top: Money,
    /// The chart in words, without the cursor.
    pub caption: String,
}

/// The chart of `series` over a ledger of `head` events (`owner` names the account).
pub fn chart(series: &Series, head: usize, owner: &str) -> ChartView {
    let head = head.max(1) as u64;
    let top = series
        .buckets
        .iter()
        .map(|b| b.high)
        .max()
        .unwrap_or(Money::ZERO);
    let scale = top.cents().max(1);
    let x = |position: u64| {
        (u128::from(position.min(head)) * u128::from(CHART_WIDTH) / u128::from(head)) as u64
    };
    // In u128: a balance times the height cannot overflow, whatever a copy held.
    let y = |m: Money| {
        let up = u128::from(m.cents().min(scale)) * u128::from(CHART_HEIGHT) / u128::from(scale);
        CHART_HEIGHT - up as u64
    };
    let mut line = String::new();
    let mut range = String::new();
    let mut points = 0;
    // A balance holds until the next event changes it: the line is drawn in steps.
    let mut previous: Option<u64> = None;
    for b in &series.buckets {
        let at = x(b.last);
        if let Some(before) = previous {
            line.push_str(&format!("{at},{before} "));
            points += 1;
        }
        let close = y(b.close);
        line.push_str(&format!("{at},{close} "));
        points += 1;
        previous = Some(close);
        if b.low != b.high {
            range.push_str(&format!("M{at} {}V{}", y(b.low), y(b.high)));
            points += 2;
        }
    }
    // The line goes on to the ledger's end: the balance stays what it was.
    if let (Some(last), Some(close)) = (series.buckets.last(), previous) {
        if last.last < head {
            line.push_str(&format!("{CHART_WIDTH},{close}"));
            points += 1;
        }
    }
    let low = series
        .buckets
        .iter()
        .map(|b| b.low)
        .min()
        .unwrap_or(Money::ZERO);
    let caption = format!(
        "{owner}'s balance over the ledger's {}: lowest {low}, highest {top}, now {}.",
        count(head as usize, "event", "events"),
        series.balance()
    );
    ChartView {
        line: line.trim_end().to_string(),
        range,
        points,
        top,
        caption,
    }
}

/// The x of the cursor after `shown` of `head` events, in the chart's units.
pub fn chart_x(shown: usize, head: usize) -> u64 {
    (shown.min(head) as u64) * CHART_WIDTH / (head.max(1) as u64)
}

/// The ledger position a click at `fraction` (0 to 1) of the chart's width stands for.
pub fn chart_position(fraction: f64, head: usize) -> usize {
    ((fraction.clamp(0.0, 1.0) * head as f64).round() as usize).min(head)
}

/// What the chart says of the cursor: the chosen account's balance after the first `shown`
/// events, exact (from the ledger's own fold, not the chart's buckets), or `None` before it
/// opened.
pub fn chart_cursor_words(balance: Option<Money>, shown: usize) -> String {
    match balance {
        Some(balance) => format!(
            "At the slider (event {}): {balance}.",
            group_thousands(shown)
        ),
        None => format!(
            "At the slider (event {}): not opened yet.",
            group_thousands(shown)
        ),
    }
}
