//! Runs a command end to end: fold the history, decide, append with the expected version.

use thiserror::Error;

use crate::domain::{decide, replay, AccountState, Command, Event, Rejection};
use crate::ledger::{AppendError, CommandContext, KeyValueStore, Ledger, RecordedEvent};

/// How many times a command is decided again after losing a race with another writer.
const MAX_ATTEMPTS: usize = 3;

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

/// The page's account over a ledger. The ledger may hold several streams; this service drives
/// the first account's stream, which is all the page shows.
#[derive(Debug)]
pub struct AccountService<S> {
    ledger: Ledger<S>,
}

impl<S: KeyValueStore> AccountService<S> {
    /// Wraps an opened ledger.
    pub fn new(ledger: Ledger<S>) -> Self {
        AccountService { ledger }
    }

    /// The ledger, for reading.
    pub fn ledger(&self) -> &Ledger<S> {
        &self.ledger
    }

    /// The ledger, for re-reading or clearing.
    pub fn ledger_mut(&mut self) -> &mut Ledger<S> {
        &mut self.ledger
    }

    /// The account as of now: a fold of every event.
    pub fn current_state(&self) -> AccountState {
        replay(self.ledger.events().iter().map(|r| &r.event))
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
        for _ in 0..MAX_ATTEMPTS {
            let state = self.current_state();
            let events = decide(&state, command)?;
            let Some(stream_id) = stream_of(&state, &events) else {
                return Ok(Vec::new());
            };
            let expected = self.ledger.stream_version(&stream_id);
            match self.ledger.append(&stream_id, expected, &events, context) {
                Ok(recorded) => return Ok(recorded.to_vec()),
                Err(AppendError::Conflict { .. }) => continue,
                Err(error) => return Err(error.into()),
            }
        }
        Err(CommandError::Contended)
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
