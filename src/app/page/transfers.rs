//! Actions about transfers: choosing the account the form acts on, sending a transfer (through
//! the process, or as one atomic write), delivering the process's steps one at a time, and a
//! simulated crash between the debit and the credit with the restart that recovers from it.

use crate::app::labels::account_label;
use crate::app::{Consistency, Cursor, Delivery, FlowOutcome, RejectedAttempt, Showing};
use crate::bank_service::{steps_in_words, BankCommand, BankService, CommandError, StepTaken};
use crate::domain::ProcessStep;
use crate::domain::{
    transfer_rule_checks, AccountId, AccountState, Check, Event, Money, Rejection, TransferId,
};
use crate::eventstore::{CommandContext, KeyValueStore, Ledger, RecordedEvent};

use super::{checked, Page};

/// What a person asked to transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequest {
    /// A fresh id, made by the caller.
    pub transfer_id: TransferId,
    /// The destination account's id.
    pub to: String,
    /// How much.
    pub amount: Money,
}

impl<S: KeyValueStore + Clone> Page<S> {
    /// After opening (and knowing whether the page is read-only): finishes or compensates, from
    /// the ledger, every transfer a tab left unfinished when it stopped between two steps.
    pub fn start(&mut self, now_ms: i64) {
        if !self.can_write() {
            return;
        }
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let result = own.recover(now_ms);
        self.settle();
        match result {
            Ok(reports) if reports.is_empty() => {}
            Ok(reports) => {
                let done: Vec<String> = reports
                    .iter()
                    .map(|r| format!("{}: {}", r.transfer_id, steps_in_words(&r.steps)))
                    .collect();
                self.messages.set_status(format!(
                    "The ledger held {} left unfinished by a tab that stopped mid-way; the process manager took the next steps from the ledger: {}.",
                    crate::app::count(reports.len(), "transfer", "transfers"),
                    done.join("; ")
                ));
            }
            Err(error) => self.fail(format!(
                "An unfinished transfer could not be finished yet: {error}"
            )),
        }
    }

    /// Every account as of now, as the Account and To account controls name them: its id and
    /// its owner ("Grace Hopper"), with the id after an owner who has several ("Ada · acc-1"),
    /// "(closed)" after a closed one. Short enough to be read whole in a narrow select.
    pub fn account_choices(&self) -> Vec<(String, String)> {
        let accounts = self.present.accounts();
        accounts
            .iter()
            .map(|(id, state)| {
                let closed = if matches!(state, AccountState::Closed { .. }) {
                    " (closed)"
                } else {
                    ""
                };
                let label = account_label(accounts, id);
                (id.to_string(), format!("{label}{closed}"))
            })
            .collect()
    }

    /// The command form acts on `account` from now on (ignored if the bank has no such account).
    pub fn choose(&mut self, account: &str) {
        if self.present.account(account).is_some() {
            self.chosen = Some(AccountId::new(account));
        }
    }

    /// When the transfer's process takes its steps; switching to "automatically" at `now_ms`
    /// delivers the steps that were waiting.
    pub fn set_delivery(&mut self, delivery: Delivery, now_ms: i64) {
        self.delivery = delivery;
        if delivery == Delivery::Automatically && self.can_write() {
            // Steps waiting for a press are delivered now: "automatically" means now.
            let waiting: Vec<TransferId> = self
                .present
                .running()
                .map(|p| p.transfer_id.clone())
                .collect();
            if let Showing::Own(own) = &mut self.showing {
                for id in waiting {
                    let _ = own.run_transfer(&id, now_ms);
                }
            }
            self.settle();
        }
    }

    /// How transfers keep the two accounts consistent.
    pub fn set_consistency(&mut self, consistency: Consistency) {
        self.consistency = consistency;
    }

    /// Transfers from the chosen account, as the consistency and delivery choices say.
    pub fn transfer(&mut self, request: &TransferRequest, context: &CommandContext) {
        self.remember_transfer(request, context);
        self.run_transfer_request(request, context, false);
    }

