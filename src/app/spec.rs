//! A piece of history exported as a test: given the stream's earlier events, when the command,
//! then the events it recorded (or the rule that refused it). Two forms: plain text, which the
//! project's test suite runs from `tests/specs/`, and a Rust test in the style of the domain's own.

use serde_json::{json, Value};

use crate::domain::{command_for, AccountId, Command, Day, Event, Money, Rejection, TransferId};
use crate::eventstore::{decode_event, encode_event, RecordedEvent, StoredEvent};

/// One specification of the account aggregate's decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// What it is about, in words.
    pub title: String,
    /// The stream's events before the command.
    pub given: Vec<Event>,
    /// The command.
    pub when: Command,
    /// The events it recorded, or the rule's name and the message of its refusal.
    pub then: Result<Vec<Event>, (String, String)>,
}

/// The command that recorded `events` (one command's events, in one account stream): each
/// event's own command (the domain's one mapping), or closing, which pays out first (as a
/// `MoneyWithdrawn` up to release 0.4.0).
fn command_of(events: &[&Event]) -> Option<Command> {
    match events {
        [Event::BalancePaidOut { .. } | Event::MoneyWithdrawn { .. }, Event::AccountClosed] => {
            Some(Command::CloseAccount)
        }
        [event] => command_for(event),
        _ => None,
    }
}

/// A close recorded up to release 0.4.0 paid out with a `MoneyWithdrawn`: the specification
/// states today's rules, which record that payout as a `BalancePaidOut`.
fn as_decided_today(event: &Event, when: &Command) -> Event {
    match (event, when) {
        (Event::MoneyWithdrawn { amount }, Command::CloseAccount) => {
            Event::BalancePaidOut { amount: *amount }
        }
        _ => event.clone(),
    }
}

/// The specification of the command that recorded the event at `position` (1-based).
pub fn spec_of_event(events: &[RecordedEvent], position: usize) -> Result<Spec, String> {
    let recorded = events
        .get(position.checked_sub(1).ok_or("There is no event #0.")?)
        .ok_or_else(|| format!("There is no event #{position}."))?;
    if let Event::WithdrawalReversed { .. } = recorded.event {
        return Err(format!(
            "Event #{position} reverses a withdrawal, decided from its stream's withdrawals rather than by decide: Export as test covers decide's commands."
        ));
    }
    if recorded.event.is_transfer_stream_event() {
        return Err(format!(
            "Event #{position} is the transfer's own ({}): Export as test covers an account's decisions; export one of the transfer's account events.",
            recorded.event.name()
        ));
    }
    let stream = &recorded.stream_id;
    let command_id = &recorded.metadata.command_id;
    let of_stream: Vec<&RecordedEvent> = events.iter().filter(|r| &r.stream_id == stream).collect();
    let first = of_stream
        .iter()
        .position(|r| &r.metadata.command_id == command_id)
        .unwrap_or(0);
    let then: Vec<&RecordedEvent> = of_stream[first..]
        .iter()
        .take_while(|r| &r.metadata.command_id == command_id)
        .copied()
        .collect();
    let when = command_of(&then.iter().map(|r| &r.event).collect::<Vec<_>>())
        .ok_or_else(|| format!("Event #{position} was not recorded by one account command."))?;
    let outcome: Vec<Event> = then
        .iter()
        .map(|r| as_decided_today(&r.event, &when))
        .collect();
    let since = if outcome.iter().zip(&then).all(|(e, r)| *e == r.event) {
        ""
    } else {
        " (its payout, a MoneyWithdrawn up to release 0.4.0, is a BalancePaidOut today)"
    };
    Ok(Spec {
        title: format!(
            "{} on {stream}, as event #{} recorded it{since}",
            when.describe(),
            then[0].position
        ),
        // What decide saw: the stream's earlier events and the credits of its transfers.
        given: events
            .iter()
            .take_while(|r| r.position < then[0].position)
            .filter(|r| r.event.in_decision_state_of(&r.stream_id, stream))
            .map(|r| r.event.clone())
            .collect(),
        when,
        then: Ok(outcome),
    })
}

