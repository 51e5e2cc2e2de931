//! The thin browser shell: Leptos components that turn clicks into commands and show
//! projections. No business rule lives here.

mod app;
mod bank;
mod clear_ledger;
mod command_panel;
mod compression;
mod crud_panel;
mod download;
mod embed;
mod generate_history;
mod how_it_works;
mod ledger_panel;
mod page_controls;
mod region;
mod scenarios_panel;
mod share_panel;
mod shared_banner;
mod state_panel;
mod storage_notice;
mod time_travel;

pub use app::App;
pub use bank::{Bank, RejectedAttempt};
