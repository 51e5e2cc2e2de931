//! Runs commands end to end: fold the history into the bank's present state, decide against the
//! one stream the command is for, append with that stream's expected version; drives transfers
//! through their process (`transfers`); and keeps this tab's recent commands until storage is
//! known to hold them.

mod handling;
mod transfers;

use std::cell::RefCell;
use std::collections::HashSet;

use thiserror::Error;

use crate::domain::{
    decide, decide_reversal, AccountId, Command, Event, Money, Rejection, TransferId, Withdrawals,
};
use crate::eventstore::{
    AppendError, CommandContext, EventStore, ExpectedVersion, KeyValueStore, Ledger, RecordedEvent,
    StorageError, UnitOfWork,
};
use crate::read_models::{fold_from, BankState};

pub use handling::HandlingStep;
pub use transfers::{StepTaken, TransferReport};

/// How many times a command is decided again after losing a race with another writer.
const MAX_ATTEMPTS: usize = 3;

/// How long this tab watches for its writes being overwritten by another tab. Browsers pass a
/// write between tabs within milliseconds; this leaves a wide margin.
const CONFIRMATION_WINDOW_MS: i64 = 10_000;

/// Why a command recorded nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommandError {
    /// A business rule refused it.
    #[error("{0}")]
    Rejected(#[from] Rejection),
    /// The ledger could not take the events; nothing was recorded.
    #[error("Nothing was recorded: {0}")]
    Ledger(#[from] AppendError),
    /// Another writer kept appending first.
    #[error("Nothing was recorded: the ledger kept changing while saving. Try again.")]
    Contended,
    /// A command with this id was handled before: sending it again records nothing (a double
    /// click, a retry after a lost answer).
    #[error("Already handled: command {command_id} recorded event #{position}; nothing was appended again.")]
    AlreadyHandled {
        /// The id sent again.
        command_id: String,
        /// The first event that command recorded.
        position: u64,
    },
}

/// What re-reading storage found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// This tab's commands that another tab's write had overwritten, recorded again.
    pub redone: Vec<String>,
    /// Overwritten commands that, decided again against the fresh state, were refused.
    pub refused: Vec<(String, Rejection)>,
    /// Commands of this tab that storage no longer holds because another tab started the
    /// history anew (cleared it, or imported another): they belonged to the old history and are
    /// not brought back into the new one.
    pub forgotten: Vec<String>,
}

/// What a run of generated commands did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// How many events were appended.
    pub recorded: usize,
    /// How many commands the rules refused (they record nothing, as always).
    pub rejected: usize,
}

/// A command as a person (or the generator) gives it: to one account, or a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankCommand {
    /// A command to one account's stream; `None` when no account is chosen (only an opening
    /// can then succeed: it names its own new stream).
    Account(Option<AccountId>, Command),
    /// Move money between two accounts through the transfer's process, every step at once.
    Transfer {
        /// A fresh id, also the transfer's stream.
        transfer_id: TransferId,
        /// The account to debit.
        from: AccountId,
        /// The account to credit.
        to: AccountId,
        /// How much.
        amount: Money,
    },
    /// Reverse the withdrawal at stream version `withdrawal` of `account`: a wrong fact
    /// corrected by a new event (a dispute upheld), the withdrawal itself untouched.
    ReverseWithdrawal {
        /// The account whose withdrawal it was.
        account: AccountId,
        /// The withdrawal's version in that account's stream.
        withdrawal: u64,
    },
}

impl BankCommand {
    /// The command in words.
    pub fn describe(&self) -> String {
        match self {
            BankCommand::Account(_, command) => command.describe(),
            BankCommand::Transfer {
                from, to, amount, ..
            } => format!("Transfer {amount} from {from} to {to}"),
            BankCommand::ReverseWithdrawal {
                account,
                withdrawal,
            } => format!("Reverse the withdrawal at version {withdrawal} of {account}"),
        }
    }
}

/// A command this tab appended, watched until storage is known to keep it.
#[derive(Debug, Clone)]
struct Unconfirmed {
    command: BankCommand,
    context: CommandContext,
}

/// The bank after the first `len` events of ledger epoch `epoch`, so that deciding a command
/// folds only what was appended since, not the whole history.
#[derive(Debug)]
struct HeadState {
    epoch: u64,
    len: usize,
    state: BankState,
}

/// The bank over a ledger: every account's stream and every transfer's.
#[derive(Debug)]
pub struct BankService<S> {
    ledger: Ledger<S>,
    unconfirmed: Vec<Unconfirmed>,
    head: RefCell<HeadState>,
    /// The steps of the person's command to an account being handled now; `None` otherwise
    /// (a transfer's process, a generated batch keep no account of their steps).
    tracing: Option<Vec<HandlingStep>>,
    /// How the last person's command to an account was handled.
    handled: Vec<HandlingStep>,
    /// Another writer's command to run on the same stream between the next decision and its
    /// append: the lesson's simulated clerk.
    another_writer: Option<(Command, CommandContext)>,
}

