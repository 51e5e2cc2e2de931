//! The identity of an account, which is also the id of its event stream.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An account's id, such as `acc-3f9a1c`. It is generated outside the domain and comes in with
/// the `OpenAccount` command; `decide` checks its shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// The longest id accepted.
    pub const MAX_LEN: usize = 64;

    /// Wraps an id without checking it; `decide` refuses a badly shaped one.
    pub fn new(id: impl Into<String>) -> Self {
        AccountId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Ids are short, printable and safe to use as storage stream ids: ASCII letters, digits,
    /// `-` and `_`.
    pub fn is_well_formed(&self) -> bool {
        !self.0.is_empty()
            && self.0.len() <= Self::MAX_LEN
            && self
                .0
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
