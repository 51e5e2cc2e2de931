//! Every business rule and every rejection, as given/when/then sentences.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::domain::{Command, Event, Money, Rejection, Rule};
use support::*;

#[test]
fn opening_an_account_records_it_with_the_trimmed_owner() {
    given([])
        .when(open("acc-1", "  Ada Lovelace  "))
        .then([opened("acc-1", "Ada Lovelace")]);
}

#[test]
fn an_account_opens_only_once() {
    let message = given([opened("acc-1", "Ada")])
        .when(open("acc-2", "Grace"))
        .then_err(Rejection::AccountAlreadyOpened {
            account_id: id("acc-1"),
        });
    assert!(message.contains("only be opened once"), "{message}");
}

#[test]
fn an_owner_name_of_only_spaces_is_refused() {
    given([])
        .when(open("acc-1", "   "))
        .then_err(Rejection::OwnerNameEmpty);
}

#[test]
fn an_owner_name_of_eighty_characters_is_accepted_and_eighty_one_refused() {
    let eighty = "é".repeat(80); // 160 bytes: the limit counts characters, not bytes
    given([])
        .when(open("acc-1", &eighty))
        .then([opened("acc-1", &eighty)]);
    let message = given([])
        .when(open("acc-1", &"a".repeat(81)))
        .then_err(Rejection::OwnerNameTooLong { chars: 81 });
    assert!(
        message.contains("81") && message.contains("80"),
        "{message}"
    );
}

#[test]
fn an_owner_name_with_a_control_character_is_refused() {
    for name in ["Ada\tLovelace", "Ada\nLovelace", "Ada\u{7}"] {
        given([])
            .when(open("acc-1", name))
            .then_err(Rejection::OwnerNameHasControlCharacters);
    }
}

#[test]
fn a_badly_shaped_account_id_is_refused() {
    for bad in ["", "acc 1", "acc/1", &"a".repeat(65)] {
        given([])
            .when(open(bad, "Ada"))
            .then_err(Rejection::InvalidAccountId {
                account_id: id(bad),
            });
    }
}

#[test]
fn money_moves_only_once_an_account_exists() {
    given([]).when(deposit(100)).then_err(Rejection::NoAccount);
    given([]).when(withdraw(100)).then_err(Rejection::NoAccount);
    given([])
        .when(Command::CloseAccount)
        .then_err(Rejection::NoAccount);
}

#[test]
fn a_deposit_on_an_open_account_is_recorded() {
    given([opened("acc-1", "Ada")])
        .when(deposit(10_050))
        .then([deposited(10_050)]);
}

#[test]
fn amounts_must_be_positive() {
    given([opened("acc-1", "Ada")])
        .when(deposit(0))
        .then_err(Rejection::AmountNotPositive);
    given([opened("acc-1", "Ada"), deposited(500)])
        .when(withdraw(0))
        .then_err(Rejection::AmountNotPositive);
}

#[test]
fn a_deposit_moves_at_most_a_billion_dollars_and_closing_pays_out_any_balance() {
    let max = Money::MAX_AMOUNT.cents();
    given([opened("acc-1", "Ada")])
        .when(deposit(max))
        .then([deposited(max)]);
    given([opened("acc-1", "Ada")])
        .when(deposit(max + 1))
        .then_err(Rejection::AmountTooLarge {
            amount: cents(max + 1),
        });
    given([opened("acc-1", "Ada")])
        .when(deposit(u64::MAX))
        .then_err(Rejection::AmountTooLarge {
            amount: cents(u64::MAX),
        });
    // Two deposits at the limit hold twice as much, and closing pays all of it out at once:
    // a withdrawal has no limit of its own.
    given([opened("acc-1", "Ada"), deposited(max), deposited(max)])
        .when(Command::CloseAccount)
        .then([paid_out(2 * max), Event::AccountClosed]);
}

#[test]
fn a_withdrawal_within_the_balance_is_recorded() {
    given([opened("acc-1", "Ada"), deposited(7_000)])
        .when(withdraw(7_000))
        .then([withdrawn(7_000)]);
}

#[test]
fn a_withdrawal_above_the_balance_is_refused_naming_both_amounts() {
    let message = given([opened("acc-1", "Ada"), deposited(10_000), withdrawn(3_000)])
        .when(withdraw(10_000))
        .then_err(Rejection::InsufficientFunds {
            balance: cents(7_000),
            requested: cents(10_000),
        });
    assert_eq!(
        message,
        "Insufficient funds: balance $70.00, tried to withdraw $100.00."
    );
}

#[test]
fn the_balance_can_never_overflow() {
    let near_max = u64::MAX - 10;
    given([opened("acc-1", "Ada"), deposited(near_max)])
        .when(deposit(11))
        .then_err(Rejection::BalanceOverflow {
            balance: cents(near_max),
            amount: cents(11),
        });
    given([opened("acc-1", "Ada"), deposited(near_max)])
        .when(deposit(10))
        .then([deposited(10)]);
}

#[test]
fn closing_an_account_that_holds_money_pays_it_out_then_closes() {
    given([opened("acc-1", "Ada"), deposited(12_345)])
        .when(Command::CloseAccount)
        .then([paid_out(12_345), Event::AccountClosed]);
}

