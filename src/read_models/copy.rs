//! A read model's stored copy: a cache of its state, never a source of truth.
//!
//! Text, one record a line, fields split by tabs (owner names and ids hold no control
//! characters). The first line says which read model and which version of its code wrote it,
//! the position it applied up to, the event there (stream, stream version, command id) and the
//! digest of every event up to it, so a copy of another history, of the same history cut back
//! and grown again, or of one edited by hand, is never read. Anything that does not fit is
//! thrown away and the read model rebuilt from the ledger.

use crate::domain::Money;
use crate::eventstore::{Digest, Digests, RecordedEvent};

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
    /// Its lines were changed after it was written.
    Edited,
    /// It names no digest (written before copies had one) and differs from a fold of the
    /// events it says it covers.
    NotTheFold,
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
            Unusable::Edited => "its stored copy was changed after it was written".to_string(),
            Unusable::NotTheFold => {
                "its stored copy differs from a fold of the events it says it covers".to_string()
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
    /// What ties the copy to its events and its lines. Copies written before copies had one
    /// (release 0.4.0's among them) have none.
    pub seal: Option<Seal>,
}

/// What ties a copy to the ledger it was made from, and to what it said when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seal {
    /// The digest of the events from position 1 to the copy's position.
    pub events: Digest,
    /// The digest of those events, then of the read model, version and position the header
    /// names, then of the copy's lines after it.
    pub lines: Digest,
}

impl Seal {
    /// The seal of a copy of read model `slug` at `version` and `position`, made from events
    /// whose digest is `events`, whose lines after the header are `body`.
    pub fn of(events: Digest, slug: &str, version: u32, position: u64, body: &str) -> Seal {
        Seal {
            events,
            lines: events.then_copy(slug, version, position, body),
        }
    }
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

/// The event at ledger `position` (1-based) of `events`; `None` at 0 or past the end, whatever
/// the width of `usize`.
fn event_at(events: &[RecordedEvent], position: u64) -> Option<&RecordedEvent> {
    let index = usize::try_from(position).ok()?.checked_sub(1)?;
    events.get(index)
}

impl Header {
    /// The header for a read model at `position` of `events`, whose copy's lines after it are
    /// `body`; `digest` is that of the first `position` events.
    pub fn at(
        slug: &str,
        version: u32,
        position: u64,
        events: &[RecordedEvent],
        digest: Digest,
        body: &str,
    ) -> Header {
        let at = event_at(events, position);
        Header {
            slug: slug.to_string(),
            version,
            position,
            fingerprint: fingerprint(at),
            seal: Some(Seal::of(digest, slug, version, position, body)),
        }
    }

    /// The header as its line.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{}\tv{}\t{}\t{}",
            self.slug, self.version, self.position, self.fingerprint
        );
        if let Some(seal) = self.seal {
            line.push_str(&format!("\t{}\t{}", seal.events, seal.lines));
        }
        line
    }

    /// Reads a header line; `None` when it is not one.
    pub fn parse(line: &str) -> Option<Header> {
        let mut fields = line.splitn(4, '\t');
        let slug = fields.next()?.to_string();
        let version = fields.next()?.strip_prefix('v')?.parse().ok()?;
        let position = fields.next()?.parse().ok()?;
        let rest = fields.next().unwrap_or_default();
        // Stream, stream version and command id (none at position 0), then the seal's two
        // digests when there is one (ids hold no tab, so the count of fields says which).
        let (fingerprint, seal) = match rest.splitn(6, '\t').collect::<Vec<_>>()[..] {
            [stream, stream_version, command_id, events, lines] => {
                let seal = Seal {
                    events: Digest::parse(events)?,
                    lines: Digest::parse(lines)?,
                };
                (
                    format!("{stream}\t{stream_version}\t{command_id}"),
                    Some(seal),
                )
            }
            _ => (rest.to_string(), None),
        };
        Some(Header {
            slug,
            version,
            position,
            fingerprint,
            seal,
        })
    }

    /// Whether a copy with this header may be read by `slug`'s code at `version`, over `events`
    /// (whose digests `digests` gives). A copy without a seal fits by its last event only; a
    /// sealed one by the events it was made from, then by its lines ([`Header::holds`]).
    pub fn check(
        &self,
        slug: &str,
        version: u32,
        events: &[RecordedEvent],
        digests: &mut Digests,
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
        let at = event_at(events, self.position);
        // A copy at position 0 names no event, so it would fit any ledger: a read model there is
        // its initial state, with nothing to read back.
        if self.position == 0 || at.is_none() || self.fingerprint != fingerprint(at) {
            return Err(Unusable::OutOfStep);
        }
        match self.seal {
            Some(seal) if digests.at(self.position) != Some(seal.events) => {
                Err(Unusable::OutOfStep)
            }
            _ => Ok(()),
        }
    }

    /// Whether `body` is the lines this header was sealed with (true without a seal: such a copy
    /// is compared with a fold instead).
    pub fn holds(&self, body: &str) -> bool {
        self.seal.is_none_or(|seal| {
            seal == Seal::of(seal.events, &self.slug, self.version, self.position, body)
        })
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
