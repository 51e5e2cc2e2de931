//! The identity of a transfer, which is also the id of its own event stream.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A transfer's id, such as `tr-4b7e21`. Made outside the domain (like an account id) and
/// checked by the transfer's `decide`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TransferId(String);

impl TransferId {
    /// Wraps an id without checking it; a badly shaped one is refused when requested.
    pub fn new(id: impl Into<String>) -> Self {
        TransferId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The longest transfer id: its steps' command ids add up to nine characters
    /// (`<id>-complete`), and every id keeps within 64.
    pub const MAX_LEN: usize = 55;

    /// The same shape as an account id (it names a stream in storage), and short enough for
    /// its steps' command ids.
    pub fn is_well_formed(&self) -> bool {
        self.0.len() <= Self::MAX_LEN && super::AccountId::new(self.0.as_str()).is_well_formed()
    }
}

impl fmt::Display for TransferId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
