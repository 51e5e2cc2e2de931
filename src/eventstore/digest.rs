//! A digest of a history: which events, in which order, with every field of each.
//!
//! A read model's copy carries the digest of the events it was made from, and the digest of its
//! own lines, so it is read back only over exactly those events and as it was written. A digest
//! is no secret and no signature (anyone can compute one): it tells a copy of this history from
//! a copy of any other, including the same history or the same copy edited by hand.

use std::fmt;
use std::hash::{Hash, Hasher};

use super::RecordedEvent;

/// The digest of the events from position 1 to some position (or of a text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest(u64);

impl Digest {
    /// The digest of no event.
    pub const EMPTY: Digest = Digest(0xcbf2_9ce4_8422_2325);

    /// The digest of the events so far, then `recorded`.
    pub fn then(self, recorded: &RecordedEvent) -> Digest {
        let mut words = Words(self.0);
        recorded.hash(&mut words);
        Digest(words.0)
    }

    /// The digest of the events so far, then of a read model's copy made from them: which read
    /// model, the version of its code, its position and its lines. Sealed with the events, the
    /// lines cannot be moved under another copy's header.
    pub fn then_copy(self, slug: &str, version: u32, position: u64, lines: &str) -> Digest {
        let mut words = Words(self.0);
        words.write(slug.as_bytes());
        words.write_u32(version);
        words.write_u64(position);
        words.write(lines.as_bytes());
        Digest(words.0)
    }

    /// The digest of `events`, in order.
    pub fn of(events: &[RecordedEvent]) -> Digest {
        events.iter().fold(Digest::EMPTY, Digest::then)
    }

    /// Reads the number [`Display`](fmt::Display) writes.
    pub fn parse(text: &str) -> Option<Digest> {
        // Digits only: `parse` alone would also take a sign.
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok().map(Digest)
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// FNV-1a taken eight bytes at a time, with the high half of each product folded into its low
/// half (a multiplication alone carries a word's high bytes only upwards, so two edits there
/// could cancel out). Each step is a bijection of the state: two histories that differ in one
/// word of one field always differ in their digest. Every integer is taken as 64 bits, so
/// native tests and the browser (32-bit `usize`) agree.
struct Words(u64);

impl Words {
    fn mix(&mut self, word: u64) {
        let product = (self.0 ^ word).wrapping_mul(0x0000_0100_0000_01b3);
        self.0 = product ^ (product >> 32);
    }
}

impl Hasher for Words {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            self.mix(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        // The length closes the text, so "ab" + "c" and "a" + "bc" differ.
        self.mix(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.mix(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Digests of a history's first events, computed forward as they are asked for: asked in
/// increasing order (as the copies of one ledger are), one pass over the events serves them all.
#[derive(Debug)]
pub struct Digests<'a> {
    events: &'a [RecordedEvent],
    position: usize,
    digest: Digest,
}

impl<'a> Digests<'a> {
    /// Digests of the first events of `events` (the ledger from position 1).
    pub fn new(events: &'a [RecordedEvent]) -> Self {
        Digests {
            events,
            position: 0,
            digest: Digest::EMPTY,
        }
    }

    /// The digest of the first `position` events; `None` past the end.
    pub fn at(&mut self, position: u64) -> Option<Digest> {
        let position = usize::try_from(position)
            .ok()
            .filter(|&p| p <= self.events.len())?;
        if position < self.position {
            *self = Digests::new(self.events);
        }
        for recorded in &self.events[self.position..position] {
            self.digest = self.digest.then(recorded);
        }
        self.position = position;
        Some(self.digest)
    }
}
