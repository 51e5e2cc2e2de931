//! Exact money: integer cents, checked arithmetic, one parser at the edge.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An amount of money in integer cents. Never a float: `0.1 + 0.2` must be `0.30`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(u64);

impl Money {
    /// No money at all: the balance of a new or closed account.
    pub const ZERO: Money = Money(0);

    /// The largest amount a person may type for one deposit or withdrawal: $1,000,000,000.00.
    pub const MAX_AMOUNT: Money = Money(100_000_000_000);

    /// Wraps a number of cents.
    pub const fn from_cents(cents: u64) -> Self {
        Money(cents)
    }

    /// The amount in cents.
    pub const fn cents(self) -> u64 {
        self.0
    }

    /// True for $0.00.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or `None` when the sum does not fit.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self - other`, or `None` when it would go below zero.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// `self + other`, stopping at the largest value. Only for folds over already-validated events,
    /// where a panic would be worse than a wrong figure.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// `self - other`, stopping at zero. See [`Money::saturating_add`].
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }

    /// Parses what a person typed (`100`, `100.5`, `1,000.25`, `$20`) into money.
    ///
    /// This is the only place text becomes money; the message of each error says what is wrong.
    pub fn parse(input: &str) -> Result<Money, MoneyParseError> {
        parse_amount(input)
    }
}

/// Formats as `$1,234.56`, with integer division and remainder only.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dollars = self.0 / 100;
        let cents = self.0 % 100;
        write!(f, "${}.{cents:02}", group_digits(&dollars.to_string()))
    }
}

/// A run of digits with a comma between thousands: `"1234567"` as `"1,234,567"`. The page writes
/// every count the same way money is written.
pub fn group_digits(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Why a typed amount is not money we accept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyParseError {
    /// Nothing but spaces.
    #[error("Enter an amount, for example 25 or 25.50.")]
    Empty,
    /// A minus sign: amounts are always positive; withdraw to take money out.
    #[error("Amounts cannot be negative: use Withdraw to take money out.")]
    Negative,
    /// Exactly zero.
    #[error("The amount must be more than $0.00.")]
    Zero,
    /// More than two digits after the decimal point.
    #[error("Use at most two decimal places (whole cents), for example 10.25.")]
    TooManyDecimals,
    /// Commas that are not thousands separators, such as `1,00`.
    #[error("\"{0}\" has a misplaced comma: commas may only separate thousands, as in 1,000.25.")]
    MisplacedComma(String),
    /// Anything else that is not a plain decimal number (letters, exponents, NaN).
    #[error(
        "\"{0}\" is not an amount: type digits with an optional decimal point, for example 25.50."
    )]
    NotANumber(String),
    /// Above [`Money::MAX_AMOUNT`].
    #[error("The amount is too large: the most one command can move is {max}.", max = Money::MAX_AMOUNT)]
    TooLarge,
}

fn parse_amount(input: &str) -> Result<Money, MoneyParseError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(MoneyParseError::Empty);
    }
    let unsigned = trimmed
        .strip_prefix('$')
        .map(str::trim_start)
        .unwrap_or(trimmed);
    // Covers "-5", "$-5" and "-$5" alike.
    if unsigned.starts_with('-') {
        return Err(MoneyParseError::Negative);
    }
    let not_a_number = || MoneyParseError::NotANumber(trimmed.to_string());

    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let whole_digits = strip_thousands_separators(whole, trimmed)?;
    if whole_digits.is_empty() && fraction.is_none_or(str::is_empty) {
        return Err(not_a_number());
    }
    if !whole_digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let fraction = fraction.unwrap_or("");
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    if fraction.len() > 2 {
        return Err(MoneyParseError::TooManyDecimals);
    }

    // Leading zeros are harmless; anything longer than the maximum's digits is too large
    // before it can overflow the integer.
    let significant = whole_digits.trim_start_matches('0');
    if significant.len() > 10 {
        return Err(MoneyParseError::TooLarge);
    }
    let dollars: u64 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| not_a_number())?
    };
    let cents: u64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().map_err(|_| not_a_number())? * 10,
        _ => fraction.parse().map_err(|_| not_a_number())?,
    };
    let total = Money(dollars * 100 + cents);
    if total.is_zero() {
        return Err(MoneyParseError::Zero);
    }
    if total > Money::MAX_AMOUNT {
        return Err(MoneyParseError::TooLarge);
    }
    Ok(total)
}

/// Accepts `1,000,000` (groups of three after a lead of one to three digits) and returns the digits.
fn strip_thousands_separators<'a>(
    whole: &'a str,
    original: &str,
) -> Result<std::borrow::Cow<'a, str>, MoneyParseError> {
    if !whole.contains(',') {
        return Ok(std::borrow::Cow::Borrowed(whole));
    }
    let mut groups = whole.split(',');
    let lead = groups.next().unwrap_or("");
    let lead_ok = (1..=3).contains(&lead.len());
    let rest_ok = groups.all(|group| group.len() == 3);
    if !lead_ok || !rest_ok {
        return Err(MoneyParseError::MisplacedComma(original.to_string()));
    }
    Ok(std::borrow::Cow::Owned(whole.replace(',', "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_thousands_separators_and_two_decimals() {
        assert_eq!(Money::from_cents(0).to_string(), "$0.00");
        assert_eq!(Money::from_cents(5).to_string(), "$0.05");
        assert_eq!(Money::from_cents(123_456).to_string(), "$1,234.56");
        assert_eq!(
            Money::from_cents(100_000_000_000).to_string(),
            "$1,000,000,000.00"
        );
        assert_eq!(Money::from_cents(99_999).to_string(), "$999.99");
    }

    #[test]
    fn checked_arithmetic_refuses_overflow_and_negative_results() {
        assert_eq!(
            Money::from_cents(u64::MAX).checked_add(Money::from_cents(1)),
            None
        );
        assert_eq!(Money::from_cents(1).checked_sub(Money::from_cents(2)), None);
        assert_eq!(
            Money::from_cents(7).checked_sub(Money::from_cents(2)),
            Some(Money::from_cents(5))
        );
    }
}
