//! Runs in headless Chromium through wasm-bindgen-test: the real localStorage and the real DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use replay_bank::domain::{AccountId, Event, Money, OwnerName};
use replay_bank::eventstore::{
    AppendError, CommandContext, ExpectedVersion, KeyValueStore, Ledger, StorageError, LEDGER_KEY,
};
use replay_bank::eventstore::{EventStore, UnitOfWork};
use replay_bank::web::LocalStorageStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/event_store_contract.rs"]
mod contract;

/// Opens handles on localStorage under a key emptied first: the contract's storage.
fn local_storage(key: &'static str) -> impl Fn() -> Ledger<LocalStorageStore> {
    for stored in [key.to_string(), format!("{key}.chunk.0")] {
        raw_storage().remove_item(&stored).unwrap();
    }
    move || Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap()
}

/// The event store's contract (the same checks run natively against memory), against the real
/// localStorage.
#[wasm_bindgen_test]
fn the_local_storage_event_store_keeps_the_contract() {
    contract::a_new_store_is_empty(local_storage("contract.empty"));
    contract::appends_get_gapless_positions_and_stream_versions(local_storage(
        "contract.positions",
    ));
    contract::a_stale_expected_version_records_nothing(local_storage("contract.stale"));
    contract::a_unit_of_work_over_several_streams_is_all_or_nothing(local_storage("contract.unit"));
    contract::reads_start_at_a_position_or_a_stream_version(local_storage("contract.reads"));
    contract::another_handle_reads_what_was_appended_and_cannot_write_over_it(local_storage(
        "contract.handles",
    ));
}

fn ctx(n: u32) -> CommandContext {
    CommandContext {
        command_id: format!("cmd-{n}"),
        correlation_id: format!("cmd-{n}"),
        now_ms: 1_795_000_000_000,
    }
}

fn opened() -> Event {
    Event::AccountOpened {
        account_id: AccountId::new("acc-1"),
        owner: OwnerName::parse("Ada").unwrap(),
    }
}

fn raw_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn the_local_storage_backend_round_trips_a_ledger() {
    let key = "test.round-trip";
    raw_storage().remove_item(key).unwrap();
    let mut ledger = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened()]))
        .unwrap();
    let deposit = Event::MoneyDeposited {
        amount: Money::from_cents(1_234),
        effective_on: None,
    };
    ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, std::slice::from_ref(&deposit)))
        .unwrap();

    let reopened = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    assert_eq!(reopened.events(), ledger.events());
    assert_eq!(reopened.events()[1].event, deposit);
    // What a learner sees in the storage panel is the documented JSON, not a quoted string.
    let manifest = raw_storage().get_item(key).unwrap().unwrap();
    assert!(manifest.starts_with("{\"format\":\"replay-bank-ledger\",\"format_version\":2"));
    assert!(manifest.contains("\"events\":2"));
    let chunk = raw_storage()
        .get_item(&format!("{key}.chunk.0"))
        .unwrap()
        .unwrap();
    assert!(chunk.contains("\"streams\":[\"acc-1\"]"), "{chunk}");
    assert!(chunk.contains("[0,0,\"D\",1234,\"cmd-2\"]"), "{chunk}");
}

#[wasm_bindgen_test]
fn an_embed_can_keep_its_ledger_in_session_storage_instead() {
    let key = "test.session";
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    session.remove_item(key).unwrap();
    raw_storage().remove_item(key).unwrap();
    let mut ledger = Ledger::open(LocalStorageStore::open_session().unwrap(), key).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened()]))
        .unwrap();
    let reopened = Ledger::open(LocalStorageStore::open_session().unwrap(), key).unwrap();
    assert_eq!(reopened.events(), ledger.events());
    assert!(
        session.get_item(key).unwrap().is_some(),
        "in sessionStorage"
    );
    assert_eq!(
        raw_storage().get_item(key).unwrap(),
        None,
        "not in localStorage"
    );
    session.remove_item(key).unwrap();
    session.remove_item(&format!("{key}.chunk.0")).unwrap();
}

