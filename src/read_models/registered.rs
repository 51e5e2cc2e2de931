//! What a read model says about itself so the registry can keep it: a title, a name for its
//! storage key, the version of its code, and its state as the lines of a stored copy.

use std::any::Any;

use super::copy::{Header, Unusable};
use super::{Delivered, Kept, ReadModel};
use crate::eventstore::{Digest, Digests, RecordedEvent};

/// A read model the [`Registry`](super::Registry) can keep: a fold ([`ReadModel`]), a name and
/// a stored copy. Registering one gives it a position of its own, idempotent delivery, catching
/// up at its own pace (lag), a copy beside the ledger that is read back only when it provably
/// fits, and a rebuild from position 1 whenever it does not.
pub trait Registered: ReadModel + 'static {
    /// Its title, also its region's accessible name.
    const TITLE: &'static str;
    /// Its name in storage keys and element ids.
    const SLUG: &'static str;

    /// False for a read model that keeps no copy: it is folded from the events at every start
    /// (the bank and the questions' facts, which time travel needs folded from genesis anyway).
    const KEEPS_COPY: bool = true;

    /// True for a read model release 0.4.0 kept, whose copies it wrote without a seal: such a
    /// copy is read only when it says what a fold of the events it covers says. A read model
    /// added later never had a copy without a seal, so one without is never read.
    const UNSEALED_COPIES: bool = false;

    /// The version of the code that folds this state. A copy written by another version is not
    /// read: the read model is rebuilt from the events.
    fn version(&self) -> u32 {
        1
    }

    /// Its state as the lines of its copy (fields split by tabs; ids and owner names hold no
    /// control characters).
    fn encode(&self, out: &mut String);

    /// A state from the lines of a copy written by `version` of its code, or `None` when they
    /// do not fit: the copy is then thrown away and the read model rebuilt.
    fn decode(version: u32, lines: &mut dyn Iterator<Item = &str>) -> Option<Self>;
}

/// A state's lines in its copy.
fn lines_of<R: Registered>(state: &R) -> String {
    let mut lines = String::new();
    state.encode(&mut lines);
    lines
}

/// A registered read model, whatever its type: what the registry does with each.
pub(super) trait Entry {
    fn title(&self) -> &'static str;
    fn slug(&self) -> &'static str;
    fn keeps_copy(&self) -> bool;
    fn version(&self) -> u32;
    fn position(&self) -> u64;
    fn catch_up(&mut self, events: &[RecordedEvent], limit: usize) -> usize;
    fn deliver(&mut self, recorded: &RecordedEvent) -> Delivered;
    /// Its copy: the header line, then its state's lines. `digest` is that of the events up to
    /// its position.
    fn copy_text(&self, events: &[RecordedEvent], digest: Digest) -> String;
    /// Puts a copy's state in place, or says why it cannot be used (and changes nothing).
    fn restore(
        &mut self,
        text: &str,
        events: &[RecordedEvent],
        digests: &mut Digests,
    ) -> Result<u64, Unusable>;
    fn clone_entry(&self) -> Box<dyn Entry>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<R: Registered> Entry for Kept<R> {
    fn title(&self) -> &'static str {
        R::TITLE
    }

    fn slug(&self) -> &'static str {
        R::SLUG
    }

    fn keeps_copy(&self) -> bool {
        R::KEEPS_COPY
    }

    fn version(&self) -> u32 {
        self.state().version()
    }

    fn position(&self) -> u64 {
        Kept::position(self)
    }

    fn catch_up(&mut self, events: &[RecordedEvent], limit: usize) -> usize {
        Kept::catch_up(self, events, limit)
    }

    fn deliver(&mut self, recorded: &RecordedEvent) -> Delivered {
        Kept::deliver(self, recorded)
    }

    fn copy_text(&self, events: &[RecordedEvent], digest: Digest) -> String {
        // One that keeps no copy has none to write (and its type needs none of what follows).
        if !R::KEEPS_COPY {
            return String::new();
        }
        let body = lines_of(self.state());
        let header = Header::at(
            R::SLUG,
            self.state().version(),
            Kept::position(self),
            events,
            digest,
            &body,
        );
        format!("{}\n{body}", header.line())
    }

    fn restore(
        &mut self,
        text: &str,
        events: &[RecordedEvent],
        digests: &mut Digests,
    ) -> Result<u64, Unusable> {
        // One that keeps no copy reads none either (and its type needs none of what follows).
        if !R::KEEPS_COPY {
            return Err(Unusable::Missing);
        }
        let (first, body) = text.split_once('\n').unwrap_or((text, ""));
        let header = Header::parse(first).ok_or(Unusable::Corrupt)?;
        header.check(R::SLUG, self.state().version(), events, digests)?;
        let state = R::decode(header.version, &mut body.lines()).ok_or(Unusable::Corrupt)?;
        if !header.holds(body) {
            return Err(Unusable::Edited);
        }
        // A copy without a seal (written before copies had one) could hold anything under a
        // header that fits: it is read only when it says, line for line, what a fold of the
        // events it covers says. Folded from the read model's initial state, so only into one
        // that has applied nothing yet (a registry reading its copies at start).
        if header.seal.is_none() {
            if !R::UNSEALED_COPIES {
                return Err(Unusable::Edited);
            }
            let covered = usize::try_from(header.position).unwrap_or(usize::MAX);
            if Kept::position(self) != 0 || body != lines_of(&self.at(events, covered).state) {
                return Err(Unusable::NotTheFold);
            }
        }
        Kept::restore(self, state, header.position);
        Ok(header.position)
    }

    fn clone_entry(&self) -> Box<dyn Entry> {
        Box::new(self.clone())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
