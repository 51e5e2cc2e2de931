//! Questions the two models answer differently, computed from the ledger up to the cursor: the
//! events answer every one; the CRUD row, which keeps only the latest values, cannot.

use crate::domain::Event;
use crate::ledger::RecordedEvent;

use super::{format_utc, BankState};

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

/// The questions, answered from the first `cursor` events: four about `account` (the chosen
/// one), two across every account. `state_at(k)` gives the bank after the first k events (from
/// the nearest checkpoint, in the page).
pub fn questions_at(
    events: &[RecordedEvent],
    cursor: usize,
    account: Option<&str>,
    state_at: impl Fn(usize) -> BankState,
) -> Vec<Question> {
    let all = &events[..cursor.min(events.len())];
    let mut questions = account_questions(all, account, state_at).to_vec();
    questions.extend(across_accounts(all));
    questions
}

/// Across every account: the transfers, which CRUD keeps no record of.
fn across_accounts(events: &[RecordedEvent]) -> [Question; 2] {
    let mut failed = Vec::new();
    let mut moved = 0usize;
    for r in events {
        match &r.event {
            Event::TransferFailed { reason } => {
                failed.push(format!("{} (#{}): {reason}", r.stream_id, r.position))
            }
            Event::TransferCredited { .. } => moved += 1,
            _ => {}
        }
    }
    [
        Question {
            ask: "How many transfers moved money between accounts?",
            from_events: format!("{moved}."),
            from_crud: "Unknown: a transfer was two UPDATEs, and neither says it was a transfer."
                .into(),
        },
        Question {
            ask: "Which transfers failed, and why?",
            from_events: if failed.is_empty() {
                "None.".into()
            } else {
                failed.join("; ")
            },
            from_crud: "Unknown: a failed transfer left the balances as they were, and no trace."
                .into(),
        },
    ]
}

/// About one account: its own stream's events only.
fn account_questions(
    all: &[RecordedEvent],
    account: Option<&str>,
    state_at: impl Fn(usize) -> BankState,
) -> [Question; 4] {
    let mine = |r: &&RecordedEvent| Some(r.stream_id.as_str()) == account;
    let events: Vec<&RecordedEvent> = all.iter().filter(mine).collect();
    let deleted = events
        .iter()
        .any(|r| matches!(r.event, Event::AccountClosed));

    let before_last_withdrawal = events
        .iter()
        .rev()
        .find(|r| matches!(r.event, Event::MoneyWithdrawn { .. }))
        .map(|r| {
            let before = state_at(r.position as usize - 1)
                .account_or_none(account)
                .balance();
            format!("{before}, just before event #{}.", r.position)
        });

    let deposits = events
        .iter()
        .filter(|r| matches!(r.event, Event::MoneyDeposited { .. }))
        .count();

    let opened = events.iter().find_map(|r| match &r.event {
        Event::AccountOpened { owner, .. } => Some(format!(
            "{} by {owner} (event #{}).",
            format_utc(r.recorded_at_ms),
            r.position
        )),
        _ => None,
    });

    let mut last_deposit = None;
    let mut quick = 0;
    for r in &events {
        match r.event {
            Event::MoneyDeposited { .. } => last_deposit = Some(r.recorded_at_ms),
            Event::MoneyWithdrawn { .. }
                if last_deposit.is_some_and(|t| r.recorded_at_ms - t <= QUICK_WITHDRAWAL_MS) =>
            {
                quick += 1;
            }
            _ => {}
        }
    }

    let gone = if deleted {
        "Deleted: closing the account ran DELETE, and the row is gone."
    } else {
        "Overwritten: every UPDATE replaced the balance, so the table holds only the latest one."
    };
    [
        Question {
            ask: "What was the balance before the last withdrawal?",
            from_events: before_last_withdrawal
                .unwrap_or_else(|| "There is no withdrawal yet.".into()),
            from_crud: gone.into(),
        },
        Question {
            ask: "How many deposits were made?",
            from_events: format!("{deposits}."),
            from_crud: if deleted {
                gone.into()
            } else {
                "Unknown: a deposit leaves no trace but a new balance, which the next one overwrites.".into()
            },
        },
        Question {
            ask: "When was the account opened, and by whom?",
            from_events: opened.unwrap_or_else(|| "It is not open yet.".into()),
            from_crud: if deleted {
                gone.into()
            } else {
                "Only who: the row has an owner, but no column says when it was created.".into()
            },
        },
        Question {
            ask: "How many withdrawals came within 5 minutes of a deposit?",
            from_events: format!("{quick}."),
            from_crud: if deleted {
                gone.into()
            } else {
                "Unknown: no past change, and so no time of one, survives an UPDATE.".into()
            },
        },
    ]
}
