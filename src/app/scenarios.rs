//! Guided scenarios: short stories whose history is recorded through the same rules as anyone's
//! commands, each narrated step by step, every step a point in history and the panel to look at.
//! Pure and deterministic (fixed ids and times), so each story is tested natively.

use crate::bank_service::{BankCommand, BankService, CommandError};
use crate::domain::{AccountId, Command, Money, Rejection, TransferId};
use crate::eventstore::{CommandContext, KeyValueStore, Ledger, MemoryStore, RecordedEvent};

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
    acts: Vec<(i64, Act)>,
}

/// One thing that happens in a story, at its time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Act {
    /// A person's command or transfer, every step of it at once.
    Do(BankCommand),
    /// A transfer requested and debited, then the tab stops before the credit.
    CrashAfterDebit(BankCommand),
    /// The app starts again: the process manager finishes what the ledger shows unfinished.
    Restart,
}

/// A scenario's history, recorded through the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The events the rules accepted.
    pub events: Vec<RecordedEvent>,
    /// The commands the rules refused, with the reason: they never enter the ledger.
    pub refused: Vec<(String, Rejection)>,
}

impl Scenario {
    /// Runs the story's commands through decide and append, at the story's own times, in
    /// memory.
    pub fn record(&self) -> Recorded {
        self.record_in(MemoryStore::new())
    }

    /// Like [`Self::record`], in an empty `store` of the page's own store type, so the browser
    /// build carries one copy of the ledger's code, not a second one for another store type.
    pub fn record_in<S: KeyValueStore>(&self, store: S) -> Recorded {
        let Ok(ledger) = Ledger::open(store, "scenario") else {
            unreachable!("an empty store always opens")
        };
        let mut bank = BankService::new(ledger);
        let mut refused = Vec::new();
        for (n, (at, act)) in self.acts.iter().enumerate() {
            let context = CommandContext {
                command_id: format!("{}-{n}", self.name),
                correlation_id: self.name.to_string(),
                now_ms: START_MS + at,
            };
            let result = match act {
                Act::Do(command) => bank.handle(command, &context).map(|_| ()),
                Act::CrashAfterDebit(BankCommand::Transfer {
                    transfer_id,
                    from,
                    to,
                    amount,
                }) => bank
                    .request_transfer(transfer_id, from, to, *amount, &context)
                    .and_then(|()| bank.step_transfer(transfer_id, context.now_ms))
                    .map(|_| ()),
                Act::CrashAfterDebit(_) => Ok(()),
                Act::Restart => bank.recover(context.now_ms).map(|_| ()),
            };
            // Memory never refuses a write and nothing else writes to it: only rules refuse.
            if let Err(CommandError::Rejected(rejection)) = result {
                let words = match act {
                    Act::Do(command) | Act::CrashAfterDebit(command) => command.describe(),
                    Act::Restart => "Restart".to_string(),
                };
                refused.push((words, rejection));
            }
        }
        Recorded {
            events: bank.ledger().events().to_vec(),
            refused,
        }
    }
}

/// The first account of every story.
const FIRST: &str = "acc-5ce1a2";
/// The second account of the stories with a transfer.
const SECOND: &str = "acc-7b20d4";

fn to(account: &str, command: Command) -> Act {
    Act::Do(BankCommand::Account(Some(AccountId::new(account)), command))
}

fn open_as(account: &str, owner: &str) -> Act {
    Act::Do(BankCommand::Account(
        None,
        Command::OpenAccount {
            account_id: AccountId::new(account),
            owner: owner.to_string(),
        },
    ))
}

fn open(owner: &str) -> Act {
    open_as(FIRST, owner)
}

fn deposit(cents: u64) -> Act {
    to(
        FIRST,
        Command::DepositMoney {
            amount: Money::from_cents(cents),
            effective_on: None,
        },
    )
}

fn withdraw(cents: u64) -> Act {
    to(
        FIRST,
        Command::WithdrawMoney {
            amount: Money::from_cents(cents),
        },
    )
}

fn transfer(id: &str, cents: u64) -> BankCommand {
    BankCommand::Transfer {
        transfer_id: TransferId::new(id),
        from: AccountId::new(FIRST),
        to: AccountId::new(SECOND),
        amount: Money::from_cents(cents),
    }
}