/// The specification of a refusal: `given` the stream's events then, `command` refused.
pub fn spec_of_rejection(given: Vec<Event>, command: &Command, rejection: &Rejection) -> Spec {
    Spec {
        title: format!("{} is refused", command.describe()),
        given,
        when: command.clone(),
        then: Err((rejection.rule().name().to_string(), rejection.to_string())),
    }
}

fn command_json(command: &Command) -> (&'static str, Value) {
    match command {
        Command::OpenAccount { account_id, owner } => (
            "OpenAccount",
            json!({"account_id": account_id.as_str(), "owner": owner}),
        ),
        Command::DepositMoney {
            amount,
            effective_on: None,
        } => ("DepositMoney", json!({"amount_cents": amount.cents()})),
        Command::DepositMoney {
            amount,
            effective_on: Some(day),
        } => (
            "DepositMoney",
            json!({"amount_cents": amount.cents(), "effective_on": day.to_string()}),
        ),
        Command::WithdrawMoney { amount } => {
            ("WithdrawMoney", json!({"amount_cents": amount.cents()}))
        }
        Command::CloseAccount => ("CloseAccount", json!({})),
        Command::DebitTransfer {
            transfer_id,
            to,
            amount,
        } => (
            "DebitTransfer",
            json!({"transfer_id": transfer_id.as_str(), "to": to.as_str(), "amount_cents": amount.cents()}),
        ),
        Command::CreditTransfer {
            transfer_id,
            from,
            amount,
        } => (
            "CreditTransfer",
            json!({"transfer_id": transfer_id.as_str(), "from": from.as_str(), "amount_cents": amount.cents()}),
        ),
        Command::RefundTransfer {
            transfer_id,
            amount,
            reason,
        } => (
            "RefundTransfer",
            json!({"transfer_id": transfer_id.as_str(), "amount_cents": amount.cents(), "reason": reason}),
        ),
    }
}

fn parse_command(name: &str, fields: &Value) -> Result<Command, String> {
    let text = |field: &str| {
        fields[field]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("{name}: `{field}` must be text"))
    };
    let money = || {
        fields["amount_cents"]
            .as_u64()
            .map(Money::from_cents)
            .ok_or_else(|| format!("{name}: `amount_cents` must be a whole number"))
    };
    Ok(match name {
        "OpenAccount" => Command::OpenAccount {
            account_id: AccountId::new(text("account_id")?),
            owner: text("owner")?,
        },
        "DepositMoney" => Command::DepositMoney {
            amount: money()?,
            effective_on: match &fields["effective_on"] {
                Value::Null => None,
                day => Some(
                    day.as_str()
                        .ok_or_else(|| format!("{name}: `effective_on` must be a date"))
                        .and_then(|day| Day::parse(day).map_err(|why| format!("{name}: {why}")))?,
                ),
            },
        },
        "WithdrawMoney" => Command::WithdrawMoney { amount: money()? },
        "CloseAccount" => Command::CloseAccount,
        "DebitTransfer" => Command::DebitTransfer {
            transfer_id: TransferId::new(text("transfer_id")?),
            to: AccountId::new(text("to")?),
            amount: money()?,
        },
        "CreditTransfer" => Command::CreditTransfer {
            transfer_id: TransferId::new(text("transfer_id")?),
            from: AccountId::new(text("from")?),
            amount: money()?,
        },
        "RefundTransfer" => Command::RefundTransfer {
            transfer_id: TransferId::new(text("transfer_id")?),
            amount: money()?,
            reason: text("reason")?,
        },
        other => return Err(format!("unknown command `{other}`")),
    })
}

/// An event as a line: its type, its payload version when above 1 (`v3`), its payload. Written
/// in the oldest version that holds it, as release 0.4.0 wrote every line (v1).
fn event_line(event: &Event) -> String {
    let stored = encode_event(event);
    let payload = serde_json::to_string(&stored.payload).unwrap_or_default();
    match stored.schema_version {
        1 => format!("  {} {payload}", stored.event_type),
        v => format!("  {} v{v} {payload}", stored.event_type),
    }
}

