//! Runs a command end to end: fold the history, decide, append with the expected version; and
//! keeps this tab's recent commands until storage is known to hold them.

use std::cell::RefCell;
use std::collections::HashSet;

use thiserror::Error;

use crate::domain::{decide, evolve, initial_state, AccountState, Command, Event, Rejection};
use crate::ledger::{
    AppendError, CommandContext, Expected, KeyValueStore, Ledger, RecordedEvent, ReplaceError,
    StorageError,
};

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
}

/// What re-reading storage found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// This tab's commands that another tab's write had overwritten, recorded again.
    pub redone: Vec<Command>,
    /// Overwritten commands that, decided again against the fresh state, were refused.
    pub refused: Vec<(Command, Rejection)>,
}

/// What a run of generated commands did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// How many events were appended.
    pub recorded: usize,
    /// How many commands the rules refused (they record nothing, as always).
    pub rejected: usize,
}

/// A command this tab appended, watched until storage is known to keep it.
#[derive(Debug, Clone)]
struct Unconfirmed {
    command: Command,
    context: CommandContext,
    /// The account it applied to: a lost command is redone only on that same account.
    account: String,
}

/// The state after the first `len` events of ledger epoch `epoch`, so that deciding a command
/// folds only what was appended since, not the whole history.
#[derive(Debug)]
struct HeadState {
    epoch: u64,
    len: usize,
    state: AccountState,
}

/// The page's account over a ledger. The ledger may hold several streams; this service drives
/// the first account's stream, which is all the page shows.
#[derive(Debug)]
pub struct AccountService<S> {
    ledger: Ledger<S>,
    unconfirmed: Vec<Unconfirmed>,
    head: RefCell<HeadState>,
}