    /// Sends a transfer through the process and stops the app right after the debit, as a tab
    /// closed between two steps would: the ledger holds an unfinished transfer, its money in
    /// flight, until the app starts again.
    pub fn crash_after_debit(&mut self, request: &TransferRequest, context: &CommandContext) {
        if self.consistency == Consistency::AtomicWrite {
            return self.fail(
                "An atomic write has no moment between the debit and the credit to crash in: choose the process manager to try this.",
            );
        }
        if self.unsaved.is_some() {
            return self.fail(
                "Some events are pending, not committed: a crash now would lose them. Commit them first (Save now).",
            );
        }
        self.run_transfer_request(request, context, true);
    }

    /// One path for every transfer: through the process (all steps, one step later, or the
    /// debit then a crash) or as one atomic write.
    fn run_transfer_request(
        &mut self,
        request: &TransferRequest,
        context: &CommandContext,
        crash_after_debit: bool,
    ) {
        let Some(from) = self.begin_transfer(request) else {
            return;
        };
        let to = AccountId::new(request.to.as_str());
        let command = BankCommand::Transfer {
            transfer_id: request.transfer_id.clone(),
            from: from.clone(),
            to: to.clone(),
            amount: request.amount,
        };
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let first = own.ledger().events().len();
        let mut crashed = false;
        let result = match (self.consistency, self.delivery) {
            (Consistency::AtomicWrite, _) => {
                own.atomic_transfer(&request.transfer_id, &from, &to, request.amount, context)
            }
            (Consistency::Process, Delivery::Automatically) if !crash_after_debit => {
                own.handle(&command, context)
            }
            (Consistency::Process, _) => own
                .request_transfer(&request.transfer_id, &from, &to, request.amount, context)
                .and_then(|()| {
                    if crash_after_debit {
                        let step = own.step_transfer(&request.transfer_id, context.now_ms)?;
                        crashed = step.is_some_and(|s| s.step == ProcessStep::Debit);
                    }
                    Ok(())
                })
                .map(|()| own.ledger().events()[first..].to_vec()),
        };
        if crashed {
            // The crash: everything this tab held in memory is gone; only storage is left.
            self.reopen();
            self.stopped = true;
        }
        self.settle();
        self.say_transfer(&command, result);
        if crashed {
            self.fail(format!(
                "The app stopped right after the debit: {} has left {from} and is in no account, in flight. Press \"Restart the app\" (or reload the page): the process manager reads the ledger and finishes the transfer.",
                request.amount,
            ));
        }
    }

    /// Checks what every transfer needs before it reaches the rules: commands on, an account
    /// chosen. Returns the source.
    fn begin_transfer(&mut self, request: &TransferRequest) -> Option<AccountId> {
        self.cursor = Cursor::Present;
        let words = format!("Transfer {} to {}", request.amount, request.to);
        if let Some(reason) = self.commands_off() {
            self.record_transfer_flow(&words, None, FlowOutcome::NotSent(reason), true);
            self.fail("Commands are off right now: see the message above.");
            return None;
        }
        match &self.chosen {
            Some(from) => Some(from.clone()),
            None => {
                self.refuse(&words, Rejection::NoAccount);
                None
            }
        }
    }

    fn refuse(&mut self, words: &str, rejection: Rejection) {
        self.record_transfer_flow(
            words,
            Some(&rejection),
            FlowOutcome::Refused(rejection.to_string()),
            false,
        );
        self.fail(format!("Rejected: {rejection}"));
        let attempt = RejectedAttempt::described(self.rejected.len() + 1, words, &rejection);
        self.rejected.push(attempt);
    }

    fn record_transfer_flow(
        &mut self,
        words: &str,
        refused: Option<&Rejection>,
        outcome: FlowOutcome,
        not_reached: bool,
    ) {
        let mut checks = transfer_rule_checks(refused);
        if not_reached {
            for check in &mut checks {
                check.1 = Check::NotReached;
            }
        }
        self.record_flow_of(words.to_string(), checks, outcome);
    }

