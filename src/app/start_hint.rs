//! The three steps a first-time visitor is shown, each ticked as it is done; the hint goes away
//! once all three are.

/// One step of the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintStep {
    /// What to do, in plain words.
    pub text: &'static str,
    /// Done already.
    pub done: bool,
}

/// What the visitor has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// An account was opened (in the history on screen).
    pub opened: bool,
    /// Money was deposited.
    pub deposited: bool,
    /// The slider was moved into the past at least once.
    pub travelled: bool,
}

impl Progress {
    /// The three steps, in order, each marked done or not.
    pub fn steps(self) -> [HintStep; 3] {
        [
            HintStep {
                text: "Type a name and press Open account.",
                done: self.opened,
            },
            HintStep {
                text:
                    "Type an amount and press Deposit: each command becomes an event in the ledger.",
                done: self.deposited,
            },
            HintStep {
                text: "Press Step back: the state is rebuilt from the events up to that point.",
                done: self.travelled,
            },
        ]
    }

    /// True once every step is done: the hint is not shown again.
    pub fn complete(self) -> bool {
        self.opened && self.deposited && self.travelled
    }
}