impl<S: KeyValueStore> BankService<S> {
    /// Wraps an opened ledger.
    pub fn new(ledger: Ledger<S>) -> Self {
        BankService {
            head: RefCell::new(HeadState {
                epoch: ledger.epoch(),
                len: 0,
                state: BankState::default(),
            }),
            ledger,
            unconfirmed: Vec::new(),
            tracing: None,
            handled: Vec::new(),
            another_writer: None,
        }
    }

    /// How the last person's command to an account was handled, step by step (empty for any
    /// other command), handed over: asked twice, it is empty the second time.
    pub fn take_handling(&mut self) -> Vec<HandlingStep> {
        std::mem::take(&mut self.handled)
    }

    /// Handles `command` as [`Self::handle`] does, but another writer's `theirs` is decided and
    /// appended to the same stream after the command is decided and before it is appended: a
    /// real conflict, so the append expecting the old version is refused and the command is
    /// decided again on the new state.
    pub fn handle_after_another_writer(
        &mut self,
        command: &BankCommand,
        context: &CommandContext,
        theirs: Command,
    ) -> Result<Vec<RecordedEvent>, CommandError> {
        let theirs_context = CommandContext {
            command_id: format!("clerk-{}", context.command_id),
            correlation_id: format!("clerk-{}", context.command_id),
            now_ms: context.now_ms,
        };
        self.another_writer = Some((theirs, theirs_context));
        let handled = self.handle(command, context);
        self.another_writer = None;
        handled
    }

    fn trace(&mut self, step: impl FnOnce() -> HandlingStep) {
        if let Some(steps) = &mut self.tracing {
            steps.push(step());
        }
    }

    /// The ledger, for reading.
    pub fn ledger(&self) -> &Ledger<S> {
        &self.ledger
    }

    /// The ledger, for saving.
    pub fn ledger_mut(&mut self) -> &mut Ledger<S> {
        &mut self.ledger
    }

    /// Gives the ledger back (benchmarks and tools that copy a ledger's store).
    pub fn into_ledger(self) -> Ledger<S> {
        self.ledger
    }

