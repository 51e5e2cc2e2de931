//! The page model showing histories from elsewhere, as given/when/then sentences: a shared link
//! is read-only beside the own ledger, keeping it replaces the own ledger, going back restores
//! it exactly; a scenario narrates its story step by step.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use replay_bank::app::{Cursor, FlowOutcome, Showing};
use replay_bank::eventstore::RecordedEvent;
use support::page::*;
use support::*;

#[test]
fn a_shared_link_is_shown_read_only_at_its_cursor_with_your_ledger_set_aside() {
    // Given Ada's own ledger of 3 events
    let (store, mut page) = a_page_with_deposits(&[100, 200]);
    // When a link to Grace's history of 4 events, at event 2, is opened
    page.open_link(Ok(a_link(&[100, 200, 300], 2)));
    // Then it is on screen, read-only, and storage is untouched
    assert!(matches!(page.showing(), Showing::Shared { .. }));
    assert_eq!(page.shared(), Some(4));
    assert_eq!(page.cursor(), Cursor::At(2));
    assert!(!page.can_write());
    assert_eq!(
        page.status(),
        "Opened a shared history of 4 events, read-only; the slider shows event 2."
    );
    assert_eq!(page.own_events(), Ok(3));
    assert_eq!(stored_events(&store), 3);
}

#[test]
fn a_damaged_link_is_refused_in_words_and_your_ledger_stays() {
    let (_, mut page) = a_page_with_deposits(&[100]);
    page.open_link(Err("the link is incomplete or damaged (bad data)".into()));
    assert!(matches!(page.showing(), Showing::Own(_)));
    assert_eq!(
        page.alert().unwrap().text,
        "This link could not be opened: the link is incomplete or damaged (bad data). Your own ledger is unchanged."
    );
}

#[test]
fn a_link_is_not_opened_while_your_ledger_holds_unsaved_events() {
    // Given an accepted deposit storage could not take
    let (store, mut page) = a_page_with_deposits(&[]);
    store.set_full(true);
    page.send(&deposit(100), &ctx(9));
    // When a link comes in
    assert!(page.can_show_link().is_err());
    page.open_link(Ok(a_link(&[100], 1)));
    // Then the own ledger stays on screen, unsaved events and all
    assert!(matches!(page.showing(), Showing::Own(_)));
    assert_eq!(page.head(), 2);
    let alert = page.alert().unwrap().text.clone();
    assert!(
        alert.contains(
            "this tab holds 1 event pending, not committed. Save now or download the ledger first"
        ),
        "{alert}"
    );
}

#[test]
fn keeping_a_shared_history_replaces_your_ledger_when_it_holds_the_count_you_saw() {
    // Given Ada's ledger of 2 events, and Grace's history of 3 shown at event 1
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.send(&withdraw(10_000), &ctx(9));
    let link = a_link(&[100, 200], 1);
    let shared: Vec<RecordedEvent> = link.events.clone();
    page.show_shared(link);
    // When the person keeps it, having seen their own ledger hold 2 events
    page.keep_shared(2);
    // Then it is their ledger, stored, writable, at the same point
    assert!(matches!(page.showing(), Showing::Own(_)));
    assert_eq!(page.events(), &shared[..]);
    assert_eq!(stored_events(&store), 3);
    assert!(page.can_write());
    assert_eq!(page.cursor(), Cursor::At(1));
    assert!(
        page.rejected().is_empty(),
        "the old ledger's refusals went with it"
    );
    assert_eq!(
        page.status(),
        "Kept: this history is now your ledger (3 events)."
    );
    page.send(&deposit(500), &ctx(10));
    assert_eq!(stored_events(&store), 4);
}

#[test]
fn keeping_replaces_nothing_when_your_ledger_changed_since_you_confirmed() {
    // Given a shared history shown, and another tab appending to the own ledger
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.show_shared(a_link(&[100, 200], 1));
    another_tab(&store).send(&deposit(700), &ctx(30));
    // When the person keeps it, having seen 2 events
    page.keep_shared(2);
    // Then nothing is replaced and the shared history is still shown
    assert!(matches!(page.showing(), Showing::Shared { .. }));
    assert_eq!(stored_events(&store), 3);
    assert!(page
        .alert()
        .unwrap()
        .text
        .starts_with("Nothing was replaced:"));
}

