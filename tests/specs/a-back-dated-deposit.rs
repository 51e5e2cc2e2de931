// Deposit $500.00 effective 2026-12-01 on acc-93b583, as event #2 recorded it
#[test]
fn a_back_dated_deposit() {
    given([
        Event::AccountOpened { account_id: AccountId::new("acc-93b583"), owner: OwnerName::read("Ada Lovelace").unwrap() },
    ])
    .when(Command::DepositMoney { amount: Money::from_cents(50000), effective_on: Some(Day::parse("2026-12-01").unwrap()) })
    .then([
        Event::MoneyDeposited { amount: Money::from_cents(50000), effective_on: Some(Day::parse("2026-12-01").unwrap()) },
    ]);
}
