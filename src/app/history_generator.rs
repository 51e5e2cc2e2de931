//! Realistic activity for instructors: several accounts, each with a month of salary, rent,
//! bills, groceries, coffee and cash, repeated, and transfers between them. Pure and seeded, so
//! a run is reproducible and testable natively.
//!
//! It only proposes commands; they go through the rules like anyone's. It keeps its own estimate
//! of each balance so that it never proposes an overdraft, and transfers only what is there.

use crate::bank_service::BankCommand;
use crate::domain::{AccountId, AccountState, Command, Money, TransferId};
use crate::read_models::BankState;

/// The most events one run may add.
pub const MAX_GENERATED: usize = 100_000;

/// The events a generated transfer records: requested, debited, credited, completed (the
/// generator only proposes transfers the source can afford, to an open account).
pub const EVENTS_PER_TRANSFER: usize = 4;

/// One command in this many is a transfer: often enough to see several on any screen of the
/// ledger, rarely enough that its four rows leave 100,000 generated events within the browser's
/// storage quota.
pub const TRANSFER_EVERY: u64 = 20;

/// The most accounts a run opens or uses.
pub const MAX_ACCOUNTS: usize = 50;

/// Owners of generated accounts (numbered when there are more accounts than names).
const OWNERS: [&str; 10] = [
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Katherine Johnson",
    "Edsger Dijkstra",
    "Barbara Liskov",
    "Donald Knuth",
    "Margaret Hamilton",
    "Tim Berners-Lee",
    "Radia Perlman",
];

/// How many accounts a run of `total` commands works with: a few for a short run, fifty for
/// the longest.
pub fn accounts_for(total: usize) -> usize {
    total.div_ceil(2_000).clamp(3, MAX_ACCOUNTS)
}

#[derive(Debug, Clone)]
struct Generated {
    id: AccountId,
    balance: Money,
    step: u64,
}

/// Proposes one command per call, following a monthly rhythm per account.
#[derive(Debug, Clone)]
pub struct HistoryGenerator {
    state: u64,
    step: u64,
    run_id: String,
    accounts: Vec<Generated>,
    target: usize,
    opened: usize,
    transfers: usize,
}

impl HistoryGenerator {
    /// Starts from the bank as it is (its open accounts and their balances), with a seed for
    /// the random choices; opens accounts until there are `accounts`. Ids are prefixed `run_id`.
    pub fn new(seed: u64, run_id: &str, bank: &BankState, accounts: usize) -> Self {
        let open = bank
            .accounts()
            .iter()
            .filter_map(|(id, state)| match state {
                AccountState::Open { balance, .. } => Some((id.clone(), *balance)),
                _ => None,
            })
            .collect();
        Self::with_accounts(seed, run_id, open, accounts)
    }

    /// Starts from these open accounts and balances.
    pub fn with_accounts(
        seed: u64,
        run_id: &str,
        open: Vec<(AccountId, Money)>,
        accounts: usize,
    ) -> Self {
        let open: Vec<Generated> = open
            .into_iter()
            .map(|(id, balance)| Generated {
                id,
                balance,
                step: 0,
            })
            .take(MAX_ACCOUNTS)
            .collect();
        HistoryGenerator {
            // xorshift must not start at zero.
            state: seed | 1,
            step: 0,
            run_id: run_id.to_string(),
            target: accounts.clamp(1, MAX_ACCOUNTS).max(open.len()),
            accounts: open,
            opened: 0,
            transfers: 0,
        }
    }

    /// The next command: an opening while there are too few accounts, then a transfer one time
    /// in [`TRANSFER_EVERY`] (when some account can afford it), else a deposit or withdrawal its
    /// balance allows.
    pub fn next_command(&mut self) -> BankCommand {
        self.next_command_within(usize::MAX)
    }

    /// Like [`Self::next_command`], but records at most `events` events (at least 1): a
    /// transfer records four (requested, debited, credited, completed), anything else one.
    pub fn next_command_within(&mut self, events: usize) -> BankCommand {
        self.step += 1;
        if self.accounts.len() < self.target {
            return self.open();
        }
        if self.step.is_multiple_of(TRANSFER_EVERY) && events >= EVENTS_PER_TRANSFER {
            if let Some(transfer) = self.transfer() {
                return transfer;
            }
        }
        let index = (self.step as usize) % self.accounts.len();
        let command = self.monthly(index);
        BankCommand::Account(Some(self.accounts[index].id.clone()), command)
    }

    fn open(&mut self) -> BankCommand {
        let n = self.opened;
        self.opened += 1;
        let owner = match n / OWNERS.len() {
            0 => OWNERS[n % OWNERS.len()].to_string(),
            round => format!("{} {}", OWNERS[n % OWNERS.len()], round + 1),
        };
        let id = AccountId::new(format!("{}-a{n}", self.run_id));
        self.accounts.push(Generated {
            id: id.clone(),
            balance: Money::ZERO,
            step: 0,
        });
        BankCommand::Account(
            None,
            Command::OpenAccount {
                account_id: id,
                owner,
            },
        )
    }

    fn transfer(&mut self) -> Option<BankCommand> {
        let count = self.accounts.len();
        if count < 2 {
            return None;
        }
        let from = self.between(0, count as u64) as usize;
        let to = (from + 1 + self.between(0, count as u64 - 1) as usize) % count;
        let balance = self.accounts[from].balance.cents();
        if balance < 1_000 {
            return None;
        }
        let amount = Money::from_cents(self.between(500, balance.min(60_000)));
        self.accounts[from].balance = self.accounts[from].balance.saturating_sub(amount);
        self.accounts[to].balance = self.accounts[to].balance.saturating_add(amount);
        let n = self.transfers;
        self.transfers += 1;
        Some(BankCommand::Transfer {
            transfer_id: TransferId::new(format!("{}-t{n}", self.run_id)),
            from: self.accounts[from].id.clone(),
            to: self.accounts[to].id.clone(),
            amount,
        })
    }

    /// One account's next move in its month.
    fn monthly(&mut self, index: usize) -> Command {
        self.accounts[index].step += 1;
        // Thirty "slots" a month: salary first, rent next, bills, then daily life.
        let slot = self.accounts[index].step % 30;
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
        let account = &mut self.accounts[index];
        match account.balance.checked_sub(amount) {
            Some(rest) if !deposit => {
                account.balance = rest;
                Command::WithdrawMoney { amount }
            }
            _ => {
                // A withdrawal the balance cannot cover becomes a small top-up instead.
                let amount = if deposit {
                    amount
                } else {
                    Money::from_cents(5_000)
                };
                account.balance = account.balance.saturating_add(amount);
                Command::DepositMoney {
                    amount,
                    effective_on: None,
                }
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
