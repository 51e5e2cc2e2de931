//! The Glossary's words: each term the page uses, explained once, in the order a learner meets
//! them. Other panels link to a term (`#term-<id>`) where it first appears.

/// One term of the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Its id in links (`#term-<id>`).
    pub id: &'static str,
    /// The term as the Glossary shows it.
    pub term: &'static str,
    /// What it means, in plain words.
    pub meaning: &'static str,
}

const fn term(id: &'static str, term: &'static str, meaning: &'static str) -> Term {
    Term { id, term, meaning }
}

/// The terms, in the order a learner meets them.
pub const TERMS: [Term; 19] = [
    term(
        "command",
        "Command",
        "A request to change something: open an account, deposit, withdraw, close. It can be refused.",
    ),
    term(
        "event",
        "Event",
        "A fact that happened, recorded once a command was accepted: \"MoneyDeposited $50.00\". Events are never changed or deleted.",
    ),
    term(
        "ledger",
        "Ledger (event store)",
        "The list of every event, in order. New events are only ever added at the end (append-only). It is never rebuilt: it is the events.",
    ),
    term(
        "state",
        "Current state (decision state)",
        "An account's state folded from its own stream: what a command is decided against. It is not a read model: it is folded for the decision, and never lags behind the account's events.",
    ),
    term(
        "projection",
        "Projection",
        "The code that folds events into a read model, one event at a time.",
    ),
    term(
        "read-model",
        "Read model",
        "What a projection produces: a view of the events for a question (a monthly statement, every account's balance). It may lag behind the ledger, it can always be rebuilt from it, and it never decides a command.",
    ),
    term(
        "fold",
        "Fold (replay)",
        "Going through the events from the first one, applying each to the state in turn. The state after the last event is the current state. It applies today's code to every event, not the code of the day it was recorded.",
    ),
    term(
        "snapshot",
        "Snapshot",
        "A state kept at a point of the history, so a fold starts there instead of at the first event. Here the slider keeps one in memory every 1,000 events. Keep streams short first and snapshot last; a stored snapshot names the version of the code that folded it, and is dropped when that code changes.",
    ),
    term(
        "checkpoint",
        "Checkpoint",
        "The position a subscriber has processed up to, so it carries on from there: a read model's \"Up to date: position 5 of 5\" is its checkpoint.",
    ),
    term(
        "envelope",
        "Envelope",
        "An event as it is stored: its position, stream, time, command id and the event itself.",
    ),
    term(
        "event-type",
        "New event type or new version",
        "When the business does something different, it gets its own event type: closing now records BalancePaidOut, where release 0.4.0 recorded a MoneyWithdrawn that a reader could tell from a withdrawal only by the AccountClosed after it. When the same fact changes shape, its type gets a new version, read old ones through an upcaster (MoneyDeposited v2). Stored events stay as they were.",
    ),
    term(
        "as-of",
        "As at and as of",
        "Two times a fact has: when it was recorded, and when it took effect (transaction time and valid time, in bitemporal terms). A cheque paid in on 1 December but entered in the ledger on the 7th took effect on the 1st. \"As at\" a moment asks what the ledger knew then (the events recorded by then); \"as of\" a moment asks what was true then, as known now. Recording the late fact with its date answers both, and changes nothing already recorded. (Some tools use \"as of\" for recorded time: SQL's FOR SYSTEM_TIME AS OF.)",
    ),
    term(
        "genesis",
        "Genesis",
        "The start of history, before the first event: the slider's leftmost point.",
    ),
    term(
        "stream",
        "Stream",
        "The events of one thing, in order: each account has its own, and so does each transfer. A stream's version counts its events; a write says which version it expects, and is refused if someone else wrote first.",
    ),
    term(
        "boundary",
        "Consistency boundary (aggregate)",
        "What one decision may rely on being up to date: here, one account. Where to draw it is a design choice: with one account each, a transfer is two decisions, taken in turn by a process, unless it is written to both accounts at once.",
    ),
    term(
        "process",
        "Process manager",
        "A coordinator with its own state that reacts to events by sending the next command: here it debits the source, credits the destination, or refunds when the credit is refused. What it runs is a saga: steps each committed on its own, each with a compensating step. Its state is in the ledger, so a crash loses nothing.",
    ),
    term(
        "compensation",
        "Compensation",
        "A new event that undoes the effect of an earlier step (a refund for a debit). It is needed because that step already committed, in another boundary; it is a new fact, not an edit.",
    ),
    term(
        "eventual",
        "Eventual consistency",
        "A state that is updated after the write, not within it, and catches up: a read model shows the state before the newest events for a moment, and two accounts in a transfer's process agree once its last step is taken. The ledger itself is never behind.",
    ),
    term(
        "idempotent",
        "Idempotent",
        "Doing it twice has the effect of doing it once. A read model remembers the last position it applied and skips an event it has seen, so a retried delivery changes nothing.",
    ),
];

/// The term with `id`, if the glossary has it.
pub fn term_of(id: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.id == id)
}
