//! "Reverse this withdrawal", from a withdrawal's Event details: a disputed withdrawal found
//! wrong is corrected by a new event that names it, never by editing it.

use crate::app::FlowOutcome;
use crate::bank_service::{BankCommand, CommandError};
use crate::domain::{reversal_rule_checks, AccountId, Event};
use crate::eventstore::{CommandContext, KeyValueStore};

use super::{Page, Showing};

impl<S: KeyValueStore + Clone> Page<S> {
    /// Reverses the withdrawal recorded at ledger `position`: one more event in its account's
    /// stream, `WithdrawalReversed`, that puts its money back. The withdrawal stays as it was.
    pub fn reverse_withdrawal(&mut self, position: usize, context: &CommandContext) {
        let Some(recorded) = self.events().get(position.wrapping_sub(1)) else {
            return self.fail(format!("There is no event #{position}."));
        };
        let Event::MoneyWithdrawn { amount } = recorded.event else {
            return self.fail(format!(
                "Event #{position} is a {}: only a withdrawal can be reversed.",
                recorded.event.name()
            ));
        };
        let command = BankCommand::ReverseWithdrawal {
            account: AccountId::new(&recorded.stream_id),
            withdrawal: recorded.stream_version,
        };
        let words = command.describe();
        if let Some(off) = self.commands_off() {
            self.record_flow_of(words, reversal_rule_checks(None), FlowOutcome::NotSent(off));
            return self.fail("Commands are off right now: see the message above.");
        }
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let result = own.handle(&command, context);
        self.settle();
        let refused = match &result {
            Err(CommandError::Rejected(rejection)) => Some(rejection.clone()),
            _ => None,
        };
        let outcome = FlowOutcome::of(&result);
        self.record_flow_of(words, reversal_rule_checks(refused.as_ref()), outcome);
        match result {
            Ok(recorded) => {
                let reversal = recorded.first().map_or(0, |r| r.position);
                self.messages.success(format!(
                    "Recorded WithdrawalReversed (#{reversal}): the {amount} of #{position} is put back. #{position} itself is unchanged: a wrong fact is corrected by a new one."
                ));
            }
            Err(error) => self.fail(format!("Not reversed: {error}")),
        }
    }
}
