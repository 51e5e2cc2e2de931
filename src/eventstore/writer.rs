//! Which payload version new events are written in. Before "Ship v2" every type is written in
//! version 1; after it, each type in the newest version this app reads. Events already stored
//! keep the version they were written in, and are upcast on read.

use super::event_types::latest_version;

/// The value stored under [`writer_key`] once v2 has shipped.
const SHIPPED: &str = "v2";

/// The writer's choice of payload versions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Writer {
    /// "Ship v2" was pressed for this ledger.
    pub shipped: bool,
}

impl Writer {
    /// Reads what [`Writer::stored`] wrote (anything else is the old writer).
    pub fn from_stored(value: Option<&str>) -> Writer {
        Writer {
            shipped: value == Some(SHIPPED),
        }
    }

    /// What to store under [`writer_key`].
    pub fn stored(self) -> &'static str {
        if self.shipped {
            SHIPPED
        } else {
            "v1"
        }
    }

    /// The payload version new events of the type named `name` are written in.
    pub fn version_of(self, name: &str) -> u32 {
        if self.shipped {
            latest_version(name)
        } else {
            1
        }
    }
}

/// Where a ledger stored under `key` keeps its writer: beside it, not among its chunks.
pub fn writer_key(key: &str) -> String {
    format!("{key}.writer")
}
