//! The envelope: what the ledger knows about an event besides the event itself.

use crate::domain::Event;

/// Where a command came from, for tracing which events one command produced.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    /// The id of the command that produced this event. Events from one command share it.
    pub command_id: String,
    /// The id of the conversation the command belongs to; a command from a person starts its own,
    /// so it equals `command_id` there.
    pub correlation_id: String,
}

/// What the caller supplies with each command: ids and the clock, so the core stays
/// deterministic and tests choose their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// A fresh, unique id for the command.
    pub command_id: String,
    /// The conversation it belongs to.
    pub correlation_id: String,
    /// Now, in milliseconds since the Unix epoch, UTC.
    pub now_ms: i64,
}

impl CommandContext {
    /// The metadata every event of this command carries.
    pub fn metadata(&self) -> Metadata {
        Metadata {
            command_id: self.command_id.clone(),
            correlation_id: self.correlation_id.clone(),
        }
    }
}

/// One recorded event in its envelope, as the app holds it in memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordedEvent {
    /// The position in the whole ledger: 1-based, gapless, never reused.
    pub position: u64,
    /// The stream the event belongs to: the account id.
    pub stream_id: String,
    /// The position within its stream: 1-based, gapless; what appends are checked against.
    pub stream_version: u64,
    /// When it was recorded, in milliseconds since the Unix epoch, UTC.
    pub recorded_at_ms: i64,
    /// The command that produced it.
    pub metadata: Metadata,
    /// The version of its payload's schema as stored: read through the upcasters, and written
    /// back in the same version, so a stored event never changes.
    pub schema_version: u32,
    /// The event itself.
    pub event: Event,
}
