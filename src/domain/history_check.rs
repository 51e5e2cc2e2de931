//! Checks that a history from elsewhere (an imported file) could have come from the rules.
//!
//! No rule is written twice: each event is turned back into the one command that records exactly
//! that event, and [`decide`] must accept that command and record that event. A payout and a
//! close are two events of one command; each is also what its own command records (a withdrawal
//! of the whole balance, then closing an empty account), so the check works event by event.

use thiserror::Error;

use super::{decide, evolve, initial_state, AccountState, Command, Event, Rejection};

/// Why a history could not have been recorded by this app's rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HistoryError {
    /// The rules refuse the event at this point of the history.
    #[error("event #{index} ({event}) breaks a rule: {rejection}")]
    Refused {
        /// 1-based place in the history.
        index: usize,
        /// The event's type.
        event: &'static str,
        /// The rule it breaks.
        rejection: Rejection,
    },
    /// The rules accept the command, but would record something else (an owner name that was
    /// not trimmed, say).
    #[error("event #{index} ({event}) is not what the rules record: they record {recorded}")]
    NotWhatTheRulesRecord {
        /// 1-based place in the history.
        index: usize,
        /// The event's type.
        event: &'static str,
        /// What the rules would record instead, in words.
        recorded: String,
    },
}

/// The command that, on its own, records exactly `event`.
pub fn command_for(event: &Event) -> Command {
    match event {
        Event::AccountOpened { account_id, owner } => Command::OpenAccount {
            account_id: account_id.clone(),
            owner: owner.as_str().to_string(),
        },
        Event::MoneyDeposited { amount } => Command::DepositMoney { amount: *amount },
        Event::MoneyWithdrawn { amount } => Command::WithdrawMoney { amount: *amount },
        Event::AccountClosed => Command::CloseAccount,
    }
}

/// Replays `events` through [`decide`], one command per event, and returns the final state, or
/// the first event the rules would not have recorded.
pub fn check_history<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<AccountState, HistoryError> {
    let mut state = initial_state();
    for (i, event) in events.into_iter().enumerate() {
        let index = i + 1;
        let recorded =
            decide(&state, &command_for(event)).map_err(|rejection| HistoryError::Refused {
                index,
                event: event.name(),
                rejection,
            })?;
        if recorded.as_slice() != std::slice::from_ref(event) {
            return Err(HistoryError::NotWhatTheRulesRecord {
                index,
                event: event.name(),
                recorded: recorded
                    .iter()
                    .map(Event::describe)
                    .collect::<Vec<_>>()
                    .join(", then "),
            });
        }
        state = evolve(state, event);
    }
    Ok(state)
}
