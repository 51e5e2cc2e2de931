//! A "Generate history" run: seeded commands in batches, so the page can yield to the browser
//! between two of them and show how far it has come.

use crate::app::format::{count, group_thousands};
use crate::app::history_generator::{
    accounts_for, HistoryGenerator, EVENTS_PER_TRANSFER, MAX_GENERATED,
};
use crate::bank_service::BankCommand;
use crate::eventstore::CommandContext;
use crate::read_models::BankState;

/// Events generated between two frames: small enough to keep the page responsive.
pub const GENERATION_BATCH: usize = 2_000;

/// How far a "Generate history" run has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Events generated so far.
    pub done: usize,
    /// Events asked for.
    pub total: usize,
}

/// A run in progress: what is left, and what the batches so far did.
#[derive(Debug)]
pub struct GenerationRun {
    generator: HistoryGenerator,
    run_id: String,
    remaining: usize,
    /// Commands issued so far: numbers their ids.
    issued: usize,
    /// Events appended so far.
    pub recorded: usize,
    /// Commands the rules refused so far.
    pub rejected: usize,
    /// How far it has come.
    pub progress: Progress,
    /// The ledger was empty: the history is spread back over months before the first batch.
    spread_back: bool,
    /// Then: the first day's start and how many events fall on one day, set by the first batch.
    clock: Option<(i64, i64)>,
}

/// A generated history on an empty ledger spans this many months at most: long enough that
/// "what was the balance on 3 March?" means something, short enough to stay plausible.
pub const MAX_MONTHS: i64 = 24;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A generated day's business starts at 09:00 UTC.
const OPENING_HOUR_MS: i64 = 9 * 60 * 60 * 1000;

impl GenerationRun {
    /// A run of `total` events from `seed`, continuing from the bank as it is; `run_id`
    /// prefixes every id and correlates the commands.
    ///
    /// On an empty ledger (`spread_back`) the history is spread back over the days of months
    /// before today, a month per thirty commands of each account (its rhythm), so "as at"
    /// questions mean something; after existing events it is recorded now, so times never run
    /// backwards.
    pub fn new(
        total: usize,
        seed: u64,
        run_id: String,
        bank: &BankState,
        spread_back: bool,
    ) -> Self {
        GenerationRun {
            spread_back,
            clock: None,
            generator: HistoryGenerator::new(seed, &run_id, bank, accounts_for(total)),
            run_id,
            remaining: total,
            issued: 0,
            recorded: 0,
            rejected: 0,
            progress: Progress { done: 0, total },
        }
    }

    /// The next batch (commands for at most [`GENERATION_BATCH`] events, none once stopped),
    /// stamped `now_ms` (or spread back before it), and how many events remain after it.
    pub fn next_batch(&mut self, now_ms: i64) -> (Vec<(BankCommand, CommandContext)>, usize) {
        let total = self.progress.total as i64;
        let clock = if self.spread_back {
            Some(*self.clock.get_or_insert_with(|| {
                let accounts = accounts_for(total as usize) as i64;
                let days = (total / (30 * accounts)).clamp(1, MAX_MONTHS) * 30;
                let first_day = (now_ms / DAY_MS - days) * DAY_MS + OPENING_HOUR_MS;
                (first_day, (total + days - 1) / days)
            }))
        } else {
            None
        };
        // A day's events a millisecond apart, so a stored row's time stays one digit.
        let time_of = |n: i64| match clock {
            Some((first_day, per_day)) => first_day + n / per_day * DAY_MS + n % per_day,
            None => now_ms,
        };
        let budget = self.remaining.min(GENERATION_BATCH);
        let mut planned = 0;
        let mut commands = Vec::new();
        while planned < budget {
            let command = self.generator.next_command_within(budget - planned);
            let at = time_of((self.progress.done + planned) as i64);
            planned += match command {
                BankCommand::Transfer { .. } => EVENTS_PER_TRANSFER,
                BankCommand::Account(..) | BankCommand::ReverseWithdrawal { .. } => 1,
            };
            // Each command starts its own conversation (a transfer's steps share its id), so
            // the stored row leaves the correlation out; the counter is in base 36. Both keep a
            // run of 100,000 events within the browser's storage quota.
            let command_id = format!("{}-{}", self.run_id, base36(self.issued));
            let context = CommandContext {
                correlation_id: command_id.clone(),
                command_id,
                now_ms: at,
            };
            self.issued += 1;
            commands.push((command, context));
        }
        self.remaining -= planned;
        self.progress.done = (self.progress.done + planned).min(self.progress.total);
        (commands, self.remaining)
    }

    /// Ends the run after the batch in progress.
    pub fn stop(&mut self) {
        self.remaining = 0;
    }
}

/// `n` in digits and lower-case letters: a shorter command id than decimal.
fn base36(mut n: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// The number typed in "Events to generate" (commas allowed), or what is wrong with it.
pub fn events_to_generate(text: &str) -> Result<usize, String> {
    match text.trim().replace(',', "").parse::<usize>() {
        Ok(n) if (1..=MAX_GENERATED).contains(&n) => Ok(n),
        _ => Err(format!(
            "Events to generate: enter a whole number from 1 to {}.",
            group_thousands(MAX_GENERATED)
        )),
    }
}

impl Progress {
    /// The progress bar's label: "Generated 2,000 of 10,000 events".
    pub fn label(&self) -> String {
        format!(
            "Generated {} of {} events",
            group_thousands(self.done),
            group_thousands(self.total)
        )
    }
}

/// What a stopped run says: why, then what it recorded, saved and not.
pub fn stopped_words(reason: &str, recorded: usize, unsaved: usize) -> String {
    let kept = match (recorded, unsaved) {
        (0, _) => "It recorded no event.".to_string(),
        (n, 0) => format!("It recorded {}, all saved.", count(n, "event", "events")),
        (1, 1) => "It recorded 1 event, not saved: only this tab holds it.".to_string(),
        (n, u) if u == n => format!(
            "It recorded {} events, none saved: only this tab holds them.",
            group_thousands(n)
        ),
        (n, u) => format!(
            "It recorded {}: {} saved, {} only in this tab, not saved.",
            count(n, "event", "events"),
            group_thousands(n - u),
            group_thousands(u)
        ),
    };
    format!("Generating stopped: {reason}. {kept}")
}
