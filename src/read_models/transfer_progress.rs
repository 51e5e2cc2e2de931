//! Every transfer's progress, folded once: the ones running (requested and not ended, each with
//! its steps so far) and how many ended which way. The bank reads it to know which transfers its
//! process manager must move on; Event details reads it to say where a transfer stood at an
//! event.

use crate::domain::{Event, TransferId, TransferProgress};
use crate::eventstore::RecordedEvent;

use super::read_model::ReadModel;

/// Transfers after some events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransferProgresses {
    /// Requested transfers that have not ended, in the order they were requested (a handful:
    /// a transfer ends within its own command unless steps are delivered one at a time).
    running: Vec<TransferProgress>,
    /// Transfers completed.
    completed: usize,
    /// Transfers failed.
    failed: usize,
    /// The transfer that ended last, and how: `None` for completed, else why it failed.
    last_ended: Option<(TransferId, Option<String>)>,
}

impl TransferProgresses {
    /// Requested transfers that have not ended, oldest first.
    pub fn running(&self) -> impl Iterator<Item = &TransferProgress> {
        self.running.iter()
    }

    /// One running transfer.
    pub fn running_transfer(&self, id: &TransferId) -> Option<&TransferProgress> {
        self.running.iter().find(|p| &p.transfer_id == id)
    }

    /// How many transfers completed and failed.
    pub fn ended(&self) -> (usize, usize) {
        (self.completed, self.failed)
    }

    /// Where the transfer `id` stands, in words: "not requested", its next step while it runs,
    /// "completed" or "failed: why" once it ended.
    pub fn describe(&self, id: &TransferId) -> String {
        if let Some(p) = self.running_transfer(id) {
            return if p.refunded.is_some() {
                "refunded, to be failed".to_string()
            } else if p.credited {
                "credited, to be completed".to_string()
            } else if p.debited {
                format!("{} in flight", p.amount)
            } else {
                format!("requested: {} to debit", p.amount)
            };
        }
        match &self.last_ended {
            Some((ended, None)) if ended == id => "completed".to_string(),
            Some((ended, Some(reason))) if ended == id => format!("failed: {reason}"),
            _ => "not requested".to_string(),
        }
    }
}

impl TransferProgresses {
    /// The transfer of stream `stream_id` (its own events name it by their stream) ended:
    /// completed, or failed for `failure`.
    fn end(&mut self, stream_id: &str, failure: Option<&String>) {
        let Some(index) = self
            .running
            .iter()
            .position(|p| p.transfer_id.as_str() == stream_id)
        else {
            return;
        };
        let transfer = self.running.remove(index).transfer_id;
        if failure.is_some() {
            self.failed += 1;
        } else {
            self.completed += 1;
        }
        self.last_ended = Some((transfer, failure.cloned()));
    }
}

impl ReadModel for TransferProgresses {
    fn apply(&mut self, recorded: &RecordedEvent) {
        match &recorded.event {
            Event::TransferRequested {
                transfer_id,
                from,
                to,
                amount,
            } => self.running.push(TransferProgress::requested(
                transfer_id.clone(),
                from.clone(),
                to.clone(),
                *amount,
            )),
            Event::TransferCompleted => self.end(&recorded.stream_id, None),
            Event::TransferFailed { reason } => self.end(&recorded.stream_id, Some(reason)),
            step @ (Event::TransferDebited { transfer_id, .. }
            | Event::TransferCredited { transfer_id, .. }
            | Event::TransferRefunded { transfer_id, .. }) => {
                if let Some(progress) = self
                    .running
                    .iter_mut()
                    .find(|p| &p.transfer_id == transfer_id)
                {
                    progress.apply(step);
                }
            }
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::MoneyWithdrawn { .. }
            | Event::BalancePaidOut { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed => {}
        }
    }
}
