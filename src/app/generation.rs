//! A "Generate history" run: seeded commands in batches, so the page can yield to the browser
//! between two of them and show how far it has come.

use crate::bank_service::BankCommand;
use crate::history_generator::{accounts_for, HistoryGenerator, EVENTS_PER_TRANSFER};
use crate::ledger::CommandContext;
use crate::projection::BankState;

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
}

impl GenerationRun {
    /// A run of `total` events from `seed`, continuing from the bank as it is; `run_id`
    /// prefixes every id and correlates the commands.
    pub fn new(total: usize, seed: u64, run_id: String, bank: &BankState) -> Self {
        GenerationRun {
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
    /// stamped `now_ms`, and how many events remain after it.
    pub fn next_batch(&mut self, now_ms: i64) -> (Vec<(BankCommand, CommandContext)>, usize) {
        let budget = self.remaining.min(GENERATION_BATCH);
        let mut planned = 0;
        let mut commands = Vec::new();
        while planned < budget {
            let command = self.generator.next_command_within(budget - planned);
            planned += match command {
                BankCommand::Transfer { .. } => EVENTS_PER_TRANSFER,
                BankCommand::Account(..) => 1,
            };
            // Each command starts its own conversation (a transfer's steps share its id), so
            // the stored row leaves the correlation out; the counter is in base 36. Both keep a
            // run of 100,000 events within the browser's storage quota.
            let command_id = format!("{}-{}", self.run_id, base36(self.issued));
            let context = CommandContext {
                correlation_id: command_id.clone(),
                command_id,
                now_ms,
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