/// An event line's payload version and payload: `v3 {…}`, or `{…}` for version 1.
fn versioned(json: &str) -> (u32, &str) {
    json.strip_prefix('v')
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(v, payload)| Some((v.parse().ok()?, payload)))
        .unwrap_or((1, json))
}

impl Spec {
    /// The plain-text form: what `tests/specs/` holds.
    pub fn to_text(&self) -> String {
        let mut out = format!("# {}\ngiven:\n", self.title);
        for event in &self.given {
            out.push_str(&event_line(event));
            out.push('\n');
        }
        let (name, fields) = command_json(&self.when);
        let fields = serde_json::to_string(&fields).unwrap_or_default();
        out.push_str(&format!("when:\n  {name} {fields}\n"));
        match &self.then {
            Ok(events) => {
                out.push_str("then:\n");
                for event in events {
                    out.push_str(&event_line(event));
                    out.push('\n');
                }
            }
            Err((rule, message)) => {
                out.push_str(&format!("then refused by \"{rule}\":\n  {message}\n"));
            }
        }
        out
    }

    /// Reads the plain-text form back.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let mut title = String::new();
        let mut section = "";
        let (mut given, mut then) = (Vec::new(), Vec::new());
        let (mut when, mut refused, mut message) = (None, None::<String>, None::<String>);
        for (n, line) in text.lines().enumerate() {
            let at = |why: String| format!("line {}: {why}", n + 1);
            if let Some(rest) = line.strip_prefix("# ") {
                title = rest.to_string();
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                section = match line {
                    "given:" => "given",
                    "when:" => "when",
                    "then:" => "then",
                    _ => match line
                        .strip_prefix("then refused by \"")
                        .and_then(|r| r.strip_suffix("\":"))
                    {
                        Some(rule) => {
                            refused = Some(rule.to_string());
                            "refused"
                        }
                        None => {
                            return Err(at(format!(
                                "expected given:, when: or then:, found `{line}`"
                            )))
                        }
                    },
                };
                continue;
            }
            let item = line.trim();
            if section == "refused" {
                message = Some(item.to_string());
                continue;
            }
            let (name, json) = item.split_once(' ').unwrap_or((item, "{}"));
            match section {
                "when" => {
                    let fields: Value =
                        serde_json::from_str(json).map_err(|e| at(format!("not JSON ({e})")))?;
                    when = Some(parse_command(name, &fields).map_err(at)?);
                }
                "given" | "then" => {
                    let (schema_version, json) = versioned(json);
                    let payload: Value =
                        serde_json::from_str(json).map_err(|e| at(format!("not JSON ({e})")))?;
                    let event = decode_event(&StoredEvent {
                        event_type: name.to_string(),
                        schema_version,
                        payload,
                    })
                    .map_err(|e| at(e.to_string()))?;
                    if section == "given" {
                        given.push(event);
                    } else {
                        then.push(event);
                    }
                }
                _ => return Err(at("an item before given:".to_string())),
            }
        }
        Ok(Spec {
            title,
            given,
            when: when.ok_or("no when: command")?,
            then: match refused {
                Some(rule) => Err((rule, message.ok_or("a refusal without its message")?)),
                None => Ok(then),
            },
        })
    }

    /// The Rust form: a test in the style of the project's domain tests (`tests/support`'s
    /// `given(...).when(...).then(...)`), which compiles against the crate.
    pub fn to_rust(&self, name: &str) -> String {
        let events = |events: &[Event]| {
            events
                .iter()
                .map(|e| format!("        {},\n", rust_event(e)))
                .collect::<String>()
        };
        let outcome = match &self.then {
            Ok(then) => format!(".then([\n{}    ]);", events(then)),
            Err((rule, message)) => format!(".then_refused({rule:?}, {message:?});"),
        };
        format!(
            "// {}\n#[test]\nfn {name}() {{\n    given([\n{}    ])\n    .when({})\n    {outcome}\n}}\n",
            self.title,
            events(&self.given),
            rust_command(&self.when),
        )
    }
}

