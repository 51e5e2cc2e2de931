//! The "Read models" tab: what its regions show, and its actions.

use leptos::prelude::*;

use super::Bank;
use crate::app::read_models_view::{chart, chart_cursor_words, regions, ChartView, RegionView};
use crate::app::your_read_model_view::YourView;
use crate::app::{Page, Projecting, YourEdit};
use crate::domain::AccountStatus;
use crate::read_models::Definition;
use crate::web::browser::performance_ms;
use crate::web::BrowserStore;

impl Bank {
    /// The regions of the "Read models" tab; subscribes to the read models, the events and
    /// the chosen account (not to the cursor: a slider move redraws none of them).
    pub fn read_model_regions(&self) -> Vec<RegionView> {
        self.read_models.track();
        self.chosen.track();
        self.revision.track();
        self.page.with_value(|page| {
            regions(page.read_models(), page.head(), page.chosen(), &|k| {
                page.bank_at(k)
            })
        })
    }

    /// Reads the page's read models, subscribing to their changes.
    pub(super) fn with_read_models<R>(&self, read: impl FnOnce(&Page<BrowserStore>) -> R) -> R {
        self.read_models.track();
        self.page.with_value(read)
    }

    /// How the read models are delivered, subscribing to changes.
    pub fn projecting(&self) -> Projecting {
        self.with_read_models(Page::projecting)
    }

    /// The note about the read models' copies (rebuilt at start, not kept), if any.
    pub fn read_models_note(&self) -> Option<String> {
        self.with_read_models(|page| page.read_models_note().map(str::to_string))
    }

    /// True while the statement rebuilds; or with `large`, true while Large movements is on.
    pub fn read_model_flag(&self, large: bool) -> bool {
        self.with_read_models(|page| {
            if large {
                page.read_models().large().is_some()
            } else {
                page.rebuilding()
            }
        })
    }

    /// True when the deployed statement is the buggy version.
    pub fn statement_buggy(&self) -> bool {
        self.with_read_models(|page| page.read_models().statement().state().is_buggy())
    }

    /// The chosen account's balance chart, drawn from the read model's own state.
    pub fn balance_chart(&self) -> Option<ChartView> {
        self.read_models.track();
        let chosen = self.chosen.get()?;
        self.revision.track();
        self.page.with_value(|page| {
            let series = page.read_models().chart().state().of(&chosen)?;
            let owner = page
                .present()
                .account(&chosen)
                .and_then(|s| s.owner())
                .map_or_else(|| chosen.clone(), ToString::to_string);
            Some(chart(series, page.head(), &owner))
        })
    }

    /// The balance at the slider on the chosen account's chart, in words: from the bank
    /// already folded at the cursor, not a fold of its own.
    pub fn chart_cursor_words(&self) -> String {
        let account = self.chosen_at_cursor();
        let balance = (account.status() != AccountStatus::NoAccount).then(|| account.balance());
        chart_cursor_words(balance, self.shown())
    }

    /// The learner's read model at the slider, once they made one: follows the cursor, the
    /// events and the definition.
    pub fn your_read_model(&self) -> Option<YourView> {
        self.read_models.track();
        self.revision.track();
        self.cursor.track();
        self.page.with_value(Page::your_read_model)
    }

    /// The learner's definition as the form shows it (not following the cursor).
    pub fn your_definition(&self) -> Option<Definition> {
        self.with_read_models(|page| page.your_definition().cloned())
    }

    /// What is wrong with the learner's definition, each naming its row.
    pub fn your_problems(&self) -> Vec<String> {
        self.with_read_models(Page::your_problems)
    }

    /// One change to the learner's definition, timed by the page's clock.
    pub fn edit_your_read_model(&self, edit: YourEdit) {
        self.act(|page| page.edit_your_read_model(edit, &performance_ms));
    }

    /// Deploys the statement's buggy version.
    pub fn deploy_buggy_statement(&self) {
        self.act(Page::deploy_buggy_statement);
    }

    /// Switches Large movements on, built from every past event.
    pub fn switch_on_large_movements(&self) {
        self.act(Page::switch_on_large_movements);
    }

    /// Delivers the last event the read models applied once more: each skips it.
    pub fn deliver_last_event_again(&self) {
        self.act(Page::deliver_last_event_again);
    }

    /// Runs the read models asynchronously (true) or inline.
    pub fn set_read_models_async(&self, asynchronous: bool) {
        self.act(|page| page.set_read_models_async(asynchronous));
    }

    /// The lag of asynchronous delivery, in ms.
    pub fn set_read_model_lag(&self, lag_ms: u32) {
        self.act(|page| page.set_read_model_lag(lag_ms));
    }

    /// Whether a command's report waits for the read models.
    pub fn set_read_your_own_writes(&self, on: bool) {
        self.act(|page| page.set_read_your_own_writes(on));
    }
}
