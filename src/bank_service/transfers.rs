//! Transfers, both ways the page can run them. Through the process: the request in the
//! transfer's own stream, then each step (debit, credit or refund, completed or failed) its own
//! append to one stream with that stream's expected version, decided by that stream's own rules.
//! Or as one atomic write: the debit and the credit in both accounts' streams at once, with both
//! expected versions.

use crate::domain::{
    decide, decide_transfer, AccountId, Command, Money, ProcessStep, Rejection, StepCommand,
    TransferCommand, TransferId, TransferState,
};
use crate::eventstore::{CommandContext, EventStore, KeyValueStore, RecordedEvent, UnitOfWork};

use super::{BankService, CommandError};

/// One step the process took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTaken {
    /// The step.
    pub step: ProcessStep,
    /// The refusal that made the process take this step instead of the one it tried (a refused
    /// debit becomes "mark it failed", a refused credit "refund the source").
    pub refused: Option<Rejection>,
    /// What it recorded.
    pub recorded: Vec<RecordedEvent>,
}

/// What the process did for one transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferReport {
    /// Which transfer.
    pub transfer_id: TransferId,
    /// The steps taken, in order.
    pub steps: Vec<StepTaken>,
}

/// The ids a step's events carry: one command id per transfer and step, so the same step taken
/// by two tabs is recognisably the same command; the transfer's id as the conversation.
fn step_context(transfer_id: &TransferId, step: &ProcessStep, now_ms: i64) -> CommandContext {
    let word = match step {
        ProcessStep::Debit => "debit",
        ProcessStep::Credit => "credit",
        ProcessStep::Refund { .. } => "refund",
        ProcessStep::Complete => "complete",
        ProcessStep::Fail { .. } => "fail",
    };
    CommandContext {
        command_id: format!("{transfer_id}-{word}"),
        correlation_id: transfer_id.to_string(),
        now_ms,
    }
}

impl<S: KeyValueStore> BankService<S> {
    /// Records that a person asked for a transfer, in its own new stream. No money moves yet:
    /// that is for the process's steps.
    pub fn request_transfer(
        &mut self,
        transfer_id: &TransferId,
        from: &AccountId,
        to: &AccountId,
        amount: Money,
        context: &CommandContext,
    ) -> Result<(), CommandError> {
        self.not_handled_before(context)?;
        self.retrying(|bank| bank.append_decided_transfer(transfer_id, from, to, amount, context))
    }

    pub(super) fn append_decided_transfer(
        &mut self,
        transfer_id: &TransferId,
        from: &AccountId,
        to: &AccountId,
        amount: Money,
        context: &CommandContext,
    ) -> Result<(), CommandError> {
        let request = TransferCommand::Request {
            transfer_id: transfer_id.clone(),
            from: from.clone(),
            to: to.clone(),
            amount,
        };
        self.handle_transfer_command(transfer_id, &request, context, None)?;
        Ok(())
    }

    /// The one way a command to a transfer's own stream is handled, a person's request or the
    /// process's end of it: the transfer's state, `decide_transfer`, and an append expecting
    /// that stream unchanged since (and `also_unchanged`, as for an account's command). Returns
    /// where the new events start.
    fn handle_transfer_command(
        &mut self,
        transfer_id: &TransferId,
        command: &TransferCommand,
        context: &CommandContext,
        also_unchanged: Option<(&str, u64)>,
    ) -> Result<usize, CommandError> {
        let version = self.ledger.stream_version(transfer_id.as_str());
        // The present bank knows the running transfers; a stream that exists and is not running
        // has ended.
        let state = match self.with_present(|bank| bank.transfer_state(transfer_id)) {
            TransferState::NotRequested if version > 0 => TransferState::Ended,
            state => state,
        };
        let events = decide_transfer(&state, command)?;
        self.append(
            &UnitOfWork::new(context)
                .with(transfer_id.as_str(), version, &events)
                .unchanged(also_unchanged),
        )
    }

    /// Takes the transfer's next step, as the ledger says it is: `None` when it is not running
    /// (ended, or never requested). A step another tab took first is not taken again: the
    /// append's expected version fails, the ledger re-reads, and the next step is decided anew.
    pub fn step_transfer(
        &mut self,
        transfer_id: &TransferId,
        now_ms: i64,
    ) -> Result<Option<StepTaken>, CommandError> {
        self.retrying(|bank| bank.step(transfer_id, now_ms))
    }

    /// Takes every step until the transfer has ended.
    pub fn run_transfer(
        &mut self,
        transfer_id: &TransferId,
        now_ms: i64,
    ) -> Result<Vec<StepTaken>, CommandError> {
        let mut steps = Vec::new();
        // Debit, credit (or refund), end: a transfer never needs more than four steps.
        for _ in 0..4 {
            match self.step_transfer(transfer_id, now_ms)? {
                Some(step) => steps.push(step),
                None => break,
            }
        }
        Ok(steps)
    }

