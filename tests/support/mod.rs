//! A given/when/then harness for the decider: `given(events).when(command).then(events)`.
#![allow(dead_code)] // Each test file uses a different part of the harness.

pub mod page;
pub mod stores;

use replay_bank::bank_service::BankCommand;
use replay_bank::domain::{decide, replay, AccountId, Command, Event, Money, OwnerName, Rejection};
use replay_bank::read_models::BankState;

/// Starts a specification from the events that already happened.
pub fn given(events: impl IntoIterator<Item = Event>) -> Given {
    Given {
        history: events.into_iter().collect(),
    }
}

/// The history part of a specification.
pub struct Given {
    history: Vec<Event>,
}

impl Given {
    /// The command under test.
    pub fn when(self, command: Command) -> When {
        let state = replay(&self.history);
        When {
            outcome: decide(&state, &command),
            command,
        }
    }
}

/// The outcome of deciding the command.
pub struct When {
    command: Command,
    outcome: Result<Vec<Event>, Rejection>,
}

impl When {
    /// Asserts the command was accepted with exactly these events.
    #[track_caller]
    pub fn then(self, expected: impl IntoIterator<Item = Event>) {
        let expected: Vec<Event> = expected.into_iter().collect();
        match self.outcome {
            Ok(events) => assert_eq!(
                events, expected,
                "{:?} produced other events than expected",
                self.command
            ),
            Err(rejection) => panic!(
                "expected {:?} to be accepted with {expected:?}, but it was rejected: {rejection}",
                self.command
            ),
        }
    }

    /// Asserts the command was refused by the rule of this name, with this message (what a
    /// test exported by the app checks).
    #[track_caller]
    pub fn then_refused(self, rule: &str, message: &str) {
        match self.outcome {
            Err(rejection) => {
                assert_eq!(rejection.rule().name(), rule, "{:?}", self.command);
                assert_eq!(rejection.to_string(), message, "{:?}", self.command);
            }
            Ok(events) => panic!(
                "expected {:?} to be refused by \"{rule}\", but it produced {events:?}",
                self.command
            ),
        }
    }

    /// Asserts the command was rejected for this reason, and returns the message shown to people.
    #[track_caller]
    pub fn then_err(self, expected: Rejection) -> String {
        match self.outcome {
            Err(rejection) => {
                assert_eq!(
                    rejection, expected,
                    "{:?} was rejected for another reason",
                    self.command
                );
                rejection.to_string()
            }
            Ok(events) => panic!(
                "expected {:?} to be rejected with {expected:?}, but it produced {events:?}",
                self.command
            ),
        }
    }
}

pub fn id(s: &str) -> AccountId {
    AccountId::new(s)
}

pub fn cents(c: u64) -> Money {
    Money::from_cents(c)
}

pub fn opened(account: &str, owner: &str) -> Event {
    Event::AccountOpened {
        account_id: id(account),
        owner: OwnerName::parse(owner).expect("a valid owner in a test fixture"),
    }
}

pub fn deposited(c: u64) -> Event {
    Event::MoneyDeposited {
        amount: cents(c),
        effective_on: None,
    }
}

pub fn withdrawn(c: u64) -> Event {
    Event::MoneyWithdrawn { amount: cents(c) }
}

/// What closing records for the `c` cents left in the account.
pub fn paid_out(c: u64) -> Event {
    Event::BalancePaidOut { amount: cents(c) }
}

pub fn open(account: &str, owner: &str) -> Command {
    Command::OpenAccount {
        account_id: id(account),
        owner: owner.to_string(),
    }
}

pub fn deposit(c: u64) -> Command {
    Command::DepositMoney {
        amount: cents(c),
        effective_on: None,
    }
}

pub fn withdraw(c: u64) -> Command {
    Command::WithdrawMoney { amount: cents(c) }
}

/// Opening an account, for no account chosen yet: the opening names its own new stream.
pub fn opening(account: &str, owner: &str) -> BankCommand {
    BankCommand::Account(None, open(account, owner))
}

/// `command` for the stream of `account`.
pub fn to(account: &str, command: Command) -> BankCommand {
    BankCommand::Account(Some(id(account)), command)
}

/// The commands of a one-account history as the bank takes them: every one for the account the
/// first opening names (an opening names its own stream whatever the target; with no opening,
/// for no account, which only an opening can succeed at).
pub fn one_account(commands: &[Command]) -> Vec<BankCommand> {
    let account = commands.iter().find_map(|c| match c {
        Command::OpenAccount { account_id, .. } => Some(account_id.clone()),
        _ => None,
    });
    commands
        .iter()
        .map(|c| BankCommand::Account(account.clone(), c.clone()))
        .collect()
}

/// The balance of `account` in `bank` (zero when it is not open), as the one-account state said.
pub fn balance(bank: &BankState, account: &str) -> Money {
    bank.account_or_none(Some(account)).balance()
}

pub fn ctx(n: u32) -> replay_bank::eventstore::CommandContext {
    replay_bank::eventstore::CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("cmd-{n}"),
        now_ms: 1_795_000_000_000 + i64::from(n),
    }
}
