//! One command's way through the system, for the "How it works" panel: the rules decide
//! checked, then the event store, then the projection.

use crate::bank_service::{CommandError, HandlingStep};
use crate::domain::{Check, Rule};
use crate::eventstore::RecordedEvent;

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
    /// How a command to an account was handled: the stream loaded, the decision, the append
    /// expecting the stream's version (empty for other commands).
    pub handling: Vec<HandlingStep>,
}

/// The handling of a command in words, a line per step: "Load acc-1: 4 events, balance
/// $2,050.00, version 4", "Append expecting version 4: now version 5".
pub fn handling_lines(steps: &[HandlingStep]) -> Vec<String> {
    let mut loads = 0;
    steps
        .iter()
        .map(|step| match step {
            HandlingStep::Loaded {
                stream,
                version,
                balance,
            } => {
                loads += 1;
                format!(
                    "Load {stream}{}: {}, balance {balance}, version {version}.",
                    if loads > 1 { " again" } else { "" },
                    super::count(*version as usize, "event", "events")
                )
            }
            HandlingStep::Decided(events) => format!(
                "Decide{}: {}.",
                if loads > 1 { " again, on the new state" } else { "" },
                events.join(" and ")
            ),
            HandlingStep::OtherWriterAppended { events, version } => format!(
                "Meanwhile another clerk appended {} to the same stream: it is at version {version} now.",
                events.join(" and ")
            ),
            HandlingStep::Appended { expected, version } => {
                format!("Append expecting version {expected}: accepted, now version {version}.")
            }
            HandlingStep::Conflict { expected, actual } => format!(
                "Append expecting version {expected}: refused, the stream is at version {actual}. Nothing was written and nothing was locked (optimistic concurrency): the command is decided again."
            ),
        })
        .collect()
}

/// After a command that met a conflict: what happened, for the status line.
pub fn decided_again(steps: &[HandlingStep]) -> Option<String> {
    steps.iter().find_map(|step| match step {
        HandlingStep::Conflict { expected, actual } => Some(format!(
            "Another clerk wrote first: the append expecting version {expected} was refused, and the command was decided again on version {actual}."
        )),
        _ => None,
    })
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

/// What "How it works" says of a flow's last two steps, and whether step one stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowWords {
    /// The event store's step.
    pub store: String,
    /// The projection's step.
    pub projection: String,
    /// The rules (step one) stopped it: a refusal, a command never sent or one sent again.
    pub stopped_at_step_one: bool,
    /// The store's step was reached and failed.
    pub store_failed: bool,
}

impl FlowOutcome {
    /// Appended `events`, each as "#position Type".
    pub fn recorded(events: &[RecordedEvent]) -> Self {
        FlowOutcome::Recorded(
            events
                .iter()
                .map(|r| format!("#{} {}", r.position, r.event.name()))
                .collect(),
        )
    }

    /// Where a command that reached the bank ended, from what the bank answered.
    pub fn of(result: &Result<Vec<RecordedEvent>, CommandError>) -> Self {
        match result {
            Ok(recorded) => FlowOutcome::recorded(recorded),
            Err(CommandError::Rejected(rejection)) => FlowOutcome::Refused(rejection.to_string()),
            Err(CommandError::AlreadyHandled { position, .. }) => {
                FlowOutcome::AlreadyHandled(*position)
            }
            Err(error) => FlowOutcome::Failed(error.to_string()),
        }
    }

    /// What the panel says of the store and projection steps for this outcome.
    pub fn words(&self) -> FlowWords {
        let nothing_to_rebuild = "Not reached: with no new event there is nothing to rebuild.";
        let (store, projection) = match self {
            FlowOutcome::Recorded(events) => (
                format!("Appended {}: never changed from now on.", events.join(" and ")),
                "The read models took in the new events; the account's current state is folded from its own events when the next command is decided. The ledger is not rebuilt: it is the events.",
            ),
            FlowOutcome::Refused(reason) => (
                format!("Not reached: refused at step one ({reason}). Nothing was appended."),
                nothing_to_rebuild,
            ),
            FlowOutcome::AlreadyHandled(position) => (
                format!("Not reached: this command id was handled before (event #{position}), so nothing was appended again. This handler keeps each command id with its events, which makes a retry safe; a deposit sent again with a new id would deposit again."),
                nothing_to_rebuild,
            ),
            FlowOutcome::NotSent(reason) => (
                format!("Not reached: the command was not sent ({reason}). Nothing was decided or appended."),
                nothing_to_rebuild,
            ),
            FlowOutcome::Failed(reason) => (
                format!("The append did not commit: {reason}. Until it does, the command is pending and its events are not facts: this tab keeps them, marked pending in the ledger, and retries the same append (Save now, or with the next command)."),
                "The page shows the pending events, marked, so nothing typed is lost; they become part of the history only when the append commits.",
            ),
        };
        FlowWords {
            store,
            projection: projection.to_string(),
            stopped_at_step_one: matches!(
                self,
                FlowOutcome::Refused(_) | FlowOutcome::NotSent(_) | FlowOutcome::AlreadyHandled(_)
            ),
            store_failed: matches!(self, FlowOutcome::Failed(_)),
        }
    }
}

/// Under "Retry the last command (same id)": what pressing it sends, and why it is safe.
pub fn retry_hint(command_id: &str) -> String {
    format!(
        "Sends command {command_id} again, as a client does when an answer is lost. A deposit is not idempotent by itself; this handler makes the retry safe: it keeps each command id with its events, so an id the ledger already holds is not handled twice, and a refused one is decided again."
    )
}
