//! Why a command was refused: one variant per business rule, each with a message for people.

use thiserror::Error;

use super::{AccountId, Money, Rule, TransferId, MAX_OWNER_CHARS};

/// A broken business rule. A rejected command records nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rejection {
    /// An account opens only once.
    #[error("An account can only be opened once: account {account_id} already exists.")]
    AccountAlreadyOpened {
        /// The account that exists.
        account_id: AccountId,
    },
    /// The id given to a new account is empty, too long or has characters other than letters,
    /// digits, `-` and `_`.
    #[error("\"{account_id}\" is not a valid account id.")]
    InvalidAccountId {
        /// The id that was given.
        account_id: AccountId,
    },
    /// The owner's name is empty once trimmed.
    #[error("The owner's name is empty: type a name.")]
    OwnerNameEmpty,
    /// The owner's name is longer than the limit.
    #[error("The owner's name is {chars} characters long: at most {MAX_OWNER_CHARS} are allowed.")]
    OwnerNameTooLong {
        /// How many characters it had after trimming.
        chars: usize,
    },
    /// The owner's name contains a control character (a tab, a line break...).
    #[error("The owner's name contains a control character such as a tab or line break.")]
    OwnerNameHasControlCharacters,
    /// Money moves only on an open account, and there is none yet.
    #[error("There is no account yet: open one first.")]
    NoAccount,
    /// A closed account accepts nothing.
    #[error("Account {account_id} is closed: a closed account accepts no more commands.")]
    AccountClosed {
        /// The closed account.
        account_id: AccountId,
    },
    /// Amounts must be positive.
    #[error("The amount must be more than $0.00.")]
    AmountNotPositive,
    /// A deposit or a transfer moves at most the per-command limit.
    #[error("The amount is too large: a deposit or transfer moves at most {max}, not {amount}.", max = Money::MAX_AMOUNT)]
    AmountTooLarge {
        /// The amount asked for.
        amount: Money,
    },
    /// A withdrawal never exceeds the balance.
    #[error("Insufficient funds: balance {balance}, tried to withdraw {requested}.")]
    InsufficientFunds {
        /// The balance at the time.
        balance: Money,
        /// The amount asked for.
        requested: Money,
    },
    /// The balance would not fit in the money type.
    #[error("The balance cannot hold that much: {balance} plus {amount} is beyond what an account can hold.")]
    BalanceOverflow {
        /// The balance at the time.
        balance: Money,
        /// The deposit that would overflow it.
        amount: Money,
    },
    /// The account sent a transfer whose outcome is not known yet.
    #[error("Account {account_id} has transfer {transfer_id} in flight: it can close once that transfer is completed or refunded.")]
    TransferInFlight {
        /// The account.
        account_id: AccountId,
        /// The unfinished transfer.
        transfer_id: TransferId,
    },
    /// The id given to a new transfer is badly shaped.
    #[error("\"{transfer_id}\" is not a valid transfer id.")]
    InvalidTransferId {
        /// The id that was given.
        transfer_id: TransferId,
    },
    /// A transfer from an account to itself.
    #[error("A transfer goes to another account: {account_id} cannot send money to itself.")]
    SameAccount {
        /// The account.
        account_id: AccountId,
    },
    /// The transfer was already requested.
    #[error("Transfer {transfer_id} was already requested.")]
    TransferAlreadyRequested {
        /// The transfer.
        transfer_id: TransferId,
    },
    /// The transfer was never requested, so it cannot end.
    #[error("There is no such transfer to end.")]
    TransferNotRequested,
    /// The transfer already ended.
    #[error("The transfer has already ended.")]
    TransferAlreadyEnded,
    /// Only a withdrawal can be reversed, and the account's event at this version is not one.
    #[error("The account's event at version {version} is not a withdrawal: only a withdrawal can be reversed.")]
    NotAWithdrawal {
        /// The stream version named.
        version: u64,
    },
    /// The withdrawal was reversed already.
    #[error(
        "The withdrawal at version {version} is reversed already: a withdrawal is reversed once."
    )]
    AlreadyReversed {
        /// The withdrawal's stream version.
        version: u64,
    },
}

impl Rejection {
    /// The rule the command broke.
    pub fn rule(&self) -> Rule {
        match self {
            Rejection::AccountAlreadyOpened { .. } => Rule::OpensOnce,
            Rejection::InvalidAccountId { .. } => Rule::WellFormedAccountId,
            Rejection::OwnerNameEmpty
            | Rejection::OwnerNameTooLong { .. }
            | Rejection::OwnerNameHasControlCharacters => Rule::OwnerName,
            Rejection::NoAccount => Rule::OpenAccountOnly,
            Rejection::AccountClosed { .. } => Rule::ClosedAcceptsNothing,
            Rejection::AmountNotPositive => Rule::PositiveAmount,
            Rejection::AmountTooLarge { .. } => Rule::AmountWithinLimit,
            Rejection::InsufficientFunds { .. } => Rule::NoOverdraft,
            Rejection::BalanceOverflow { .. } => Rule::NoOverflow,
            Rejection::TransferInFlight { .. } => Rule::NoCloseWithTransferInFlight,
            Rejection::InvalidTransferId { .. } => Rule::WellFormedTransferId,
            Rejection::SameAccount { .. } => Rule::DifferentAccounts,
            Rejection::TransferAlreadyRequested { .. } => Rule::RequestedOnce,
            Rejection::TransferNotRequested => Rule::EndsOnce,
            Rejection::TransferAlreadyEnded => Rule::EndsOnce,
            Rejection::NotAWithdrawal { .. } => Rule::ReversesAWithdrawal,
            Rejection::AlreadyReversed { .. } => Rule::ReversedOnce,
        }
    }
}
