//! The time-travel cursor: which prefix of the ledger the page folds. The one place that knows
//! "a cursor at or past the head means the present".

/// Where the slider stands. `Present` follows new events; `At(k)` shows the first k events and
/// holds only while k is below the head (the constructors keep it so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cursor {
    /// Every event: the slider follows each new one.
    #[default]
    Present,
    /// The first k events only, with k below the head.
    At(usize),
}

impl Cursor {
    /// The cursor for "show the first `k` of `head` events": the present when k reaches the head.
    pub fn seek(k: usize, head: usize) -> Cursor {
        if k < head {
            Cursor::At(k)
        } else {
            Cursor::Present
        }
    }

    /// How many events are shown when the ledger holds `head`.
    pub fn shown(self, head: usize) -> usize {
        match self {
            Cursor::Present => head,
            Cursor::At(k) => k.min(head),
        }
    }

    /// True while the page shows the past.
    pub fn in_past(self, head: usize) -> bool {
        self.shown(head) < head
    }

    /// One event earlier (stays at genesis).
    pub fn step_back(self, head: usize) -> Cursor {
        Cursor::seek(self.shown(head).saturating_sub(1), head)
    }

    /// One event later (the last step returns to the present).
    pub fn step_forward(self, head: usize) -> Cursor {
        Cursor::seek(self.shown(head).saturating_add(1), head)
    }

    /// The same cursor once the ledger holds `head` events: a point the ledger no longer reaches
    /// (it was cleared or replaced) is the present again.
    pub fn within(self, head: usize) -> Cursor {
        Cursor::seek(self.shown(head), head)
    }

    /// `Some(k)` for a point in the past, `None` for the present (the shape formats and links use).
    pub fn past(self, head: usize) -> Option<usize> {
        match self.within(head) {
            Cursor::Present => None,
            Cursor::At(k) => Some(k),
        }
    }
}
