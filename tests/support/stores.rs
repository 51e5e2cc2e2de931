//! Stores for tests: shared between "tabs", and one whose quota can run out.

use std::cell::RefCell;
use std::rc::Rc;

use replay_bank::ledger::{KeyValueStore, MemoryStore, StorageError};

/// A store shared by several ledgers, the way tabs share localStorage. Its quota can be switched
/// off and on to stand for a full disk.
#[derive(Clone, Default)]
pub struct SharedStore {
    inner: Rc<RefCell<MemoryStore>>,
    full: Rc<RefCell<bool>>,
}

impl SharedStore {
    /// Makes every write fail with QuotaExceeded (true) or succeed again (false).
    pub fn set_full(&self, full: bool) {
        *self.full.borrow_mut() = full;
    }
}

impl KeyValueStore for SharedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if *self.full.borrow() {
            return Err(StorageError::QuotaExceeded);
        }
        self.inner.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.inner.borrow_mut().remove(key)
    }
}
