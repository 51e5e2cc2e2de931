//! A "Generate history" run: seeded commands in batches, so the page can yield to the browser
//! between two of them and show how far it has come.

use crate::domain::{Command, Money};
use crate::history_generator::HistoryGenerator;
use crate::ledger::CommandContext;

/// Commands generated between two frames: small enough to keep the page responsive.
pub const GENERATION_BATCH: usize = 2_000;

/// How far a "Generate history" run has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Commands run so far.
    pub done: usize,
    /// Commands asked for.
    pub total: usize,
}

/// A run in progress: what is left, and what the batches so far did.
#[derive(Debug)]
pub struct GenerationRun {
    generator: HistoryGenerator,
    run_id: String,
    remaining: usize,
    /// Events appended so far.
    pub recorded: usize,
    /// Commands the rules refused so far.
    pub rejected: usize,
    /// How far it has come.
    pub progress: Progress,
}

impl GenerationRun {
    /// A run of `total` commands from `seed`, continuing from `balance`; `run_id` prefixes every
    /// command id and correlates them all.
    pub fn new(total: usize, seed: u64, run_id: String, balance: Money) -> Self {
        GenerationRun {
            generator: HistoryGenerator::new(seed, balance),
            run_id,
            remaining: total,
            recorded: 0,
            rejected: 0,
            progress: Progress { done: 0, total },
        }
    }

    /// The next batch (at most [`GENERATION_BATCH`] commands, none once stopped), stamped
    /// `now_ms`, and how many remain after it.
    pub fn next_batch(&mut self, now_ms: i64) -> (Vec<(Command, CommandContext)>, usize) {
        let count = self.remaining.min(GENERATION_BATCH);
        let done_before = self.recorded + self.rejected;
        let commands = (0..count)
            .map(|i| {
                let context = CommandContext {
                    command_id: format!("{}-{}", self.run_id, done_before + i),
                    correlation_id: self.run_id.clone(),
                    now_ms,
                };
                (self.generator.next_command(), context)
            })
            .collect();
        self.remaining -= count;
        self.progress.done = (self.progress.done + count).min(self.progress.total);
        (commands, self.remaining)
    }

    /// Ends the run after the batch in progress.
    pub fn stop(&mut self) {
        self.remaining = 0;
    }
}
