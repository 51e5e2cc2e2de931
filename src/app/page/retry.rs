//! A command sent again with the same id: a double click on the same command, or "Retry the last
//! command (same id)". Commands are idempotent by id, so either appends nothing the second time.

use crate::domain::{AccountId, Command};
use crate::ledger::{CommandContext, KeyValueStore};

use super::{Page, TransferRequest};

/// Two sends of the same command this close together are one double click: the second keeps the
/// first one's ids, so the ledger recognises it and appends nothing.
pub const DOUBLE_CLICK_MS: i64 = 500;

/// What a person sent last, with the account it acted on and its ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LastSent {
    /// A command on an account (or an opening).
    Account {
        account: Option<AccountId>,
        command: Command,
        context: CommandContext,
    },
    /// A transfer from `from`.
    Transfer {
        from: Option<AccountId>,
        request: TransferRequest,
        context: CommandContext,
    },
}

impl LastSent {
    fn context(&self) -> &CommandContext {
        match self {
            LastSent::Account { context, .. } | LastSent::Transfer { context, .. } => context,
        }
    }
}

/// The same thing asked twice: an opening for the same owner (its account id is made anew per
/// click), anything else exactly the same command.
fn same_intent(first: &Command, second: &Command) -> bool {
    match (first, second) {
        (Command::OpenAccount { owner: a, .. }, Command::OpenAccount { owner: b, .. }) => a == b,
        _ => first == second,
    }
}

impl<S: KeyValueStore + Clone> Page<S> {
    /// The command id "Retry the last command (same id)" would send again.
    pub fn last_command_id(&self) -> Option<&str> {
        self.last_sent
            .as_ref()
            .map(|last| last.context().command_id.as_str())
    }

    /// Sends the last command again, exactly: the same account, the same ids, at `now_ms`.
    pub fn retry_last(&mut self, now_ms: i64) {
        let Some(last) = self.last_sent.clone() else {
            return self.fail("There is no command to retry yet.");
        };
        match last {
            LastSent::Account {
                account,
                command,
                context,
            } => {
                if !matches!(command, Command::OpenAccount { .. }) {
                    self.chosen = account;
                }
                self.send(&command, &CommandContext { now_ms, ..context });
            }
            LastSent::Transfer {
                from,
                request,
                context,
            } => {
                self.chosen = from;
                self.transfer(&request, &CommandContext { now_ms, ..context });
            }
        }
    }

    /// A click on a command's button: a second click on the same command within
    /// [`DOUBLE_CLICK_MS`] sends the first one again, ids and all (and so appends nothing).
    pub fn send_clicked(&mut self, command: &Command, context: &CommandContext) {
        if let Some(LastSent::Account {
            account,
            command: first,
            context: ids,
        }) = &self.last_sent
        {
            // An opening acts on no chosen account (and chooses the one it opens).
            let opening = matches!(command, Command::OpenAccount { .. });
            if (opening || *account == self.chosen)
                && same_intent(first, command)
                && context.now_ms - ids.now_ms < DOUBLE_CLICK_MS
            {
                let (first, ids) = (first.clone(), ids.clone());
                return self.send(
                    &first,
                    &CommandContext {
                        now_ms: context.now_ms,
                        ..ids
                    },
                );
            }
        }
        self.send(command, context);
    }

    /// A click on Transfer: a second click on the same transfer within [`DOUBLE_CLICK_MS`]
    /// sends the first one again, ids and all.
    pub fn transfer_clicked(&mut self, request: &TransferRequest, context: &CommandContext) {
        if let Some(LastSent::Transfer {
            from,
            request: first,
            context: ids,
        }) = &self.last_sent
        {
            if *from == self.chosen
                && first.to == request.to
                && first.amount == request.amount
                && context.now_ms - ids.now_ms < DOUBLE_CLICK_MS
            {
                let (first, ids) = (first.clone(), ids.clone());
                return self.transfer(
                    &first,
                    &CommandContext {
                        now_ms: context.now_ms,
                        ..ids
                    },
                );
            }
        }
        self.transfer(request, context);
    }

    /// Remembers a command as the last sent.
    pub(super) fn remember_command(&mut self, command: &Command, context: &CommandContext) {
        self.last_sent = Some(LastSent::Account {
            account: self.chosen.clone(),
            command: command.clone(),
            context: context.clone(),
        });
    }

    /// Remembers a transfer as the last sent.
    pub(super) fn remember_transfer(
        &mut self,
        request: &TransferRequest,
        context: &CommandContext,
    ) {
        self.last_sent = Some(LastSent::Transfer {
            from: self.chosen.clone(),
            request: request.clone(),
            context: context.clone(),
        });
    }
}
