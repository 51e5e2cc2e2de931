//! Reading a shared ledger file before it may replace anything: the format, every envelope, and
//! that the aggregate's rules would have recorded exactly this history.

use std::collections::HashSet;

use thiserror::Error;

use super::format::{decode_full, FormatError};
use super::RecordedEvent;
use crate::domain::{Event, HistoryChecker, HistoryError};

/// A file that passed every check, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The events, in position order.
    pub events: Vec<RecordedEvent>,
    /// Where the time-travel cursor lands: where the exporter was looking, else the start.
    pub cursor: usize,
    /// The version of the app that exported it, if it says.
    pub app_version: Option<String>,
}

/// Why a file was refused. Each message names the event and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Not a ledger document, or a damaged one.
    #[error("{0}")]
    Format(#[from] FormatError),
    /// Readable, but not a history the rules would have recorded.
    #[error("{0}")]
    Rules(#[from] HistoryError),
    /// An account opened in a stream named after another account.
    #[error("event #{position} opens account \"{account_id}\" in the stream of \"{stream_id}\"")]
    AccountNotItsStream {
        /// The event's position.
        position: u64,
        /// The account it opens.
        account_id: String,
        /// The stream it is in.
        stream_id: String,
    },
    /// A command's events must be next to each other; a command id seen again is a copy.
    #[error("event #{position} repeats command id \"{command_id}\" of an earlier command")]
    RepeatedCommand {
        /// The event's position.
        position: u64,
        /// The repeated id.
        command_id: String,
    },
    /// The saved cursor points past the history.
    #[error("its cursor is at event {cursor}, but it holds only {events} events")]
    CursorOutOfRange {
        /// The saved cursor.
        cursor: u64,
        /// How many events there are.
        events: usize,
    },
}

/// Reads and checks a shared file. Any text gives an [`Import`] or an [`ImportError`], never a
/// panic, and nothing is changed either way: replacing the ledger is the caller's next step.
pub fn read_import(text: &str) -> Result<Import, ImportError> {
    let document = decode_full(text)?;
    check_import(document.events, document.cursor, document.app_version)
}

/// The checks every history from elsewhere passes (a file or a link), after its format: every
/// account opened in its own stream, no command id repeated, a cursor within the events, and
/// a history the rules would have recorded.
pub fn check_import(
    events: Vec<RecordedEvent>,
    cursor: Option<u64>,
    app_version: Option<String>,
) -> Result<Import, ImportError> {
    check_recorded(&events)?;
    let cursor = match cursor {
        None => 0,
        Some(k) if k <= events.len() as u64 => k as usize,
        Some(cursor) => {
            return Err(ImportError::CursorOutOfRange {
                cursor,
                events: events.len(),
            })
        }
    };
    Ok(Import {
        events,
        cursor,
        app_version,
    })
}

/// Whether the rules would have recorded `events`: every account opened in its own stream, no
/// command id repeated, each event what its command records there and then. What a file or a
/// link is checked by, and a stored ledger when it is opened.
pub fn check_recorded(events: &[RecordedEvent]) -> Result<(), ImportError> {
    let mut commands: HashSet<&str> = HashSet::new();
    let mut previous_command = None;
    let mut checker = HistoryChecker::new();
    for recorded in events {
        if let Event::AccountOpened { account_id, .. } = &recorded.event {
            if account_id.as_str() != recorded.stream_id {
                return Err(ImportError::AccountNotItsStream {
                    position: recorded.position,
                    account_id: account_id.as_str().to_string(),
                    stream_id: recorded.stream_id.clone(),
                });
            }
        }
        let command_id = recorded.metadata.command_id.as_str();
        if previous_command != Some(command_id) {
            if !commands.insert(command_id) {
                return Err(ImportError::RepeatedCommand {
                    position: recorded.position,
                    command_id: command_id.to_string(),
                });
            }
            previous_command = Some(command_id);
        }
        checker.check(&recorded.stream_id, command_id, &recorded.event)?;
    }
    checker.finish()?;
    Ok(())
}