    /// Deletes the whole history, and forgets this tab's commands awaiting confirmation, so a
    /// later write by another tab cannot bring any of them back.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        self.ledger.clear()?;
        self.unconfirmed.clear();
        Ok(())
    }

    /// Replaces the whole history with an import the person confirmed. Commands of this tab
    /// awaiting confirmation belong to the old history, so they are forgotten with it.
    /// `expected` is how many events the person saw the ledger hold when they confirmed.
    pub fn replace(
        &mut self,
        expected: usize,
        events: Vec<RecordedEvent>,
    ) -> Result<(), AppendError> {
        self.ledger.replace(expected, events)?;
        self.unconfirmed.clear();
        Ok(())
    }

    /// Reads the bank as of now: a fold of every event, kept up to date incrementally.
    pub fn with_present<R>(&self, read: impl FnOnce(&BankState) -> R) -> R {
        let events = self.ledger.events();
        let mut head = self.head.borrow_mut();
        if head.epoch != self.ledger.epoch() || head.len > events.len() {
            *head = HeadState {
                epoch: self.ledger.epoch(),
                len: 0,
                state: BankState::default(),
            };
        }
        if head.len < events.len() {
            let state = std::mem::take(&mut head.state);
            head.state = fold_from(state, &events[head.len..]);
            head.len = events.len();
        }
        read(&head.state)
    }

    /// The bank as of now.
    pub fn current_state(&self) -> BankState {
        self.with_present(Clone::clone)
    }

    /// Runs a person's command to one account (or a transfer, every step at once), against the
    /// present, and appends what it produced.
    ///
    /// If another writer appended to the same stream first, the ledger re-reads storage and the
    /// command is decided again against the fresh state, so it is either recorded once or
    /// refused with a reason. Writers to other streams never get in the way.
    pub fn handle(
        &mut self,
        command: &BankCommand,
        context: &CommandContext,
    ) -> Result<Vec<RecordedEvent>, CommandError> {
        self.unconfirmed
            .retain(|u| context.now_ms - u.context.now_ms < CONFIRMATION_WINDOW_MS);
        self.handled.clear();
        self.not_handled_before(context)?;
        let mut first = self.ledger.events().len();
        match command {
            BankCommand::Account(account, command) => {
                self.tracing = Some(Vec::new());
                // Where this command's own events start: another writer may have appended
                // before them.
                let handled = self.retrying(|bank| {
                    bank.handle_account_command(account.as_ref(), command, context, None)
                });
                self.handled = self.tracing.take().unwrap_or_default();
                first = handled?;
            }
            BankCommand::Transfer {
                transfer_id,
                from,
                to,
                amount,
            } => {
                // Redone after an overwrite, a request storage kept needs only its steps.
                if self.ledger.stream_version(transfer_id.as_str()) == 0 {
                    self.request_transfer(transfer_id, from, to, *amount, context)?;
                }
                self.run_transfer(transfer_id, context.now_ms)?;
            }
            BankCommand::ReverseWithdrawal {
                account,
                withdrawal,
            } => {
                self.retrying(|bank| bank.reverse_withdrawal(account, *withdrawal, context))?;
            }
        }
        let recorded = self.ledger.events()[first.min(self.ledger.events().len())..].to_vec();
        if !recorded.is_empty() {
            self.unconfirmed.push(Unconfirmed {
                command: command.clone(),
                context: context.clone(),
            });
        }
        Ok(recorded)
    }

    /// Commands are idempotent by id: one the ledger already holds is not handled again.
    pub(crate) fn not_handled_before(&self, context: &CommandContext) -> Result<(), CommandError> {
        match self.ledger.recorded_by(&context.command_id) {
            Some(position) => Err(CommandError::AlreadyHandled {
                command_id: context.command_id.clone(),
                position,
            }),
            None => Ok(()),
        }
    }

    /// Runs `attempt` until it is not beaten by another writer, at most [`MAX_ATTEMPTS`] times.
    fn retrying<R>(
        &mut self,
        mut attempt: impl FnMut(&mut Self) -> Result<R, CommandError>,
    ) -> Result<R, CommandError> {
        for _ in 0..MAX_ATTEMPTS {
            match attempt(self) {
                Err(CommandError::Ledger(
                    AppendError::Conflict { .. } | AppendError::Rewritten,
                )) => continue,
                other => return other,
            }
        }
        Err(CommandError::Contended)
    }

    /// Runs many commands through the same decide and append path as [`Self::handle`], writing
    /// storage once at the end instead of once per command: how generated history is added.
    /// Refused commands record nothing and are counted.
    pub fn handle_batch(
        &mut self,
        commands: impl IntoIterator<Item = (BankCommand, CommandContext)>,
    ) -> Result<BatchReport, CommandError> {
        let mut report = BatchReport::default();
        // One check of storage for the whole batch and one write at its end.
        self.ledger.start_batch()?;
        for (command, context) in commands {
            let before = self.ledger.events().len();
            let result = match &command {
                BankCommand::Account(account, command) => self
                    .handle_account_command(account.as_ref(), command, &context, None)
                    .map(|_| ()),
                BankCommand::Transfer {
                    transfer_id,
                    from,
                    to,
                    amount,
                } => self
                    .append_decided_transfer(transfer_id, from, to, *amount, &context)
                    .and_then(|()| self.run_steps(transfer_id, context.now_ms).map(|_| ())),
                BankCommand::ReverseWithdrawal {
                    account,
                    withdrawal,
                } => self
                    .reverse_withdrawal(account, *withdrawal, &context)
                    .map(|_| ()),
            };
            match result {
                Ok(()) => report.recorded += self.ledger.events().len() - before,
                Err(CommandError::Rejected(_)) => report.rejected += 1,
                Err(error) => {
                    let _ = self.ledger.finish_batch();
                    return Err(error);
                }
            }
        }
        self.ledger.finish_batch()?;
        Ok(report)
    }

    /// The one way a command to an account's stream is handled, whether a person sent it or
    /// the transfer's process manager did: the account's present state, `decide`, and an append
    /// expecting that stream unchanged since. `also_unchanged` is another stream, at the version
    /// the sender relied on (the account whose refusal made the process take this step),
    /// checked in the same write. Returns where the new events start.
    pub(super) fn handle_account_command(
        &mut self,
        account: Option<&AccountId>,
        command: &Command,
        context: &CommandContext,
        also_unchanged: Option<(&str, u64)>,
    ) -> Result<usize, CommandError> {
        let stream = match command {
            Command::OpenAccount { account_id, .. } => Some(account_id),
            _ => account,
        };
        let state = self.with_present(|bank| bank.account_or_none(stream.map(AccountId::as_str)));
        let version = stream.map_or(0, |s| self.ledger.stream_version(s.as_str()));
        if let Some(stream) = stream {
            self.trace(|| HandlingStep::Loaded {
                stream: stream.to_string(),
                version,
                balance: state.balance(),
            });
        }
        let events = decide(&state, command)?;
        self.trace(|| HandlingStep::Decided(events.iter().map(Event::name).collect()));
        let Some(stream) = stream else {
            // Only an opening decides "yes" without an account, and it names its stream.
            return Ok(self.ledger.events().len());
        };
        let expected = ExpectedVersion::from(version);
        if let Some((theirs, their_context)) = self.another_writer.take() {
            // Their command, decided on the same state and appended first.
            if let Ok(their_events) = decide(&state, &theirs) {
                self.append(&UnitOfWork::new(&their_context).with(
                    stream.as_str(),
                    expected,
                    &their_events,
                ))?;
                let now = self.ledger.stream_version(stream.as_str());
                self.trace(|| HandlingStep::OtherWriterAppended {
                    events: their_events.iter().map(Event::name).collect(),
                    version: now,
                });
            }
        }
        let appended = self.append(
            &UnitOfWork::new(context)
                .with(stream.as_str(), expected, &events)
                .unchanged(also_unchanged),
        );
        match &appended {
            Ok(_) => {
                let now = self.ledger.stream_version(stream.as_str());
                self.trace(|| HandlingStep::Appended {
                    expected: version,
                    version: now,
                });
            }
            Err(CommandError::Ledger(AppendError::Conflict { actual, .. })) => {
                let actual = *actual;
                self.trace(|| HandlingStep::Conflict {
                    expected: version,
                    actual,
                });
            }
            Err(_) => {}
        }
        appended
    }

    /// Decides a reversal against the account's state and the withdrawals its stream holds
    /// (folded now, from its events: no state keeps every withdrawal), and appends it expecting
    /// the stream unchanged since.
    fn reverse_withdrawal(
        &mut self,
        account: &AccountId,
        withdrawal: u64,
        context: &CommandContext,
    ) -> Result<usize, CommandError> {
        let state = self.with_present(|bank| bank.account_or_none(Some(account.as_str())));
        let withdrawals = Withdrawals::of(
            self.ledger
                .read_stream(account.as_str(), 1)
                .map(|r| &r.event),
        );
        let events = decide_reversal(&state, &withdrawals, withdrawal)?;
        let expected = ExpectedVersion::from(self.ledger.stream_version(account.as_str()));
        self.append(&UnitOfWork::new(context).with(account.as_str(), expected, &events))
    }

    /// Appends one unit of work. Returns where the new events start.
    fn append(&mut self, unit: &UnitOfWork<'_>) -> Result<usize, CommandError> {
        let first = self.ledger.events().len();
        self.ledger.append(unit)?;
        Ok(first)
    }

    /// Re-reads storage after another tab wrote (the `storage` event), at time `now_ms`.
    ///
    /// Two tabs can each read a stale copy and write, the later write overwriting the earlier.
    /// Each tab therefore watches its recent commands: one whose command id storage no longer
    /// holds is decided again against the fresh state and appended (or reported as refused).
    /// The command id makes this idempotent: a command found in storage is never redone.
    pub fn sync(&mut self, now_ms: i64) -> Result<SyncReport, CommandError> {
        let first = self
            .ledger
            .events()
            .first()
            .map(|e| e.metadata.command_id.clone());
        self.ledger.reload()?;
        let mut report = SyncReport::default();
        if self.ledger.events().is_empty() {
            // Another tab cleared the ledger on purpose: nothing of ours is to be brought back.
            self.unconfirmed.clear();
            return Ok(report);
        }
        // A stale tab's overwrite keeps the start of the history both tabs read; a history
        // started anew (cleared, then written; or imported) does not begin with ours at all.
        let same_history = first.as_ref().is_none_or(|first| {
            self.ledger
                .events()
                .first()
                .is_some_and(|e| e.metadata.command_id == *first)
        });
        if !same_history {
            report.forgotten = std::mem::take(&mut self.unconfirmed)
                .into_iter()
                .filter(|u| {
                    !self
                        .ledger
                        .events()
                        .iter()
                        .any(|e| e.metadata.command_id == u.context.command_id)
                })
                .map(|u| u.command.describe())
                .collect();
            return Ok(report);
        }
        let stored: HashSet<&str> = self
            .ledger
            .events()
            .iter()
            .map(|r| r.metadata.command_id.as_str())
            .collect();
        let (kept, lost): (Vec<_>, Vec<_>) = std::mem::take(&mut self.unconfirmed)
            .into_iter()
            .partition(|u| stored.contains(u.context.command_id.as_str()));
        self.unconfirmed = kept
            .into_iter()
            .filter(|u| now_ms - u.context.now_ms < CONFIRMATION_WINDOW_MS)
            .collect();
        for lost in lost {
            let words = lost.command.describe();
            match self.handle(&lost.command, &lost.context) {
                Ok(_) => report.redone.push(words),
                Err(CommandError::Rejected(rejection)) => report.refused.push((words, rejection)),
                Err(error) => return Err(error),
            }
        }
        Ok(report)
    }
}

/// The steps in words for a report: "debit the source, credit the destination".
pub fn steps_in_words(steps: &[StepTaken]) -> String {
    steps
        .iter()
        .map(|s| s.step.describe())
        .collect::<Vec<_>>()
        .join(", ")
}
