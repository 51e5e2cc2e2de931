//! The owner's name, checked once when an account opens.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Rejection;

/// The most characters (Unicode scalar values, not bytes) an owner's name may have.
pub const MAX_OWNER_CHARS: usize = 80;

/// An owner name of 1 to [`MAX_OWNER_CHARS`] characters, at least one of them visible, with no
/// control characters. A name holding a character that reorders text (such as U+202E) is shown
/// isolated (see [`fmt::Display`]), so it cannot move the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OwnerName(String);

impl OwnerName {
    /// Trims a name a person typed and checks the naming rules.
    pub fn parse(raw: &str) -> Result<OwnerName, Rejection> {
        let name = raw.trim();
        if !name.chars().any(is_visible) {
            return Err(Rejection::OwnerNameEmpty);
        }
        OwnerName::read(name)
    }

    /// A name as recorded, checked but never changed: a recorded name the rules would have
    /// trimmed is kept as it is, and an import's check of the rules refuses it, saying so.
    pub fn read(name: &str) -> Result<OwnerName, Rejection> {
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

    /// The name as recorded.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// False for white space and for the characters that show nothing: zero-width spaces and joiners,
/// the word joiner, the byte-order mark, the soft hyphen and the direction marks and controls.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || reorders_text(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        ))
}

/// The characters that change the direction of the text after them: marks, embeddings,
/// overrides and isolates.
fn reorders_text(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// The name as text; one holding a character that reorders text is shown without its
/// embeddings, overrides and isolates, inside a first-strong isolate (U+2068 ... U+2069) of its
/// own, so "Bob \u{202E}" cannot reverse the account id written after it, and a U+2069 in the
/// name cannot close the isolate early.
impl fmt::Display for OwnerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.chars().any(reorders_text) {
            return f.write_str(&self.0);
        }
        f.write_str("\u{2068}")?;
        for c in self.0.chars().filter(|c| !is_embedding_or_isolate(*c)) {
            write!(f, "{c}")?;
        }
        f.write_str("\u{2069}")
    }
}

/// The direction controls that open or close a span of text: embeddings, overrides and
/// isolates (the marks only change the characters next to them).
fn is_embedding_or_isolate(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
