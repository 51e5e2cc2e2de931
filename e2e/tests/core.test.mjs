// The core journey of a newcomer, in the release build, served under /docs/demo/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import {
  ARTIFACTS,
  currentState,
  eventually,
  expectState,
  launch,
  ledgerItems,
  ledgerTypes,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  openTab,
  region,
  storedLedger,
} from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

test('opening, depositing and withdrawing each record an event and update the state live', async () => {
  const app = await openApp(env);
  const { page } = app;
  await eventually(async () =>
    assert.match(await region(page, 'Event ledger').innerText(), /No events recorded yet\./),
  );
  await expectState(page, { Balance: '$0.00', Status: 'No account', 'Events applied': '0' });
  // Before an account exists, Deposit can be pressed: the rules, not the page, refuse it.
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true);

  // Enter in the Owner field opens the account.
  await page.getByLabel('Owner', { exact: true }).fill('  Ada Lovelace ');
  await page.getByLabel('Owner', { exact: true }).press('Enter');
  await expectState(page, { Owner: 'Ada Lovelace', Status: 'Open', 'Events applied': '1' });
  await moveMoney(page, 'Deposit', '1,000.25');
  await expectState(page, { Balance: '$1,000.25', 'Events applied': '2' });
  await moveMoney(page, 'Withdraw', '$200');
  await expectState(page, { Balance: '$800.25', 'Events applied': '3' });

  assert.deepEqual(await ledgerTypes(page), ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn']);
  const third = ledgerItems(page).nth(2);
  assert.match(await third.innerText(), /#3/);
  assert.match(await third.innerText(), /\$200\.00 withdrawn/);
  // Its time, in UTC as the list says once.
  assert.match(await third.innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  assert.match(await region(page, 'Event ledger').locator('.hint').first().innerText(), /Times are UTC\.$/);
  // The raw envelope is there on demand.
  await third.getByRole('button', { name: 'Envelope JSON for #3' }).click();
  const inspector = region(page, 'Event ledger').locator('#envelope-inspector');
  await eventually(async () => assert.match(await inspector.innerText(), /Envelope of event #3/));
  const envelope = JSON.parse(await inspector.locator('pre').innerText());
  assert.equal(envelope.position, 3);
  assert.equal(envelope.stream_version, 3);
  assert.equal(envelope.event_type, 'MoneyWithdrawn');
  assert.deepEqual(envelope.payload, { amount_cents: 20000 });
  assert.match(envelope.metadata.command_id, /^cmd-/);
  // The outcome is announced politely, in the one status message that says what was recorded.
  assert.equal(await page.getByRole('status').filter({ hasText: 'Recorded MoneyWithdrawn (#3).' }).count(), 1);

  // Enter in the Amount field deposits.
  await page.getByLabel('Amount', { exact: true }).fill('0.75');
  await page.getByLabel('Amount', { exact: true }).press('Enter');
  await expectState(page, { Balance: '$801.00', 'Events applied': '4' });
  await app.done();
});

test('an overdraft is refused with an alert, listed as a rejected attempt, and appends nothing', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Grace');
  await moveMoney(page, 'Deposit', '70');
  await expectState(page, { Balance: '$70.00' });
  await moveMoney(page, 'Withdraw', '100');

  const alert = page.getByRole('alert');
  await eventually(async () =>
    assert.equal(
      await alert.innerText(),
      'Rejected: Insufficient funds: balance $70.00, tried to withdraw $100.00.',
    ),
  );
  assert.equal(await ledgerItems(page).count(), 2);
  await expectState(page, { Balance: '$70.00', 'Events applied': '2' });
  await openTab(page, 'Rejected attempts');
  const rejected = page.getByRole('region', { name: 'Rejected attempts' });
  assert.match(await rejected.innerText(), /Withdraw \$100\.00 — No overdraft: Insufficient funds/);

  // A typing mistake is explained too, the text stays in the field, and nothing is recorded.
  await moveMoney(page, 'Deposit', 'abc');
  await eventually(async () => assert.match(await alert.innerText(), /"abc" is not an amount/));
  assert.equal(await page.getByLabel('Amount', { exact: true }).inputValue(), 'abc');
  assert.equal(await page.getByLabel('Amount', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await ledgerItems(page).count(), 2);
  await app.done();
});

test('a reload keeps every event and the state', async () => {
  const context = await env.browser.newContext();
  const first = await openApp(env, { context });
  await openAccount(first.page, 'Linus');
  await moveMoney(first.page, 'Deposit', '12.34');
  await expectState(first.page, { Balance: '$12.34' });
  await first.page.reload();
  await first.page.getByRole('heading', { name: 'Replay Bank', level: 1 }).waitFor();
  await expectState(first.page, {
    Balance: '$12.34',
    Owner: 'Linus',
    Status: 'Open',
    'Events applied': '2',
  });
  assert.deepEqual(await ledgerTypes(first.page), ['AccountOpened', 'MoneyDeposited']);
  // The storage panel shows the documented format.
  const stored = await storedLedger(first.page);
  assert.equal(stored.manifest.format, 'replay-bank-ledger');
  assert.equal(stored.manifest.format_version, 2);
  assert.deepEqual(
    stored.events.map((e) => [e.position, e.event_type, e.amount_cents]),
    [
      [1, 'AccountOpened', undefined],
      [2, 'MoneyDeposited', 1234],
    ],
  );
  await first.done();
  await context.close();
});

test('Home, the arrow keys and End on the slider show the state after exactly k events', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await expectState(page, { Balance: '$100.00' });
  await moveMoney(page, 'Deposit', '50');
  await expectState(page, { Balance: '$150.00' });
  await moveMoney(page, 'Withdraw', '30');
  await expectState(page, { Balance: '$120.00', 'Events applied': '4' });

  const slider = page.getByRole('slider', { name: 'Time travel' });
  const readout = region(page, 'Time travel').locator('output');
  assert.equal(await slider.inputValue(), '4', 'at the head, the slider follows new events');
  assert.equal(await readout.innerText(), 'Events applied: 4 / 4');

  await slider.focus();
  await page.keyboard.press('Home');
  await eventually(async () => assert.equal(await readout.innerText(), 'Events applied: 0 / 4'));
  await expectState(page, { Balance: '$0.00', Status: 'No account', 'Events applied': '0' });
  assert.equal(await region(page, 'Event ledger').locator('li.future').count(), 4, 'all four dimmed');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expectState(page, { Balance: '$100.00', Status: 'Open', 'Events applied': '2' });
  assert.equal(await readout.innerText(), 'Events applied: 2 / 4');
  const current = region(page, 'Event ledger').locator('li[aria-current="step"]');
  assert.equal(await current.count(), 1);
  assert.match(await current.innerText(), /#2/);
  assert.equal(await region(page, 'Event ledger').locator('li.future').count(), 2);
  assert.match(await region(page, 'Commands').innerText(), /Viewing the past\. A command always applies to now/);

  await page.keyboard.press('ArrowRight');
  await expectState(page, { Balance: '$150.00', 'Events applied': '3' });
  await page.keyboard.press('ArrowLeft');
  await expectState(page, { Balance: '$100.00', 'Events applied': '2' });

  await page.keyboard.press('End');
  await expectState(page, { Balance: '$120.00', 'Events applied': '4' });
  assert.equal(await region(page, 'Event ledger').locator('li.future').count(), 0);

  // From the past, a command applies to the present and brings the view back to now.
  await page.keyboard.press('Home');
  await expectState(page, { 'Events applied': '0' });
  await moveMoney(page, 'Deposit', '5');
  await expectState(page, { Balance: '$125.00', 'Events applied': '5' });
  assert.equal(await slider.inputValue(), '5');
  assert.equal(await readout.innerText(), 'Events applied: 5 / 5');

  // "Back to now" returns from the past.
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expectState(page, { 'Events applied': '4' });
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expectState(page, { Balance: '$125.00', 'Events applied': '5' });
  await app.done();
});

test('closing an account that holds money emits a payout and a closing, then accepts nothing', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '42.50');
  await expectState(page, { Balance: '$42.50' });
  await page.getByRole('button', { name: 'Close account' }).click();
  await eventually(async () =>
    assert.deepEqual(await ledgerTypes(page), ['AccountOpened', 'MoneyDeposited', 'BalancePaidOut', 'AccountClosed']),
  );
  assert.match(await ledgerItems(page).nth(2).innerText(), /\$42\.50 paid out on closing/);
  await expectState(page, { Balance: '$0.00', Status: 'Closed', 'Events applied': '4' });
  const [payout, closing] = (await storedLedger(page)).events.slice(2);
  assert.equal(payout.command_id, closing.command_id, 'one command, two events');
  // A closed account accepts nothing: each command is refused by its rule, and nothing is appended.
  for (const name of ['Deposit', 'Withdraw', 'Close account']) {
    if (name === 'Deposit' || name === 'Withdraw') await page.getByLabel('Amount', { exact: true }).fill('1');
    await page.getByRole('button', { name, exact: true }).click();
    await eventually(
      async () => assert.match(await page.getByRole('alert').innerText(), /is closed: a closed account accepts no more commands/),
      5000,
    );
    assert.equal(await ledgerItems(page).count(), 4, `${name} appended nothing`);
  }
  // Open account opens a new account, in a stream of its own, and chooses it; the closed one
  // stays closed, with its history.
  await openAccount(page, 'Ada');
  await eventually(async () => assert.equal(await ledgerItems(page).count(), 5));
  await expectState(page, { Owner: 'Ada', Balance: '$0.00', Status: 'Open', 'Events applied': '5' });
  const events = (await storedLedger(page)).events;
  assert.equal(events[4].event_type, 'AccountOpened');
  assert.notEqual(events[4].stream, events[0].stream, 'a new stream');
  assert.equal((await currentState(page))['Account id'], events[4].stream, 'the new account is chosen');
  const rows = region(page, 'Accounts').locator('tbody tr');
  assert.deepEqual(
    (await rows.allInnerTexts()).map((row) => row.split(/\s+/).join(' ')),
    [`Ada ${events[0].stream} Closed —`, `Ada ${events[4].stream} Open $0.00`],
  );
  assert.match(await page.getByLabel('Account', { exact: true }).innerText(), new RegExp(`Ada · ${events[0].stream} \\(closed\\)`));
  await app.done();
});

test('clearing the ledger asks first, and only then deletes every event', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await openMenu(page);
  await page.getByRole('button', { name: 'Clear ledger' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the whole ledger?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /deletes the ledger's only event for good/);
  await dialog.getByRole('button', { name: 'Keep history' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await ledgerItems(page).count(), 1, 'cancelling keeps everything');

  await page.getByRole('button', { name: 'Clear ledger' }).click();
  await dialog.getByRole('button', { name: 'Delete every event' }).click();
  await eventually(async () =>
    assert.match(await region(page, 'Event ledger').innerText(), /No events recorded yet\./),
  );
  await expectState(page, { Status: 'No account', 'Events applied': '0' });
  assert.deepEqual(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('replay-bank'))),
    [],
    'the manifest and every chunk are gone',
  );
  await app.done();
});

test('the page works under a sub-path, fetches nothing from elsewhere, and has a favicon', async () => {
  const app = await openApp(env);
  const { page, requests } = app;
  await openAccount(page, 'Ada');
  const origin = new URL(env.url).origin;
  const outside = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
  assert.deepEqual(outside, [], 'no request leaves the page origin');
  assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm came from the sub-path');
  assert.deepEqual(
    env.server.requests.filter((path) => !path.startsWith('/docs/demo/')),
    [],
    'every request stayed under the sub-path',
  );
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  assert.match(icon, /^\.\/favicon-[0-9a-f]+\.svg$/);
  const response = await page.request.get(new URL(icon, env.url).href);
  assert.equal(response.status(), 200);
  await app.done();
});

test('a screenshot of a worked example is saved as an artifact', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '1,250');
  await expectState(page, { Balance: '$1,250.00' });
  await moveMoney(page, 'Withdraw', '300');
  await expectState(page, { Balance: '$950.00' });
  await moveMoney(page, 'Deposit', '80.50');
  await expectState(page, { Balance: '$1,030.50' });
  await moveMoney(page, 'Withdraw', '5000');
  await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /Insufficient funds/));
  const slider = page.getByRole('slider', { name: 'Time travel' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expectState(page, { Balance: '$950.00' });
  const file = join(ARTIFACTS, 'replay-bank.png');
  await page.screenshot({ path: file, fullPage: true });
  await app.done();
});
