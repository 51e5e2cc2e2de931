//! Formats are forever: the read models' copies release 0.4.0 stored beside its ledger (two
//! accounts, a transfer, large movements, Large movements switched on), as that release's own
//! build wrote them (e2e/make-read-model-fixtures.mjs, in headless Chromium), are read as they
//! are: no rebuild, no notice, the figures a fold from scratch gives and the tab showed.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use replay_bank::app::read_models_view::regions;
use replay_bank::app::Page;
use replay_bank::eventstore::{KeyValueStore, MemoryStore, LEDGER_KEY};
use replay_bank::read_models::ReadModelId;
use replay_bank::read_models::{
    fold, AccountsOverview, BalanceOverTime, LargeMovements, MonthlyStatement,
};
use serde_json::Value;

const RELEASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.4.0");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{RELEASE}/{name}"))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn stored() -> (BTreeMap<String, String>, MemoryStore) {
    let keys: BTreeMap<String, String> =
        serde_json::from_str(&fixture("stored-with-read-models.json"))
            .expect("a map of storage keys to values");
    let mut store = MemoryStore::new();
    for (key, value) in &keys {
        store.set(key, value).expect("memory takes any value");
    }
    (keys, store)
}

#[test]
fn release_0_4_0s_copies_are_read_as_they_are_without_a_rebuild() {
    // Given what release 0.4.0 stored: the ledger, every read model's copy and the settings
    let (keys, store) = stored();
    // Its four read models (the learner's own came later).
    let of_0_4_0 = &ReadModelId::ALL[..4];
    assert!(!of_0_4_0.contains(&ReadModelId::Yours));
    for id in of_0_4_0 {
        assert!(
            keys.contains_key(&format!("{LEDGER_KEY}.read-model.{}", id.slug())),
            "{id:?} has its copy"
        );
    }
    // When the page opens on it
    let page = Page::open(store, LEDGER_KEY);
    // Then no read model was rebuilt, and each is at the ledger's head
    assert_eq!(page.read_models_note(), None);
    let expected: Value = serde_json::from_str(&fixture("expected.json")).unwrap();
    assert_eq!(page.head() as u64, expected["events"].as_u64().unwrap());
    let models = page.read_models();
    for id in of_0_4_0 {
        assert_eq!(models.position(*id), Some(page.head() as u64), "{id:?}");
    }
    assert_eq!(models.position(ReadModelId::Yours), None);
    assert!(models.your_definition().is_none());
    // And what was read equals a fold from scratch of the ledger
    let events = page.events();
    assert_eq!(models.overview().state(), &fold::<AccountsOverview>(events));
    assert_eq!(
        models.statement().state(),
        &fold::<MonthlyStatement>(events)
    );
    assert_eq!(models.chart().state(), &fold::<BalanceOverTime>(events));
    assert_eq!(
        models.large().map(|l| l.state()),
        Some(&fold::<LargeMovements>(events))
    );
    assert_eq!(models.large().unwrap().state().rows().len(), 2);
    // And the tab shows what release 0.4.0 showed, line for line
    let shown = regions(models, page.head(), page.chosen(), &|k| page.bank_at(k));
    for view in shown {
        let then = expected["regions"][view.id.title()]
            .as_str()
            .unwrap_or_else(|| panic!("{} was recorded", view.id.title()));
        for line in view.lines.iter().chain([&view.position, &view.verdict]) {
            assert!(then.contains(line.as_str()), "{line:?} in {then:?}");
        }
        for row in &view.rows {
            assert!(then.contains(&row.join("\t")), "{row:?} in {then:?}");
        }
    }
    // And there is nothing to write back: the copies stay as that release wrote them
    assert!(!page.read_models_unsaved());
}