#[wasm_bindgen_test]
fn the_local_storage_backend_refuses_a_stale_expected_version() {
    let key = "test.stale";
    raw_storage().remove_item(key).unwrap();
    let mut first = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    let mut second = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    first
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened()]))
        .unwrap();
    let before = raw_storage().get_item(key).unwrap();

    let error = second
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 0, &[opened()]))
        .unwrap_err();
    assert!(matches!(
        error,
        AppendError::Conflict {
            expected: ExpectedVersion::NoStream,
            actual: 1,
            ..
        }
    ));
    assert_eq!(
        raw_storage().get_item(key).unwrap(),
        before,
        "nothing was written"
    );
}

#[wasm_bindgen_test]
fn unreadable_stored_data_is_reported_and_kept_untouched() {
    let key = "test.unreadable";
    for garbage in [
        "{ this is not json",
        "{\"format\":\"replay-bank-ledger\",\"format_version\":7,\"events\":[]}",
    ] {
        raw_storage().set_item(key, garbage).unwrap();
        let error = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap_err();
        assert!(matches!(error, StorageError::Unreadable { .. }), "{error}");
        let store = LocalStorageStore::open().unwrap();
        assert_eq!(store.get(key).unwrap().as_deref(), Some(garbage));
    }
}

// --- The mounted app, found by labels and roles as a person would ---

fn by_label(root: &web_sys::Element, text: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let label: web_sys::HtmlLabelElement = labels.item(i).unwrap().unchecked_into();
        if label.text_content().as_deref() == Some(text) {
            let id = label.html_for();
            return root
                .query_selector(&format!("#{id}"))
                .unwrap()
                .unwrap()
                .unchecked_into();
        }
    }
    panic!("no field labelled {text:?}");
}

