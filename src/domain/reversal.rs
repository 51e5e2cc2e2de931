//! Reversing a withdrawal: a wrong fact corrected by a new fact. The withdrawal stays in the
//! ledger as it was recorded; `WithdrawalReversed` names it and puts its money back.
//!
//! Deciding it needs what the account's state does not keep: which withdrawals its stream holds
//! and which are reversed already. So this decision folds its own state from the account's
//! stream when a reversal is asked ([`Withdrawals`]), instead of every account's state carrying
//! every withdrawal it ever made: a decision's state holds only what its rules read.

use super::{AccountState, Event, Money, Rejection};

/// An account stream's withdrawals as a reversal reads them: each one's stream version and
/// amount, and whether it was reversed. Folded from the stream's own events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawals {
    /// The stream's version so far.
    version: u64,
    /// (stream version, amount, reversed) of each withdrawal, oldest first.
    list: Vec<(u64, Money, bool)>,
}

impl Withdrawals {
    /// Takes in the stream's next event.
    pub fn apply(&mut self, event: &Event) {
        self.version += 1;
        match event {
            Event::MoneyWithdrawn { amount } => self.list.push((self.version, *amount, false)),
            Event::WithdrawalReversed { withdrawal, .. } => {
                if let Some(w) = self.list.iter_mut().find(|w| w.0 == *withdrawal) {
                    w.2 = true;
                }
            }
            _ => {}
        }
    }

    /// A stream's events folded, in order.
    pub fn of<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut withdrawals = Withdrawals::default();
        for event in events {
            withdrawals.apply(event);
        }
        withdrawals
    }
}

/// Decides reversing the withdrawal recorded at stream version `withdrawal`, for an account in
/// `state` whose stream holds `withdrawals`: the account is open, that event is a withdrawal,
/// it is not reversed yet, and the balance can take its amount back.
pub fn decide_reversal(
    state: &AccountState,
    withdrawals: &Withdrawals,
    withdrawal: u64,
) -> Result<Vec<Event>, Rejection> {
    let balance = match state {
        AccountState::NoAccount => return Err(Rejection::NoAccount),
        AccountState::Closed { account_id, .. } => {
            return Err(Rejection::AccountClosed {
                account_id: account_id.clone(),
            })
        }
        AccountState::Open { balance, .. } => *balance,
    };
    let Some(&(_, amount, reversed)) = withdrawals.list.iter().find(|w| w.0 == withdrawal) else {
        return Err(Rejection::NotAWithdrawal {
            version: withdrawal,
        });
    };
    if reversed {
        return Err(Rejection::AlreadyReversed {
            version: withdrawal,
        });
    }
    balance
        .checked_add(amount)
        .ok_or(Rejection::BalanceOverflow { balance, amount })?;
    Ok(vec![Event::WithdrawalReversed { withdrawal, amount }])
}
