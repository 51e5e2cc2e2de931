//! How one command to an account was handled, step by step, as "How it works" shows it: the
//! stream loaded (its version), the decision, the append expecting that version, and, when
//! another writer appended first, the refused append and the command decided again.

use crate::domain::Money;

/// One step of handling a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandlingStep {
    /// The command's stream was read and folded: how many events it holds (its version) and
    /// the balance they add up to.
    Loaded {
        /// The stream.
        stream: String,
        /// Its version: the number of its events.
        version: u64,
        /// The balance of the state folded from them.
        balance: Money,
    },
    /// `decide` accepted the command with these events (their type names).
    Decided(Vec<&'static str>),
    /// Another writer (the simulated clerk) appended these events to the same stream first,
    /// taking it to `version`.
    OtherWriterAppended {
        /// Its events' type names.
        events: Vec<&'static str>,
        /// The stream's version after them.
        version: u64,
    },
    /// Appended, expecting the stream at `expected`; it is now at `version`.
    Appended {
        /// The version the append expected.
        expected: u64,
        /// The stream's version after it.
        version: u64,
    },
    /// The store refused the append: the stream was at `actual`, not `expected`. Nothing was
    /// written; the command is decided again.
    Conflict {
        /// The version the append expected.
        expected: u64,
        /// The version found.
        actual: u64,
    },
}
