//! A read model's stored copy: a cache of its state, never a source of truth.
//!
//! Text, one record a line, fields split by tabs (owner names and ids hold no control
//! characters). The first line says which read model and which version of its code wrote it,
//! the position it applied up to and the event there (stream, stream version, command id), so a
//! copy of another history, or of the same history cut back and grown again, is never read.
//! Anything that does not fit is thrown away and the read model rebuilt from the ledger.

use crate::domain::Money;
use crate::eventstore::RecordedEvent;

/// Why a stored copy was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// There was none.
    Missing,
    /// It could not be read.
    Corrupt,
    /// Another version of the read model's code wrote it.
    OtherVersion {
        /// The version in the copy.
        stored: u32,
        /// The version this page runs.
        running: u32,
    },
    /// It was made from another history than the ledger holds.
    OutOfStep,
}

impl Unusable {
    /// What was wrong, in words, after the read model's title.
    pub fn describe(&self) -> String {
        match self {
            Unusable::Missing => "had no stored copy".to_string(),
            Unusable::Corrupt => "its stored copy could not be read".to_string(),
            Unusable::OtherVersion { stored, running } => format!(
                "its stored copy was written by version {stored} of its code, and this page runs version {running}"
            ),
            Unusable::OutOfStep => {
                "its stored copy was made from another history than the ledger's".to_string()
            }
        }
    }
}

/// The first line of a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Which read model (its slug).
    pub slug: String,
    /// The version of its code that wrote the copy.
    pub version: u32,
    /// The last ledger position it applied.
    pub position: u64,
    /// The event there: stream, stream version and command id (empty at position 0).
    pub fingerprint: String,
}

/// What identifies the event at a position well enough to tell two histories apart.
pub fn fingerprint(recorded: Option<&RecordedEvent>) -> String {
    recorded.map_or_else(String::new, |r| {
        format!(
            "{}\t{}\t{}",
            r.stream_id, r.stream_version, r.metadata.command_id
        )
    })
}

impl Header {
    /// The header for a read model at `position` of `events`.
    pub fn at(slug: &str, version: u32, position: u64, events: &[RecordedEvent]) -> Header {
        let at = (position as usize)
            .checked_sub(1)
            .and_then(|i| events.get(i));
        Header {
            slug: slug.to_string(),
            version,
            position,
            fingerprint: fingerprint(at),
        }
    }

    /// The header as its line.
    pub fn line(&self) -> String {
        format!(
            "{}\tv{}\t{}\t{}",
            self.slug, self.version, self.position, self.fingerprint
        )
    }

    /// Reads a header line; `None` when it is not one.
    pub fn parse(line: &str) -> Option<Header> {
        let mut fields = line.splitn(4, '\t');
        let slug = fields.next()?.to_string();
        let version = fields.next()?.strip_prefix('v')?.parse().ok()?;
        let position = fields.next()?.parse().ok()?;
        let fingerprint = fields.next().unwrap_or_default().to_string();
        Some(Header {
            slug,
            version,
            position,
            fingerprint,
        })
    }

    /// Whether a copy with this header may be read by `slug`'s code at `version`, over `events`.
    pub fn check(
        &self,
        slug: &str,
        version: u32,
        events: &[RecordedEvent],
    ) -> Result<(), Unusable> {
        if self.slug != slug {
            return Err(Unusable::Corrupt);
        }
        if self.version != version {
            return Err(Unusable::OtherVersion {
                stored: self.version,
                running: version,
            });
        }
        // A copy at position 0 names no event, so it would fit any ledger: a read model there is
        // its initial state, with nothing to read back.
        if self.position == 0
            || self.position > events.len() as u64
            || *self != Header::at(slug, version, self.position, events)
        {
            return Err(Unusable::OutOfStep);
        }
        Ok(())
    }
}

/// Splits a record's line into exactly `N` fields.
pub fn fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut parts = line.split('\t');
    for slot in &mut out {
        *slot = parts.next()?;
    }
    parts.next().is_none().then_some(out)
}

/// A number field.
pub fn number<T: std::str::FromStr>(field: &str) -> Option<T> {
    field.parse().ok()
}

/// An amount field, in cents.
pub fn cents(field: &str) -> Option<Money> {
    number(field).map(Money::from_cents)
}

/// A yes-or-no field: `1` or `0`.
pub fn flag(field: &str) -> Option<bool> {
    match field {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}
