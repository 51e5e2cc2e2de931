//! The storage backend: a small key-value interface, so the ledger's logic (format, version
//! checks) is the same, and tested natively, whatever holds the bytes.

use thiserror::Error;

use super::FormatError;

/// Why storage could not do what was asked. Said to the user in words.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// There is no storage to use (disabled, blocked, or a private mode without any).
    #[error("browser storage is not available ({0})")]
    Unavailable(String),
    /// The storage is full.
    #[error("browser storage is full")]
    QuotaExceeded,
    /// What is stored under `key` cannot be read; it is left exactly as it is.
    #[error(
        "the data stored under \"{key}\" cannot be read: {error}. It has been left untouched."
    )]
    Unreadable {
        /// The storage key.
        key: String,
        /// What is wrong with it.
        error: FormatError,
    },
    /// Any other failure the browser reported.
    #[error("browser storage failed: {0}")]
    Failed(String),
}

/// Where the ledger's bytes live: the browser's localStorage, or memory in native tests.
pub trait KeyValueStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Writes `value` under `key`, all or nothing.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`.
    fn remove(&mut self, key: &str) -> Result<(), StorageError>;
    /// Every key the store holds, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// The keys that belong to the ledger under `key`: the key itself and its chunks.
pub fn ledger_keys(store: &impl KeyValueStore, key: &str) -> Result<Vec<String>, StorageError> {
    let chunk_prefix = format!("{key}.chunk.");
    // The ledger key first, then its chunks by number; a key under the chunk prefix that is not
    // a number (only hand-edited storage has one) goes last.
    let rank = |k: &str| match k.strip_prefix(&chunk_prefix) {
        None => 0,
        Some(i) => i.parse::<u64>().map_or(u64::MAX, |i| i.saturating_add(1)),
    };
    let mut keys: Vec<(u64, String)> = store
        .keys()?
        .into_iter()
        .filter(|k| k == key || k.starts_with(&chunk_prefix))
        .map(|k| (rank(&k), k))
        .collect();
    // The order a person reads them in, and the one `clear` removes them in: manifest first.
    keys.sort_unstable_by_key(|(rank, _)| *rank);
    Ok(keys.into_iter().map(|(_, k)| k).collect())
}