impl<S: KeyValueStore> AccountService<S> {
    /// Wraps an opened ledger.
    pub fn new(ledger: Ledger<S>) -> Self {
        AccountService {
            head: RefCell::new(HeadState {
                epoch: ledger.epoch(),
                len: 0,
                state: initial_state(),
            }),
            ledger,
            unconfirmed: Vec::new(),
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
    ) -> Result<(), ReplaceError> {
        let result = self.ledger.replace(expected, events);
        if !matches!(result, Err(ReplaceError::NotReplaced(_))) {
            self.unconfirmed.clear();
        }
        result
    }

    /// The account as of now: a fold of every event, kept up to date incrementally.
    pub fn current_state(&self) -> AccountState {
        let events = self.ledger.events();
        let mut head = self.head.borrow_mut();
        if head.epoch != self.ledger.epoch() || head.len > events.len() {
            *head = HeadState {
                epoch: self.ledger.epoch(),
                len: 0,
                state: initial_state(),
            };
        }
        let start = head.len;
        let state = std::mem::replace(&mut head.state, initial_state());
        head.state = events[start..]
            .iter()
            .fold(state, |state, recorded| evolve(state, &recorded.event));
        head.len = events.len();
        head.state.clone()
    }

    /// Decides `command` against the present and appends what it produced, atomically.
    ///
    /// If another writer appended first, the ledger re-reads storage and the command is decided
    /// again against the fresh state, so it is either recorded once or refused with a reason.
    pub fn handle(
        &mut self,
        command: &Command,
        context: &CommandContext,
    ) -> Result<Vec<RecordedEvent>, CommandError> {
        self.unconfirmed
            .retain(|u| context.now_ms - u.context.now_ms < CONFIRMATION_WINDOW_MS);
        for _ in 0..MAX_ATTEMPTS {
            match self.decide_and_append(command, context, true) {
                Ok(Some((first, account))) => {
                    self.unconfirmed.push(Unconfirmed {
                        command: command.clone(),
                        context: context.clone(),
                        account,
                    });
                    return Ok(self.ledger.events()[first..].to_vec());
                }
                Ok(None) => return Ok(Vec::new()),
                Err(CommandError::Ledger(
                    AppendError::Conflict { .. }
                    | AppendError::HeadMoved { .. }
                    | AppendError::Rewritten,
                )) => continue,
                Err(error) => return Err(error),
            }
        }
        Err(CommandError::Contended)
    }

    /// Runs many commands through the same decide and append path as [`Self::handle`], writing
    /// storage once at the end instead of once per command: how generated history is added.
    /// Refused commands record nothing and are counted.
    pub fn handle_batch(
        &mut self,
        commands: impl IntoIterator<Item = (Command, CommandContext)>,
    ) -> Result<BatchReport, CommandError> {
        let mut report = BatchReport::default();
        // One check of storage for the whole batch; nothing can interleave with a synchronous
        // loop, and the save at the end checks again before writing.
        self.ledger.reload()?;
        for (command, context) in commands {
            let before = self.ledger.events().len();
            match self.decide_and_append(&command, &context, false) {
                Ok(_) => report.recorded += self.ledger.events().len() - before,
                Err(CommandError::Rejected(_)) => report.rejected += 1,
                Err(error) => {
                    let _ = self.ledger.save();
                    return Err(error);
                }
            }
        }
        self.ledger.save()?;
        Ok(report)
    }

    /// Decides against the present and appends, expecting the ledger unchanged since. Returns
    /// where the new events start and their stream, or `None` if there were none.
    fn decide_and_append(
        &mut self,
        command: &Command,
        context: &CommandContext,
        write: bool,
    ) -> Result<Option<(usize, String)>, CommandError> {
        let state = self.current_state();
        let events = decide(&state, command)?;
        let Some(stream_id) = stream_of(&state, &events) else {
            return Ok(None);
        };
        // Every decision folds the whole ledger, so the whole ledger must be unchanged, not just
        // this stream: otherwise two tabs could each open an account.
        let expected = Expected::from(self.ledger.stream_version(&stream_id))
            .with_head(self.ledger.events().len() as u64);
        let first = if write {
            let first = self.ledger.events().len();
            self.ledger.append(&stream_id, expected, &events, context)?;
            first
        } else {
            self.ledger
                .append_in_batch(&stream_id, expected, &events, context)?
        };
        Ok(Some((first, stream_id)))
    }

    /// Re-reads storage after another tab wrote (the `storage` event), at time `now_ms`.
    ///
    /// Two tabs can each read a stale copy and write, the later write overwriting the earlier.
    /// Each tab therefore watches its recent commands: one whose command id storage no longer
    /// holds is decided again against the fresh state and appended (or reported as refused).
    /// The command id makes this idempotent: a command found in storage is never redone.
    pub fn sync(&mut self, now_ms: i64) -> Result<SyncReport, CommandError> {
        self.ledger.reload()?;
        let mut report = SyncReport::default();
        if self.ledger.events().is_empty() {
            // Another tab cleared the ledger on purpose: nothing of ours is to be brought back.
            self.unconfirmed.clear();
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
            let same_account = match &lost.command {
                Command::OpenAccount { .. } => true,
                _ => self
                    .current_state()
                    .account_id()
                    .is_some_and(|id| id.as_str() == lost.account),
            };
            if !same_account {
                continue;
            }
            match self.handle(&lost.command, &lost.context) {
                Ok(_) => report.redone.push(lost.command),
                Err(CommandError::Rejected(rejection)) => {
                    report.refused.push((lost.command, rejection))
                }
                Err(error) => return Err(error),
            }
        }
        Ok(report)
    }
}

/// The stream the events go to: the account being opened, or the one that exists.
fn stream_of(state: &AccountState, events: &[Event]) -> Option<String> {
    match events.first() {
        Some(Event::AccountOpened { account_id, .. }) => Some(account_id.as_str().to_string()),
        Some(_) => state.account_id().map(|id| id.as_str().to_string()),
        None => None,
    }
}
