// Withdraw $30.00 on acc-93b583, as event #3 recorded it
#[test]
fn event_3() {
    given([
        Event::AccountOpened { account_id: AccountId::new("acc-93b583"), owner: OwnerName::parse("Ada Lovelace").unwrap() },
        Event::MoneyDeposited { amount: Money::from_cents(10000), effective_on: None },
    ])
    .when(Command::WithdrawMoney { amount: Money::from_cents(3000) })
    .then([
        Event::MoneyWithdrawn { amount: Money::from_cents(3000) },
    ]);
}
