//! Actions that write to the own ledger: a person's command, an import, clearing, saving.

use crate::app::format::{count, group_thousands};
use crate::app::{decided_again, Cursor, Flow, FlowOutcome, RejectedAttempt, Showing};
use crate::app::{opened_at, spec_of_rejection, Field};
use crate::bank_service::{BankCommand, CommandError};
use crate::domain::{rule_checks, AccountId, Check, Command, Day, Money, Rule};
use crate::eventstore::{
    encode_export, AppendError, CommandContext, Import, KeyValueStore, StorageError,
};

use super::Page;

/// What the simulated other clerk writes: a deposit of $10.00, to the same account.
const ANOTHER_CLERKS_DEPOSIT: Money = Money::from_cents(1_000);

fn another_clerks_deposit() -> Command {
    Command::DepositMoney {
        amount: ANOTHER_CLERKS_DEPOSIT,
        effective_on: None,
    }
}

impl<S: KeyValueStore + Clone> Page<S> {
    /// Switches "Simulate another clerk writing first" for the next command to an account.
    pub fn set_another_clerk(&mut self, on: bool) {
        self.another_clerk = on;
    }

    /// Whether the next command to an account meets another clerk's write first.
    pub fn another_clerk(&self) -> bool {
        self.another_clerk
    }

    /// Runs a person's command against the present, with the ids and clock the browser gave
    /// it. The view returns to now, so the person sees the effect; a refusal is listed among
    /// the rejected attempts and appends nothing.
    pub fn send(&mut self, command: &Command, context: &CommandContext) {
        if let Command::DepositMoney {
            effective_on: Some(day),
            ..
        } = command
        {
            if let Some(why) = self.back_dating_refused(*day, context.now_ms) {
                return self.refuse_field(Field::EffectiveOn, format!("Took effect on: {why}"));
            }
        }
        self.remember_command(command, context);
        self.cursor = Cursor::Present;
        let off = self.commands_off();
        let clerk = std::mem::take(&mut self.another_clerk);
        let (result, handling) = match (&mut self.showing, off) {
            (Showing::Own(own), None) => {
                let sent = BankCommand::Account(self.chosen.clone(), command.clone());
                let result = if clerk {
                    own.handle_after_another_writer(&sent, context, another_clerks_deposit())
                } else {
                    own.handle(&sent, context)
                };
                (result, own.take_handling())
            }
            (_, off) => {
                let reason = off.unwrap_or_default();
                self.record_flow(
                    command,
                    rule_checks(command, None)
                        .into_iter()
                        .map(|(rule, _)| (rule, Check::NotReached))
                        .collect(),
                    FlowOutcome::NotSent(reason),
                );
                return self.fail("Commands are off right now: see the message above.");
            }
        };
        // Even a refusal may come with a fresher ledger (another writer appended first).
        self.settle();
        let refused = match &result {
            Err(CommandError::Rejected(rejection)) => Some(rejection),
            _ => None,
        };
        let outcome = FlowOutcome::of(&result);
        let checks = match &result {
            // Not decided again: no rule was checked.
            Err(CommandError::AlreadyHandled { .. }) => rule_checks(command, None)
                .into_iter()
                .map(|(rule, _)| (rule, Check::NotReached))
                .collect(),
            _ => rule_checks(command, refused),
        };
        self.record_flow(command, checks, outcome);
        if let Some(flow) = &mut self.flow {
            flow.handling = handling;
        }
        let again = self.flow.as_ref().and_then(|f| decided_again(&f.handling));
        match result {
            Ok(recorded) => {
                if let Command::OpenAccount { account_id, .. } = command {
                    // The form now acts on the account just opened, as a person expects.
                    self.chosen = Some(account_id.clone());
                }
                let names: Vec<String> = recorded
                    .iter()
                    .map(|r| format!("{} (#{})", r.event.name(), r.position))
                    .collect();
                let recorded = format!("Recorded {}.", names.join(" then "));
                self.messages.success(match again {
                    Some(again) => format!("{recorded} {again}"),
                    None => recorded,
                });
            }
            Err(CommandError::Rejected(rejection)) => {
                self.fail(format!("Rejected: {rejection}"));
                let mut attempt =
                    RejectedAttempt::new(self.rejected.len() + 1, command, &rejection);
                let stream = match command {
                    Command::OpenAccount { account_id, .. } => Some(account_id.as_str()),
                    _ => self.chosen.as_ref().map(AccountId::as_str),
                };
                // What decide saw: the stream's events and the credits of its transfers.
                let given = self
                    .events()
                    .iter()
                    .filter(|r| {
                        stream.is_some_and(|s| r.event.in_decision_state_of(&r.stream_id, s))
                    })
                    .map(|r| r.event.clone())
                    .collect();
                attempt.spec = Some(spec_of_rejection(given, command, &rejection));
                self.rejected.push(attempt);
            }
            // Safe, not a failure: the first time counted.
            Err(error @ CommandError::AlreadyHandled { .. }) => {
                self.messages.success(error.to_string())
            }
            Err(error) => self.fail(error.to_string()),
        }
    }

