//! The open tab in the address: other parameters survive, the tab's own is replaced.

use replay_bank::app::query::with_param;

#[test]
fn a_tab_is_added_to_an_address_without_parameters() {
    assert_eq!(with_param("", "tab", Some("crud")), "?tab=crud");
}

#[test]
fn the_tab_replaces_the_previous_one_and_keeps_the_other_parameters_in_order() {
    assert_eq!(
        with_param("?embed=1&tab=questions&ns=intro", "tab", Some("why")),
        "?embed=1&ns=intro&tab=why"
    );
}

#[test]
fn removing_the_only_parameter_leaves_no_question_mark() {
    assert_eq!(with_param("?pin=crud", "pin", None), "");
    assert_eq!(
        with_param("?theme=dark&pin=crud", "pin", None),
        "?theme=dark"
    );
}

#[test]
fn a_parameter_that_only_starts_like_the_name_is_kept() {
    assert_eq!(
        with_param("?tabs=1", "tab", Some("crud")),
        "?tabs=1&tab=crud"
    );
}
