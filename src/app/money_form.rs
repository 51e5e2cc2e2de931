//! The command form's money row: which button sends which command, and what is wrong with what
//! was typed. The amount is parsed into money here, once, at the edge.

use super::Field;
use crate::domain::{Day, Money};

/// What a press of the money row's buttons asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyAction {
    /// "Deposit" (also Enter in the Amount field), back-dated when "Took effect on" holds a
    /// date.
    Deposit {
        /// How much.
        amount: Money,
        /// The date it took effect, if one was given.
        effective_on: Option<Day>,
    },
    /// "Withdraw".
    Withdraw(Money),
    /// "Transfer" to `to`.
    Transfer {
        /// The destination's account id.
        to: String,
        /// How much.
        amount: Money,
    },
    /// The Transfers tab's "Transfer, then crash after the debit" to `to`.
    CrashAfterDebit {
        /// The destination's account id.
        to: String,
        /// How much.
        amount: Money,
    },
}

/// Why the money row sent nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyFormError {
    /// The amount is not an amount of money: the field is marked invalid.
    Amount(String),
    /// A transfer with no other account to send to.
    NoDestination,
    /// "Took effect on" holds something other than a date, or a date for a command other than
    /// a deposit.
    EffectiveOn(String),
}

impl MoneyFormError {
    /// The field the alert names, for the form to mark and focus. (An amount refused here is
    /// marked by the form straight from this error, as it is typed in the field with focus.)
    pub fn field(&self) -> Option<Field> {
        match self {
            MoneyFormError::EffectiveOn(_) => Some(Field::EffectiveOn),
            MoneyFormError::Amount(_) | MoneyFormError::NoDestination => None,
        }
    }

    /// What the alert says.
    pub fn message(&self) -> String {
        match self {
            MoneyFormError::Amount(why) => format!("Amount: {why}"),
            MoneyFormError::NoDestination => {
                "To account: open a second account to send money to.".to_string()
            }
            MoneyFormError::EffectiveOn(why) => format!("Took effect on: {why}"),
        }
    }
}

/// The action of the button whose value is `button` ("deposit", "withdraw", "transfer" or
/// "crash"; anything else, Enter included, deposits), for the amount typed and the destination
/// chosen (empty when there is none) and the date in "Took effect on" (empty for none).
pub fn money_action(
    button: &str,
    amount: &str,
    destination: &str,
    effective_on: &str,
) -> Result<MoneyAction, MoneyFormError> {
    let transfer = matches!(button, "transfer" | "crash");
    if transfer && destination.is_empty() {
        return Err(MoneyFormError::NoDestination);
    }
    let deposit = !transfer && button != "withdraw";
    let effective_on = match effective_on.trim() {
        "" => None,
        _ if !deposit => {
            return Err(MoneyFormError::EffectiveOn(
                "only a deposit can be back-dated. Clear the date to withdraw or transfer."
                    .to_string(),
            ))
        }
        day => Some(Day::parse(day).map_err(|why| MoneyFormError::EffectiveOn(format!("{why}.")))?),
    };
    let amount = Money::parse(amount).map_err(|e| MoneyFormError::Amount(e.to_string()))?;
    let to = destination.to_string();
    Ok(match button {
        "transfer" => MoneyAction::Transfer { to, amount },
        "crash" => MoneyAction::CrashAfterDebit { to, amount },
        "withdraw" => MoneyAction::Withdraw(amount),
        _ => MoneyAction::Deposit {
            amount,
            effective_on,
        },
    })
}
