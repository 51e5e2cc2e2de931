//! The three-step hint for first-time visitors.

use replay_bank::app::start_hint::Progress;

#[test]
fn a_new_visitor_sees_three_steps_none_done() {
    let steps = Progress::default().steps();
    assert_eq!(steps.len(), 3);
    assert!(steps.iter().all(|s| !s.done));
    assert!(steps[0].text.contains("Open account"));
    assert!(steps[1].text.contains("Deposit"));
    assert!(steps[2].text.contains("Step back"));
    assert!(!Progress::default().complete());
}

#[test]
fn each_step_is_ticked_as_it_is_done_and_the_hint_completes_with_the_third() {
    let opened = Progress {
        opened: true,
        ..Progress::default()
    };
    assert_eq!(opened.steps().map(|s| s.done), [true, false, false]);
    assert!(!opened.complete());
    let deposited = Progress {
        deposited: true,
        ..opened
    };
    assert_eq!(deposited.steps().map(|s| s.done), [true, true, false]);
    assert!(!deposited.complete());
    let travelled = Progress {
        travelled: true,
        ..deposited
    };
    assert!(travelled.complete());
}
