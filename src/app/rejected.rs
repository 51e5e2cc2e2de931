//! The commands the rules refused during this visit. Rejections never enter the ledger, so this
//! list is the only place they are seen.

use crate::domain::{Command, Rejection, Rule};

use super::spec::Spec;

/// A command the rules refused. Kept for this visit only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedAttempt {
    /// A number for this visit, to key the list.
    pub id: usize,
    /// What was asked, in words.
    pub command: String,
    /// The rule it broke.
    pub rule: Rule,
    /// The full reason.
    pub reason: String,
    /// The refusal as a test, for an account command: given the stream's events then.
    pub spec: Option<Spec>,
}

impl RejectedAttempt {
    /// The `id`th refusal of `command` for `rejection`.
    pub fn new(id: usize, command: &Command, rejection: &Rejection) -> Self {
        Self::described(id, &command.describe(), rejection)
    }

    /// The attempt at what `command` says in words (a transfer, which is no account command).
    pub fn described(id: usize, command: &str, rejection: &Rejection) -> Self {
        RejectedAttempt {
            id,
            command: command.to_string(),
            rule: rejection.rule(),
            reason: rejection.to_string(),
            spec: None,
        }
    }
}

/// Beside the command form: how many commands the rules refused during this visit.
pub fn refused_this_visit(refused: usize) -> String {
    format!(
        "Refused this visit, and never recorded: {}. ",
        super::count(refused, "command", "commands")
    )
}
