//! How the state panel says it shows the past: a badge with where the cursor is, and what the
//! event at the cursor changed.

use super::format::group_thousands;
use crate::domain::Event;
use crate::eventstore::RecordedEvent;

/// The badge behind the present: "Past: after event 3 of 6". None at the present.
pub fn past_badge(shown: usize, head: usize) -> Option<String> {
    (shown < head).then(|| {
        if shown == 0 {
            format!("Past: the start, 0 of {}", group_thousands(head))
        } else {
            format!(
                "Past: after event {} of {}",
                group_thousands(shown),
                group_thousands(head)
            )
        }
    })
}

/// What event #`position` changed, in a few words: "+$50.00 by #2", "−$30.00 by #3",
/// "opened by #1", "closed by #5".
pub fn change_by(event: &Event, position: usize) -> String {
    let by = format!("by #{}", group_thousands(position));
    match event {
        Event::AccountOpened { .. } => format!("Account opened {by}"),
        Event::MoneyDeposited { amount, .. }
        | Event::WithdrawalReversed { amount, .. }
        | Event::TransferCredited { amount, .. }
        | Event::TransferRefunded { amount, .. } => format!("+{amount} {by}"),
        // A real minus sign, as a person writes it.
        Event::MoneyWithdrawn { amount }
        | Event::BalancePaidOut { amount }
        | Event::TransferDebited { amount, .. } => {
            format!("\u{2212}{amount} {by}")
        }
        Event::AccountClosed => format!("Account closed {by}"),
        Event::TransferRequested { .. } => format!("Transfer requested {by}"),
        Event::TransferCompleted => format!("Transfer completed {by}"),
        Event::TransferFailed { .. } => format!("Transfer failed {by}"),
    }
}

/// What the chosen account's own last event among `applied` (the events the slider shows)
/// changed: "+$50.00 by #2". `None` before its first event. Another account's events are not
/// this account's changes, whatever the cursor's event is.
pub fn last_change(applied: &[RecordedEvent], chosen: &str) -> Option<String> {
    let (index, recorded) = applied
        .iter()
        .enumerate()
        .rev()
        .find(|(_, r)| r.stream_id == chosen)?;
    Some(change_by(&recorded.event, index + 1))
}
