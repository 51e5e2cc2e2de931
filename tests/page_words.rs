//! What the page says, composed natively in `app/` and tested here word for word: the slider,
//! the command form's money row, "How it works", and the storage banners.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::app::{
    events_applied, money_action, replay_cost, slider_value_text, FlowOutcome, MoneyAction,
    MoneyFormError, StorageNotice, Unsaved,
};
use replay_bank::domain::Money;

#[test]
fn the_slider_says_where_it_stands_in_words() {
    assert_eq!(
        slider_value_text(0, 10_001, None),
        "The start: 0 of 10,001 events applied"
    );
    assert_eq!(
        slider_value_text(2_921, 10_001, Some("MoneyDeposited")),
        "Events applied: 2,921 of 10,001, up to MoneyDeposited"
    );
    assert_eq!(
        events_applied(2_921, 10_001),
        "Events applied: 2,921 / 10,001"
    );
}

#[test]
fn the_cost_of_a_jump_is_said_only_once_checkpoints_are_in_use() {
    assert_eq!(replay_cost(1_000, 0, 1_000), None);
    assert_eq!(
        replay_cost(1_001, 0, 999).as_deref(),
        Some("Rebuilt from the first event: 999 events.")
    );
    assert_eq!(
        replay_cost(100_000, 42_000, 1).as_deref(),
        Some("Rebuilt from the checkpoint at event 42,000: 1 event replayed instead of 42,001.")
    );
}

#[test]
fn each_button_of_the_money_row_sends_its_own_command() {
    let ten = Money::parse("10").unwrap();
    assert_eq!(
        money_action("deposit", "10", ""),
        Ok(MoneyAction::Deposit(ten))
    );
    assert_eq!(
        money_action("", "10", "acc-2"),
        Ok(MoneyAction::Deposit(ten)),
        "Enter in the Amount field deposits"
    );
    assert_eq!(
        money_action("withdraw", "10", ""),
        Ok(MoneyAction::Withdraw(ten))
    );
    assert_eq!(
        money_action("transfer", "10", "acc-2"),
        Ok(MoneyAction::Transfer {
            to: "acc-2".into(),
            amount: ten
        })
    );
    assert_eq!(
        money_action("crash", "10", "acc-2"),
        Ok(MoneyAction::CrashAfterDebit {
            to: "acc-2".into(),
            amount: ten
        })
    );
}

#[test]
fn the_money_row_says_what_is_wrong_and_sends_nothing() {
    let no_destination = money_action("transfer", "10", "").unwrap_err();
    assert_eq!(no_destination, MoneyFormError::NoDestination);
    assert_eq!(
        no_destination.message(),
        "To account: open a second account to send money to."
    );
    let bad = money_action("withdraw", "ten", "").unwrap_err();
    assert!(matches!(bad, MoneyFormError::Amount(_)));
    assert!(bad.message().starts_with("Amount: "), "{}", bad.message());
    assert_eq!(
        bad.message(),
        format!("Amount: {}", Money::parse("ten").unwrap_err())
    );
}

#[test]
fn how_it_works_says_how_far_each_command_went() {
    let recorded = FlowOutcome::Recorded(vec!["#3 MoneyDeposited".into()]).words();
    assert_eq!(
        recorded.store,
        "Appended #3 MoneyDeposited: never changed from now on."
    );
    assert!(!recorded.stopped_at_step_one && !recorded.store_failed);

    let refused = FlowOutcome::Refused("insufficient funds".into()).words();
    assert_eq!(
        refused.store,
        "Not reached: refused at step one (insufficient funds). Nothing was appended."
    );
    assert_eq!(
        refused.projection,
        "Not reached: with no new event there is nothing to rebuild."
    );
    assert!(refused.stopped_at_step_one);

    let again = FlowOutcome::AlreadyHandled(7).words();
    assert!(
        again.store.contains("handled before (event #7)"),
        "{}",
        again.store
    );
    assert!(again.stopped_at_step_one);

    let failed = FlowOutcome::Failed("browser storage is full".into()).words();
    assert_eq!(
        failed.store,
        "Accepted, but the store failed: browser storage is full."
    );
    assert!(failed.store_failed && !failed.stopped_at_step_one);
}

#[test]
fn the_storage_banners_say_what_happened_and_how_many() {
    assert_eq!(
        StorageNotice::MemoryOnly("this page was asked to keep nothing (storage=memory)".into())
            .headline(),
        "The ledger lives in memory and is lost on reload: this page was asked to keep nothing (storage=memory)."
    );
    assert_eq!(
        StorageNotice::Unreadable("chunk 0 is missing".into()).headline(),
        "The saved ledger could not be loaded: chunk 0 is missing"
    );
    let unsaved = |count| Unsaved {
        count,
        reason: "browser storage is full".into(),
    };
    assert_eq!(
        unsaved(1).headline(),
        "1 event is not saved yet: browser storage is full."
    );
    assert_eq!(
        unsaved(2).headline(),
        "2 events are not saved yet: browser storage is full."
    );
}