#[test]
fn a_readonly_page_never_keeps_a_shared_history() {
    let store = support::stores::SharedStore::default();
    let mut page = replay_bank::app::Page::open(store.clone(), KEY).readonly(true);
    page.show_shared(a_link(&[100], 1));
    page.keep_shared(0);
    assert!(matches!(page.showing(), Showing::Shared { .. }));
    assert_eq!(stored_events(&store), 0);
}

#[test]
fn back_to_your_own_ledger_restores_it_exactly() {
    // Given Ada's ledger with a point in the past on screen, then a link shown
    let (store, mut page) = a_page_with_deposits(&[100, 200]);
    let own: Vec<RecordedEvent> = page.events().to_vec();
    page.seek(1);
    page.show_shared(a_link(&[5_000], 0));
    // When the person goes back
    page.back_to_own(1_795_000_000_500);
    // Then the own ledger is on screen as it was, at the present, writable
    assert!(matches!(page.showing(), Showing::Own(_)));
    assert_eq!(page.events(), &own[..]);
    assert_eq!(page.shared(), None);
    assert_eq!(page.cursor(), Cursor::Present);
    assert!(page.can_write());
    assert_eq!(page.status(), "Back to your own ledger.");
    assert_eq!(stored_events(&store), 3);
}

#[test]
fn back_to_your_own_ledger_picks_up_what_another_tab_wrote_meanwhile() {
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.show_shared(a_link(&[5_000], 0));
    another_tab(&store).send(&deposit(700), &ctx(30));
    page.another_tab_wrote(1_795_000_000_400);
    assert_eq!(page.head(), 2, "the shared history is not disturbed");
    page.back_to_own(1_795_000_000_500);
    assert_eq!(page.head(), 3);
}

#[test]
fn opening_a_second_link_keeps_your_own_ledger_aside_not_the_first_link() {
    // Given Ada's ledger, then Grace's link of 2 events shown
    let (_, mut page) = a_page_with_deposits(&[100, 200]);
    let own: Vec<RecordedEvent> = page.events().to_vec();
    page.show_shared(a_link(&[100], 0));
    // When a second link, of 4 events, is opened
    page.show_shared(a_link(&[100, 200, 300], 4));
    assert_eq!(page.shared(), Some(4));
    assert_eq!(page.own_events(), Ok(3));
    // Then going back brings Ada's ledger, not the first link
    page.back_to_own(1_795_000_000_500);
    assert_eq!(page.events(), &own[..]);
}

#[test]
fn a_scenario_loads_read_only_with_its_refused_attempts_at_its_first_step() {
    // Given Ada's own ledger
    let (store, mut page) = a_page_with_deposits(&[100]);
    // When the overdraft scenario is loaded
    page.load_scenario("overdraft");
    // Then its story is shown, its refusal listed, the slider at the first step
    let index = replay_bank::app::scenarios::all()
        .iter()
        .position(|s| s.name == "overdraft")
        .unwrap();
    assert_eq!(page.scenario(), Some((index, 0)));
    assert_eq!(page.shared(), Some(3), "the refusal left no event");
    assert_eq!(page.shown(), 2);
    let [attempt] = page.rejected() else {
        panic!("one refused attempt, got {:?}", page.rejected())
    };
    assert_eq!(attempt.command, "Withdraw $100.00");
    assert!(!page.can_write());
    assert_eq!(
        page.status(),
        "Loaded the scenario \"An overdraft attempt\", read-only: its caption at the top tells it step by step."
    );
    assert_eq!(stored_events(&store), 2);
}

#[test]
fn a_scenarios_steps_move_the_narration_and_the_slider() {
    let (_, mut page) = a_page();
    page.load_scenario("disputed-withdrawal");
    let (index, _) = page.scenario().unwrap();
    page.scenario_step(1);
    assert_eq!(page.scenario(), Some((index, 1)));
    assert_eq!(page.shown(), 3);
    page.scenario_step(2);
    assert_eq!(page.shown(), 4);
    page.scenario_step(99);
    assert_eq!(
        page.scenario(),
        Some((index, 2)),
        "no such step: nothing moves"
    );
}

#[test]
fn the_narration_moves_by_steps_and_stops_at_either_end() {
    let (_, mut page) = a_page();
    page.load_scenario("disputed-withdrawal");
    let (index, _) = page.scenario().unwrap();
    page.scenario_step_by(-1);
    assert_eq!(
        page.scenario(),
        Some((index, 0)),
        "no step before the first"
    );
    page.scenario_step_by(1);
    assert_eq!(page.scenario(), Some((index, 1)));
    assert_eq!(page.shown(), 3);
    page.scenario_step_by(10);
    assert_eq!(page.scenario(), Some((index, 1)), "no step past the last");
}

