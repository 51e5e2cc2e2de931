//! One command's way through the system, for the "How it works" panel: the rules decide
//! checked, then the event store, then the projection.

use crate::domain::{Check, Rule};

/// One command's way through the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Counts commands, so each one replays the panel's animation.
    pub id: u64,
    /// What was asked, in words.
    pub command: String,
    /// The rules decide checked, and what happened to each.
    pub checks: Vec<(Rule, Check)>,
    /// Where it ended.
    pub outcome: FlowOutcome,
}

/// Where a command's flow ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowOutcome {
    /// Appended: these events, as "#position Type".
    Recorded(Vec<String>),
    /// Refused by a rule at step one; nothing was appended.
    Refused(String),
    /// Accepted by the rules, but the store failed (another tab kept writing, say).
    Failed(String),
    /// Its command id was handled before, recording this first event: the command was not
    /// decided again and nothing was appended.
    AlreadyHandled(u64),
    /// Never reached the rules: commands were off (a shared history shown, unreadable storage,
    /// a generation run), for this reason. Nothing was decided and nothing appended.
    NotSent(String),
}
