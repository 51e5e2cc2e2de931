//! Large movements: every withdrawal, payout on closing and transfer debit of $1,000.00 or more,
//! the report a compliance team asks for. It can be switched on at any time: being a
//! fold, it is built from all past events, including those recorded before it existed.

use std::fmt::Write;

use crate::domain::{Event, Money};
use crate::eventstore::RecordedEvent;

use super::copy::{cents, fields, number};
use super::read_model::ReadModel;
use super::Registered;

/// From this amount up a movement is large: $1,000.00.
pub const LARGE_MOVEMENT: Money = Money::from_cents(100_000);

/// What took the money out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// A withdrawal (and, up to release 0.4.0, a closing's payout: recorded the same way).
    Withdrawal,
    /// What was left, paid out as the account closed.
    Payout,
    /// A transfer's debit.
    Transfer,
}

impl Movement {
    /// As the table says it.
    pub fn label(self) -> &'static str {
        match self {
            Movement::Withdrawal => "Withdrawal",
            Movement::Payout => "Payout on closing",
            Movement::Transfer => "Transfer out",
        }
    }

    /// Its code in a stored copy: 0 and 1 are what the first version's transfer flag wrote,
    /// so copies written before payouts had their own type read as they are.
    fn code(self) -> &'static str {
        match self {
            Movement::Withdrawal => "0",
            Movement::Transfer => "1",
            Movement::Payout => "2",
        }
    }

    fn from_code(code: &str) -> Option<Movement> {
        [Movement::Withdrawal, Movement::Payout, Movement::Transfer]
            .into_iter()
            .find(|m| m.code() == code)
    }
}

/// One large movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LargeMovement {
    /// Where it is in the ledger.
    pub position: u64,
    /// When it was recorded, in ms since the Unix epoch, UTC.
    pub recorded_at_ms: i64,
    /// The account the money left.
    pub account: String,
    /// What took the money out.
    pub kind: Movement,
    /// How much.
    pub amount: Money,
}

/// Every large movement, in ledger order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LargeMovements {
    rows: Vec<LargeMovement>,
}

impl LargeMovements {
    /// Read back from a copy.
    pub fn from_rows(rows: Vec<LargeMovement>) -> Self {
        LargeMovements { rows }
    }

    /// Every large movement, oldest first.
    pub fn rows(&self) -> &[LargeMovement] {
        &self.rows
    }
}

impl ReadModel for LargeMovements {
    fn apply(&mut self, recorded: &RecordedEvent) {
        let (amount, kind) = match &recorded.event {
            Event::MoneyWithdrawn { amount } => (*amount, Movement::Withdrawal),
            Event::BalancePaidOut { amount } => (*amount, Movement::Payout),
            Event::TransferDebited { amount, .. } => (*amount, Movement::Transfer),
            // Money coming in, or no money at all.
            Event::AccountOpened { .. }
            | Event::MoneyDeposited { .. }
            | Event::WithdrawalReversed { .. }
            | Event::AccountClosed
            | Event::TransferCredited { .. }
            | Event::TransferRefunded { .. }
            | Event::TransferRequested { .. }
            | Event::TransferCompleted
            | Event::TransferFailed { .. } => return,
        };
        if amount >= LARGE_MOVEMENT {
            self.rows.push(LargeMovement {
                position: recorded.position,
                recorded_at_ms: recorded.recorded_at_ms,
                account: recorded.stream_id.clone(),
                kind,
                amount,
            });
        }
    }
}

impl Registered for LargeMovements {
    const TITLE: &'static str = "Large movements";
    const SLUG: &'static str = "large-movements";
    const UNSEALED_COPIES: bool = true;

    fn version(&self) -> u32 {
        1
    }

    /// `position recorded_at account kind amount` per movement.
    fn encode(&self, out: &mut String) {
        for row in self.rows() {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                row.position,
                row.recorded_at_ms,
                row.account,
                row.kind.code(),
                row.amount.cents()
            );
        }
    }

    fn decode(_version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self> {
        let mut rows = Vec::new();
        for line in lines {
            let [position, at, account, kind, amount] = fields(line)?;
            rows.push(LargeMovement {
                position: number(position)?,
                recorded_at_ms: number(at)?,
                account: account.to_string(),
                kind: Movement::from_code(kind)?,
                amount: cents(amount)?,
            });
        }
        Some(LargeMovements::from_rows(rows))
    }
}
