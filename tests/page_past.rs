//! The past looks like the past: the state panel's badge and what the cursor's event changed.

use replay_bank::app::{change_by, past_badge};
use replay_bank::domain::{AccountId, Event, Money, OwnerName};

fn money(text: &str) -> Money {
    Money::parse(text).expect("a valid amount")
}

#[test]
fn at_the_present_there_is_no_badge() {
    assert_eq!(past_badge(6, 6), None);
    assert_eq!(past_badge(0, 0), None);
}

#[test]
fn behind_the_present_the_badge_says_where_the_cursor_is() {
    assert_eq!(
        past_badge(3, 6).as_deref(),
        Some("Past: after event 3 of 6")
    );
    assert_eq!(
        past_badge(2_921, 10_001).as_deref(),
        Some("Past: after event 2,921 of 10,001")
    );
    assert_eq!(past_badge(0, 6).as_deref(), Some("Past: the start, 0 of 6"));
}

#[test]
fn the_cursors_event_says_what_it_changed_with_a_sign() {
    assert_eq!(
        change_by(
            &Event::MoneyWithdrawn {
                amount: money("30")
            },
            3
        ),
        "\u{2212}$30.00 by #3"
    );
    assert_eq!(
        change_by(
            &Event::MoneyDeposited {
                amount: money("1,000.5"),
                effective_on: None,
            },
            12_000
        ),
        "+$1,000.50 by #12,000"
    );
    let opened = Event::AccountOpened {
        account_id: AccountId::new("acc-1".to_string()),
        owner: OwnerName::parse("Ada").expect("a valid name"),
    };
    assert_eq!(change_by(&opened, 1), "Account opened by #1");
    assert_eq!(change_by(&Event::AccountClosed, 5), "Account closed by #5");
}
