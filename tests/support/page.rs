//! A page model over a store shared the way tabs share localStorage, and histories from
//! elsewhere (links) to show on it.

use replay_bank::app::Page;
use replay_bank::bank_service::BankService;
use replay_bank::domain::Command;
use replay_bank::eventstore::{
    check_import, Import, KeyValueStore, Ledger, MemoryStore, RecordedEvent,
};

use super::stores::SharedStore;
use super::{ctx, deposit, one_account, open};

/// The storage key every page of these tests keeps its ledger under.
pub const KEY: &str = "test.ledger";

/// A fresh page over empty storage, and that storage (which other "tabs" may share).
pub fn a_page() -> (SharedStore, Page<SharedStore>) {
    let store = SharedStore::default();
    (store.clone(), Page::open(store, KEY))
}

/// A page whose own ledger holds an account of Ada's with these deposits (in cents).
pub fn a_page_with_deposits(deposits: &[u64]) -> (SharedStore, Page<SharedStore>) {
    let (store, mut page) = a_page();
    page.send(&open("acc-1", "Ada"), &ctx(1));
    for (n, &cents) in deposits.iter().enumerate() {
        page.send(&deposit(cents), &ctx(2 + n as u32));
    }
    (store, page)
}

/// Another tab's page over the same storage.
pub fn another_tab(store: &SharedStore) -> Page<SharedStore> {
    Page::open(store.clone(), KEY)
}

/// A history recorded through the rules elsewhere (another browser), as a link brings it.
pub fn someone_elses_history(commands: &[Command]) -> Vec<RecordedEvent> {
    let mut bank = BankService::new(Ledger::open(MemoryStore::new(), "elsewhere").unwrap());
    for (n, command) in one_account(commands).iter().enumerate() {
        let _ = bank.handle(command, &ctx(900 + n as u32));
    }
    bank.ledger().events().to_vec()
}

/// A checked link to Grace's account with these deposits, its slider at `cursor`.
pub fn a_link(deposits: &[u64], cursor: u64) -> Import {
    let mut commands = vec![open("acc-9", "Grace")];
    commands.extend(deposits.iter().map(|&cents| deposit(cents)));
    check_import(someone_elses_history(&commands), Some(cursor), None)
        .expect("a history recorded through the rules passes the checks")
}

/// How many events storage holds under [`KEY`].
pub fn stored_events(store: &(impl KeyValueStore + Clone)) -> usize {
    Ledger::open(store.clone(), KEY)
        .expect("storage is readable")
        .events()
        .len()
}
