//! Questions the two models answer differently, computed from the ledger up to the cursor: the
//! events answer every one; the CRUD row, which keeps only the latest values, cannot.

use std::collections::HashMap;

use crate::domain::{Event, Money, MoneyMove};
use crate::eventstore::RecordedEvent;

use super::{fold, format_utc, ReadModel, Registered};

/// How close after a deposit a withdrawal counts for the fourth question.
pub const QUICK_WITHDRAWAL_MS: i64 = 5 * 60 * 1000;

/// One question and its two answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub ask: &'static str,
    /// What the ledger answers.
    pub from_events: String,
    /// What the CRUD table can say.
    pub from_crud: String,
}

/// What the questions need to know, folded one event at a time like every read model, so the
/// page serves it from checkpoints at any cursor instead of reading the whole ledger up to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionFacts {
    /// Per account stream.
    accounts: HashMap<String, AccountFacts>,
    /// Transfers credited to their destination.
    moved: usize,
    /// Each failed transfer: "stream (#position): reason".
    failed: Vec<String>,
}

/// One account's part of [`QuestionFacts`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct AccountFacts {
    deposits: usize,
    /// When, for whom, at which position.
    opened: Option<(i64, String, u64)>,
    /// The last withdrawal's position, and the balance just before it.
    last_withdrawal: Option<(u64, Money)>,
    last_deposit_ms: Option<i64>,
    quick: usize,
    /// The balance after the events so far, as the account's own stream moved it.
    balance: Money,
}

impl QuestionFacts {
    /// Moves the balance of an account already known (a transfer's step lands only in an open
    /// account's stream).
    fn move_money(&mut self, stream_id: &str, money: MoneyMove) {
        if let Some(facts) = self.accounts.get_mut(stream_id) {
            facts.balance = match money {
                MoneyMove::In(amount) => facts.balance.saturating_add(amount),
                MoneyMove::Out(amount) => facts.balance.saturating_sub(amount),
            };
        }
    }

    /// The facts of one account's stream, started empty by its first event the questions ask
    /// about (so a checkpoint's copy stays one entry per account, none per transfer).
    fn of(&mut self, stream_id: &str) -> &mut AccountFacts {
        // Looked up before it is inserted: a new key is a copy of the id, made once per account.
        if !self.accounts.contains_key(stream_id) {
            self.accounts
                .insert(stream_id.to_string(), AccountFacts::default());
        }
        self.accounts.get_mut(stream_id).expect("inserted above")
    }
}

impl Registered for QuestionFacts {
    const TITLE: &'static str = "Questions";
    const SLUG: &'static str = "questions";
    const KEEPS_COPY: bool = false;

    /// Keeps no copy ([`Registered::KEEPS_COPY`]).
    fn encode(&self, _out: &mut String) {}

    fn decode(_version: u32, _lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        None
    }
}

impl ReadModel for QuestionFacts {
    fn apply(&mut self, r: &RecordedEvent) {
        match &r.event {
            Event::TransferFailed { reason } => self
                .failed
                .push(format!("{} (#{}): {reason}", r.stream_id, r.position)),
            Event::TransferCredited { amount, .. } => {
                self.moved += 1;
                self.move_money(&r.stream_id, MoneyMove::In(*amount));
            }
            Event::AccountOpened { owner, .. } => {
                let facts = self.of(&r.stream_id);
                if facts.opened.is_none() {
                    facts.opened = Some((r.recorded_at_ms, owner.to_string(), r.position));
                }
            }
            // The row stays, with its status: nothing any question here reads.
            Event::AccountClosed => {}
            Event::MoneyDeposited { amount, .. } => {
                let facts = self.of(&r.stream_id);
                facts.deposits += 1;
                facts.last_deposit_ms = Some(r.recorded_at_ms);
                facts.balance = facts.balance.saturating_add(*amount);
            }
            Event::MoneyWithdrawn { amount } => {
                let facts = self.of(&r.stream_id);
                facts.last_withdrawal = Some((r.position, facts.balance));
                facts.balance = facts.balance.saturating_sub(*amount);
                if facts
                    .last_deposit_ms
                    .is_some_and(|t| r.recorded_at_ms - t <= QUICK_WITHDRAWAL_MS)
                {
                    facts.quick += 1;
                }
            }
            Event::WithdrawalReversed { amount, .. } => {
                let facts = self.of(&r.stream_id);
                facts.balance = facts.balance.saturating_add(*amount);
            }
            // Paid out on closing: the balance moves, but it is no withdrawal.
            Event::BalancePaidOut { amount } => {
                let facts = self.of(&r.stream_id);
                facts.balance = facts.balance.saturating_sub(*amount);
            }
            // A transfer's steps in an account's stream move its balance.
            Event::TransferDebited { amount, .. } => {
                self.move_money(&r.stream_id, MoneyMove::Out(*amount))
            }
            Event::TransferRefunded { amount, .. } => {
                self.move_money(&r.stream_id, MoneyMove::In(*amount))
            }
            // No question asks about these.
            Event::TransferRequested { .. } | Event::TransferCompleted => {}
        }
    }
}

