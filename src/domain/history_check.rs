//! Checks that a history from elsewhere (an imported file, a link) could have come from the
//! rules: every stream's and every transfer's.
//!
//! No rule is written twice: each event is turned back into the one command that records it,
//! and `decide` (or `decide_transfer`) must accept that command in that stream and record that
//! event. A close that pays out records two events, `BalancePaidOut` then `AccountClosed`: the
//! second must follow in the same write. (Up to release 0.4.0 the payout was a `MoneyWithdrawn`,
//! which is also what a withdrawal records, so those histories check event by event.) A
//! withdrawal's reversal is decided from the stream's withdrawals, kept per stream while
//! checking. Transfers are checked against their process as well: a debit belongs to a
//! requested transfer (or to one atomic write with its credit), a credit follows its debit, a
//! refund replaces a refused credit, and a transfer ends completed only when both sides
//! recorded, failed only when no money is left moving.

use std::collections::HashMap;

use thiserror::Error;

use super::{
    decide, decide_reversal, decide_transfer, evolve, evolve_transfer, initial_state, AccountId,
    AccountState, Command, Event, Money, OwnerName, Rejection, TransferCommand, TransferId,
    TransferProgress, TransferState, Withdrawals,
};

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
    /// A transfer's event that its process would not have recorded there and then.
    #[error("event #{index} ({event}) does not fit its transfer: {detail}")]
    NotWhatTheProcessRecords {
        /// 1-based place in the history.
        index: usize,
        /// The event's type.
        event: &'static str,
        /// What is wrong, in words.
        detail: String,
    },
}

/// The command that, on its own, records exactly `event` in an account's stream, or `None` for
/// the events of a transfer's own stream and a withdrawal's reversal (decided by
/// [`super::decide_reversal`], from the stream's withdrawals).
pub fn command_for(event: &Event) -> Option<Command> {
    Some(match event {
        Event::AccountOpened { account_id, owner } => Command::OpenAccount {
            account_id: account_id.clone(),
            owner: owner.as_str().to_string(),
        },
        Event::MoneyDeposited {
            amount,
            effective_on,
        } => Command::DepositMoney {
            amount: *amount,
            effective_on: *effective_on,
        },
        Event::MoneyWithdrawn { amount } => Command::WithdrawMoney { amount: *amount },
        Event::BalancePaidOut { .. } | Event::AccountClosed => Command::CloseAccount,
        Event::TransferDebited {
            transfer_id,
            to,
            amount,
        } => Command::DebitTransfer {
            transfer_id: transfer_id.clone(),
            to: to.clone(),
            amount: *amount,
        },
        Event::TransferCredited {
            transfer_id,
            from,
            amount,
        } => Command::CreditTransfer {
            transfer_id: transfer_id.clone(),
            from: from.clone(),
            amount: *amount,
        },
        Event::TransferRefunded {
            transfer_id,
            amount,
            reason,
        } => Command::RefundTransfer {
            transfer_id: transfer_id.clone(),
            amount: *amount,
            reason: reason.clone(),
        },
        Event::WithdrawalReversed { .. }
        | Event::TransferRequested { .. }
        | Event::TransferCompleted
        | Event::TransferFailed { .. } => return None,
    })
}

/// The command that records exactly `event` in a transfer's own stream.
fn transfer_command_for(event: &Event) -> Option<TransferCommand> {
    Some(match event {
        Event::TransferRequested {
            transfer_id,
            from,
            to,
            amount,
        } => TransferCommand::Request {
            transfer_id: transfer_id.clone(),
            from: from.clone(),
            to: to.clone(),
            amount: *amount,
        },
        Event::TransferCompleted => TransferCommand::Complete,
        Event::TransferFailed { reason } => TransferCommand::Fail {
            reason: reason.clone(),
        },
        Event::AccountOpened { .. }
        | Event::MoneyDeposited { .. }
        | Event::MoneyWithdrawn { .. }
        | Event::BalancePaidOut { .. }
        | Event::WithdrawalReversed { .. }
        | Event::AccountClosed
        | Event::TransferDebited { .. }
        | Event::TransferCredited { .. }
        | Event::TransferRefunded { .. } => return None,
    })
}

