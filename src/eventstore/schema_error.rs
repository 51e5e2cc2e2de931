//! Why a stored event cannot become a domain event: said by the event-type table and by the
//! stored shapes that read through it.

use thiserror::Error;

/// Why a stored event cannot become a domain event.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    /// A type name this version of the app does not know.
    #[error("unknown event type \"{0}\"")]
    UnknownType(String),
    /// A schema version newer (or older) than this app can read for that type.
    #[error("{event_type} schema version {version} is not supported (this app reads version {supported})")]
    UnsupportedVersion {
        /// The event type.
        event_type: String,
        /// The version found.
        version: u32,
        /// The version this app reads.
        supported: u32,
    },
    /// The payload does not have the fields the type needs.
    #[error("{event_type} payload is invalid: {detail}")]
    BadPayload {
        /// The event type.
        event_type: String,
        /// What was wrong.
        detail: String,
    },
}