/// The questions, answered from the first `cursor` events, folded from scratch: the reference
/// the page's checkpointed answers ([`answer`]) must equal.
pub fn questions_at(
    events: &[RecordedEvent],
    cursor: usize,
    account: Option<&str>,
) -> Vec<Question> {
    answer(&fold(&events[..cursor.min(events.len())]), account)
}

/// The questions, answered from the facts after some first events: four about `account` (the
/// chosen one), two across every account.
pub fn answer(facts: &QuestionFacts, account: Option<&str>) -> Vec<Question> {
    let mine = account
        .and_then(|id| facts.accounts.get(id))
        .cloned()
        .unwrap_or_default();
    let mut questions = account_questions(&mine).to_vec();
    questions.extend(across_accounts(facts));
    questions
}

/// Across every account: the transfers, which CRUD keeps no record of.
fn across_accounts(facts: &QuestionFacts) -> [Question; 2] {
    [
        Question {
            ask: "How many transfers moved money between accounts?",
            from_events: format!("{}.", facts.moved),
            from_crud:
                "Unknown: a transfer's transaction updated two balances, and neither says it was a transfer."
                    .into(),
        },
        Question {
            ask: "Which transfers failed, and why?",
            from_events: if facts.failed.is_empty() {
                "None.".into()
            } else {
                facts.failed.join("; ")
            },
            from_crud: "Unknown: CRUD refused it and wrote nothing, so no table says it was tried."
                .into(),
        },
    ]
}

/// About one account: its own stream's events only.
fn account_questions(facts: &AccountFacts) -> [Question; 4] {
    let before_last_withdrawal = facts
        .last_withdrawal
        .map(|(position, before)| format!("{before}, just before event #{position}."));
    let deposits = facts.deposits;
    let opened = facts.opened.as_ref().map(|(at, owner, position)| {
        format!("{} for {owner} (event #{position}).", format_utc(*at))
    });
    let quick = facts.quick;

    [
        Question {
            ask: "What was the balance before the last withdrawal?",
            from_events: before_last_withdrawal
                .unwrap_or_else(|| "There is no withdrawal yet.".into()),
            from_crud:
                "Overwritten: every UPDATE replaced the balance, so the table holds only the latest one."
                    .into(),
        },
        Question {
            ask: "How many deposits were made?",
            from_events: format!("{deposits}."),
            from_crud:
                "Unknown: a deposit leaves no trace but a new balance, which the next one overwrites."
                    .into(),
        },
        Question {
            ask: "When was the account opened, and for whom?",
            from_events: opened.unwrap_or_else(|| "It is not open yet.".into()),
            from_crud: "Answered: someone planned this one, with the created_at and owner columns."
                .into(),
        },
        Question {
            ask: "How many withdrawals came within 5 minutes of a deposit?",
            from_events: format!("{quick}."),
            from_crud: "Unknown: no past change, and so no time of one, survives an UPDATE.".into(),
        },
    ]
}
