//! The thin browser shell: Leptos components that turn clicks into commands and show
//! projections. No business rule lives here.

mod accounts_panel;
mod app;
mod balance_chart;
mod bank;
mod browser;
mod browser_store;
mod clear_ledger;
mod command_panel;
mod compression;
mod crud_panel;
mod download;
mod embed;
mod event_details_region;
mod generate_history;
mod glossary;
mod how_it_works;
mod ledger_panel;
mod local_storage;
mod menu;
mod page_controls;
mod read_models_panel;
mod region;
mod rejected_panel;
mod scenario_caption;
mod scenarios_panel;
mod share_panel;
mod shared_banner;
mod stage;
mod start_hint;
mod state_panel;
mod storage_notice;
mod tab_state;
mod tabs;
mod time_travel;
mod transfers_panel;
mod when;
mod your_read_model;

pub use app::App;
pub use bank::{Bank, RejectedAttempt};
pub use browser_store::{BrowserStore, StorageKind};
pub use local_storage::LocalStorageStore;