#[test]
fn going_back_from_a_scenario_drops_its_refused_attempts() {
    let (_, mut page) = a_page_with_deposits(&[]);
    page.load_scenario("overdraft");
    page.back_to_own(1_795_000_000_500);
    assert!(page.rejected().is_empty());
    assert_eq!(page.scenario(), None);
    assert_eq!(page.head(), 1);
}

#[test]
fn an_unknown_scenario_is_refused_in_words() {
    let (_, mut page) = a_page();
    page.load_scenario("teleport");
    assert_eq!(
        page.alert().unwrap().text,
        "There is no scenario named \"teleport\"."
    );
    assert!(matches!(page.showing(), Showing::Own(_)));
}

#[test]
fn a_readonly_page_sends_no_command_imports_nothing_and_clears_nothing() {
    // Given a ledger another page wrote, shown on a read-only page of the same storage
    let (store, _writer) = a_page_with_deposits(&[100]);
    let mut page = replay_bank::app::Page::open(store.clone(), KEY).readonly(true);
    assert_eq!(page.head(), 2);
    assert!(!page.can_write());
    // When it is sent a command, an import and a clear
    page.send(&deposit(500), &ctx(9));
    assert_eq!(
        page.flow().map(|f| &f.outcome),
        Some(&FlowOutcome::NotSent("this page is read-only".into()))
    );
    page.import(a_link(&[5_000, 6_000], 0), "other.json", 2);
    assert!(page
        .alert()
        .is_some_and(|a| a.text == "Importing is off: this page is read-only."));
    page.clear();
    assert!(page
        .alert()
        .is_some_and(|a| a.text == "Clearing is off: this page is read-only."));
    // Then the ledger is as the writer left it, on screen and in storage
    assert_eq!(page.head(), 2);
    assert_eq!(stored_events(&store), 2);
}

#[test]
fn a_link_too_long_to_share_is_refused_with_its_length_and_the_way_out() {
    let (_, mut page) = a_page_with_deposits(&[100]);
    assert!(
        page.link_made(32_000),
        "a link of the limit's length may be copied"
    );
    assert!(page.alert().is_none());
    assert!(!page.link_made(40_123));
    assert_eq!(
        page.alert().unwrap().text,
        "This history is too large for a link: it would be 40,123 characters, and links stay under 32,000. Use Export to share it as a file."
    );
}

#[test]
fn copying_a_link_says_whether_the_browser_allowed_it_and_takes_the_alert_down() {
    let (_, mut page) = a_page_with_deposits(&[100]);
    page.link_not_made("this browser has no CompressionStream");
    assert_eq!(
        page.alert().unwrap().text,
        "The link could not be made: this browser has no CompressionStream."
    );
    page.link_copied(true);
    assert!(page.alert().is_none());
    assert_eq!(
        page.status(),
        "Link copied. Whoever opens it sees this history read-only, and can keep it."
    );
    page.link_copied(false);
    assert_eq!(
        page.status(),
        "The browser did not allow copying: select the link below and copy it."
    );
}

#[test]
fn cancelling_an_import_says_the_ledger_is_unchanged() {
    let (store, mut page) = a_page_with_deposits(&[100]);
    page.import_cancelled();
    assert_eq!(
        page.status(),
        "Import cancelled: the current ledger is unchanged."
    );
    assert_eq!(stored_events(&store), 2);
}

#[test]
fn a_read_only_page_leaves_its_sample_for_its_own_ledger_once_another_page_wrote_to_it() {
    // Given a read-only page with an empty ledger, showing a sample story
    let (store, page) = a_page();
    let mut page = page.readonly(true);
    page.load_scenario("busy-month");
    assert!(page.scenario().is_some());
    // When another page of the namespace writes its first events
    let mut writer = another_tab(&store);
    writer.send(&open("acc-1", "Ada"), &ctx(1));
    page.leave_sample_for_own(1_795_000_100_000);
    // Then the read-only page shows them, and says why the sample went
    assert!(page.scenario().is_none());
    assert_eq!(page.head(), 1);
    assert_eq!(
        page.status(),
        "This page's own ledger has events now: it shows them instead of the sample."
    );
}
