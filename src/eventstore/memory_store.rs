//! An in-memory store: for native tests, and for browsers without usable storage.

use std::collections::HashMap;

use super::{KeyValueStore, StorageError};

/// Keeps values in a map for as long as it lives.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    values: HashMap<String, String>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.values.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.values.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.values.keys().cloned().collect())
    }
}