/// Every scenario, in the order the Scenario control lists them.
pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "disputed-withdrawal",
            title: "A disputed withdrawal",
            acts: vec![
                (0, open("Ada Lovelace")),
                (DAY, deposit(320_000)),
                (2 * DAY, withdraw(115_000)),
                // 02:13 on November 7.
                (4 * DAY + 1033 * MINUTE, withdraw(40_000)),
                (6 * DAY, deposit(5_000)),
                (
                    7 * DAY,
                    Act::Do(BankCommand::ReverseWithdrawal {
                        account: AccountId::new(FIRST),
                        withdrawal: 4,
                    }),
                ),
            ],
            steps: vec![
                Step { cursor: 5, panel: "Event ledger", text: "Ada disputes a $400.00 cash withdrawal. The ledger still holds every event: #4 is the withdrawal, recorded at 02:13 on November 7 with its own command id. Nothing about it was overwritten. (Who withdrew it is not recorded: an audit trail would add the actor to each event's metadata.)" },
                Step { cursor: 3, panel: "Current state", text: "Travel to just before it: after event 3 the balance was $2,050.00. The state is only ever rebuilt from the events up to a point." },
                Step { cursor: 4, panel: "CRUD", text: "A CRUD table ran UPDATE and overwrote $2,050.00 with $1,650.00. Nothing in it shows there ever was a withdrawal." },
                Step { cursor: 5, panel: "Questions", text: "The ledger answers what the table cannot: the balance before the last withdrawal, and when the account was opened, and for whom." },
                Step { cursor: 6, panel: "Event ledger", text: "The bank upholds the dispute. Nothing is edited: a new event, WithdrawalReversed (#6), names the withdrawal (#4) and puts its $400.00 back; #4 stays as it was recorded. A new event corrects a wrong fact; Fix and rebuild (Read models) corrects a wrong view, and leaves the facts alone." },
            ],
        },
        Scenario {
            name: "overdraft",
            title: "An overdraft attempt",
            acts: vec![
                (0, open("Grace Hopper")),
                (MINUTE, deposit(7_000)),
                (2 * MINUTE, withdraw(10_000)),
                (3 * MINUTE, withdraw(5_000)),
            ],
            steps: vec![
                Step { cursor: 2, panel: "Current state", text: "Grace has $70.00 after two events." },
                Step { cursor: 2, panel: "Rejected attempts", text: "With $70.00, she tries to withdraw $100.00. The rules refuse it: a refused command records nothing, so it is listed here and never enters the ledger." },
                Step { cursor: 3, panel: "Event ledger", text: "The next event, #3, is the $50.00 withdrawal that fitted. The refusal left no hole: this store numbers only what it records. (A store numbering events from a database sequence may skip numbers; a stream's versions never do.)" },
            ],
        },
        Scenario {
            name: "closing-with-money",
            title: "Closing an account that holds money",
            acts: vec![
                (0, open("Alan Turing")),
                (MINUTE, deposit(12_000)),
                (2 * MINUTE, withdraw(2_000)),
                (3 * MINUTE, to(FIRST, Command::CloseAccount)),
            ],
            steps: vec![
                Step { cursor: 3, panel: "Current state", text: "Alan's account holds $100.00." },
                Step { cursor: 5, panel: "Event ledger", text: "One command, Close account, recorded two events at once: BalancePaidOut, the payout of the whole balance (#4), then AccountClosed (#5). Up to release 0.4.0 that payout was recorded as a MoneyWithdrawn, told apart from a withdrawal only by the closing after it: something the business does differently deserves its own event type." },
                Step { cursor: 4, panel: "CRUD", text: "CRUD closed the account with one UPDATE (#4): balance 0.00 and status 'closed'. The row stays, but its $100.00 was overwritten and no column says it was paid out. The ledger still has every event." },
            ],
        },
        Scenario {
            name: "busy-month",
            title: "A busy month",
            acts: busy_month(),
            steps: vec![
                Step { cursor: 31, panel: "Event ledger", text: "A month on one account: a $3,200.00 deposit, the rent, small withdrawals and a few deposits, 31 events. Each says how much and when; what it was for is not recorded, as no event here has a field for it." },
                Step { cursor: 2, panel: "Current state", text: "Back to the salary: the balance as it was on day one." },
                Step { cursor: 31, panel: "Questions", text: "How many withdrawals came within 5 minutes of a deposit? 3 (#6, #13 and #21). Nobody planned that question, and the events still answer it: every one carries its time." },
                Step { cursor: 31, panel: "Time travel", text: "Drag the slider anywhere in the month: each position rebuilds the state from the events up to it." },
            ],
        },
        Scenario {
            name: "transfer-to-closed",
            title: "A transfer to a closed account",
            acts: vec![
                (0, open("Ada Lovelace")),
                (MINUTE, deposit(50_000)),
                (2 * MINUTE, open_as(SECOND, "Grace Hopper")),
                (3 * MINUTE, to(SECOND, Command::CloseAccount)),
                (4 * MINUTE, Act::Do(transfer("tr-9d31f0", 20_000))),
            ],
            steps: vec![
                Step { cursor: 4, panel: "Accounts", text: "Ada's account holds $500.00. Grace's account is closed." },
                Step { cursor: 6, panel: "Accounts", text: "Ada sends $200.00 to Grace. The transfer is requested in its own stream (#5); Ada's account, under its own rules, records the debit (#6). The money is in flight: in neither account, and the totals still add up." },
                Step { cursor: 7, panel: "Event ledger", text: "Grace's closed account refuses the credit. Nothing is edited or deleted: the process compensates with a new event in Ada's stream, TransferRefunded (#7), which says why." },
                Step { cursor: 8, panel: "Accounts", text: "The transfer ends as TransferFailed (#8). Ada has her $500.00 back, and the ledger keeps the whole story." },
            ],
        },
        Scenario {
            name: "crash-mid-transfer",
            title: "A crash mid-transfer",
            acts: vec![
                (0, open("Ada Lovelace")),
                (MINUTE, deposit(30_000)),
                (2 * MINUTE, open_as(SECOND, "Grace Hopper")),
                (3 * MINUTE, Act::CrashAfterDebit(transfer("tr-2c8e5a", 12_000))),
                (5 * MINUTE, Act::Restart),
            ],
            steps: vec![
                Step { cursor: 5, panel: "Accounts", text: "Ada sends $120.00 to Grace. The debit is recorded (#5), then the tab closes before the credit: $120.00 is in flight, and the totals still add up." },
                Step { cursor: 5, panel: "CRUD", text: "CRUD ran the whole transfer as one transaction at #4: both balances changed together, so its table has no money in flight and a crash there loses nothing. The ledger's moment in flight is a choice: each account is its own consistency boundary, so the process must finish the transfer after a restart." },
                Step { cursor: 7, panel: "Event ledger", text: "Two minutes later the app starts again. The process manager reads the ledger, finds the transfer unfinished and takes its next steps once: the credit (#6) and the completion (#7)." },
            ],
        },
    ]
}

