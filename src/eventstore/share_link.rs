//! A ledger in a link: the URL fragment `#ledger=1.<events>.<cursor>.<data>`, where `data` is
//! the ledger as one chunk of compact rows (the stored format 2 chunk), compressed by the
//! browser (raw deflate) and written in URL-safe base64. This module does everything but the
//! compression, so it is tested natively; the fragment never reaches a server.

use thiserror::Error;

use super::chunked::{decode_whole_chunk, encode_chunk};
use super::import_file::{check_import, Import, ImportError};
use super::RecordedEvent;

/// What starts a ledger fragment.
pub const LINK_PREFIX: &str = "#ledger=";

/// The link layout this app writes; another number is refused.
pub const LINK_VERSION: u32 = 1;

/// The longest link this app makes. Longer ones break in chat apps and mail; Export has no limit.
pub const MAX_LINK_CHARS: usize = 32_000;

/// A ledger fragment taken apart, before decompression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkParts {
    /// How many events it holds.
    pub events: usize,
    /// Where the slider was.
    pub cursor: u64,
    /// The compressed chunk.
    pub compressed: Vec<u8>,
}

/// Why a link does not hold a ledger this app can show.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    /// Cut short or changed: the parts are not all there.
    #[error("the link is incomplete or damaged ({0})")]
    Damaged(String),
    /// Longer than any link this app makes, so not one of its links.
    #[error("the link is {0} characters long, more than any link this app makes")]
    TooLong(usize),
    /// Written by a version of the app with another link layout.
    #[error("the link uses layout {0}, and this app reads layout {LINK_VERSION}")]
    UnknownVersion(String),
    /// It decodes, but is not a history this app would have recorded.
    #[error("{0}")]
    Refused(#[from] ImportError),
}

/// The text to compress for a link: the events as one chunk of compact rows.
pub fn link_payload(events: &[RecordedEvent]) -> String {
    encode_chunk(1, events)
}

/// The fragment for compressed `payload` bytes.
pub fn link_fragment(events: usize, cursor: usize, compressed: &[u8]) -> String {
    format!(
        "{LINK_PREFIX}{LINK_VERSION}.{events}.{cursor}.{}",
        base64url(compressed)
    )
}

/// Takes a `#ledger=` fragment apart. `None` when the fragment is not a ledger link at all.
pub fn parse_fragment(fragment: &str) -> Option<Result<LinkParts, LinkError>> {
    let rest = fragment.strip_prefix(LINK_PREFIX)?;
    // A bound on the input is a bound on the work: inflating 24 KB gives at most about 25 MB.
    if fragment.len() > MAX_LINK_CHARS {
        return Some(Err(LinkError::TooLong(fragment.len())));
    }
    let mut parts = rest.splitn(4, '.');
    let (Some(version), Some(events), Some(cursor), Some(data)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Some(Err(LinkError::Damaged("it has too few parts".into())));
    };
    if version != LINK_VERSION.to_string() {
        return Some(Err(LinkError::UnknownVersion(
            version.chars().take(12).collect(),
        )));
    }
    let parsed = (|| {
        Ok(LinkParts {
            events: events
                .parse()
                .map_err(|_| LinkError::Damaged("the event count is not a number".into()))?,
            cursor: cursor
                .parse()
                .map_err(|_| LinkError::Damaged("the cursor is not a number".into()))?,
            compressed: from_base64url(data)
                .ok_or_else(|| LinkError::Damaged("the data is not URL-safe base64".into()))?,
        })
    })();
    Some(parsed)
}

/// Reads the decompressed payload of a link with the same checks as an imported file. The
/// event count in the link must match the rows exactly: a link is never shown shortened.
pub fn read_link(payload: &str, events: usize, cursor: u64) -> Result<Import, LinkError> {
    let decoded = decode_whole_chunk(payload).map_err(|e| LinkError::Refused(e.into()))?;
    if decoded.len() != events {
        return Err(LinkError::Damaged(format!(
            "it says {events} events but holds {}",
            decoded.len()
        )));
    }
    Ok(check_import(decoded, Some(cursor), None)?)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding (RFC 4648, section 5).
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=group.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The inverse of [`base64url`]; `None` for any character outside the alphabet or a length no
/// encoding produces.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for group in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in group.iter().enumerate() {
            let value = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= value << (18 - 6 * i);
        }
        for i in 0..group.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
