//! The browser's localStorage (or, when an embed asks, sessionStorage) as a [`KeyValueStore`].

use gloo_storage::Storage as _;
use wasm_bindgen::{JsCast, JsValue};

use crate::eventstore::{KeyValueStore, StorageError};

/// localStorage, once it is known to be usable.
///
/// Values are stored as the ledger's JSON text itself. gloo's typed `get`/`set` would wrap that
/// text in a second layer of JSON quoting, which a learner reading the storage panel should not
/// have to peel off, and which could not keep unreadable bytes as they are.
#[derive(Debug, Clone)]
pub struct LocalStorageStore {
    storage: web_sys::Storage,
}

impl LocalStorageStore {
    /// Connects to localStorage, or says why it cannot be used (switched off, blocked in a
    /// third-party frame, a private mode without storage).
    pub fn open() -> Result<Self, StorageError> {
        Self::open_web_storage(false)
    }

    /// Connects to sessionStorage instead (an embed's `storage=session`): the same interface,
    /// kept for this tab only.
    pub fn open_session() -> Result<Self, StorageError> {
        Self::open_web_storage(true)
    }

    fn open_web_storage(session: bool) -> Result<Self, StorageError> {
        let window = web_sys::window()
            .ok_or_else(|| StorageError::Unavailable("there is no browser window".into()))?;
        let name = if session {
            "sessionStorage"
        } else {
            "localStorage"
        };
        let offered = if session {
            window.session_storage()
        } else {
            window.local_storage()
        };
        match offered {
            // gloo's `raw()` throws where there is no storage, so it is only asked once the
            // browser has said there is some.
            Ok(Some(_)) => {
                let store = LocalStorageStore {
                    storage: if session {
                        gloo_storage::SessionStorage::raw()
                    } else {
                        gloo_storage::LocalStorage::raw()
                    },
                };
                store.probe()?;
                Ok(store)
            }
            Ok(None) => Err(StorageError::Unavailable(format!(
                "this browser offers no {name}"
            ))),
            Err(error) => Err(StorageError::Unavailable(describe(&error))),
        }
    }
}

impl LocalStorageStore {
    /// Some private modes offer a storage object with no room at all: every write fails. An
    /// empty storage that refuses a one-character write is that case, and means "no storage",
    /// not "storage full".
    fn probe(&self) -> Result<(), StorageError> {
        const PROBE: &str = "replay-bank.probe";
        match self.storage.set_item(PROBE, "1").map_err(to_storage_error) {
            Ok(()) => self.storage.remove_item(PROBE).map_err(to_storage_error),
            Err(StorageError::QuotaExceeded) if self.storage.length().unwrap_or(1) == 0 => {
                Err(StorageError::Unavailable(
                    "this browser gives the page a storage quota of zero".into(),
                ))
            }
            // Full, but with data in it: that is a full quota, handled when writing.
            Err(StorageError::QuotaExceeded) => Ok(()),
            Err(error) => Err(error),
        }
    }
}

impl KeyValueStore for LocalStorageStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        // Read as a JavaScript string first: converting text with a lone surrogate to Rust would
        // silently replace it, and a copy "kept exactly" would then not be.
        let get_item = js_sys::Reflect::get(&self.storage, &JsValue::from_str("getItem"))
            .map_err(to_storage_error)?
            .unchecked_into::<js_sys::Function>();
        let value = get_item
            .call1(&self.storage, &JsValue::from_str(key))
            .map_err(to_storage_error)?;
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        let text: js_sys::JsString = value.unchecked_into();
        let copied = String::from(&text);
        // The copy turned any lone surrogate into U+FFFD. Only text holding one may have had
        // one: checking every unit across to JavaScript costs a call each (60 ms at 100,000
        // stored events), so only that text is checked.
        if copied.contains(char::REPLACEMENT_CHARACTER) && !text.is_valid_utf16() {
            return Err(StorageError::Unreadable {
                key: key.to_string(),
                error: crate::eventstore::FormatError::WrongShape {
                    detail:
                        "it contains text that is not valid UTF-16, which cannot be copied exactly"
                            .into(),
                },
            });
        }
        Ok(Some(copied))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        // setItem either stores the whole value or throws and stores nothing.
        self.storage.set_item(key, value).map_err(to_storage_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(to_storage_error)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let count = self.storage.length().map_err(to_storage_error)?;
        (0..count)
            .filter_map(|i| self.storage.key(i).transpose())
            .map(|k| k.map_err(to_storage_error))
            .collect()
    }
}

fn to_storage_error(error: JsValue) -> StorageError {
    match error.dyn_ref::<web_sys::DomException>().map(|e| e.name()) {
        Some(name) if name == "QuotaExceededError" => StorageError::QuotaExceeded,
        Some(name) if name == "SecurityError" => StorageError::Unavailable(describe(&error)),
        _ => StorageError::Failed(describe(&error)),
    }
}

fn describe(error: &JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", exception.name(), exception.message())
    } else {
        error
            .as_string()
            .unwrap_or_else(|| "an unknown browser error".to_string())
    }
}
