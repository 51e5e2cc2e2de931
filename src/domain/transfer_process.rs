//! The transfer's process manager, as pure decisions: from what the ledger says happened to one
//! transfer (its progress), the next step to take, and what to do when an account refuses one.
//!
//! The process holds nothing of its own: its progress is folded from the ledger (the transfer's
//! stream and the two accounts' events naming it), so a tab that stops between two steps loses
//! nothing, and whichever tab starts next takes the same next step. Each step is one append to
//! one stream with that stream's expected version, so two tabs can never both take it.

use super::{AccountId, Command, Event, Money, Rejection, TransferCommand, TransferId};

/// How far one unfinished transfer has come, as the ledger tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferProgress {
    /// Which transfer.
    pub transfer_id: TransferId,
    /// The account to debit.
    pub from: AccountId,
    /// The account to credit.
    pub to: AccountId,
    /// How much.
    pub amount: Money,
    /// The source recorded the debit.
    pub debited: bool,
    /// The destination recorded the credit.
    pub credited: bool,
    /// The source took the money back, for this reason.
    pub refunded: Option<String>,
}

/// The next thing the process does for a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessStep {
    /// Ask the source to debit the amount.
    Debit,
    /// Ask the destination to credit it.
    Credit,
    /// The destination refused: ask the source to take the money back.
    Refund {
        /// The destination's refusal, in words.
        reason: String,
    },
    /// Both sides recorded: mark the transfer completed.
    Complete,
    /// It did not happen: mark the transfer failed.
    Fail {
        /// Why, in words.
        reason: String,
    },
}

/// Where a step's command goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepCommand {
    /// To an account's stream.
    Account(AccountId, Command),
    /// To the transfer's own stream.
    Transfer(TransferId, TransferCommand),
}

impl ProcessStep {
    /// The step in a few words, for the page.
    pub fn describe(&self) -> &'static str {
        match self {
            ProcessStep::Debit => "debit the source",
            ProcessStep::Credit => "credit the destination",
            ProcessStep::Refund { .. } => "refund the source",
            ProcessStep::Complete => "mark it completed",
            ProcessStep::Fail { .. } => "mark it failed",
        }
    }

    /// What to do when the account refused this step: a refused debit ends the transfer (no
    /// money moved); a refused credit sends the money back. Other refusals end nothing.
    pub fn after_refusal(&self, rejection: &Rejection) -> Option<ProcessStep> {
        let reason = rejection.to_string();
        match self {
            ProcessStep::Debit => Some(ProcessStep::Fail { reason }),
            ProcessStep::Credit => Some(ProcessStep::Refund { reason }),
            _ => None,
        }
    }
}

impl TransferProgress {
    /// A transfer just requested: nothing moved yet.
    pub fn requested(
        transfer_id: TransferId,
        from: AccountId,
        to: AccountId,
        amount: Money,
    ) -> Self {
        TransferProgress {
            transfer_id,
            from,
            to,
            amount,
            debited: false,
            credited: false,
            refunded: None,
        }
    }

    /// Takes in an account event that names this transfer.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::TransferDebited { .. } => self.debited = true,
            Event::TransferCredited { .. } => self.credited = true,
            Event::TransferRefunded { reason, .. } => self.refunded = Some(reason.clone()),
            // The request starts a progress, the end removes it: neither is a step of it.
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::MoneyWithdrawn { .. }
            | Event::BalancePaidOut { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed
            | Event::TransferRequested { .. }
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => {}
        }
    }

    /// True while the money has left the source and is in neither account.
    pub fn in_flight(&self) -> bool {
        self.debited && !self.credited && self.refunded.is_none()
    }

    /// The next step, from what the ledger says happened.
    pub fn next_step(&self) -> ProcessStep {
        match (&self.refunded, self.debited, self.credited) {
            (Some(reason), _, _) => ProcessStep::Fail {
                reason: reason.clone(),
            },
            (None, false, _) => ProcessStep::Debit,
            (None, true, false) => ProcessStep::Credit,
            (None, true, true) => ProcessStep::Complete,
        }
    }

    /// The command that takes `step`, and the stream it goes to.
    pub fn command(&self, step: &ProcessStep) -> StepCommand {
        let transfer_id = self.transfer_id.clone();
        match step {
            ProcessStep::Debit => StepCommand::Account(
                self.from.clone(),
                Command::DebitTransfer {
                    transfer_id,
                    to: self.to.clone(),
                    amount: self.amount,
                },
            ),
            ProcessStep::Credit => StepCommand::Account(
                self.to.clone(),
                Command::CreditTransfer {
                    transfer_id,
                    from: self.from.clone(),
                    amount: self.amount,
                },
            ),
            ProcessStep::Refund { reason } => StepCommand::Account(
                self.from.clone(),
                Command::RefundTransfer {
                    transfer_id,
                    amount: self.amount,
                    reason: reason.clone(),
                },
            ),
            ProcessStep::Complete => StepCommand::Transfer(transfer_id, TransferCommand::Complete),
            ProcessStep::Fail { reason } => StepCommand::Transfer(
                transfer_id,
                TransferCommand::Fail {
                    reason: reason.clone(),
                },
            ),
        }
    }
}