#[test]
fn closing_an_empty_account_only_closes_it() {
    given([opened("acc-1", "Ada")])
        .when(Command::CloseAccount)
        .then([Event::AccountClosed]);
}

#[test]
fn a_closed_account_accepts_nothing() {
    let closed = || given([opened("acc-1", "Ada"), Event::AccountClosed]);
    let refusal = Rejection::AccountClosed {
        account_id: id("acc-1"),
    };
    for command in [
        deposit(100),
        withdraw(100),
        Command::CloseAccount,
        open("acc-2", "Grace"),
    ] {
        closed().when(command).then_err(refusal.clone());
    }
}

#[test]
fn every_rejection_names_its_rule() {
    let rejection = Rejection::InsufficientFunds {
        balance: Money::ZERO,
        requested: cents(1),
    };
    assert_eq!(rejection.rule(), Rule::NoOverdraft);
    assert_eq!(rejection.rule().name(), "No overdraft");
}

mod rule_checks {
    use super::support::*;
    use proptest::prelude::*;
    use replay_bank::domain::{
        decide, evolve, initial_state, rule_checks, rules_for, Check, Command, Rule,
    };

    fn command() -> impl Strategy<Value = Command> {
        prop_oneof![
            "[A-Za-z \\t]{0,90}".prop_map(|owner| open("acc-1", &owner)),
            Just(open("bad id", "Ada")),
            (0u64..50_000).prop_map(deposit),
            Just(deposit(u64::MAX)),
            (0u64..60_000).prop_map(withdraw),
            Just(Command::CloseAccount),
        ]
    }

    proptest! {
        /// The list names every rule decide can refuse a command for, so the "How it works"
        /// panel never shows a refusal whose rule is missing from its checks.
        #[test]
        fn every_refusal_names_a_listed_rule_and_stops_the_checks_there(
            commands in proptest::collection::vec(command(), 1..40),
        ) {
            let mut state = initial_state();
            for command in &commands {
                match decide(&state, command) {
                    Ok(events) => {
                        prop_assert!(rule_checks(command, None).iter().all(|(_, c)| *c == Check::Passed));
                        for event in &events {
                            state = evolve(state, event);
                        }
                    }
                    Err(rejection) => {
                        prop_assert!(rules_for(command).contains(&rejection.rule()), "{}", rejection.rule());
                        let checks = rule_checks(command, Some(&rejection));
                        let failed = checks.iter().position(|(_, c)| *c == Check::Failed).unwrap();
                        prop_assert!(checks[..failed].iter().all(|(_, c)| *c == Check::Passed));
                        prop_assert!(checks[failed + 1..].iter().all(|(_, c)| *c == Check::NotReached));
                    }
                }
            }
        }
    }

    #[test]
    fn an_overdraft_passes_three_rules_and_fails_the_last() {
        let state = [opened("acc-1", "Ada"), deposited(7_000)]
            .iter()
            .fold(initial_state(), evolve);
        let rejection = decide(&state, &withdraw(10_000)).unwrap_err();
        assert_eq!(
            rule_checks(&withdraw(10_000), Some(&rejection)),
            vec![
                (Rule::OpenAccountOnly, Check::Passed),
                (Rule::ClosedAcceptsNothing, Check::Passed),
                (Rule::PositiveAmount, Check::Passed),
                (Rule::NoOverdraft, Check::Failed),
            ]
        );
    }
}

/// The account's own state knows its outgoing transfers in flight: a debit starts one, and
/// either its credit (which lands in the destination's stream, and is folded into the source's
/// state too) or its refund ends it. `decide` alone refuses the close in between.
#[test]
fn an_account_with_a_transfer_in_flight_may_not_close_until_it_is_credited_or_refunded() {
    let transfer = replay_bank::domain::TransferId::new("tr-1");
    let debited = Event::TransferDebited {
        transfer_id: transfer.clone(),
        to: id("acc-2"),
        amount: Money::from_cents(3_000),
    };
    let history = [opened("acc-1", "Ada"), deposited(10_000), debited.clone()];
    let message =
        given(history.clone())
            .when(Command::CloseAccount)
            .then_err(Rejection::TransferInFlight {
                account_id: id("acc-1"),
                transfer_id: transfer.clone(),
            });
    assert!(message.contains("tr-1"), "{message}");

    let credited = Event::TransferCredited {
        transfer_id: transfer.clone(),
        from: id("acc-1"),
        amount: Money::from_cents(3_000),
    };
    let mut settled = history.to_vec();
    settled.push(credited);
    given(settled.clone()).when(Command::CloseAccount).then([
        Event::BalancePaidOut {
            amount: Money::from_cents(7_000),
        },
        Event::AccountClosed,
    ]);

    let mut refunded = history.to_vec();
    refunded.push(Event::TransferRefunded {
        transfer_id: transfer,
        amount: Money::from_cents(3_000),
        reason: "the destination is closed".to_string(),
    });
    given(refunded).when(Command::CloseAccount).then([
        Event::BalancePaidOut {
            amount: Money::from_cents(10_000),
        },
        Event::AccountClosed,
    ]);
}