    pub(super) fn run_steps(
        &mut self,
        transfer_id: &TransferId,
        now_ms: i64,
    ) -> Result<usize, CommandError> {
        let mut taken = 0;
        for _ in 0..4 {
            match self.step(transfer_id, now_ms)? {
                Some(_) => taken += 1,
                None => break,
            }
        }
        Ok(taken)
    }

    /// On start: finishes (or compensates) every transfer the ledger shows unfinished, a tab
    /// having stopped between two steps. Each step is taken once, whichever tab takes it.
    pub fn recover(&mut self, now_ms: i64) -> Result<Vec<TransferReport>, CommandError> {
        self.ledger.reload()?;
        let running: Vec<TransferId> =
            self.with_present(|bank| bank.running().map(|p| p.transfer_id.clone()).collect());
        let mut reports = Vec::new();
        for transfer_id in running {
            let steps = self.run_transfer(&transfer_id, now_ms)?;
            if !steps.is_empty() {
                reports.push(TransferReport { transfer_id, steps });
            }
        }
        Ok(reports)
    }

    fn step(
        &mut self,
        transfer_id: &TransferId,
        now_ms: i64,
    ) -> Result<Option<StepTaken>, CommandError> {
        let Some(progress) = self.with_present(|bank| bank.running_transfer(transfer_id).cloned())
        else {
            return Ok(None);
        };
        let mut step = progress.next_step();
        let mut refused = None;
        // The account that refused, and its version then: the follow-up goes to another stream,
        // so the refusing stream is checked in the same write, or a stale view could refund a
        // credit that was made, or fail a transfer whose debit went through.
        let mut refused_by: Option<(String, u64)> = None;
        // Each step goes through the same command handler as a person's command.
        let first = loop {
            let context = step_context(transfer_id, &step, now_ms);
            let also_unchanged = refused_by.as_ref().map(|(s, v)| (s.as_str(), *v));
            let step_command = progress.command(&step);
            let handled = match &step_command {
                StepCommand::Account(account, command) => {
                    self.handle_account_command(Some(account), command, &context, also_unchanged)
                }
                StepCommand::Transfer(id, command) => {
                    self.handle_transfer_command(id, command, &context, also_unchanged)
                }
            };
            match handled {
                Ok(first) => break first,
                Err(CommandError::Rejected(rejection)) => match step.after_refusal(&rejection) {
                    Some(next) if refused.is_none() => {
                        let StepCommand::Account(account, _) = &step_command else {
                            return Err(rejection.into());
                        };
                        refused_by = Some((
                            account.to_string(),
                            self.ledger.stream_version(account.as_str()),
                        ));
                        refused = Some(rejection);
                        step = next;
                    }
                    // A refund refused: the transfer waits, in flight, and says why.
                    _ => return Err(rejection.into()),
                },
                Err(error) => return Err(error),
            }
        };
        Ok(Some(StepTaken {
            step,
            refused,
            recorded: self.ledger.events()[first..].to_vec(),
        }))
    }

    /// The other consistency choice: the debit and the credit in one write to both accounts'
    /// streams, with both expected versions, or nothing at all. No process, no money in flight,
    /// no compensation. It is optimistic, not a lock: the price is contention (it must win both
    /// streams at once, and is retried when either moved) and a store that can append to
    /// several streams in one write.
    pub fn atomic_transfer(
        &mut self,
        transfer_id: &TransferId,
        from: &AccountId,
        to: &AccountId,
        amount: Money,
        context: &CommandContext,
    ) -> Result<Vec<RecordedEvent>, CommandError> {
        self.not_handled_before(context)?;
        // The transfer's own rules, though it keeps no stream of its own here.
        decide_transfer(
            &TransferState::NotRequested,
            &TransferCommand::Request {
                transfer_id: transfer_id.clone(),
                from: from.clone(),
                to: to.clone(),
                amount,
            },
        )?;
        // Ids are fresh, but a reused one would make two transfers of one (the import check
        // refuses that history), so it is refused here too.
        if self.ledger.events().iter().any(|e| {
            e.event.transfer_id() == Some(transfer_id) || e.stream_id == transfer_id.as_str()
        }) {
            return Err(Rejection::TransferAlreadyRequested {
                transfer_id: transfer_id.clone(),
            }
            .into());
        }
        self.retrying(|bank| {
            let (source, destination) = bank.with_present(|b| {
                (
                    b.account_or_none(Some(from.as_str())),
                    b.account_or_none(Some(to.as_str())),
                )
            });
            let debit = decide(
                &source,
                &Command::DebitTransfer {
                    transfer_id: transfer_id.clone(),
                    to: to.clone(),
                    amount,
                },
            )?;
            let credit = decide(
                &destination,
                &Command::CreditTransfer {
                    transfer_id: transfer_id.clone(),
                    from: from.clone(),
                    amount,
                },
            )?;
            let first = bank.append(
                &UnitOfWork::new(context)
                    .with(
                        from.as_str(),
                        bank.ledger.stream_version(from.as_str()),
                        &debit,
                    )
                    .with(
                        to.as_str(),
                        bank.ledger.stream_version(to.as_str()),
                        &credit,
                    ),
            )?;
            Ok(bank.ledger.events()[first..].to_vec())
        })
    }
}
