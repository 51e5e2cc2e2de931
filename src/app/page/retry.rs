//! A command sent again with the same id: the second click of a double click, or "Retry the last
//! command (same id)". Commands are idempotent by id, so either appends nothing the second time.

use crate::domain::{AccountId, Command};
use crate::eventstore::{CommandContext, KeyValueStore};

use super::{Page, TransferRequest};

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

/// The same button pressed twice: the same kind of command (an opening's form is already empty
/// by the second click of a double click, so its owner cannot be compared).
fn same_kind(first: &Command, second: &Command) -> bool {
    std::mem::discriminant(first) == std::mem::discriminant(second)
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

    /// A click on a command's button. The second click of a double click (`double_click`, the
    /// browser's click count) on the same button sends the first click's command again, ids
    /// and all, so the ledger recognises it and appends nothing.
    pub fn send_clicked(
        &mut self,
        command: &Command,
        context: &CommandContext,
        double_click: bool,
    ) {
        if let Some(LastSent::Account {
            command: first,
            context: ids,
            ..
        }) = &self.last_sent
        {
            if double_click && same_kind(first, command) {
                let (first, ids) = (first.clone(), ids.clone());
                self.send(
                    &first,
                    &CommandContext {
                        now_ms: context.now_ms,
                        ..ids
                    },
                );
                return self.hold_report();
            }
        }
        self.send(command, context);
        self.hold_report();
    }

    /// A click on Transfer: the second click of a double click sends the first one's transfer
    /// again, ids and all.
    pub fn transfer_clicked(
        &mut self,
        request: &TransferRequest,
        context: &CommandContext,
        double_click: bool,
    ) {
        if let Some(LastSent::Transfer {
            request: first,
            context: ids,
            ..
        }) = &self.last_sent
        {
            if double_click {
                let (first, ids) = (first.clone(), ids.clone());
                self.transfer(
                    &first,
                    &CommandContext {
                        now_ms: context.now_ms,
                        ..ids
                    },
                );
                return self.hold_report();
            }
        }
        self.transfer(request, context);
        self.hold_report();
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
