//! What the time-travel slider says: its value in words (read by screen readers as the
//! slider's value), the readout beside it, and what a jump cost once checkpoints are in use.

use super::format::{count, group_thousands, of_total};
use crate::read_models::CHECKPOINT_INTERVAL;

/// The slider's value in words at `shown` of `head` events, naming the event it stops after
/// (`name`, the type of event `shown`).
pub fn slider_value_text(shown: usize, head: usize, name: Option<&str>) -> String {
    if shown == 0 {
        format!("The start: 0 of {} events applied", group_thousands(head))
    } else {
        format!(
            "Events applied: {} of {}, up to {}",
            group_thousands(shown),
            group_thousands(head),
            name.unwrap_or_default()
        )
    }
}

/// The readout beside the slider: "Events applied: 2,921 / 10,001".
pub fn events_applied(shown: usize, head: usize) -> String {
    format!("Events applied: {}", of_total(shown, head))
}

/// What the last jump folded: from the first event, or from the checkpoint at `from` with
/// `replayed` events on top. Said only once a ledger of `head` events is long enough to use
/// checkpoints.
pub fn replay_cost(head: usize, from: usize, replayed: usize) -> Option<String> {
    (head > CHECKPOINT_INTERVAL).then(|| {
        if from == 0 {
            format!(
                "Rebuilt from the first event: {}.",
                count(replayed, "event", "events")
            )
        } else {
            format!(
                "Rebuilt from the snapshot at event {}: {} replayed instead of {}.",
                group_thousands(from),
                count(replayed, "event", "events"),
                group_thousands(from + replayed),
            )
        }
    })
}
