//! Which payload version new events are written in. Before "Ship v2" every type is written in
//! version 1; after it, in version 2 where the type has one. A back-dated deposit is written in
//! v3, the first version with a place for its date. Events already stored
//! keep the version they were written in, and are upcast on read.

use super::event_types::{latest_version, least_version};
use crate::domain::Event;

/// The payload version "Ship v2" writes each type in (a type with no v2 stays at v1).
const SHIPPED_VERSION: u32 = 2;

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

    /// The payload version `event` is written in: the one "Ship v2" moved its type to (v1
    /// before), or the lowest that holds all it says if that is higher (a back-dated deposit
    /// needs v3).
    pub fn version_for(self, event: &Event) -> u32 {
        let shipped = if self.shipped { SHIPPED_VERSION } else { 1 };
        shipped
            .min(latest_version(event.name()))
            .max(least_version(event))
    }
}

/// Where a ledger stored under `key` keeps its writer: beside it, not among its chunks.
pub fn writer_key(key: &str) -> String {
    format!("{key}.writer")
}
