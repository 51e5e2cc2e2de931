//! Moving unreadable data aside without losing a byte, so a person can start fresh.

use super::{ledger_keys, KeyValueStore, StorageError};

/// The key a quarantined copy of `key` taken at `now_ms` is kept under. Chunks keep their
/// suffix: `replay-bank.ledger.chunk.3` goes to `<quarantine key>.chunk.3`.
pub fn quarantine_key(key: &str, now_ms: i64) -> String {
    format!("{key}.quarantine.{now_ms}")
}

/// Copies every key of the ledger under `key` (the key and its chunks) to quarantine keys, checks
/// each copy, and only then removes the originals, the ledger key first. Returns the quarantine
/// key, or `None` if there was nothing to move.
///
/// The order matters: a crash part-way leaves two copies of some keys, never none.
pub fn quarantine(
    store: &mut impl KeyValueStore,
    key: &str,
    now_ms: i64,
) -> Result<Option<String>, StorageError> {
    let originals = ledger_keys(store, key)?;
    if originals.is_empty() {
        return Ok(None);
    }
    let target = quarantine_key(key, now_ms);
    for original in &originals {
        let Some(raw) = store.get(original)? else {
            continue;
        };
        let copy_key = format!("{target}{}", &original[key.len()..]);
        store.set(&copy_key, &raw)?;
        if store.get(&copy_key)?.as_deref() != Some(raw.as_str()) {
            return Err(StorageError::Failed(format!(
                "the copy under \"{copy_key}\" does not match the original, so the original was kept"
            )));
        }
    }
    for original in &originals {
        store.remove(original)?;
    }
    Ok(Some(target))
}

/// Every key of the ledger under `key` with its raw value, as one JSON object, for a person to
/// download exactly what is stored.
pub fn raw_dump(store: &impl KeyValueStore, key: &str) -> Result<String, StorageError> {
    let mut dump = serde_json::Map::new();
    for k in ledger_keys(store, key)? {
        if let Some(raw) = store.get(&k)? {
            dump.insert(k, serde_json::Value::String(raw));
        }
    }
    Ok(super::format::pretty(
        &serde_json::to_string(&dump).unwrap_or_default(),
    ))
}
