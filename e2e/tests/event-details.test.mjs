// Event details: selecting a ledger row's Envelope shows the region "Event details": the
// envelope's facts, what caused the event, its stream before and after with the changed field
// marked, and for a transfer the chain from the command through the process's steps.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible, chooseAccount, eventually, expectState, launch, moveMoney, openAccount, openApp, region, storedLedger } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** The region's facts as { name: value }, and its before/after rows as [field, before, after]. */
async function details(page) {
  const panel = page.getByRole('region', { name: 'Event details' });
  const names = await panel.locator('dl.details-facts dt').allInnerTexts();
  const values = await panel.locator('dl.details-facts dd').allInnerTexts();
  const rows = [];
  for (const row of await panel.locator('table.details-changes tbody tr').all()) {
    rows.push(await row.locator('th, td').allInnerTexts());
  }
  return {
    facts: Object.fromEntries(names.map((n, i) => [n, values[i]])),
    rows,
    chain: await panel.locator('ol.details-chain li').allInnerTexts(),
  };
}

test('a transfer\'s debit in Event details: its envelope, caused by the request, the balance changed, the whole chain; axe-clean in both themes', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await openAccount(page, 'Grace');
  const ada = await chooseAccount(page, 'Account', 'Ada');
  await expectState(page, { Owner: 'Ada' });
  await moveMoney(page, 'Transfer', '30');
  await eventually(async () => assert.equal((await storedLedger(page)).events.length, 7));
  const { events } = await storedLedger(page);
  const transfer = events[3].stream;
  const grace = events[2].stream;

  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #5' }).click();
  await eventually(async () => assert.equal((await details(page)).facts.Position, '#5'));
  const shown = await details(page);
  assert.deepEqual(
    {
      Stream: shown.facts.Stream,
      'Stream version': shown.facts['Stream version'],
      Type: shown.facts.Type,
      'Stored schema version': shown.facts['Stored schema version'],
      'Command id': shown.facts['Command id'],
      'Correlation id': shown.facts['Correlation id'],
      'Caused by': shown.facts['Caused by'],
    },
    {
      Stream: ada,
      'Stream version': '3',
      Type: 'TransferDebited',
      'Stored schema version': 'v1',
      'Command id': events[4].command_id,
      'Correlation id': transfer,
      'Caused by': 'event #4 TransferRequested',
    },
  );
  assert.deepEqual(shown.rows, [
    ['Owner', 'Ada', 'Ada'],
    ['Status', 'Open', 'Open'],
    ['Balance (changed)', '$100.00', '$70.00'],
  ]);
  assert.deepEqual(shown.chain, [
    `#4 TransferRequested (${transfer})`,
    `#5 TransferDebited (${ada})`,
    `#6 TransferCredited (${grace})`,
    `#7 TransferCompleted (${transfer})`,
  ]);
  await assertAccessible(page, 'Event details of a transfer step, light');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await assertAccessible(page, 'Event details of a transfer step, dark');

  // The request: caused by the person's command; the transfer's own state, before and after.
  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #4' }).click();
  await eventually(async () => assert.equal((await details(page)).facts.Position, '#4'));
  const request = await details(page);
  assert.equal(request.facts['Caused by'], `the command ${events[3].command_id}`);
  assert.deepEqual(request.rows, [['Transfer (changed)', 'not requested', 'requested: $30.00 to debit']]);
  await app.done();
});

test('Export as test writes a given/when/then specification of an event and of a refusal, in plain text and as Rust', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '500');
  const { events } = await storedLedger(page);
  const ada = events[0].stream;
  const text = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  };

  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #2' }).click();
  const panel = page.getByRole('region', { name: 'Event details' });
  const spec = await text(panel.getByRole('button', { name: 'Export as test', exact: true }));
  assert.equal(spec.name, 'event-2.spec');
  assert.equal(
    spec.text,
    `# Deposit $100.00 on ${ada}, as event #2 recorded it\ngiven:\n  AccountOpened {"account_id":"${ada}","owner":"Ada"}\nwhen:\n  DepositMoney {"amount_cents":10000}\nthen:\n  MoneyDeposited {"amount_cents":10000}\n`,
  );
  const rust = await text(panel.getByRole('button', { name: 'Export as a Rust test' }));
  assert.equal(rust.name, 'event-2.rs');
  assert.match(rust.text, /^\/\/ Deposit \$100\.00 on acc-[0-9a-f]+, as event #2 recorded it\n#\[test\]\nfn event_2\(\) \{\n    given\(\[/);
  assert.match(rust.text, /\.when\(Command::DepositMoney \{ amount: Money::from_cents\(10000\), effective_on: None \}\)/);

  await page.getByRole('tab', { name: 'Rejected attempts' }).click();
  const refused = await text(page.getByRole('region', { name: 'Rejected attempts' }).getByRole('button', { name: 'Export as test', exact: true }));
  assert.match(refused.text, /\nwhen:\n  WithdrawMoney \{"amount_cents":50000\}\nthen refused by "No overdraft":\n  Insufficient funds: balance \$100\.00, tried to withdraw \$500\.00\.\n$/);
  await app.done();
  await context.close();
});

test('Reverse this withdrawal, in its Event details, corrects the fact with a new event and leaves the withdrawal as it was', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '3,200');
  await moveMoney(page, 'Withdraw', '400');
  await expectState(page, { Balance: '$2,800.00' });
  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #3' }).click();
  const panel = page.getByRole('region', { name: 'Event details' });
  const reverse = panel.getByRole('button', { name: 'Reverse this withdrawal' });
  assert.match(await panel.locator('#reverse-hint').innerText(), /A wrong fact is corrected by a new fact/);
  await reverse.click();
  await expectState(page, { Balance: '$3,200.00', 'Events applied': '4' });
  const status = page.getByRole('status').filter({ hasText: 'Recorded WithdrawalReversed' });
  await eventually(async () =>
    assert.match(await status.innerText(), /Recorded WithdrawalReversed \(#4\): the \$400\.00 of #3 is put back\. #3 itself is unchanged/),
  );
  const { events } = await storedLedger(page);
  assert.deepEqual(events.map((e) => e.event_type), ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'WithdrawalReversed']);
  assert.equal(events[2].amount_cents, 40000, 'the withdrawal is stored as it was');
  assert.deepEqual(events[3].payload, { withdrawal: 3, amount_cents: 40000 });
  // The withdrawal's details now say what reversed it, and offer nothing more.
  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #3' }).click();
  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #3' }).click();
  await eventually(async () => assert.match(await panel.innerText(), /Reversed by #4: its money came back/));
  assert.equal(await panel.getByRole('button', { name: 'Reverse this withdrawal' }).count(), 0);
  await app.done();
});
