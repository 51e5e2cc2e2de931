//! Realistic account activity for instructors: a month of salary, rent, bills, groceries, coffee
//! and cash, repeated. Pure and seeded, so a run is reproducible and testable natively.
//!
//! It only proposes commands; they go through `decide` like anyone's. It keeps its own estimate
//! of the balance so that it never proposes an overdraft, and withdraws only what is there.

use crate::domain::{Command, Money};

/// The most events one run may add.
pub const MAX_GENERATED: usize = 100_000;

/// Proposes one command per call, following a monthly rhythm.
#[derive(Debug, Clone)]
pub struct HistoryGenerator {
    state: u64,
    balance: Money,
    step: u64,
}

impl HistoryGenerator {
    /// Starts from the account's current balance, with a seed for the random choices.
    pub fn new(seed: u64, balance: Money) -> Self {
        HistoryGenerator {
            // xorshift must not start at zero.
            state: seed | 1,
            balance,
            step: 0,
        }
    }

    /// The next command: always a deposit or a withdrawal the balance allows.
    pub fn next_command(&mut self) -> Command {
        self.step += 1;
        // Thirty "slots" a month: salary first, rent next, bills, then daily life.
        let slot = self.step % 30;
        let (deposit, cents) = match slot {
            1 => (true, 320_000),                                    // salary
            2 => (false, 115_000),                                   // rent
            9 => (false, self.between(4_000, 9_000)),                // utilities
            16 => (false, self.between(2_500, 4_500)),               // phone and internet
            23 => (true, self.between(1_000, 15_000)),               // a refund or a sale
            s if s % 4 == 0 => (false, self.between(2_000, 14_000)), // groceries
            s if s % 7 == 0 => (false, self.between(2_000, 20_000)), // cash
            _ => (false, self.between(250, 600)),                    // coffee
        };
        let amount = Money::from_cents(cents);
        match self.balance.checked_sub(amount) {
            Some(rest) if !deposit => {
                self.balance = rest;
                Command::WithdrawMoney { amount }
            }
            _ => {
                // A withdrawal the balance cannot cover becomes a small top-up instead.
                let amount = if deposit {
                    amount
                } else {
                    Money::from_cents(5_000)
                };
                self.balance = self.balance.saturating_add(amount);
                Command::DepositMoney { amount }
            }
        }
    }

    /// A whole number of cents in `low..high`, from a xorshift sequence.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        low + self.state % (high - low).max(1)
    }
}
