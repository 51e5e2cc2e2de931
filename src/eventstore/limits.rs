//! The limits every recorded event keeps, whichever way it comes in: read from storage, from an
//! imported file or from a link. One function, [`check_envelope`], checks them, where each of
//! those readers turns a stored row into a [`RecordedEvent`], so the three accept exactly the
//! same values and nothing outside them can be replaced into storage and then fail to load.
//!
//! The amounts' limit is a rule of the domain ([`crate::domain::Money::MAX_AMOUNT`] per command);
//! with it, [`MAX_EVENTS`] keeps every sum of amounts of a ledger below 10^17 cents, far inside
//! the 64 bits the sums are kept in, so no total overflows or saturates.

use thiserror::Error;

use super::{Metadata, RecordedEvent};

/// The most events one ledger holds: ten times what a browser's storage keeps (100,000 events
/// fill about 87 % of its 5 MiB).
pub const MAX_EVENTS: u64 = 1_000_000;

/// The latest time an event may carry: the last millisecond of the year 9999, UTC.
pub const MAX_RECORDED_AT_MS: i64 = 253_402_300_799_999;

/// The longest stream id, command id or correlation id (the app writes at most 19 characters).
pub const MAX_ID_CHARS: usize = 64;

/// What an id may be made of: letters and digits of ASCII, '-', '_', '.' and ':'. No space, tab
/// or line break, which would break the rows of the read models' copies.
pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID_CHARS
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// How an event breaks the limits.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LimitError {
    /// Past the most events a ledger holds.
    #[error("it is past the 1,000,000 events a ledger can hold")]
    TooManyEvents,
    /// A time before 1970 or after the year 9999.
    #[error("its time ({0} ms) is not between 1970 and the end of the year 9999")]
    TimeOutOfRange(i64),
    /// An id too long, empty, or with characters an id cannot have.
    #[error("its {field} is not an id: at most {MAX_ID_CHARS} characters, letters, digits, '-', '_', '.' or ':'")]
    NotAnId {
        /// "stream id", "command id" or "correlation id".
        field: &'static str,
    },
}

/// Checks one event against every limit.
pub fn check_envelope(recorded: &RecordedEvent) -> Result<(), LimitError> {
    check_fields(
        recorded.position,
        &recorded.stream_id,
        recorded.recorded_at_ms,
        &recorded.metadata,
    )
}

/// Checks what an envelope holds besides its event: an append checks these before it records
/// anything, for the last position it would take.
pub fn check_fields(
    position: u64,
    stream_id: &str,
    recorded_at_ms: i64,
    metadata: &Metadata,
) -> Result<(), LimitError> {
    if position > MAX_EVENTS {
        return Err(LimitError::TooManyEvents);
    }
    if !(0..=MAX_RECORDED_AT_MS).contains(&recorded_at_ms) {
        return Err(LimitError::TimeOutOfRange(recorded_at_ms));
    }
    for (field, id) in [
        ("stream id", stream_id),
        ("command id", metadata.command_id.as_str()),
        ("correlation id", metadata.correlation_id.as_str()),
    ] {
        if !is_id(id) {
            return Err(LimitError::NotAnId { field });
        }
    }
    Ok(())
}
