//! The tabs under the stage: names, URL slugs, arrow-key order, and where a scenario step points.

use replay_bank::app::{LookAt, Tab};

#[test]
fn every_tab_round_trips_through_its_url_name() {
    for tab in Tab::ALL {
        assert_eq!(Tab::parse(tab.slug()), Some(tab));
    }
    assert_eq!(Tab::parse("nope"), None);
}

#[test]
fn tab_names_and_url_names_are_unique() {
    for (i, a) in Tab::ALL.iter().enumerate() {
        for b in &Tab::ALL[i + 1..] {
            assert_ne!(a.label(), b.label());
            assert_ne!(a.slug(), b.slug());
        }
    }
}

#[test]
fn the_arrow_keys_walk_every_tab_and_wrap_around() {
    let mut tab = Tab::first();
    let mut seen = vec![tab];
    for _ in 1..Tab::ALL.len() {
        tab = tab.next();
        seen.push(tab);
    }
    assert_eq!(seen, Tab::ALL.to_vec());
    assert_eq!(Tab::last().next(), Tab::first(), "Right on the last wraps");
    assert_eq!(
        Tab::first().previous(),
        Tab::last(),
        "Left on the first wraps"
    );
    for tab in Tab::ALL {
        assert_eq!(tab.next().previous(), tab);
    }
}

#[test]
fn every_panel_a_scenario_step_points_at_is_on_the_stage_or_a_tab() {
    for scenario in replay_bank::app::scenarios::all() {
        for step in &scenario.steps {
            assert!(
                LookAt::of(step.panel).is_some(),
                "{}: step points at \"{}\", which the page does not have",
                scenario.name,
                step.panel
            );
        }
    }
    assert_eq!(
        LookAt::of("Rejected attempts"),
        Some(LookAt::Tab(Tab::Rejected))
    );
    assert_eq!(LookAt::of("CRUD"), Some(LookAt::Tab(Tab::Crud)));
    assert_eq!(
        LookAt::of("Current state"),
        Some(LookAt::Stage("state-heading"))
    );
}
