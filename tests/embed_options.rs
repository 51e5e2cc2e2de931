//! The query parameters an embedding page may set, and what a typo does: nothing but a warning.
#![cfg(not(target_arch = "wasm32"))]

use replay_bank::app::embed_options::{EmbedOptions, Panel, StorageChoice, Theme};
use replay_bank::app::Tab;

#[test]
fn no_parameters_is_the_full_page_with_local_storage() {
    let (options, warnings) = EmbedOptions::parse("");
    assert_eq!(options, EmbedOptions::default());
    assert!(warnings.is_empty());
    assert_eq!(options.visible_panels(), Panel::ALL.to_vec());
    assert_eq!(
        options.ledger_key("replay-bank.ledger"),
        "replay-bank.ledger"
    );
}

#[test]
fn every_documented_parameter_is_read() {
    let (options, warnings) = EmbedOptions::parse(
        "?embed=1&panels=ledger,time-travel,state&theme=dark&readonly=1&ns=docs_intro-2&storage=session&scenario=overdraft",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(options.embed);
    assert!(options.readonly);
    assert_eq!(options.theme, Theme::Dark);
    assert_eq!(options.storage, StorageChoice::Session);
    assert_eq!(options.scenario.as_deref(), Some("overdraft"));
    assert_eq!(
        options.visible_panels(),
        vec![Panel::Ledger, Panel::TimeTravel, Panel::State],
        "in the order asked for"
    );
    assert_eq!(
        options.ledger_key("replay-bank.ledger"),
        "replay-bank.ledger@docs_intro-2"
    );
}

/// Every panel that only reads, in the full page's order: what readonly=1 leaves.
const READ_ONLY_PANELS: [Panel; 9] = [
    Panel::Scenarios,
    Panel::Rejected,
    Panel::HowItWorks,
    Panel::State,
    Panel::Crud,
    Panel::TimeTravel,
    Panel::Ledger,
    Panel::Questions,
    Panel::Why,
];

#[test]
fn readonly_hides_every_panel_that_writes_even_when_asked_for() {
    let (options, _) =
        EmbedOptions::parse("readonly=1&panels=commands,ledger,share,clear,generate");
    assert_eq!(options.visible_panels(), vec![Panel::Ledger]);
    let (options, warnings) = EmbedOptions::parse("readonly=1&panels=commands,share");
    assert_eq!(
        options.visible_panels(),
        READ_ONLY_PANELS,
        "never an empty page"
    );
    assert_eq!(
        warnings,
        vec!["ignored panels: readonly=1 hides every panel it names, so the read-only panels show"]
    );
    let (options, _) = EmbedOptions::parse("readonly=1");
    assert_eq!(options.visible_panels(), READ_ONLY_PANELS);
}

#[test]
fn unknown_or_malformed_parameters_are_ignored_with_a_warning_each() {
    let (options, warnings) = EmbedOptions::parse(
        "theme=blue&storage=cloud&ns=a.b&ns=&embed=yes&colour=red&panels=ledger,chart,ledger&scenario=heist&x=%zz",
    );
    assert_eq!(
        options,
        EmbedOptions {
            panels: Some(vec![Panel::Ledger]),
            ..EmbedOptions::default()
        }
    );
    assert_eq!(
        warnings,
        vec![
            "ignored theme=\"blue\": expected light, dark or auto",
            "ignored storage=\"cloud\": expected local, session or memory",
            "ignored ns=\"a.b\": expected 1 to 40 letters, digits, - or _",
            "ignored ns=\"\": expected 1 to 40 letters, digits, - or _",
            "ignored embed=\"yes\": expected 1 or 0",
            "ignored \"colour\": not a parameter of this page",
            "ignored \"chart\" in panels: the panels are scenarios, commands, rejected, how-it-works, state, crud, generate, share, time-travel, ledger, questions, why, clear",
            "ignored the second \"ledger\" in panels: each panel shows once",
            "ignored scenario=\"heist\": expected disputed-withdrawal, overdraft, closing-with-money, busy-month, transfer-to-closed, crash-mid-transfer",
            "ignored \"x=%zz\": it is not valid percent-encoding",
        ]
    );
}

#[test]
fn values_are_percent_decoded_and_a_namespace_cannot_reach_another_ledger() {
    let (options, warnings) = EmbedOptions::parse("panels=state%2Cledger&ns=team%2D1");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(options.visible_panels(), vec![Panel::State, Panel::Ledger]);
    assert_eq!(options.namespace.as_deref(), Some("team-1"));
    // A namespace that would read as another ledger's chunk key is refused.
    let (options, warnings) = EmbedOptions::parse("ns=chunk.0");
    assert_eq!(options.namespace, None);
    assert_eq!(warnings.len(), 1);
    let (options, _) = EmbedOptions::parse(&format!("ns={}", "n".repeat(41)));
    assert_eq!(options.namespace, None, "too long");
}

#[test]
fn an_empty_panel_list_keeps_every_panel() {
    let (options, warnings) = EmbedOptions::parse("panels=,,");
    assert_eq!(options.panels, None);
    assert_eq!(
        warnings,
        vec!["ignored panels: it names no known panel, so every panel shows"]
    );
}

#[test]
fn the_open_tab_the_pinned_tab_and_the_compact_layout_are_read() {
    let (options, warnings) = EmbedOptions::parse("?tab=questions&pin=crud&layout=compact");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(options.tab, Some(Tab::Questions));
    assert_eq!(options.pin, Some(Tab::Crud));
    assert!(options.compact);
}

#[test]
fn an_unknown_tab_or_layout_is_ignored_with_a_warning_that_lists_the_choices() {
    let (options, warnings) = EmbedOptions::parse("tab=ledgerz&layout=tiny");
    assert_eq!(options.tab, None);
    assert!(!options.compact);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("crud, transfers, read-models, questions, how-it-works"),
        "{}",
        warnings[0]
    );
    assert!(warnings[1].contains("compact or full"), "{}", warnings[1]);
}

