//! What the "Your read model" region says, decided natively: its position, how it was built, and
//! its result at the slider as a table of text. What is wrong with a definition is said apart
//! (`Page::your_problems`): it does not follow the slider.

use crate::domain::{group_digits, Money};
use crate::eventstore::RecordedEvent;
use crate::read_models::{BankState, Cell, GroupBy, GroupKey, ReadModelId, ReadModels};

use super::format::group_thousands;
use super::read_models_view::position_line;

/// The most rows the table lists.
pub const YOUR_ROWS: usize = 100;

/// The region's words and table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YourView {
    /// "Up to date: position 5 of 5", or "Off: …" while the definition does not check.
    pub position: String,
    /// How it was last built: "Rebuilt from 1,500 events in 3.1 ms."
    pub rebuilt: String,
    /// What the table holds and at which event.
    pub caption: String,
    /// Column headings: the group's, then one per column of the definition.
    pub headers: Vec<String>,
    /// The rows at the slider.
    pub rows: Vec<Vec<String>>,
    /// Said under the table when it lists only some rows, or none.
    pub footnote: String,
}

/// The region at the slider: the read model after the first `shown` events it has applied
/// (folded from its nearest checkpoint), or `None` while no definition was made.
pub fn your_view(
    models: &ReadModels,
    events: &[RecordedEvent],
    shown: usize,
    present: &BankState,
) -> Option<YourView> {
    let definition = models.your_definition()?;
    let head = events.len();
    // Registered only while its definition checks: unregistered, its problems are said above
    // (`Page::your_problems`), and nothing is folded.
    let position = match models.position(ReadModelId::Yours) {
        Some(position) => position_line(Some(position), head, false),
        None => "Off: its definition has a problem, said above. Put it right and it is built from position 1."
            .to_string(),
    };
    let mut view = YourView {
        position,
        rebuilt: String::new(),
        caption: String::new(),
        headers: Vec::new(),
        rows: Vec::new(),
        footnote: String::new(),
    };
    let Some(kept) = models.yours() else {
        return Some(view);
    };
    let Some(compiled) = kept.state().compiled() else {
        return Some(view);
    };
    // Behind the ledger (asynchronous delivery), it shows what it has applied.
    let at = shown.min(kept.position() as usize);
    let replay = kept.at(events, at);
    let groups = replay.state.groups();
    view.caption = if at == head {
        format!(
            "{}, after all {} events",
            definition.name.trim(),
            group_thousands(head)
        )
    } else {
        format!(
            "{}, after event {} of {}",
            definition.name.trim(),
            group_thousands(at),
            group_thousands(head)
        )
    };
    view.headers.push(
        match compiled.definition.group_by {
            GroupBy::Nothing => "Events",
            GroupBy::Account => "Account",
            // The month it was recorded in (transaction time), not a deposit's back date.
            GroupBy::Month => "Month recorded (UTC)",
        }
        .to_string(),
    );
    view.headers
        .extend(compiled.columns.iter().map(|c| c.name.clone()));
    view.rows = groups
        .iter()
        .take(YOUR_ROWS)
        .map(|(key, cells)| {
            std::iter::once(group_words(key, present))
                .chain(cells.iter().map(cell_words))
                .collect()
        })
        .collect();
    view.footnote = if groups.is_empty() {
        "No event up to here matches a row: the table is empty.".to_string()
    } else if groups.len() > YOUR_ROWS {
        format!(
            "The first {YOUR_ROWS} of {} rows are listed.",
            group_thousands(groups.len())
        )
    } else {
        String::new()
    };
    Some(view)
}

/// A row's group as the table says it: the account's owner (and id, as two may share a name),
/// the month, or "All".
fn group_words(key: &GroupKey, present: &BankState) -> String {
    match key {
        GroupKey::All => "All".to_string(),
        GroupKey::Month(month) => format!("{:04}-{:02}", month / 100, month % 100),
        GroupKey::Stream(id) => match present.account(id).and_then(|a| a.owner()) {
            Some(owner) => format!("{owner} · {id}"),
            // A transfer's own stream: it names no account.
            None => id.clone(),
        },
    }
}

/// A cell as the table says it: counts and amounts grouped by thousands, "—" for nothing yet.
pub fn cell_words(cell: &Cell) -> String {
    let money = |cents: &Option<u64>| {
        cents.map_or_else(|| "—".to_string(), |c| Money::from_cents(c).to_string())
    };
    match cell {
        Cell::Count(n) => group_digits(&n.to_string()),
        Cell::Total(cents) if *cents < 0 => {
            format!("−{}", Money::from_cents(cents.unsigned_abs()))
        }
        Cell::Total(cents) => Money::from_cents(cents.unsigned_abs()).to_string(),
        Cell::Smallest(cents) | Cell::Largest(cents) => money(cents),
        Cell::Latest(latest) => latest.clone().unwrap_or_else(|| "—".to_string()),
        Cell::List { kept, more } if *more > 0 => format!(
            "{} and {} more",
            kept.join(", "),
            group_digits(&more.to_string())
        ),
        Cell::List { kept, .. } if kept.is_empty() => "—".to_string(),
        Cell::List { kept, .. } => kept.join(", "),
    }
}
