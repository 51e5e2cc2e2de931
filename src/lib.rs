//! Replay Bank: an event-sourced bank account that runs in the browser.
//!
//! The layers, and the one way data flows through them:
//! command → [`domain::decide`] → [`eventstore::EventStore::append`] → storage, then
//! [`read_models`] fold the events up to the time-travel cursor for the UI to show.
//! Only [`web`] (the Leptos adapter and the localStorage backend) touches the browser. docs/ARCHITECTURE.md has the
//! picture, and what to touch to add an event type, a rule or a read model.

pub mod app;
pub mod bank_service;
pub mod domain;
pub mod eventstore;
pub mod read_models;
#[cfg(target_arch = "wasm32")]
pub mod web;
