//! The page model and storage, as given/when/then sentences: unreadable data turns commands off
//! until Start fresh, and another tab's writes are picked up, a lost command redone or refused.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{Page, Showing, StorageNotice};
use replay_bank::eventstore::{quarantine_key, KeyValueStore};
use support::page::*;
use support::stores::{SharedStore, StaleView};
use support::*;

/// Storage whose ledger key holds something that is no ledger.
fn unreadable_storage() -> SharedStore {
    let mut store = SharedStore::default();
    store.set(KEY, "not a ledger").unwrap();
    store
}

#[test]
fn unreadable_storage_turns_commands_off_and_is_left_untouched() {
    // Given storage holding something unreadable
    let store = unreadable_storage();
    // When the page opens and a command comes anyway
    let mut page = Page::open(store.clone(), KEY);
    page.send(&open("acc-1", "Ada"), &ctx(1));
    // Then commands are off, the notice says why, and the data is as it was
    assert!(matches!(page.showing(), Showing::Unreadable { .. }));
    assert!(matches!(page.notice(), Some(StorageNotice::Unreadable(_))));
    assert!(!page.can_write());
    assert!(matches!(
        page.flow().unwrap().outcome,
        replay_bank::app::FlowOutcome::NotSent(_)
    ));
    assert_eq!(store.get(KEY).unwrap().as_deref(), Some("not a ledger"));
    assert!(page.raw_data().unwrap().contains("not a ledger"));
}

#[test]
fn start_fresh_quarantines_the_unreadable_data_and_turns_commands_back_on() {
    // Given a page on unreadable storage
    let store = unreadable_storage();
    let mut page = Page::open(store.clone(), KEY);
    // When the person starts fresh
    page.start_fresh(1_795_000_000_000);
    // Then a copy is kept, the ledger is empty, and commands work
    let kept = quarantine_key(KEY, 1_795_000_000_000);
    assert_eq!(store.get(&kept).unwrap().as_deref(), Some("not a ledger"));
    assert_eq!(page.notice(), None);
    assert!(page.can_write());
    assert_eq!(
        page.status(),
        format!(
            "Started fresh. The unreadable data is kept, unchanged, under the storage key \"{kept}\"."
        )
    );
    page.send(&open("acc-1", "Ada"), &ctx(1));
    assert_eq!(stored_events(&store), 1);
}

#[test]
fn start_fresh_never_quarantines_a_readable_ledger() {
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.start_fresh(1_795_000_000_000);
    assert_eq!(stored_events(&store), 2);
    assert_eq!(page.head(), 2);
}

#[test]
fn a_ledger_another_tab_fixes_is_picked_up_by_a_tab_that_started_on_unreadable_data() {
    let store = unreadable_storage();
    let mut page = Page::open(store.clone(), KEY);
    another_tab(&store).start_fresh(1_795_000_000_000);
    let mut fixed = another_tab(&store);
    fixed.send(&open("acc-1", "Ada"), &ctx(1));
    page.another_tab_wrote(1_795_000_000_010);
    assert!(page.can_write());
    assert_eq!(page.head(), 1);
}

#[test]
fn storage_another_tab_breaks_turns_commands_off_and_keeps_the_events_last_read() {
    let (mut store, mut page) = a_page_with_deposits(&[100]);
    store.set(KEY, "broken").unwrap();
    page.another_tab_wrote(1_795_000_000_010);
    assert!(!page.can_write());
    assert_eq!(page.head(), 2, "the events last read stay on screen");
    assert!(matches!(page.notice(), Some(StorageNotice::Unreadable(_))));
}

#[test]
fn a_page_without_storage_says_its_ledger_lives_in_memory() {
    let page = Page::open(SharedStore::default(), KEY).memory_only(Some("storage=memory".into()));
    assert_eq!(
        page.notice(),
        Some(StorageNotice::MemoryOnly("storage=memory".into()))
    );
    assert!(page.can_write());
}

#[test]
fn another_tabs_write_is_picked_up_live() {
    // Given two tabs over one storage
    let (store, mut page) = a_page_with_deposits(&[100]);
    let mut other = another_tab(&store);
    // When the other tab deposits
    other.send(&deposit(250), &ctx(20));
    page.another_tab_wrote(1_795_000_000_100);
    // Then this tab shows it, and decides against it
    assert_eq!(page.head(), 3);
    assert_eq!(page.present_account().balance(), cents(350));
    page.send(&withdraw(350), &ctx(21));
    assert_eq!(stored_events(&store), 4);
}

#[test]
fn a_command_another_tab_overwrote_is_redone_and_said() {
    // Given tab A and a stale tab B that has not heard of A's next deposit
    let store = SharedStore::default();
    let mut tab_a = Page::open(store.clone(), KEY);
    tab_a.send(&open("acc-1", "Ada"), &ctx(1));
    let stale = StaleView::new(store.clone());
    let mut tab_b = Page::open(stale.clone(), KEY);
    stale.freeze();
    tab_a.send(&deposit(100), &ctx(2));
    tab_b.send(&deposit(900), &ctx(3)); // overwrites tab A's deposit
                                        // When the storage event reaches tab A
    tab_a.another_tab_wrote(1_795_000_000_010);
    // Then its deposit is recorded again, after B's, and said
    assert_eq!(tab_a.head(), 3);
    assert_eq!(stored_events(&store), 3);
    assert_eq!(tab_a.present_account().balance(), cents(1_000));
    assert_eq!(
        tab_a.status(),
        "Another tab wrote at the same moment; recorded again after its events: Deposit $1.00."
    );
}

#[test]
fn a_withdrawal_another_tab_overwrote_that_no_longer_fits_is_refused_and_said() {
    let store = SharedStore::default();
    let mut tab_a = Page::open(store.clone(), KEY);
    tab_a.send(&open("acc-1", "Ada"), &ctx(1));
    tab_a.send(&deposit(1_000), &ctx(2));
    let stale = StaleView::new(store.clone());
    let mut tab_b = Page::open(stale.clone(), KEY);
    stale.freeze();
    tab_a.send(&withdraw(800), &ctx(3));
    tab_b.send(&withdraw(700), &ctx(4)); // overwrites A's withdrawal
    tab_a.another_tab_wrote(1_795_000_000_010);
    assert_eq!(
        tab_a.present_account().balance(),
        cents(300),
        "never overdrawn"
    );
    let alert = tab_a.alert().unwrap().text.clone();
    assert!(
        alert.starts_with(
            "Another tab wrote at the same moment, so \"Withdraw $8.00\" was decided again and refused:"
        ),
        "{alert}"
    );
}
