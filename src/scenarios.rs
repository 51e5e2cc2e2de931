//! Guided scenarios: short stories whose history is recorded through the same rules as anyone's
//! commands, each narrated step by step, every step a point in history and the panel to look at.
//! Pure and deterministic (fixed ids and times), so each story is tested natively.

use crate::account_service::{AccountService, CommandError};
use crate::domain::{AccountId, Command, Money, Rejection};
use crate::history_generator::HistoryGenerator;
use crate::ledger::{CommandContext, Ledger, MemoryStore, RecordedEvent};

/// When every scenario starts: 2026-11-02 09:00:00 UTC.
const START_MS: i64 = 1_793_610_000_000;
const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

/// One step of the narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// How many events the slider shows at this step.
    pub cursor: usize,
    /// The region to look at, by its accessible name.
    pub panel: &'static str,
    /// What to notice.
    pub text: &'static str,
}

/// A story: its history and its narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The name `scenario=` uses.
    pub name: &'static str,
    /// The title people read.
    pub title: &'static str,
    /// The narration, in order.
    pub steps: Vec<Step>,
    commands: Vec<(i64, Command)>,
}

/// A scenario's history, recorded through the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The events the rules accepted.
    pub events: Vec<RecordedEvent>,
    /// The commands the rules refused, with the reason: they never enter the ledger.
    pub refused: Vec<(Command, Rejection)>,
}

impl Scenario {
    /// Runs the story's commands through decide and append, at the story's own times.
    pub fn record(&self) -> Recorded {
        let ledger = Ledger::open(MemoryStore::new(), "scenario")
            .expect("an empty memory store always opens");
        let mut bank = AccountService::new(ledger);
        let mut refused = Vec::new();
        for (n, (at, command)) in self.commands.iter().enumerate() {
            let context = CommandContext {
                command_id: format!("{}-{n}", self.name),
                correlation_id: self.name.to_string(),
                now_ms: START_MS + at,
            };
            match bank.handle(command, &context) {
                Ok(_) => {}
                Err(CommandError::Rejected(rejection)) => {
                    refused.push((command.clone(), rejection))
                }
                // Memory never refuses a write and nothing else writes to it.
                Err(_) => {}
            }
        }
        Recorded {
            events: bank.ledger().events().to_vec(),
            refused,
        }
    }
}

fn open(owner: &str) -> Command {
    Command::OpenAccount {
        account_id: AccountId::new("acc-5ce1a2"),
        owner: owner.to_string(),
    }
}

fn deposit(cents: u64) -> Command {
    Command::DepositMoney {
        amount: Money::from_cents(cents),
    }
}

fn withdraw(cents: u64) -> Command {
    Command::WithdrawMoney {
        amount: Money::from_cents(cents),
    }
}

/// Every scenario, in the order the Scenario control lists them.
pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "disputed-withdrawal",
            title: "A disputed withdrawal",
            commands: vec![
                (0, open("Ada Lovelace")),
                (DAY, deposit(320_000)),
                (2 * DAY, withdraw(115_000)),
                // 02:13 on November 7.
                (4 * DAY + 1033 * MINUTE, withdraw(40_000)),
                (6 * DAY, deposit(5_000)),
            ],
            steps: vec![
                Step { cursor: 5, panel: "Event ledger", text: "Ada disputes a $400.00 cash withdrawal. The ledger still holds every event: #4 is the withdrawal, recorded at 02:13 on November 7 with its own command id. That is an audit trail." },
                Step { cursor: 3, panel: "Current state", text: "Travel to just before it: after event 3 the balance was $2,050.00. The state is only ever rebuilt from the events up to a point." },
                Step { cursor: 4, panel: "CRUD", text: "A CRUD table ran UPDATE and overwrote $2,050.00 with $1,650.00. Nothing in it shows there ever was a withdrawal." },
                Step { cursor: 5, panel: "Questions", text: "The ledger answers what the table cannot: the balance before the last withdrawal, and when the account was opened and by whom." },
            ],
        },
        Scenario {
            name: "overdraft",
            title: "An overdraft attempt",
            commands: vec![
                (0, open("Grace Hopper")),
                (MINUTE, deposit(7_000)),
                (2 * MINUTE, withdraw(10_000)),
                (3 * MINUTE, withdraw(5_000)),
            ],
            steps: vec![
                Step { cursor: 2, panel: "Current state", text: "Grace has $70.00 after two events." },
                Step { cursor: 3, panel: "Rejected attempts", text: "She tries to withdraw $100.00. The rules refuse it: a refused command records nothing, so it is listed here and never enters the ledger." },
                Step { cursor: 3, panel: "Event ledger", text: "The next event, #3, is the $50.00 withdrawal that fitted. Positions stay gapless: there is no hole where the refusal was." },
            ],
        },
        Scenario {
            name: "closing-with-money",
            title: "Closing an account that holds money",
            commands: vec![
                (0, open("Alan Turing")),
                (MINUTE, deposit(12_000)),
                (2 * MINUTE, withdraw(2_000)),
                (3 * MINUTE, Command::CloseAccount),
            ],
            steps: vec![
                Step { cursor: 3, panel: "Current state", text: "Alan's account holds $100.00." },
                Step { cursor: 5, panel: "Event ledger", text: "One command, Close account, recorded two events at once: a payout of the whole balance (#4), then the closing (#5)." },
                Step { cursor: 5, panel: "CRUD", text: "CRUD ran DELETE: the row, with its owner and history, is gone. The ledger still has all five events." },
            ],
        },
        Scenario {
            name: "busy-month",
            title: "A busy month",
            commands: busy_month(),
            steps: vec![
                Step { cursor: 31, panel: "Event ledger", text: "A month of salary, rent, bills, groceries and coffee: 31 events." },
                Step { cursor: 2, panel: "Current state", text: "Back to the salary: the balance as it was on day one." },
                Step { cursor: 31, panel: "Questions", text: "How many withdrawals came within 5 minutes of a deposit? Only the events know: every one carries its time." },
                Step { cursor: 31, panel: "Time travel", text: "Drag the slider anywhere in the month: each position rebuilds the state from the events up to it." },
            ],
        },
    ]
}

/// The scenario `name`, if there is one.
pub fn named(name: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.name == name)
}

fn busy_month() -> Vec<(i64, Command)> {
    let mut generator = HistoryGenerator::new(2026, Money::ZERO);
    let mut commands = vec![(0, open("Edsger Dijkstra"))];
    // One command a day, and three that come minutes after the one before.
    let mut at = 0;
    for day in 1..=30 {
        at += if matches!(day, 5 | 12 | 20) {
            3 * MINUTE
        } else {
            DAY
        };
        commands.push((at, generator.next_command()));
    }
    commands
}
