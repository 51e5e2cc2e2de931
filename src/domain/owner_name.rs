//! The owner's name, checked once when an account opens.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Rejection;

/// The most characters (Unicode scalar values, not bytes) an owner's name may have.
pub const MAX_OWNER_CHARS: usize = 80;

/// A trimmed owner name of 1 to [`MAX_OWNER_CHARS`] characters with no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OwnerName(String);

impl OwnerName {
    /// Trims `raw` and checks the naming rules.
    pub fn parse(raw: &str) -> Result<OwnerName, Rejection> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Rejection::OwnerNameEmpty);
        }
        let chars = name.chars().count();
        if chars > MAX_OWNER_CHARS {
            return Err(Rejection::OwnerNameTooLong { chars });
        }
        if name.chars().any(char::is_control) {
            return Err(Rejection::OwnerNameHasControlCharacters);
        }
        Ok(OwnerName(name.to_string()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OwnerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