    /// Says what a transfer did: recorded (and how it ended, or what step is next), refused by
    /// a rule, or not recorded at all.
    fn say_transfer(
        &mut self,
        command: &BankCommand,
        result: Result<Vec<RecordedEvent>, CommandError>,
    ) {
        let words = command.describe();
        let recorded = match result {
            Ok(recorded) => recorded,
            Err(CommandError::Rejected(rejection)) => return self.refuse(&words, rejection),
            Err(CommandError::AlreadyHandled {
                command_id,
                position,
            }) => {
                // Not decided again: no rule was checked.
                self.record_transfer_flow(
                    &words,
                    None,
                    FlowOutcome::AlreadyHandled(position),
                    true,
                );
                let again = CommandError::AlreadyHandled {
                    command_id,
                    position,
                };
                return self.messages.success(again.to_string());
            }
            Err(error) => {
                self.record_transfer_flow(
                    &words,
                    None,
                    FlowOutcome::Failed(error.to_string()),
                    false,
                );
                return self.fail(error.to_string());
            }
        };
        self.record_transfer_flow(&words, None, FlowOutcome::recorded(&recorded), false);
        let names = names_of(&recorded);
        let failed = recorded.iter().find_map(|r| match &r.event {
            Event::TransferFailed { reason } => Some(reason.clone()),
            _ => None,
        });
        match failed {
            Some(reason) => self.fail(format!(
                "The transfer failed, and no money moved in the end: {reason} Recorded {names}."
            )),
            None if self.present.running().next().is_some()
                && self.delivery == Delivery::OneAtATime =>
            {
                self.messages.success(format!(
                    "Recorded {names}. No money has moved yet: press \"Deliver next step\" to let the process {}.",
                    self.next_step_words().unwrap_or("go on")
                ))
            }
            None => self.messages.success(format!("Recorded {names}.")),
        }
    }

    /// The step the oldest unfinished transfer takes next, in words.
    pub fn next_step_words(&self) -> Option<&'static str> {
        self.present
            .running()
            .next()
            .map(|p| p.next_step().describe())
    }

    /// Delivers the next step of the oldest unfinished transfer (delivery one at a time).
    pub fn deliver_next_step(&mut self, now_ms: i64) {
        if let Some(reason) = self.commands_off() {
            return self.fail(format!("Nothing was delivered: {reason}."));
        }
        self.cursor = Cursor::Present;
        let Some(transfer_id) = self.present.running().next().map(|p| p.transfer_id.clone()) else {
            return self.messages.success("No transfer is waiting for a step.");
        };
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let result = own.step_transfer(&transfer_id, now_ms);
        self.settle();
        match result {
            Ok(Some(step)) => {
                let said = step_said(&transfer_id, &step);
                match self.next_step_words() {
                    Some(next) => self.messages.success(format!("{said} Next: {next}.")),
                    None => self.messages.success(said),
                }
            }
            Ok(None) => self
                .messages
                .success(format!("Transfer {transfer_id} had already ended.")),
            Err(error) => self.fail(format!("The step was not delivered: {error}")),
        }
    }

    /// Starts the app again after a crash: this tab's memory is dropped, the ledger is read
    /// from storage, and the process manager finishes what it finds unfinished.
    pub fn restart(&mut self, now_ms: i64) {
        if !matches!(self.showing, Showing::Own(_)) {
            return;
        }
        self.reopen();
        self.stopped = false;
        // The alert said the tab stopped; what the restart finds replaces it.
        self.messages.clear_alert();
        self.settle();
        let before = self.status().to_string();
        self.start(now_ms);
        if self.status() == before && self.alert().is_none() {
            self.messages
                .success("Restarted: the ledger holds no unfinished transfer.");
        }
    }

    /// Drops the own ledger's in-memory state and reads it again from storage.
    fn reopen(&mut self) {
        match Ledger::open(self.store.clone(), &self.key) {
            Ok(ledger) => self.show(checked(BankService::new(ledger))),
            Err(error) => self.show(Showing::Unreadable {
                reason: error.to_string(),
                last_read: None,
            }),
        }
    }
}

fn names_of(recorded: &[RecordedEvent]) -> String {
    recorded
        .iter()
        .map(|r| format!("{} (#{})", r.event.name(), r.position))
        .collect::<Vec<_>>()
        .join(" then ")
}

/// One delivered step, in words.
fn step_said(transfer_id: &TransferId, step: &StepTaken) -> String {
    let recorded = names_of(&step.recorded);
    match &step.refused {
        Some(rejection) => format!(
            "Transfer {transfer_id}: the account refused ({rejection}), so the process took the step \"{}\" instead: recorded {recorded}.",
            step.step.describe()
        ),
        None => format!(
            "Transfer {transfer_id}: {}, recorded {recorded}.",
            step.step.describe()
        ),
    }
}