fn money(m: &Money) -> String {
    format!("Money::from_cents({})", m.cents())
}

fn rust_day(day: &Option<Day>) -> String {
    match day {
        None => "None".to_string(),
        Some(day) => format!("Some(Day::parse(\"{day}\").unwrap())"),
    }
}

fn rust_event(event: &Event) -> String {
    match event {
        Event::AccountOpened { account_id, owner } => format!(
            // As recorded: `read` takes any name a release recorded, `parse` only one typed today.
            "Event::AccountOpened {{ account_id: AccountId::new({:?}), owner: OwnerName::read({:?}).unwrap() }}",
            account_id.as_str(),
            owner.as_str()
        ),
        Event::MoneyDeposited { amount, effective_on } => format!("Event::MoneyDeposited {{ amount: {}, effective_on: {} }}", money(amount), rust_day(effective_on)),
        Event::MoneyWithdrawn { amount } => format!("Event::MoneyWithdrawn {{ amount: {} }}", money(amount)),
        Event::BalancePaidOut { amount } => format!("Event::BalancePaidOut {{ amount: {} }}", money(amount)),
        Event::WithdrawalReversed { withdrawal, amount } => format!("Event::WithdrawalReversed {{ withdrawal: {withdrawal}, amount: {} }}", money(amount)),
        Event::AccountClosed => "Event::AccountClosed".to_string(),
        Event::TransferDebited { transfer_id, to, amount } => format!(
            "Event::TransferDebited {{ transfer_id: TransferId::new({:?}), to: AccountId::new({:?}), amount: {} }}",
            transfer_id.as_str(), to.as_str(), money(amount)
        ),
        Event::TransferCredited { transfer_id, from, amount } => format!(
            "Event::TransferCredited {{ transfer_id: TransferId::new({:?}), from: AccountId::new({:?}), amount: {} }}",
            transfer_id.as_str(), from.as_str(), money(amount)
        ),
        Event::TransferRefunded { transfer_id, amount, reason } => format!(
            "Event::TransferRefunded {{ transfer_id: TransferId::new({:?}), amount: {}, reason: {:?}.to_string() }}",
            transfer_id.as_str(), money(amount), reason
        ),
        Event::TransferRequested { .. } | Event::TransferCompleted | Event::TransferFailed { .. } => {
            format!("/* {} is the transfer's own event */", event.name())
        }
    }
}

fn rust_command(command: &Command) -> String {
    match command {
        Command::OpenAccount { account_id, owner } => format!(
            "Command::OpenAccount {{ account_id: AccountId::new({:?}), owner: {:?}.to_string() }}",
            account_id.as_str(),
            owner
        ),
        Command::DepositMoney { amount, effective_on } => format!("Command::DepositMoney {{ amount: {}, effective_on: {} }}", money(amount), rust_day(effective_on)),
        Command::WithdrawMoney { amount } => format!("Command::WithdrawMoney {{ amount: {} }}", money(amount)),
        Command::CloseAccount => "Command::CloseAccount".to_string(),
        Command::DebitTransfer { transfer_id, to, amount } => format!(
            "Command::DebitTransfer {{ transfer_id: TransferId::new({:?}), to: AccountId::new({:?}), amount: {} }}",
            transfer_id.as_str(), to.as_str(), money(amount)
        ),
        Command::CreditTransfer { transfer_id, from, amount } => format!(
            "Command::CreditTransfer {{ transfer_id: TransferId::new({:?}), from: AccountId::new({:?}), amount: {} }}",
            transfer_id.as_str(), from.as_str(), money(amount)
        ),
        Command::RefundTransfer { transfer_id, amount, reason } => format!(
            "Command::RefundTransfer {{ transfer_id: TransferId::new({:?}), amount: {}, reason: {:?}.to_string() }}",
            transfer_id.as_str(), money(amount), reason
        ),
    }
}
