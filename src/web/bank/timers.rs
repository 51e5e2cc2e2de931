//! The bank's timers: the read models' catch-up and the writing of their copies, the paced
//! rebuild of the statement, and "Generate history" in batches between frames.

use leptos::prelude::*;

use super::Bank;
use crate::app::Page;
use crate::web::browser::{now_ms, performance_ms, random_hex};

impl Bank {
    /// Sets the timers the read models need: a catch-up after the lag while they run
    /// asynchronously and are behind, and the writing of their copies a second after a change.
    pub(super) fn schedule_read_models(&self) {
        let Some((due, unsaved)) = self
            .page
            .try_with_value(|page| (page.read_models_due(), page.read_models_unsaved()))
        else {
            return;
        };
        let (catching_up, saving) = self.timers.get_value();
        let bank = *self;
        if let (Some(lag), false) = (due, catching_up) {
            self.timers.update_value(|t| t.0 = true);
            set_timeout(
                move || {
                    bank.timers.update_value(|t| t.0 = false);
                    bank.act(Page::catch_up_read_models);
                },
                std::time::Duration::from_millis(lag.into()),
            );
        }
        if unsaved && !saving {
            self.timers.update_value(|t| t.1 = true);
            set_timeout(
                move || {
                    bank.timers.update_value(|t| t.1 = false);
                    bank.act(Page::save_read_models);
                },
                std::time::Duration::from_secs(1),
            );
        }
    }

    /// Deploys the fix and rebuilds the statement from position 1, a batch every 50 ms so the
    /// rebuild can be watched.
    pub fn fix_and_rebuild(&self) {
        if self.act(|page| {
            page.fix_and_rebuild_statement();
            page.rebuilding()
        }) == Some(true)
        {
            self.rebuild_later();
        }
    }

    pub(super) fn rebuild_later(&self) {
        let bank = *self;
        set_timeout(
            move || {
                if bank.act(|page| page.rebuild_step(&performance_ms)) == Some(true) {
                    bank.rebuild_later();
                }
            },
            std::time::Duration::from_millis(50),
        );
    }

    /// Appends `total` generated commands in batches between frames, through the same decide and
    /// append path as a person's commands, writing storage once per batch.
    pub fn generate(&self, total: usize) {
        let seed = (js_sys::Math::random() * u32::MAX as f64) as u64;
        let run_id = format!("gen-{}", random_hex(6));
        self.act(|page| page.generate(total, seed, run_id));
        self.generation_step();
    }

    /// Stops a generation run after the batch in progress; what was generated is kept.
    pub fn stop_generating(&self) {
        self.act(Page::stop_generating);
    }

    pub(super) fn generation_step(&self) {
        let bank = *self;
        if self.act(|page| page.generate_batch(now_ms())) == Some(true) {
            // Yield to the browser between batches so the page stays responsive.
            set_timeout(move || bank.generation_step(), std::time::Duration::ZERO);
        }
    }
}
