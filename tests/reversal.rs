//! Correcting a wrong fact with a new event: a withdrawal's reversal names the withdrawal and
//! puts its money back; the withdrawal stays as it was recorded. Decided from the stream's own
//! withdrawals, checked the same way in an imported history.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::event_details;
use replay_bank::domain::{decide_reversal, replay, AccountState, Event, Rejection, Withdrawals};
use replay_bank::eventstore::{encode_export, read_import};
use replay_bank::read_models::{fold, BankState};
use support::page::*;
use support::*;

fn stream() -> Vec<Event> {
    vec![
        opened("acc-1", "Ada"),
        deposited(320_000),
        withdrawn(115_000),
        withdrawn(40_000),
        deposited(5_000),
    ]
}

fn decided(events: &[Event], withdrawal: u64) -> Result<Vec<Event>, Rejection> {
    decide_reversal(&replay(events), &Withdrawals::of(events), withdrawal)
}

#[test]
fn given_a_withdrawal_when_it_is_reversed_then_its_amount_comes_back_by_a_new_event() {
    let events = stream();
    let reversal = decided(&events, 4).unwrap();
    assert_eq!(
        reversal,
        [Event::WithdrawalReversed {
            withdrawal: 4,
            amount: cents(40_000)
        }]
    );
    let mut after = events.clone();
    after.extend(reversal);
    assert_eq!(replay(&after).balance(), cents(320_000 - 115_000 + 5_000));
    // The withdrawal is still there, as it was.
    assert_eq!(after[3], withdrawn(40_000));
}

#[test]
fn only_a_withdrawal_is_reversed_and_only_once() {
    let events = stream();
    assert_eq!(
        decided(&events, 2),
        Err(Rejection::NotAWithdrawal { version: 2 })
    );
    assert_eq!(
        decided(&events, 9),
        Err(Rejection::NotAWithdrawal { version: 9 })
    );
    let mut once = events.clone();
    once.extend(decided(&events, 3).unwrap());
    assert_eq!(
        decided(&once, 3),
        Err(Rejection::AlreadyReversed { version: 3 })
    );
    assert_eq!(
        Rejection::AlreadyReversed { version: 3 }.to_string(),
        "The withdrawal at version 3 is reversed already: a withdrawal is reversed once."
    );
    // The other withdrawal still can be.
    assert!(decided(&once, 4).is_ok());
}

#[test]
fn a_closed_account_takes_no_reversal() {
    let mut events = stream();
    events.push(paid_out(170_000));
    events.push(Event::AccountClosed);
    assert!(matches!(replay(&events), AccountState::Closed { .. }));
    assert!(matches!(
        decided(&events, 4),
        Err(Rejection::AccountClosed { .. })
    ));
}

#[test]
fn the_page_reverses_a_withdrawal_from_its_event_details_and_says_what_it_did() {
    let (_store, mut page) = a_page_with_deposits(&[320_000]);
    page.send(&withdraw(40_000), &ctx(9));
    let details = page.event_details(3).unwrap();
    assert_eq!(details.reversed_by, Some(None), "a withdrawal that stands");
    assert_eq!(
        page.event_details(2).unwrap().reversed_by,
        None,
        "not a withdrawal"
    );

    page.reverse_withdrawal(3, &ctx(10));
    let events = page.events();
    assert_eq!(
        events[3].event,
        Event::WithdrawalReversed {
            withdrawal: 3,
            amount: cents(40_000)
        }
    );
    assert_eq!(events[2].event, withdrawn(40_000), "#3 untouched");
    assert_eq!(
        page.status(),
        "Recorded WithdrawalReversed (#4): the $400.00 of #3 is put back. #3 itself is unchanged: a wrong fact is corrected by a new one."
    );
    assert_eq!(page.event_details(3).unwrap().reversed_by, Some(Some(4)));
    let bank: BankState = fold(events);
    assert_eq!(balance(&bank, "acc-1"), cents(320_000));
    assert!(
        bank.totals().conserved(),
        "withdrawn counts what left for good"
    );

    // Twice is refused, in words, and records nothing.
    page.reverse_withdrawal(3, &ctx(11));
    assert_eq!(page.events().len(), 4);
    assert_eq!(
        page.alert().unwrap().text,
        "Not reversed: The withdrawal at version 3 is reversed already: a withdrawal is reversed once."
    );
    // A deposit is no withdrawal.
    page.reverse_withdrawal(2, &ctx(12));
    assert_eq!(
        page.alert().unwrap().text,
        "Event #2 is a MoneyDeposited: only a withdrawal can be reversed."
    );
}

#[test]
fn an_imported_reversal_is_checked_like_one_decided_here() {
    let (_store, mut page) = a_page_with_deposits(&[320_000]);
    page.send(&withdraw(40_000), &ctx(9));
    page.reverse_withdrawal(3, &ctx(10));
    let events = page.events().to_vec();
    let file = encode_export(&events, "0.5.0", 4);
    assert_eq!(read_import(&file).unwrap().events, events);

    // A reversal of more than the withdrawal, or of a deposit, is refused.
    let mut more = events.clone();
    more[3].event = Event::WithdrawalReversed {
        withdrawal: 3,
        amount: cents(50_000),
    };
    let refused = read_import(&encode_export(&more, "0.5.0", 4)).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("event #4 (WithdrawalReversed) is not what the rules record"),
        "{refused}"
    );
    let mut of_deposit = events;
    of_deposit[3].event = Event::WithdrawalReversed {
        withdrawal: 2,
        amount: cents(320_000),
    };
    let refused = read_import(&encode_export(&of_deposit, "0.5.0", 4)).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("only a withdrawal can be reversed"),
        "{refused}"
    );
}

#[test]
fn event_details_say_which_event_reversed_a_withdrawal() {
    let (_store, mut page) = a_page_with_deposits(&[320_000]);
    page.send(&withdraw(1_000), &ctx(9));
    page.send(&withdraw(2_000), &ctx(10));
    page.reverse_withdrawal(4, &ctx(11));
    let details = |k| event_details(page.events(), k, |j| page.bank_at(j)).unwrap();
    assert_eq!(details(3).reversed_by, Some(None), "the other one stands");
    assert_eq!(details(4).reversed_by, Some(Some(5)));
}
