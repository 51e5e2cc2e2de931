//! Moving unreadable data aside without losing a byte, so a person can start fresh.

use super::{KeyValueStore, StorageError};

/// The key a quarantined copy of `key` taken at `now_ms` is kept under.
pub fn quarantine_key(key: &str, now_ms: i64) -> String {
    format!("{key}.quarantine.{now_ms}")
}

/// Copies the value under `key` to its own quarantine key, checks the copy, and only then removes
/// the original. Returns the quarantine key, or `None` if there was nothing to move.
///
/// The order matters: a crash between the two writes leaves two copies, never none.
pub fn quarantine(
    store: &mut impl KeyValueStore,
    key: &str,
    now_ms: i64,
) -> Result<Option<String>, StorageError> {
    let Some(raw) = store.get(key)? else {
        return Ok(None);
    };
    let copy_key = quarantine_key(key, now_ms);
    store.set(&copy_key, &raw)?;
    if store.get(&copy_key)?.as_deref() != Some(raw.as_str()) {
        return Err(StorageError::Failed(format!(
            "the copy under \"{copy_key}\" does not match the original, so the original was kept"
        )));
    }
    store.remove(key)?;
    Ok(Some(copy_key))
}
