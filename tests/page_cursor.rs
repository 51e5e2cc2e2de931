//! The time-travel cursor as the page moves it: slider, step buttons, shortcuts, links.

use replay_bank::app::Cursor;

#[test]
fn seeking_to_the_head_or_beyond_follows_the_present() {
    assert_eq!(Cursor::seek(5, 5), Cursor::Present);
    assert_eq!(Cursor::seek(9, 5), Cursor::Present);
    assert_eq!(Cursor::seek(4, 5), Cursor::At(4));
    assert_eq!(Cursor::seek(0, 5), Cursor::At(0));
}

#[test]
fn an_empty_ledger_is_always_at_the_present() {
    assert_eq!(Cursor::seek(0, 0), Cursor::Present);
    assert_eq!(Cursor::Present.step_back(0), Cursor::Present);
    assert_eq!(Cursor::Present.step_forward(0), Cursor::Present);
    assert!(!Cursor::Present.in_past(0));
}

#[test]
fn step_back_from_the_present_shows_all_but_the_newest_event() {
    let cursor = Cursor::Present.step_back(6);
    assert_eq!(cursor, Cursor::At(5));
    assert_eq!(cursor.shown(6), 5);
    assert!(cursor.in_past(6));
}

#[test]
fn step_back_stops_at_genesis() {
    assert_eq!(Cursor::At(0).step_back(6), Cursor::At(0));
    assert_eq!(Cursor::At(1).step_back(6), Cursor::At(0));
}

#[test]
fn the_last_step_forward_returns_to_the_present() {
    assert_eq!(Cursor::At(4).step_forward(6), Cursor::At(5));
    assert_eq!(Cursor::At(5).step_forward(6), Cursor::Present);
    assert_eq!(Cursor::Present.step_forward(6), Cursor::Present);
}

#[test]
fn a_new_event_moves_the_present_but_not_a_point_in_the_past() {
    assert_eq!(Cursor::Present.shown(7), 7);
    assert_eq!(Cursor::At(3).shown(7), 3);
}

#[test]
fn a_point_the_ledger_no_longer_reaches_is_the_present_again() {
    // Cleared (or replaced by a shorter history) in another tab.
    assert_eq!(Cursor::At(40).within(10), Cursor::Present);
    assert_eq!(Cursor::At(40).shown(10), 10);
    assert_eq!(Cursor::At(40).past(10), None);
    assert_eq!(Cursor::At(3).past(10), Some(3));
}