    /// Why a deposit cannot be back-dated to `day`, if it cannot: today or later (a deposit
    /// recorded now takes effect now, not later), or before the chosen account was opened.
    /// Checked here, at the edge, which has the clock and the opening's date; `decide` has
    /// neither.
    fn back_dating_refused(&self, day: Day, now_ms: i64) -> Option<String> {
        let today = Day::of_moment(now_ms);
        if day == today {
            return Some(format!(
                "{day} is today (UTC): leave the date empty, as a deposit recorded now takes effect now."
            ));
        }
        if day > today {
            return Some(format!(
                "{day} is after today ({today}, UTC): a deposit made now cannot take effect later."
            ));
        }
        let opened_on = Day::of_moment(opened_at(self.events(), self.chosen()?)?);
        (day < opened_on).then(|| {
            format!("{day} is before the account was opened ({opened_on}): it held no money then.")
        })
    }

    fn record_flow(&mut self, command: &Command, checks: Vec<(Rule, Check)>, outcome: FlowOutcome) {
        self.record_flow_of(command.describe(), checks, outcome);
    }

    pub(super) fn record_flow_of(
        &mut self,
        command: String,
        checks: Vec<(Rule, Check)>,
        outcome: FlowOutcome,
    ) {
        self.flow = Some(Flow {
            id: self.flow.as_ref().map_or(1, |f| f.id + 1),
            command,
            checks,
            outcome,
            handling: Vec::new(),
        });
    }

    /// Replaces the own ledger with a checked import (`file` is its name) the person
    /// confirmed having seen `expected` events, and moves the cursor where the file says.
    pub fn import(&mut self, import: Import, file: &str, expected: usize) {
        if self.readonly {
            return self.fail("Importing is off: this page is read-only.");
        }
        let (Showing::Own(_), None) = (&self.showing, self.generation.as_ref()) else {
            return self.fail("Importing is off right now: see the message above.");
        };
        let imported_events = import.events.len();
        let cursor = import.cursor;
        self.drop_copies_for_a_replace();
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let result = own.replace(expected, import.events);
        self.settle();
        let imported = format!(
            "Imported {} from \"{file}\"; the slider shows event {}.",
            count(imported_events, "event", "events"),
            group_thousands(cursor),
        );
        if let Err(error) = result {
            let full = matches!(error, AppendError::Storage(StorageError::QuotaExceeded));
            return self.fail(format!(
                "Nothing was imported from \"{file}\": {error}. The current ledger is unchanged.{}",
                if full {
                    " The new ledger is written beside it until it replaces it, and both do not fit: download the current ledger and clear it, then import again."
                } else {
                    ""
                }
            ));
        }
        self.messages.success(imported);
        self.rejected.clear();
        self.seek(cursor);
    }

    /// Deletes the whole own history, after the person confirmed.
    pub fn clear(&mut self) {
        if self.readonly {
            return self.fail("Clearing is off: this page is read-only.");
        }
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let result = own.clear();
        // Part of it may be gone from storage: the events are then kept here, unsaved.
        self.settle();
        match result {
            Ok(()) => {
                self.cursor = Cursor::Present;
                self.rejected.clear();
                self.forget_read_models();
                self.messages
                    .success("The ledger was cleared: every event was deleted.");
            }
            Err(error) => self.fail(format!("The ledger could not be cleared: {error}.")),
        }
    }

    /// Retries writing the own ledger's unsaved events now.
    pub fn save_now(&mut self) {
        let result = match &mut self.showing {
            Showing::Own(own)
            | Showing::Unreadable {
                last_read: Some(own),
                ..
            } => own.ledger_mut().save(),
            _ => return,
        };
        self.settle();
        match result {
            Ok(()) => self
                .messages
                .success("Committed: every pending event is in storage now."),
            Err(error) => self.fail(format!("Still not committed: {error}.")),
        }
    }

    /// The history on screen as a file to share (every envelope, `app_version`, the cursor),
    /// saying so on the status line; the adapter downloads it (and says so if it cannot).
    pub fn export(&mut self, app_version: &str) -> String {
        let cursor = self.shown();
        let text = encode_export(self.events(), app_version, cursor);
        self.messages.set_status(format!(
            "Exported {}, with the cursor at event {}.",
            count(self.head, "event", "events"),
            group_thousands(cursor),
        ));
        text
    }
}
