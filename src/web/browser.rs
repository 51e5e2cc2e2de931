//! What only the browser knows, at the edge: the clock, fresh random ids, and file names. The
//! page model never reads a clock or a random number itself: these come in with each action.

use crate::app::TransferRequest;
use crate::domain::{Money, TransferId};
use crate::eventstore::CommandContext;

/// The browser's clock, in ms since 1970-01-01 UTC.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A clock for timing work on the page, in ms (fractions kept): the page's `performance.now()`.
pub fn performance_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Ids and the clock come from the browser, here at the edge, never inside `decide`.
pub fn browser_context() -> CommandContext {
    let command_id = format!("cmd-{}", random_hex(12));
    CommandContext {
        correlation_id: command_id.clone(),
        command_id,
        now_ms: now_ms(),
    }
}

/// A new transfer of `amount` to `to`, with its ids: its own id (also the conversation every
/// step belongs to) and the request's command id.
pub fn new_transfer(to: String, amount: Money) -> (TransferRequest, CommandContext) {
    let context = CommandContext {
        command_id: format!("cmd-{}", random_hex(12)),
        correlation_id: format!("tr-{}", random_hex(6)),
        now_ms: now_ms(),
    };
    let request = TransferRequest {
        transfer_id: TransferId::new(context.correlation_id.clone()),
        to,
        amount,
    };
    (request, context)
}

/// A fresh account id such as `acc-3f9a1c`.
pub fn new_account_id() -> crate::domain::AccountId {
    crate::domain::AccountId::new(format!("acc-{}", random_hex(6)))
}

pub fn file_name(stem: &str) -> String {
    format!("{stem}-{}.json", now_ms())
}

pub fn random_hex(digits: usize) -> String {
    (0..digits)
        .map(|_| {
            let nibble = (js_sys::Math::random() * 16.0) as u32 % 16;
            char::from_digit(nibble, 16).unwrap_or('0')
        })
        .collect()
}

/// True for the second click of a double click (a click's `detail` counts the clicks in a
/// row): the first click already did what was asked, and a double click, like a repeated key,
/// sends one command.
pub fn second_click(ev: &web_sys::MouseEvent) -> bool {
    ev.detail() > 1
}
