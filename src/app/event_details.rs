//! "Event details": one recorded event taken apart for a learner: its envelope's facts, what
//! caused it, the state of its stream just before and just after it (the changed fields marked),
//! and, for a transfer, the chain from the person's command through the process's steps.

use crate::domain::{AccountState, Event, TransferId};
use crate::eventstore::{encode_event_at, latest_version, RecordedEvent};
use crate::read_models::{format_utc, BankState, ReadModel, TransferProgresses};

use super::format::group_thousands;

/// One field of a stream's state, before and after the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name.
    pub field: &'static str,
    /// Its value just before the event.
    pub before: String,
    /// Its value just after.
    pub after: String,
}

impl FieldChange {
    /// True when the event changed this field.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Everything the region "Event details" shows about one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDetails {
    /// Its position in the ledger.
    pub position: u64,
    /// (name, value) pairs from its envelope: stream, version, time, type, ids.
    pub facts: Vec<(&'static str, String)>,
    /// Its stream's state before → after.
    pub changes: Vec<FieldChange>,
    /// For a transfer: every event of it, from the request through the steps, "#p Type (stream)".
    pub chain: Vec<String>,
    /// Stored in an older version: the newest version, and the payload as it is read (upcast).
    pub read_as: Option<(u32, String)>,
    /// For a withdrawal: `None` while it stands, or the position of the event that reversed it.
    pub reversed_by: Option<Option<u64>>,
}

/// The details of the event at `position` (1-based), with `state_at(k)` the bank after the first
/// k events (from checkpoints, in the page). `None` when there is no such event.
pub fn event_details(
    events: &[RecordedEvent],
    position: usize,
    state_at: impl Fn(usize) -> BankState,
) -> Option<EventDetails> {
    let recorded = events.get(position.checked_sub(1)?)?;
    let meta = &recorded.metadata;
    let transfer_id = recorded
        .event
        .transfer_id()
        .map(ToString::to_string)
        .or_else(|| {
            recorded
                .event
                .is_transfer_stream_event()
                .then(|| recorded.stream_id.clone())
        });
    let of_transfer: Vec<&RecordedEvent> = match &transfer_id {
        Some(id) => events
            .iter()
            .filter(|r| r.stream_id == *id || r.event.transfer_id().map(|t| t.as_str()) == Some(id))
            .collect(),
        None => Vec::new(),
    };
    // A process step was caused by the transfer's event just before it; a person's command by
    // the person.
    let caused_by = of_transfer
        .iter()
        .take_while(|r| r.position < recorded.position)
        .last()
        .filter(|_| {
            meta.command_id != meta.correlation_id || recorded.event.is_transfer_stream_event()
        })
        .filter(|_| !matches!(recorded.event, Event::TransferRequested { .. }))
        .map_or_else(
            || format!("the command {}", meta.command_id),
            |r| {
                format!(
                    "event #{} {}",
                    group_thousands(r.position as usize),
                    r.event.name()
                )
            },
        );
    let version = recorded.schema_version;
    let latest = latest_version(recorded.event.name());
    let read_as = (version < latest).then(|| {
        let upcast = encode_event_at(&recorded.event, latest);
        let payload = serde_json::to_string(&upcast.payload).unwrap_or_default();
        (latest, payload)
    });
    let facts = vec![
        ("Position", format!("#{}", group_thousands(position))),
        ("Stream", recorded.stream_id.clone()),
        ("Stream version", recorded.stream_version.to_string()),
        ("Recorded at", format_utc(recorded.recorded_at_ms)),
        ("Type", recorded.event.name().to_string()),
        ("Stored schema version", format!("v{version}")),
        ("Command id", meta.command_id.clone()),
        ("Correlation id", meta.correlation_id.clone()),
        ("Caused by", caused_by),
    ];

    let changes = if recorded.event.is_transfer_stream_event() {
        let transfer = TransferId::new(recorded.stream_id.clone());
        let progress = |k: usize| transfer_words(&transfer, &of_transfer, k);
        vec![FieldChange {
            field: "Transfer",
            before: progress(position - 1),
            after: progress(position),
        }]
    } else {
        let (before, after) = (state_at(position - 1), state_at(position));
        let account = |bank: &BankState| bank.account_or_none(Some(&recorded.stream_id));
        account_changes(&account(&before), &account(&after))
    };
    let chain = of_transfer
        .iter()
        .map(|r| {
            format!(
                "#{} {} ({})",
                group_thousands(r.position as usize),
                r.event.name(),
                r.stream_id
            )
        })
        .collect();
    let reversed_by = matches!(recorded.event, Event::MoneyWithdrawn { .. }).then(|| {
        events[position..]
            .iter()
            .find(|r| {
                r.stream_id == recorded.stream_id
                    && matches!(r.event, Event::WithdrawalReversed { withdrawal, .. } if withdrawal == recorded.stream_version)
            })
            .map(|r| r.position)
    });
    Some(EventDetails {
        position: recorded.position,
        facts,
        changes,
        chain,
        read_as,
        reversed_by,
    })
}

fn account_changes(before: &AccountState, after: &AccountState) -> Vec<FieldChange> {
    let owner = |s: &AccountState| s.owner().map_or("—".to_string(), ToString::to_string);
    vec![
        FieldChange {
            field: "Owner",
            before: owner(before),
            after: owner(after),
        },
        FieldChange {
            field: "Status",
            before: before.status().label().to_string(),
            after: after.status().label().to_string(),
        },
        FieldChange {
            field: "Balance",
            before: before.balance().to_string(),
            after: after.balance().to_string(),
        },
    ]
}

/// Where `transfer` stood after the first `k` events, in words, from the one fold of a
/// transfer's progress.
fn transfer_words(transfer: &TransferId, of_transfer: &[&RecordedEvent], k: usize) -> String {
    let mut progresses = TransferProgresses::default();
    for r in of_transfer.iter().take_while(|r| r.position as usize <= k) {
        progresses.apply(r);
    }
    progresses.describe(transfer)
}