/// The scenario `name`, if there is one.
pub fn named(name: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.name == name)
}

/// A month on one account: a salary, the rent, small withdrawals, and three deposits each
/// followed minutes later by a withdrawal. (Deposit?, cents), one a day.
const MONTH: [(bool, u64); 30] = [
    (true, 320_000),
    (false, 115_000),
    (false, 566),
    (true, 4_000),
    (false, 3_500),
    (false, 527),
    (false, 9_359),
    (false, 10_780),
    (false, 6_495),
    (false, 512),
    (true, 2_500),
    (false, 2_000),
    (false, 294),
    (false, 12_932),
    (false, 287),
    (false, 2_601),
    (false, 341),
    (false, 270),
    (true, 6_000),
    (false, 5_000),
    (false, 14_205),
    (false, 587),
    (true, 5_712),
    (false, 8_178),
    (false, 359),
    (false, 478),
    (false, 556),
    (false, 7_221),
    (false, 453),
    (false, 13_601),
];

fn busy_month() -> Vec<(i64, Act)> {
    let mut commands = vec![(0, open("Edsger Dijkstra"))];
    // One command a day, but the 5th, 12th and 20th come 3 minutes after a deposit.
    let mut at = 0;
    for (day, (deposited, cents)) in (1..).zip(MONTH) {
        at += if matches!(day, 5 | 12 | 20) {
            3 * MINUTE
        } else {
            DAY
        };
        commands.push((
            at,
            if deposited {
                deposit(cents)
            } else {
                withdraw(cents)
            },
        ));
    }
    commands
}
