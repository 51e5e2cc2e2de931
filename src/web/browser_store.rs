//! The store the page uses: localStorage (or sessionStorage) when the browser allows it, memory
//! otherwise.

use super::local_storage::LocalStorageStore;
use crate::eventstore::{KeyValueStore, MemoryStore, StorageError};

/// localStorage, or memory when there is none (the page says so).
#[derive(Debug, Clone)]
pub enum BrowserStore {
    /// Survives reloads.
    Local(LocalStorageStore),
    /// Lost on reload; used only when the browser offers no storage.
    Memory(MemoryStore),
}

/// Which storage the page asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKind {
    /// localStorage.
    Local,
    /// sessionStorage.
    Session,
    /// None: memory only.
    Memory,
}

impl BrowserStore {
    /// The storage asked for if usable, else memory together with the reason.
    pub fn connect(kind: StorageKind) -> (BrowserStore, Option<StorageError>) {
        let opened = match kind {
            StorageKind::Local => LocalStorageStore::open(),
            StorageKind::Session => LocalStorageStore::open_session(),
            StorageKind::Memory => Err(StorageError::Unavailable("storage=memory".into())),
        };
        match opened {
            Ok(store) => (BrowserStore::Local(store), None),
            Err(error) => (BrowserStore::Memory(MemoryStore::new()), Some(error)),
        }
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            BrowserStore::Local(store) => store.get(key),
            BrowserStore::Memory(store) => store.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            BrowserStore::Local(store) => store.set(key, value),
            BrowserStore::Memory(store) => store.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        match self {
            BrowserStore::Local(store) => store.remove(key),
            BrowserStore::Memory(store) => store.remove(key),
        }
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        match self {
            BrowserStore::Local(store) => store.keys(),
            BrowserStore::Memory(store) => store.keys(),
        }
    }
}

impl Default for BrowserStore {
    /// An empty store in memory, which no other tab sees (a scenario is recorded in one).
    fn default() -> Self {
        BrowserStore::Memory(MemoryStore::new())
    }
}