/// docs/embedding.md, the guide a documentation site follows to embed the demo.
fn embedding_guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/embedding.md"))
        .expect("docs/embedding.md")
}

/// The row of the guide's parameter table for `name`.
fn guide_row(guide: &str, name: &str) -> String {
    guide
        .lines()
        .find(|line| line.starts_with(&format!("| `{name}` |")))
        .unwrap_or_else(|| panic!("the guide has a row for `{name}`"))
        .to_string()
}

#[test]
fn the_embedding_guide_names_every_tab_and_every_scenario_the_app_has() {
    let guide = embedding_guide();
    let tabs = guide_row(&guide, "tab");
    for tab in Tab::ALL {
        assert!(
            tabs.contains(&format!("`{}`", tab.slug())),
            "{}: {tabs}",
            tab.slug()
        );
    }
    let scenarios = guide_row(&guide, "scenario");
    for scenario in replay_bank::app::scenarios::all() {
        assert!(
            scenarios.contains(&format!("`{}`", scenario.name)),
            "{}: {scenarios}",
            scenario.name
        );
    }
}

#[test]
fn the_embedding_guide_warns_about_exactly_the_scenarios_that_look_outside_the_compact_stage() {
    // `layout=compact` shows the command form, the ledger, the state and the slider.
    const COMPACT_STAGE: [&str; 4] = ["Commands", "Event ledger", "Current state", "Time travel"];
    let guide = embedding_guide();
    let warning = guide
        .split("\n\n")
        .find(|paragraph| paragraph.starts_with("`layout=compact` keeps to the stage"))
        .expect("the guide's paragraph on stories in the compact layout");
    for scenario in replay_bank::app::scenarios::all() {
        let outside = scenario
            .steps
            .iter()
            .any(|step| !COMPACT_STAGE.contains(&step.panel));
        assert_eq!(
            warning.contains(&format!("`{}`", scenario.name)),
            outside,
            "{}: {warning}",
            scenario.name
        );
    }
}
