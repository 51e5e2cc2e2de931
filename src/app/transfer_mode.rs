//! The two choices a learner makes about transfers: when the process delivers its steps, and
//! which consistency boundary a transfer uses.

/// When the transfer's process takes its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delivery {
    /// Every step at once, right after the request.
    #[default]
    Automatically,
    /// One step per press of "Deliver next step", so the learner can stop between the debit
    /// and the credit and see the money in flight.
    OneAtATime,
}

/// How a transfer keeps the two accounts consistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Consistency {
    /// Two consistency boundaries and a process between them: each account decides and
    /// records its own side; for a moment the money is in flight; a refusal is compensated.
    #[default]
    Process,
    /// One write to both accounts' streams with both expected versions: all or nothing.
    AtomicWrite,
}

impl Consistency {
    /// What this choice costs, in one sentence for the page.
    pub fn cost(self) -> &'static str {
        match self {
            Consistency::Process => {
                "Each account stays its own consistency boundary and is never locked with another; the price is eventual consistency: for a moment the money is in flight, and a refused credit needs a compensating refund."
            }
            Consistency::AtomicWrite => {
                "Both balances change in one write or not at all: one append to both streams, each at the version it expects. That is optimistic, not a lock; its price is contention (a transfer must win both streams at once, and retries when either moved) and a store that can append to several streams at once, which many cannot. A reader that takes the write's events as one commit never shows money in flight; one that applies them one by one, like the slider, can stop between the debit and the credit."
            }
        }
    }
}
