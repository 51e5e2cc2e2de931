//! Every business rule lives here, and only here.

use super::{AccountState, Command, Event, Money, OwnerName, Rejection};

/// Decides what a command means in the given state: the events to record, or why not.
///
/// Pure and deterministic: no clock, no randomness, no I/O. Several events from one command are
/// appended together or not at all by the ledger.
pub fn decide(state: &AccountState, command: &Command) -> Result<Vec<Event>, Rejection> {
    match (state, command) {
        (AccountState::NoAccount, Command::OpenAccount { account_id, owner }) => {
            if !account_id.is_well_formed() {
                return Err(Rejection::InvalidAccountId {
                    account_id: account_id.clone(),
                });
            }
            let owner = OwnerName::parse(owner)?;
            Ok(vec![Event::AccountOpened {
                account_id: account_id.clone(),
                owner,
            }])
        }
        (AccountState::NoAccount, _) => Err(Rejection::NoAccount),

        (AccountState::Closed { account_id, .. }, _) => Err(Rejection::AccountClosed {
            account_id: account_id.clone(),
        }),

        (AccountState::Open { account_id, .. }, Command::OpenAccount { .. }) => {
            Err(Rejection::AccountAlreadyOpened {
                account_id: account_id.clone(),
            })
        }
        (
            AccountState::Open { balance, .. },
            Command::DepositMoney {
                amount,
                effective_on,
            },
        ) => {
            put_in(*balance, *amount)?;
            Ok(vec![Event::MoneyDeposited {
                amount: *amount,
                effective_on: *effective_on,
            }])
        }
        (AccountState::Open { balance, .. }, Command::WithdrawMoney { amount }) => {
            take_out(*balance, *amount)?;
            Ok(vec![Event::MoneyWithdrawn { amount: *amount }])
        }
        (
            AccountState::Open {
                account_id,
                in_flight,
                ..
            },
            Command::CloseAccount,
        ) if !in_flight.is_empty() => Err(Rejection::TransferInFlight {
            account_id: account_id.clone(),
            transfer_id: in_flight[0].clone(),
        }),
        (AccountState::Open { balance, .. }, Command::CloseAccount) => {
            // Closing pays out what is left first, so the history shows where the money went.
            let mut events = Vec::with_capacity(2);
            if !balance.is_zero() {
                events.push(Event::BalancePaidOut { amount: *balance });
            }
            events.push(Event::AccountClosed);
            Ok(events)
        }
        (
            AccountState::Open { balance, .. },
            Command::DebitTransfer {
                transfer_id,
                to,
                amount,
            },
        ) => {
            positive(*amount)?;
            within_limit(*amount)?;
            take_out(*balance, *amount)?;
            Ok(vec![Event::TransferDebited {
                transfer_id: transfer_id.clone(),
                to: to.clone(),
                amount: *amount,
            }])
        }
        (
            AccountState::Open { balance, .. },
            Command::CreditTransfer {
                transfer_id,
                from,
                amount,
            },
        ) => {
            put_in(*balance, *amount)?;
            Ok(vec![Event::TransferCredited {
                transfer_id: transfer_id.clone(),
                from: from.clone(),
                amount: *amount,
            }])
        }
        (
            AccountState::Open { balance, .. },
            Command::RefundTransfer {
                transfer_id,
                amount,
                reason,
            },
        ) => {
            put_in(*balance, *amount)?;
            Ok(vec![Event::TransferRefunded {
                transfer_id: transfer_id.clone(),
                amount: *amount,
                reason: reason.clone(),
            }])
        }
    }
}

/// An amount is more than zero.
fn positive(amount: Money) -> Result<(), Rejection> {
    if amount.is_zero() {
        return Err(Rejection::AmountNotPositive);
    }
    Ok(())
}

/// A deposit or a transfer moves at most [`Money::MAX_AMOUNT`].
fn within_limit(amount: Money) -> Result<(), Rejection> {
    if amount > Money::MAX_AMOUNT {
        return Err(Rejection::AmountTooLarge { amount });
    }
    Ok(())
}

/// The rules for money coming in: a positive amount, within the limit, that the balance can
/// hold.
fn put_in(balance: Money, amount: Money) -> Result<(), Rejection> {
    positive(amount)?;
    within_limit(amount)?;
    if balance.checked_add(amount).is_none() {
        return Err(Rejection::BalanceOverflow { balance, amount });
    }
    Ok(())
}

/// The rules for money going out: a positive amount, no more than the balance. (A withdrawal has
/// no limit of its own: closing pays out the whole balance, and no balance exceeds what came in.)
fn take_out(balance: Money, amount: Money) -> Result<(), Rejection> {
    positive(amount)?;
    if amount > balance {
        return Err(Rejection::InsufficientFunds {
            balance,
            requested: amount,
        });
    }
    Ok(())
}
