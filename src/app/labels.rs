//! The short labels the page composes around its panels: a scenario's caption, the ledger's
//! count, Event details' headings, the state's last change and the pinned tab's name.

use super::format::count;
use crate::domain::{AccountId, AccountState};

/// An account as the page names it where people look for a name: its owner ("Grace Hopper"),
/// with its id after an owner who has several of `accounts` ("Ada · acc-1").
pub fn account_label(accounts: &[(AccountId, AccountState)], id: &AccountId) -> String {
    let owner = |state: &AccountState| state.owner().map(ToString::to_string).unwrap_or_default();
    let Some(name) = accounts
        .iter()
        .find(|(a, _)| a == id)
        .map(|(_, s)| owner(s))
    else {
        return id.to_string();
    };
    if accounts.iter().filter(|(_, s)| owner(s) == name).count() > 1 {
        format!("{name} · {id}")
    } else {
        name
    }
}

/// The scenario caption's heading.
pub fn scenario_heading(title: &str) -> String {
    format!("Scenario: {title}")
}

/// Where the narration is: "Step 2 of 5" (`index` from 0).
pub fn scenario_step(index: usize, steps: usize) -> String {
    format!("Step {} of {steps}", index + 1)
}

/// The name of the dot that moves the narration to step `index` (from 0).
pub fn step_dot(index: usize) -> String {
    format!("Step {}", index + 1)
}

/// Which panel a scenario step is about.
pub fn look_at(panel: &str) -> String {
    format!("Look at: {panel}")
}

/// The ledger's count above its rows: "3 events, newest last. ".
pub fn ledger_count(events: usize) -> String {
    format!("{}, newest last. ", count(events, "event", "events"))
}

/// The name of a ledger row's Envelope button.
pub fn envelope_button(position: usize) -> String {
    format!("Envelope JSON for #{position}")
}

/// Event details' heading over the stored envelope.
pub fn envelope_heading(position: usize) -> String {
    format!("Envelope of event #{position}")
}

/// Event details, for an event stored in an older payload version.
pub fn read_as(latest: u32) -> String {
    format!("Stored in an older version; read as v{latest} through the upcasters:")
}

/// Under Current state: what the cursor's event changed ("Last change: +$50.00 by #2").
pub fn last_change_label(change: &str) -> String {
    format!("Last change: {change}")
}

/// The name of the region holding the tab pinned beside the stage.
pub fn pinned(tab: &str) -> String {
    format!("Pinned: {tab}")
}

/// A ledger row's stored payload version: "v2".
pub fn stored_version(version: u32) -> String {
    format!("v{version}")
}
