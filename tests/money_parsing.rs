//! What a person may type into the Amount field, and what they are told when it is wrong.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::domain::{Money, MoneyParseError};

#[test]
fn accepted_inputs_become_exact_cents() {
    let cases: &[(&str, u64)] = &[
        ("100", 10_000),
        ("100.5", 10_050),
        ("100.50", 10_050),
        ("1,000.25", 100_025),
        ("$20", 2_000),
        ("  42  ", 4_200),
        ("$ 7.05", 705),
        (".5", 50),
        ("0.01", 1),
        ("007", 700),
        ("1,000,000,000", 100_000_000_000),
        ("1000000000.00", 100_000_000_000),
    ];
    for (input, cents) in cases {
        assert_eq!(
            Money::parse(input),
            Ok(Money::from_cents(*cents)),
            "parsing {input:?}"
        );
    }
}

#[test]
fn refused_inputs_say_what_is_wrong() {
    use MoneyParseError::*;
    let cases: &[(&str, MoneyParseError, &str)] = &[
        ("-5", Negative, "cannot be negative"),
        ("$-5", Negative, "cannot be negative"),
        ("0", Zero, "more than $0.00"),
        ("0.00", Zero, "more than $0.00"),
        ("0.001", TooManyDecimals, "two decimal places"),
        ("abc", NotANumber("abc".into()), "\"abc\" is not an amount"),
        ("1e3", NotANumber("1e3".into()), "is not an amount"),
        ("NaN", NotANumber("NaN".into()), "is not an amount"),
        ("", Empty, "Enter an amount"),
        ("   ", Empty, "Enter an amount"),
        ("1000000000.01", TooLarge, "$1,000,000,000.00"),
        ("99999999999999999999999", TooLarge, "too large"),
        ("1,00", MisplacedComma("1,00".into()), "misplaced comma"),
        ("12.3.4", NotANumber("12.3.4".into()), "is not an amount"),
        (".", NotANumber(".".into()), "is not an amount"),
        ("+5", NotANumber("+5".into()), "is not an amount"),
    ];
    for (input, error, words) in cases {
        let result = Money::parse(input);
        assert_eq!(result.as_ref().err(), Some(error), "parsing {input:?}");
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains(words),
            "message for {input:?} was {message:?}"
        );
    }
}

#[test]
fn formatting_then_parsing_gives_the_same_amount() {
    for cents in [1, 99, 100, 123_456, 100_000_000_000] {
        let money = Money::from_cents(cents);
        assert_eq!(Money::parse(&money.to_string()), Ok(money));
    }
}
