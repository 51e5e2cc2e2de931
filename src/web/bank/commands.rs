//! Commands and the transfer's choices: each an action of the page model with ids and the
//! clock from the browser.

use leptos::prelude::*;

use super::Bank;
use crate::app::{Consistency, Delivery, MoneyFormError, Page, StorageNotice};
use crate::domain::{Command, Money};
use crate::web::browser::{browser_context, new_transfer, now_ms};

impl Bank {
    /// The command form acts on `account` from now on.
    pub fn choose(&self, account: &str) {
        self.act(|page| page.choose(account));
    }

    /// Transfers `amount` from the chosen account to `to`, as the page's transfer choices say;
    /// the second click of a double click sends the first one again.
    pub fn transfer(&self, to: String, amount: Money, double_click: bool) {
        let (request, context) = new_transfer(to, amount);
        self.act(|page| page.transfer_clicked(&request, &context, double_click));
    }

    /// Like [`Bank::transfer`], but the app stops right after the debit.
    pub fn crash_after_debit(&self, to: String, amount: Money) {
        let (request, context) = new_transfer(to, amount);
        self.act(|page| page.crash_after_debit(&request, &context));
    }

    /// Starts the app again after a simulated crash.
    pub fn restart(&self) {
        self.act(|page| page.restart(now_ms()));
    }

    /// Delivers the next step of the oldest unfinished transfer.
    pub fn deliver_next_step(&self) {
        self.act(|page| page.deliver_next_step(now_ms()));
    }

    /// When the transfer's process takes its steps.
    pub fn set_delivery(&self, delivery: Delivery) {
        self.act(|page| page.set_delivery(delivery, now_ms()));
    }

    /// How transfers keep the two accounts consistent.
    pub fn set_consistency(&self, consistency: Consistency) {
        self.act(|page| page.set_consistency(consistency));
    }

    /// True while the stored ledger cannot be read (writing would overwrite it).
    pub fn unreadable(&self) -> bool {
        self.notice
            .with(|n| matches!(n, Some(StorageNotice::Unreadable(_))))
    }

    /// False when commands must not run: a shared history or scenario is shown, the stored
    /// ledger is unreadable, or a generation run is appending.
    pub fn can_write(&self) -> bool {
        self.writable.get()
    }

    /// Runs a command against the present, with ids and the clock from the browser; the second
    /// click of a double click sends the first one again. The view returns to now, so the
    /// person sees the effect.
    pub fn send(&self, command: Command, double_click: bool) {
        let context = browser_context();
        self.act(|page| page.send_clicked(&command, &context, double_click));
    }

    /// Reverses the withdrawal at ledger `position` with a new event; the withdrawal stays.
    pub fn reverse_withdrawal(&self, position: usize) {
        let context = browser_context();
        self.act(|page| page.reverse_withdrawal(position, &context));
    }

    /// Ships v2: new deposits are written in the new version; stored events are not touched.
    pub fn ship_v2(&self) {
        self.act(Page::ship_v2);
    }

    /// Switches "Simulate another clerk writing first" for the next command to an account.
    pub fn set_another_clerk(&self, on: bool) {
        self.act(|page| page.set_another_clerk(on));
    }

    /// Sends the last command again with the same id: it is recognised, and appends nothing.
    pub fn retry_last(&self) {
        self.act(|page| page.retry_last(now_ms()));
    }

    /// Shows a problem (a typing mistake, a failure) with role="alert".
    pub fn fail(&self, message: String) {
        self.act(|page| page.fail(message));
    }

    /// Shows why the money row sent nothing, naming the field at fault.
    pub fn refuse_form(&self, error: &MoneyFormError) {
        self.act(|page| page.refuse_form(error));
    }

    /// Retries writing the unsaved events now.
    pub fn save_now(&self) {
        self.act(Page::save_now);
    }
}