/// A debit written in one atomic write with its credit: the credit must follow in the same
/// command.
#[derive(Debug, Clone)]
struct AtomicDebit {
    command_id: String,
    from: AccountId,
    to: AccountId,
    amount: Money,
}

/// A stream's state, by the kind of stream its first event made it.
#[derive(Debug)]
enum StreamState {
    Account(AccountState),
    Transfer(TransferState),
}

/// Replays a history event by event through the rules, remembering every stream's state.
#[derive(Debug, Default)]
pub struct HistoryChecker {
    /// Each stream's place in `states`.
    streams: HashMap<String, usize>,
    states: Vec<StreamState>,
    /// Each stream's withdrawals, beside `states`: what a reversal is checked against.
    withdrawals: Vec<Withdrawals>,
    /// Requested transfers that have not ended (a handful at any point).
    running: Vec<TransferProgress>,
    /// Every transfer id seen, requested or atomic, with the event that first used it: each is
    /// used once.
    used: HashMap<String, u64>,
    atomic: Option<(TransferId, AtomicDebit)>,
    /// The rest of a command that records more than one event (a payout's closing): the
    /// stream, the command id and the event that must come next.
    following: Option<(String, String, Event)>,
    index: usize,
}

impl HistoryChecker {
    /// Nothing checked yet.
    pub fn new() -> Self {
        HistoryChecker::default()
    }

    /// Checks the next event, recorded in `stream_id` by command `command_id`.
    pub fn check(
        &mut self,
        stream_id: &str,
        command_id: &str,
        event: &Event,
    ) -> Result<(), HistoryError> {
        self.index += 1;
        let index = self.index;
        let name = event.name();
        let process = |detail: String| HistoryError::NotWhatTheProcessRecords {
            index,
            event: name,
            detail,
        };
        if let Some((_, debit)) = &self.atomic {
            if debit.command_id != command_id {
                return Err(process(
                    "an atomic transfer's debit is not followed by its credit in the same write"
                        .to_string(),
                ));
            }
        }
        if let Some((stream, command, next)) = self.following.take() {
            if (stream.as_str(), command.as_str(), &next) != (stream_id, command_id, event) {
                return Err(HistoryError::NotWhatTheRulesRecord {
                    index,
                    event: name,
                    recorded: format!(
                        "{} in the same write, after the one before",
                        next.describe()
                    ),
                });
            }
        }
        let refused = |rejection| HistoryError::Refused {
            index,
            event: name,
            rejection,
        };
        let transfer_command = transfer_command_for(event);
        let slot = match self.streams.get(stream_id) {
            Some(&slot) => slot,
            None => {
                self.streams
                    .insert(stream_id.to_string(), self.states.len());
                self.states.push(if transfer_command.is_some() {
                    StreamState::Transfer(TransferState::NotRequested)
                } else {
                    StreamState::Account(initial_state())
                });
                self.withdrawals.push(Withdrawals::default());
                self.states.len() - 1
            }
        };
        let recorded = match (&mut self.states[slot], transfer_command) {
            (StreamState::Transfer(state), Some(command)) => {
                if let Event::TransferRequested { transfer_id, .. } = event {
                    if transfer_id.as_str() != stream_id {
                        return Err(process(format!(
                            "it requests transfer \"{transfer_id}\" in the stream of \"{stream_id}\""
                        )));
                    }
                }
                let recorded = decide_transfer(state, &command).map_err(refused)?;
                *state =
                    evolve_transfer(std::mem::replace(state, TransferState::NotRequested), event);
                recorded
            }
            (StreamState::Account(state), None) => {
                let withdrawals = &mut self.withdrawals[slot];
                let decided = match event {
                    Event::WithdrawalReversed { withdrawal, .. } => {
                        decide_reversal(state, withdrawals, *withdrawal)
                    }
                    _ => decide(state, &command_for(event).unwrap_or(Command::CloseAccount)),
                };
                withdrawals.apply(event);
                let recorded = match decided {
                    Err(Rejection::OwnerNameEmpty) if shows_nothing_as_once_allowed(event) => {
                        vec![event.clone()]
                    }
                    decided => decided.map_err(refused)?,
                };
                *state = evolve(std::mem::replace(state, initial_state()), event);
                recorded
            }
            (StreamState::Account(_), Some(_)) => {
                return Err(process(format!("\"{stream_id}\" is an account's stream")))
            }
            (StreamState::Transfer(_), None) => {
                return Err(process(format!("\"{stream_id}\" is a transfer's stream")))
            }
        };
        match recorded.as_slice() {
            [only] if only == event => {}
            [first, next] if first == event => {
                self.following = Some((stream_id.to_string(), command_id.to_string(), next.clone()))
            }
            _ => {
                return Err(HistoryError::NotWhatTheRulesRecord {
                    index,
                    event: name,
                    recorded: recorded
                        .iter()
                        .map(Event::describe)
                        .collect::<Vec<_>>()
                        .join(", then "),
                })
            }
        }
        self.follow_process(stream_id, command_id, event)
            .map_err(process)?;
        // A credit also ends its transfer's time in flight in the source's own state, as the
        // bank's fold does, so `decide` sees it when the source asks to close.
        if let Some(other) = event.also_decides_for() {
            if other.as_str() != stream_id {
                if let Some(&other) = self.streams.get(other.as_str()) {
                    if let StreamState::Account(state) = &mut self.states[other] {
                        *state = evolve(std::mem::replace(state, initial_state()), event);
                    }
                }
            }
        }
        Ok(())
    }