fn button(root: &web_sys::Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn region_text(root: &web_sys::Element, heading_id: &str) -> String {
    root.query_selector(&format!("section[aria-labelledby='{heading_id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no region labelled by #{heading_id}"))
        .text_content()
        .unwrap_or_default()
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_app_records_commands_and_refuses_an_overdraft() {
    raw_storage().remove_item(LEDGER_KEY).unwrap();
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let _mounted = leptos::mount::mount_to(root.clone().unchecked_into(), replay_bank::web::App);

    assert!(region_text(&root, "ledger-heading").contains("No events recorded yet."));
    // Deposit can be pressed before any account: the rule refuses it, and nothing is appended.
    assert!(!button(&root, "Deposit").has_attribute("disabled"));
    type_into(&by_label(&root, "Amount"), "5");
    button(&root, "Deposit").click();
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector("[role='alert']")
            .unwrap()
            .expect("an alert")
            .text_content()
            .unwrap(),
        "Rejected: There is no account yet: open one first."
    );
    assert!(region_text(&root, "ledger-heading").contains("No events recorded yet."));

    type_into(&by_label(&root, "Owner"), "<b>Ada</b>");
    button(&root, "Open account").click();
    leptos::task::tick().await;
    type_into(&by_label(&root, "Amount"), "70");
    button(&root, "Deposit").click();
    leptos::task::tick().await;
    type_into(&by_label(&root, "Amount"), "100");
    button(&root, "Withdraw").click();
    leptos::task::tick().await;

    let alert = root
        .query_selector("[role='alert']")
        .unwrap()
        .expect("an alert");
    assert_eq!(
        alert.text_content().unwrap(),
        "Rejected: Insufficient funds: balance $70.00, tried to withdraw $100.00."
    );
    let ledger = region_text(&root, "ledger-heading");
    assert!(ledger.contains("AccountOpened") && ledger.contains("MoneyDeposited"));
    assert!(
        !ledger.contains("MoneyWithdrawn"),
        "a refusal appends nothing"
    );
    assert_eq!(root.query_selector_all(".ledger-item").unwrap().length(), 2);
    // The owner is text, never markup.
    assert!(root.query_selector("b").unwrap().is_none());
    assert!(region_text(&root, "state-heading").contains("<b>Ada</b>"));
    assert!(region_text(&root, "state-heading").contains("$70.00"));
    raw_storage().remove_item(LEDGER_KEY).unwrap();
}

// --- Faults: a full quota, storage switched off ---

/// Fills localStorage until it refuses even one more character; returns the filler keys.
fn fill_storage() -> Vec<String> {
    let storage = raw_storage();
    let mut keys = Vec::new();
    let mut size = 1 << 20;
    while size >= 1 {
        let chunk = "x".repeat(size);
        loop {
            let key = format!("filler-{}", keys.len());
            if storage.set_item(&key, &chunk).is_err() {
                break;
            }
            keys.push(key);
        }
        size /= 2;
    }
    keys
}

fn free_storage(keys: &[String]) {
    for key in keys {
        raw_storage().remove_item(key).unwrap();
    }
}

#[wasm_bindgen_test]
fn a_full_quota_keeps_the_accepted_event_unsaved_until_space_frees() {
    let key = "test.quota";
    raw_storage().remove_item(key).unwrap();
    let mut ledger = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    ledger
        .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened()]))
        .unwrap();
    let filler = fill_storage();

    let deposit = Event::MoneyDeposited {
        amount: Money::from_cents(500),
        effective_on: None,
    };
    let appended = ledger
        .append(&UnitOfWork::new(&ctx(2)).with("acc-1", 1, std::slice::from_ref(&deposit)))
        .map(|recorded| recorded[0].position);
    let unsaved_while_full = ledger.unsaved();
    let error_while_full = ledger.save_error().cloned();
    let retry_while_full = ledger.save();
    // Free the space before asserting: a failed assertion traps without unwinding, so no drop
    // guard would run, and a full storage would fail every later test for the wrong reason.
    free_storage(&filler);

    assert!(!filler.is_empty(), "storage was filled");
    assert_eq!(
        appended,
        Ok(2),
        "the event is accepted although storage is full"
    );
    assert_eq!(unsaved_while_full, 1);
    assert_eq!(error_while_full, Some(StorageError::QuotaExceeded));
    assert!(matches!(
        retry_while_full,
        Err(AppendError::Storage(StorageError::QuotaExceeded))
    ));

    ledger.save().unwrap();
    assert_eq!(ledger.unsaved(), 0);
    let reopened = Ledger::open(LocalStorageStore::open().unwrap(), key).unwrap();
    assert_eq!(reopened.events().len(), 2);
    assert_eq!(reopened.events()[1].event, deposit);
    raw_storage().remove_item(key).unwrap();
}

/// Makes `window.localStorage` throw as a browser with storage switched off does, runs `check`,
/// then puts the real one back.
fn with_storage_switched_off(check: impl FnOnce()) {
    let switch_off = js_sys::Function::new_no_args(
        "window.__realLocalStorage = Object.getOwnPropertyDescriptor(window, 'localStorage') \
           || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { \
           throw new DOMException('Access is denied for this document.', 'SecurityError'); } });",
    );
    let switch_on = js_sys::Function::new_no_args(
        "Object.defineProperty(window, 'localStorage', window.__realLocalStorage);",
    );
    switch_off.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    check();
    switch_on.call0(&wasm_bindgen::JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
fn storage_that_is_switched_off_is_reported_and_the_ledger_runs_in_memory() {
    with_storage_switched_off(|| {
        let error = LocalStorageStore::open().unwrap_err();
        assert!(matches!(error, StorageError::Unavailable(_)), "{error}");
        assert!(error.to_string().contains("SecurityError"), "{error}");
        let (store, reason) =
            replay_bank::web::BrowserStore::connect(replay_bank::web::StorageKind::Local);
        assert!(matches!(store, replay_bank::web::BrowserStore::Memory(_)));
        assert!(reason.is_some());
        let mut ledger = Ledger::open(store, LEDGER_KEY).unwrap();
        ledger
            .append(&UnitOfWork::new(&ctx(1)).with("acc-1", 0, &[opened()]))
            .unwrap();
        assert_eq!(ledger.unsaved(), 0, "memory takes every write");
    });
    assert!(
        LocalStorageStore::open().is_ok(),
        "the real storage is back"
    );
}
