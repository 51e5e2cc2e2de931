//! "Ship v2": the writer moves to MoneyDeposited v2 while every stored event stays as it was.

use crate::app::format::count;
use crate::app::Showing;
use crate::eventstore::KeyValueStore;

use super::Page;

impl<S: KeyValueStore + Clone> Page<S> {
    /// True once this ledger writes new deposits in v2.
    pub fn shipped_v2(&self) -> bool {
        match &self.showing {
            Showing::Own(own) => own.ledger().writer().shipped,
            _ => false,
        }
    }

    /// Moves the writer to v2; the events already stored are not touched.
    pub fn ship_v2(&mut self) {
        if !self.can_write() {
            return self.fail("Shipping is off right now: see the message above.");
        }
        let Showing::Own(own) = &mut self.showing else {
            return;
        };
        let stored = own.ledger().events().len();
        match own.ledger_mut().ship_v2() {
            Ok(()) => self.messages.success(format!(
                "Shipped v2: new deposits are written as MoneyDeposited v2, their amount with its currency. The {} already stored stay exactly as written, and are upcast when read.",
                count(stored, "event", "events")
            )),
            Err(error) => self.fail(format!("Not shipped: {error}")),
        }
    }
}
