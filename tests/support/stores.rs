//! Stores for tests: shared between "tabs", and one whose quota can run out.

use std::cell::RefCell;
use std::rc::Rc;

use replay_bank::eventstore::{KeyValueStore, MemoryStore, StorageError};

/// A store shared by several ledgers, the way tabs share localStorage. Its quota can be switched
/// off and on to stand for a full disk.
#[derive(Clone, Default, Debug)]
pub struct SharedStore {
    inner: Rc<RefCell<MemoryStore>>,
    full: Rc<RefCell<bool>>,
    /// Every key written, in order.
    pub writes: Rc<RefCell<Vec<String>>>,
    /// Writes to this one key fail as if storage were full.
    pub refuse_key: Rc<RefCell<Option<String>>>,
    /// Removing this one key fails, as a browser's storage can.
    refuse_removal: Rc<RefCell<Option<String>>>,
    /// Full until something is removed: what frees room in a browser.
    full_until_removal: Rc<RefCell<bool>>,
}

impl SharedStore {
    /// A separate copy of everything stored now: another tab's view that will diverge.
    pub fn fork(&self) -> SharedStore {
        SharedStore {
            inner: Rc::new(RefCell::new(self.inner.borrow().clone())),
            ..SharedStore::default()
        }
    }

    /// Makes every write fail with QuotaExceeded (true) or succeed again (false).
    pub fn set_full(&self, full: bool) {
        *self.full.borrow_mut() = full;
    }

    /// Makes every write fail with QuotaExceeded until a key is removed.
    pub fn set_full_until_a_removal(&self) {
        *self.full_until_removal.borrow_mut() = true;
    }

    /// Makes removing `key` fail.
    pub fn refuse_removal_of(&self, key: &str) {
        *self.refuse_removal.borrow_mut() = Some(key.to_string());
    }

    /// Lets every removal succeed again.
    pub fn allow_removals(&self) {
        *self.refuse_removal.borrow_mut() = None;
    }
}

impl KeyValueStore for SharedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if *self.full.borrow()
            || *self.full_until_removal.borrow()
            || self.refuse_key.borrow().as_deref() == Some(key)
        {
            return Err(StorageError::QuotaExceeded);
        }
        self.writes.borrow_mut().push(key.to_string());
        self.inner.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        if self.refuse_removal.borrow().as_deref() == Some(key) {
            return Err(StorageError::Failed("removal refused".into()));
        }
        *self.full_until_removal.borrow_mut() = false;
        self.inner.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.borrow().keys()
    }
}

/// A tab whose copy of storage lags behind: reads return the snapshot taken at `freeze`, writes
/// go through. This is how a browser tab can read before another tab's write reaches it.
#[derive(Clone)]
pub struct StaleView {
    pub shared: SharedStore,
    pub snapshot: Rc<RefCell<Option<MemoryStore>>>,
}

impl StaleView {
    pub fn new(shared: SharedStore) -> Self {
        StaleView {
            shared,
            snapshot: Rc::new(RefCell::new(None)),
        }
    }

    /// From now on, reads see storage as it is at this moment.
    pub fn freeze(&self) {
        *self.snapshot.borrow_mut() = Some(self.shared.inner.borrow().clone());
    }

    /// Reads see the live storage again (the other tab's write has arrived).
    pub fn thaw(&self) {
        *self.snapshot.borrow_mut() = None;
    }
}

impl KeyValueStore for StaleView {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match &*self.snapshot.borrow() {
            Some(snapshot) => snapshot.get(key),
            None => self.shared.get(key),
        }
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(snapshot) = self.snapshot.borrow_mut().as_mut() {
            snapshot.set(key, value)?;
        }
        self.shared.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        if let Some(snapshot) = self.snapshot.borrow_mut().as_mut() {
            snapshot.remove(key)?;
        }
        self.shared.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        match &*self.snapshot.borrow() {
            Some(snapshot) => snapshot.keys(),
            None => self.shared.keys(),
        }
    }
}
