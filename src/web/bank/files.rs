//! Sharing and files: export, import, links, scenarios, downloads, and the unreadable-storage
//! way out.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::Bank;
use crate::app::{link_damaged, spec_of_event, Page, Spec};
use crate::eventstore::{encode_document, parse_fragment, read_link, Import, StorageError};
use crate::web::browser::{file_name, now_ms};
use crate::web::compression::inflate;
use crate::web::download::download_text;
use crate::web::region::focus_quietly;

impl Bank {
    /// Downloads `spec` as a test: the plain-text specification, or (`rust`) a Rust test.
    pub fn download_spec(&self, spec: &Spec, stem: &str, rust: bool) {
        let (name, text) = if rust {
            let test = stem.replace('-', "_");
            (format!("{stem}.rs"), spec.to_rust(&test))
        } else {
            (format!("{stem}.spec"), spec.to_text())
        };
        if let Err(message) = download_text(&name, &text) {
            self.fail(message);
        }
    }

    /// The specification of the command that recorded event `position`, or why there is none.
    pub fn spec_of_event(&self, position: usize) -> Result<Spec, String> {
        self.revision.track();
        self.page
            .with_value(|page| spec_of_event(page.events(), position))
    }

    /// Downloads every accepted event, saved or not, as one document of full envelopes.
    pub fn download_ledger(&self) {
        let text = self.page.with_value(|page| encode_document(page.events()));
        if let Err(message) = download_text(&file_name("replay-bank-ledger"), &text) {
            self.fail(message);
        }
    }

    /// Downloads the ledger as a file to share: every event's envelope, the app's version, and
    /// the time-travel cursor, so an import shows what the exporter was looking at.
    pub fn export_ledger(&self) {
        let Some(text) = self.act(|page| page.export(env!("CARGO_PKG_VERSION"))) else {
            return;
        };
        if let Err(message) = download_text(&file_name("replay-bank-export"), &text) {
            self.fail(message);
        }
    }

    /// Replaces the ledger with a checked import the person confirmed, and moves the cursor to
    /// where the file says (the start of history if it does not).
    pub fn import(&self, import: Import, file: &str, expected: usize) {
        self.act(|page| page.import(import, file, expected));
    }

    /// A `#ledger=` link in the page's URL: decompressed, checked like an imported file, and
    /// shown read-only. A bad link is an alert; the own ledger is untouched either way.
    pub(super) fn open_link_in_url(&self) {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let Some(parsed) = parse_fragment(&hash) else {
            return;
        };
        if let Some(Err(reason)) = self.page.try_with_value(Page::can_show_link) {
            return self.fail(reason);
        }
        let bank = *self;
        match parsed {
            Err(error) => {
                self.act(|page| page.open_link(Err(error.to_string())));
            }
            Ok(parts) => leptos::task::spawn_local(async move {
                let opened = match inflate(&parts.compressed).await {
                    Ok(text) => {
                        read_link(&text, parts.events, parts.cursor).map_err(|e| e.to_string())
                    }
                    Err(_) => Err(link_damaged()),
                };
                bank.act(|page| page.open_link(opened));
            }),
        }
    }

    /// Shows a guided scenario, read-only, like a shared history: storage is untouched until the
    /// person keeps it, and the slider starts at the narration's first step.
    pub fn load_scenario(&self, name: &str) {
        self.act(|page| page.load_scenario(name));
    }

    /// Moves the narration to `step` of the scenario shown, and the slider with it.
    pub fn scenario_step(&self, step: usize) {
        self.act(|page| page.scenario_step(step));
    }

    /// Shows a history opened from a link, read-only, in memory: storage is not touched until
    /// the person keeps it.
    pub fn show_shared(&self, import: Import) {
        self.act(|page| page.show_shared(import));
    }

    /// How many events this page's own ledger holds (while a shared one is shown).
    pub fn own_events(&self) -> Result<usize, StorageError> {
        self.page.try_with_value(Page::own_events).unwrap_or(Ok(0))
    }

    /// Makes the shared history this page's own ledger, replacing the own one, which the person
    /// saw hold `expected` events when they confirmed.
    pub fn keep_shared(&self, expected: usize) {
        self.act(|page| page.keep_shared(expected));
    }

    /// Leaves the shared history for this page's own ledger, exactly as it was left, then picks
    /// up whatever other tabs wrote meanwhile.
    pub fn back_to_own(&self) {
        self.act(|page| page.back_to_own(now_ms()));
    }

    /// Removes the link from the address (it would open the shared history again on reload) and
    /// puts focus on the page's main region, as the banner that held it is gone.
    pub(super) fn clear_fragment(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let url = window.location().href().unwrap_or_default();
        let without = url.split('#').next().unwrap_or_default().to_string();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&without));
        }
        // Only where the person is: a frame that changed because another page wrote must not
        // take the focus from the frame or page they are typing in.
        if window
            .document()
            .is_some_and(|d| d.has_focus().unwrap_or(false))
        {
            focus_quietly("#main");
        }
    }

    /// Downloads every stored key of the unreadable ledger, each value exactly as it is.
    pub fn download_raw(&self) {
        if let Some(Some(dump)) = self.act(Page::raw_data) {
            if let Err(message) = download_text(&file_name("replay-bank-unreadable"), &dump) {
                self.fail(message);
            }
        }
    }

    /// Moves the unreadable data to quarantine keys (copy first, then remove) and starts an
    /// empty ledger. If the copy cannot be made, nothing changes.
    pub fn start_fresh(&self) {
        self.act(|page| page.start_fresh(now_ms()));
    }

    /// Deletes the whole history after the person confirmed.
    pub fn clear(&self) {
        self.act(Page::clear);
    }

    /// Shows the page's own ledger instead of the sample story once another page wrote to it.
    pub fn leave_sample_for_own(&self) {
        self.act(|page| page.leave_sample_for_own(now_ms()));
    }

    /// The person closed the import dialog without replacing anything.
    pub fn import_cancelled(&self) {
        self.act(Page::import_cancelled);
    }

    /// A link of `chars` characters was made: false (and an alert) when it is too long to share.
    pub fn link_made(&self, chars: usize) -> bool {
        self.act(|page| page.link_made(chars)).unwrap_or(false)
    }

    /// The browser could not compress the history into a link.
    pub fn link_not_made(&self, error: String) {
        self.act(|page| page.link_not_made(&error));
    }

    /// The link was copied, or the browser did not allow it.
    pub fn link_copied(&self, copied: bool) {
        self.act(|page| page.link_copied(copied));
    }
}