    /// Fails when the history ends in the middle of an atomic write or of a close.
    pub fn finish(&self) -> Result<(), HistoryError> {
        if let Some((_, _, next)) = &self.following {
            return Err(HistoryError::NotWhatTheRulesRecord {
                index: self.index,
                event: "BalancePaidOut",
                recorded: format!("{} after it, in the same write", next.describe()),
            });
        }
        match &self.atomic {
            Some((transfer_id, _)) => Err(HistoryError::NotWhatTheProcessRecords {
                index: self.index,
                event: "TransferDebited",
                detail: format!(
                    "transfer {transfer_id} was debited but never credited in its atomic write"
                ),
            }),
            None => Ok(()),
        }
    }

    fn running_mut(&mut self, id: &TransferId) -> Option<&mut TransferProgress> {
        self.running.iter_mut().find(|p| &p.transfer_id == id)
    }

    /// Records that `id` names a transfer from now on, or says it already did.
    fn use_id(&mut self, id: &TransferId) -> Result<(), String> {
        if self.used.contains_key(id.as_str()) {
            return Err(format!("transfer id {id} is already used"));
        }
        self.used.insert(id.to_string(), self.index as u64);
        Ok(())
    }

    /// The transfer's side of the check: does this event fit where its transfer is?
    fn follow_process(
        &mut self,
        stream_id: &str,
        command_id: &str,
        event: &Event,
    ) -> Result<(), String> {
        match event {
            Event::TransferRequested {
                transfer_id,
                from,
                to,
                amount,
            } => {
                self.use_id(transfer_id)?;
                self.running.push(TransferProgress::requested(
                    transfer_id.clone(),
                    from.clone(),
                    to.clone(),
                    *amount,
                ));
            }
            Event::TransferDebited {
                transfer_id,
                to,
                amount,
            } => match self.running_mut(transfer_id) {
                Some(p)
                    if p.from.as_str() == stream_id
                        && &p.to == to
                        && p.amount == *amount
                        && !p.debited =>
                {
                    p.apply(event)
                }
                Some(_) => {
                    return Err(format!(
                        "transfer {transfer_id} asked for no such debit here"
                    ))
                }
                None => {
                    // A requested transfer is refused between the same account by its own
                    // rules; an atomic write has no request, so the check is made here.
                    if to.as_str() == stream_id {
                        return Err(format!(
                            "transfer {transfer_id} moves money from {stream_id} to itself"
                        ));
                    }
                    self.use_id(transfer_id)?;
                    self.atomic = Some((
                        transfer_id.clone(),
                        AtomicDebit {
                            command_id: command_id.to_string(),
                            from: AccountId::new(stream_id),
                            to: to.clone(),
                            amount: *amount,
                        },
                    ));
                }
            },
            Event::TransferCredited {
                transfer_id,
                from,
                amount,
            } => {
                if let Some((id, debit)) = &self.atomic {
                    if id == transfer_id
                        && debit.to.as_str() == stream_id
                        && &debit.from == from
                        && debit.amount == *amount
                    {
                        self.atomic = None;
                        return Ok(());
                    }
                }
                match self.running_mut(transfer_id) {
                    Some(p)
                        if p.to.as_str() == stream_id
                            && &p.from == from
                            && p.amount == *amount
                            && p.in_flight() =>
                    {
                        p.apply(event)
                    }
                    _ => {
                        return Err(format!(
                            "transfer {transfer_id} has no debit waiting for this credit"
                        ))
                    }
                }
            }
            Event::TransferRefunded {
                transfer_id,
                amount,
                ..
            } => match self.running_mut(transfer_id) {
                Some(p) if p.from.as_str() == stream_id && p.amount == *amount && p.in_flight() => {
                    p.apply(event)
                }
                _ => {
                    return Err(format!(
                        "transfer {transfer_id} has no debit in flight to refund"
                    ))
                }
            },
            Event::TransferCompleted | Event::TransferFailed { .. } => {
                let id = TransferId::new(stream_id);
                let Some(at) = self.running.iter().position(|p| p.transfer_id == id) else {
                    return Err(format!("transfer {id} is not running"));
                };
                let p = &self.running[at];
                // Completed only when both sides recorded; failed only when no money is moving.
                let completed = *event == Event::TransferCompleted;
                let fits = if completed {
                    p.debited && p.credited
                } else {
                    !p.debited || p.refunded.is_some()
                };
                if !fits {
                    return Err(format!("transfer {id} cannot end that way where it is"));
                }
                self.running.remove(at);
            }
            // The account's own events: its rules checked them already.
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::MoneyWithdrawn { .. }
            | Event::BalancePaidOut { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed => {}
        }
        Ok(())
    }
}

/// Replays `events` of one account's stream through [`decide`]: the first event the rules
/// would not have recorded, if any.
pub fn check_history<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<AccountState, HistoryError> {
    let mut checker = HistoryChecker::new();
    let mut state = initial_state();
    let mut command = 0;
    for event in events {
        // One command per event, but a payout's closing is part of the payout's command.
        if !(checker.following.is_some() && *event == Event::AccountClosed) {
            command += 1;
        }
        checker.check("account", &format!("command-{command}"), event)?;
        state = evolve(state, event);
    }
    checker.finish()?;
    Ok(state)
}

/// Releases up to 0.4.0 opened accounts for names of only invisible characters (a zero-width
/// space, say); the rule that a name shows something came later. Recorded then, such an opening
/// is a fact, not a command to judge again: it is read as recorded (the page shows the name
/// isolated), while a new command with such a name is refused. A name with spaces around it
/// was never recorded (every release trimmed them), so it is not one of these.
fn shows_nothing_as_once_allowed(event: &Event) -> bool {
    match event {
        Event::AccountOpened { owner, .. } => {
            owner.as_str() == owner.as_str().trim() && OwnerName::read(owner.as_str()).is_ok()
        }
        _ => false,
    }
}
