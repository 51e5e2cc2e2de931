// Schema evolution: "Ship v2" moves the writer to MoneyDeposited v2 (the amount with its
// currency); the deposit stored before stays byte for byte in v1 and is upcast when read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, expectState, launch, ledgerItems, moveMoney, openAccount, openApp, openTab, region } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const chunk = (page) => page.evaluate(() => localStorage.getItem('replay-bank.ledger.chunk.0'));

test('Ship v2: old rows stay byte for byte, new deposits are v2, each row shows its version, and Event details shows the upcast', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  await eventually(async () => assert.equal(await ledgerItems(page).count(), 2));
  const v1 = await chunk(page);
  assert.match(v1, /"D",1000,/);

  await openTab(page, 'How it works');
  assert.match(await region(page, 'How it works').innerText(), /A deposit's amount now says its currency: MoneyDeposited v2 stores \{cents, currency\}\./);
  const ship = region(page, 'How it works').getByRole('button', { name: 'Ship v2' });
  await ship.click();
  await eventually(async () => assert.match(await page.getByRole('status').filter({ hasText: 'Shipped v2' }).innerText(), /The 2 events already stored stay exactly as written/));
  assert.equal(await ship.isDisabled(), true);
  await moveMoney(page, 'Deposit', '20');
  await expectState(page, { Balance: '$30.00', 'Events applied': '3' });

  const v2 = await chunk(page);
  const rows = (text) => JSON.parse(text).rows;
  assert.deepEqual(rows(v2).slice(0, 2), rows(v1), 'the stored rows are as they were');
  assert.ok(v2.startsWith(v1.slice(0, v1.indexOf(']]}'))), 'byte for byte');
  assert.deepEqual(rows(v2)[2].slice(2, 4), ['D2', { cents: 2000, currency: 'USD' }]);
  const versions = await ledgerItems(page).locator('.version').allInnerTexts();
  assert.deepEqual(versions, ['v1', 'v1', 'v2']);

  await region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #2' }).click();
  const details = page.getByRole('region', { name: 'Event details' });
  await eventually(async () => assert.match(await details.innerText(), /Stored schema version\s+v1/));
  assert.equal(await details.locator('pre.read-as').innerText(), '{"amount":{"cents":1000,"currency":"USD"},"effective_on":null}');
  assert.match(await details.locator('pre').last().innerText(), /"schema_version": 1,[\s\S]*"amount_cents": 1000/);

  // The writer stays shipped after a reload, and the ledger reads the same.
  await page.reload();
  await page.getByRole('main').waitFor();
  await expectState(page, { Balance: '$30.00', 'Events applied': '3' });
  await openTab(page, 'How it works');
  assert.equal(await region(page, 'How it works').getByRole('button', { name: 'Ship v2' }).isDisabled(), true);
  assert.equal(await chunk(page), v2);
  await app.done();
});
