// Nothing lost: unreadable storage, a full quota, no storage, two tabs, hostile input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  downloadText,
  eventually,
  expectState,
  fillStorage,
  freeStorage,
  launch,
  ledgerItems,
  ledgerTypes,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  openTab,
  openWithStoredLedger,
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

const envelope = (position, type, payload, streamVersion = position) => ({
  position,
  stream_id: 'acc-1',
  stream_version: streamVersion,
  recorded_at_ms: 1795000000000,
  event_type: type,
  schema_version: 1,
  payload,
  metadata: { command_id: `cmd-${position}`, correlation_id: `cmd-${position}` },
});
const ledgerOf = (...events) =>
  JSON.stringify({ format: 'replay-bank-ledger', format_version: 1, events });
const opened = envelope(1, 'AccountOpened', { account_id: 'acc-1', owner: 'Ada' });

test('each kind of unreadable storage is explained, saying what is wrong and where', async () => {
  const cases = [
    ['{"format": "replay-bank-ledger", "events": [', /not valid JSON/],
    ['[1, 2, 3]', /not a Replay Bank ledger/],
    [JSON.stringify({ format: 'replay-bank-ledger', format_version: 9, events: [] }), /format version 9/],
    [ledgerOf(opened, envelope(3, 'MoneyDeposited', { amount_cents: 5 }, 2)), /event #2 has position 3 where 2 was expected/],
    [ledgerOf(opened, envelope(1, 'MoneyDeposited', { amount_cents: 5 }, 2)), /position 1 where 2 was expected/],
    [ledgerOf(opened, envelope(2, 'MoneyTeleported', { amount_cents: 5 })), /position 2 .*unknown event type "MoneyTeleported"/],
    [
      JSON.stringify({ format: 'replay-bank-ledger', format_version: 2, chunk_size: 1000, events: 3, last_command_id: 'x' }),
      /"replay-bank\.ledger\.chunk\.0" cannot be read: .*this chunk is missing/,
    ],
  ];
  for (const [stored, message] of cases) {
    const app = await openWithStoredLedger(env, stored);
    const alert = app.page.getByRole('alert');
    await eventually(async () => assert.match(await alert.innerText(), message));
    assert.match(await alert.innerText(), /Nothing has been deleted or overwritten/);
    assert.equal(await app.page.getByRole('button', { name: 'Open account' }).isDisabled(), true);
    await openMenu(app.page);
    assert.equal(await app.page.getByRole('button', { name: 'Clear ledger' }).isDisabled(), true);
    assert.equal(await app.page.evaluate(() => localStorage.getItem('replay-bank.ledger')), stored);
    await app.done();
    await app.context.close();
  }
});

test('corrupt storage survives a reload, downloads as it is, and Start fresh keeps a quarantined copy', async () => {
  const garbage = '{"format":"replay-bank-ledger","format_version":1,"events":[{"position":1,"stream_id":';
  const app = await openWithStoredLedger(env, garbage);
  const { page } = app;
  await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /not valid JSON/));
  await page.reload();
  await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /not valid JSON/));
  assert.equal(await page.evaluate(() => localStorage.getItem('replay-bank.ledger')), garbage);

  const raw = await downloadText(page, page.getByRole('button', { name: 'Download raw data' }));
  assert.deepEqual(JSON.parse(raw.text), { 'replay-bank.ledger': garbage }, 'every key, its bytes unchanged');
  assert.match(raw.name, /^replay-bank-unreadable-\d+\.json$/);

  await page.getByRole('button', { name: 'Start fresh' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Started fresh' });
  await eventually(async () => assert.match(await status.innerText(), /replay-bank\.ledger\.quarantine\.\d+/));
  const quarantined = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('replay-bank.ledger.quarantine.'))
      .map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(quarantined, [garbage]);
  await openAccount(page, 'Ada');
  await page.reload();
  await expectState(page, { Owner: 'Ada', Status: 'Open' });
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('quarantine')).length),
    1,
    'the quarantined copy is still there',
  );
  await app.done();
  await app.context.close();
});

const readModelKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.read-model')));

test('a full quota never loses an accepted event; saving resumes once space frees', async () => {
  const context = await env.browser.newContext();
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  await expectState(page, { Balance: '$10.00' });
  // The read models' copies are disposable: storage full, they give way to the ledger.
  await eventually(async () => assert.equal((await readModelKeys(page)).length, 3));
  assert.ok((await fillStorage(page)) > 0);
  await moveMoney(page, 'Deposit', '20');
  await expectState(page, { Balance: '$30.00', 'Events applied': '3' });
  await eventually(async () => assert.deepEqual(await readModelKeys(page), []));
  assert.equal((await storedLedger(page)).events.length, 3, 'the event took the copies\' room');
  await openTab(page, 'Read models');
  assert.match(await region(page, 'Read models').locator('.notice').innerText(), /^Storage was full: the read models' copies were removed to make room for the ledger/);

  // With no copy left to give way, the ledger keeps what does not fit, and says so.
  await fillStorage(page);
  await moveMoney(page, 'Deposit', '20');
  await expectState(page, { Balance: '$50.00', 'Events applied': '4' });
  const warning = page.getByRole('alert').filter({ hasText: 'pending, not committed' });
  await eventually(async () =>
    assert.match(await warning.innerText(), /1 event is pending, not committed: browser storage is full/),
  );
  await moveMoney(page, 'Withdraw', '5');
  await eventually(async () => assert.match(await warning.innerText(), /2 events are pending, not committed/));
  // The ledger marks which events are not facts yet, in words.
  const tags = await ledgerItems(page).evaluateAll((items) => items.map((li) => li.querySelector('.pending-tag')?.innerText ?? ''));
  assert.deepEqual(tags, ['', '', '', 'pending', 'pending']);
  const types = ['AccountOpened', 'MoneyDeposited', 'MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn'];
  assert.deepEqual(await ledgerTypes(page), types);
  assert.equal((await storedLedger(page)).events.length, 3, 'storage holds only what fitted');

  const copy = await downloadText(page, page.getByRole('button', { name: 'Download ledger' }));
  assert.deepEqual(
    JSON.parse(copy.text).events.map((e) => e.event_type),
    types,
  );

  await page.getByRole('button', { name: 'Save now' }).click();
  const stillNot = page.getByRole('alert').filter({ hasText: 'Still not committed' });
  await eventually(async () => assert.match(await stillNot.innerText(), /Still not committed: browser storage is full/));
  assert.equal((await storedLedger(page)).events.length, 3, 'a failed retry writes nothing');
  await freeStorage(page);
  await page.getByRole('button', { name: 'Save now' }).click();
  await eventually(async () => assert.equal(await warning.count(), 0));
  assert.equal(await ledgerItems(page).locator('.pending-tag').count(), 0, 'committed: no row is pending');
  await page.reload();
  await expectState(page, { Balance: '$45.00', 'Events applied': '5' });

  // And the other way back: the next command retries by itself (the copies, rebuilt on this
  // start, give way first).
  await eventually(async () => assert.equal((await readModelKeys(page)).length, 3));
  await fillStorage(page);
  await moveMoney(page, 'Deposit', '1');
  await eventually(async () => assert.deepEqual(await readModelKeys(page), []));
  await fillStorage(page);
  await moveMoney(page, 'Deposit', '1');
  await eventually(async () => assert.equal(await warning.count(), 1));
  await freeStorage(page);
  await moveMoney(page, 'Deposit', '2');
  await eventually(async () => assert.equal(await warning.count(), 0));
  await page.reload();
  await expectState(page, { Balance: '$49.00', 'Events applied': '8' });
  await app.done();
  await context.close();
});

test('with storage switched off the demo runs in memory and says so once', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  const app = await openApp(env, { context });
  const { page } = app;
  const notice = page.getByRole('status').filter({ hasText: 'no storage' });
  await eventually(async () => assert.match(await notice.innerText(), /lives in memory and is lost on reload/));
  assert.equal(await notice.count(), 1);
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '3');
  await expectState(page, { Balance: '$3.00', 'Events applied': '2' });
  assert.equal(await page.getByRole('alert').count(), 0, 'running in memory is not an error');
  await app.done();
  await context.close();
});

test('two tabs see each other live and concurrent deposits all land, once each, gapless', async () => {
  const context = await env.browser.newContext();
  const one = await openApp(env, { context });
  const two = await openApp(env, { context });
  await openAccount(one.page, 'Ada');
  // The second tab sees the account without a reload.
  await expectState(two.page, { Owner: 'Ada', Status: 'Open', 'Events applied': '1' });

  // Both pages press Deposit at the same wall-clock instant, each from inside its own page, so
  // each tab can read storage before the other's write has reached it.
  const pressAt = (page, amount, at) =>
    page.evaluate(
      async ({ amount, at }) => {
        const field = document.getElementById('amount');
        field.value = amount;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((ok) => setTimeout(ok, Math.max(0, at - Date.now() - 5)));
        while (Date.now() < at) {
          // spin until the agreed instant
        }
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Deposit').click();
      },
      { amount, at },
    );
  const rounds = 8;
  for (let i = 1; i <= rounds; i += 1) {
    const at = Date.now() + 150;
    await Promise.all([pressAt(one.page, `${i}`, at), pressAt(two.page, `${i * 100}`, at)]);
  }
  const expectedCents = (rounds * (rounds + 1)) / 2 * 101 * 100;
  const expected = { 'Events applied': `${1 + 2 * rounds}` };
  await expectState(one.page, expected);
  await expectState(two.page, expected);
  const stored = await storedLedger(one.page);
  assert.deepEqual(
    stored.events.map((e) => e.position),
    Array.from({ length: 1 + 2 * rounds }, (_, i) => i + 1),
  );
  assert.equal(new Set(stored.events.map((e) => e.command_id)).size, stored.events.length, 'no duplicate');
  const total = stored.events.reduce((sum, e) => sum + (e.amount_cents ?? 0), 0);
  assert.equal(total, expectedCents, 'both tabs\u2019 deposits, every one');
  // The list is virtualised, so compare what each tab shows at the same scroll positions.
  const rowsAt = async (page, where) => {
    await page.bringToFront();
    return eventually(async () => {
      // Scrolled on every try: a tab brought to the front first runs its queued frames, which
      // keep the newest event in view.
      await page.evaluate((to) => {
        const viewport = document.querySelector('.ledger-viewport');
        viewport.scrollTop = to === 'top' ? 0 : viewport.scrollHeight;
        viewport.dispatchEvent(new Event('scroll'));
      }, where);
      const rows = await ledgerItems(page).locator('.ledger-line .position').allInnerTexts();
      assert.ok(rows.includes(where === 'top' ? '#1' : `#${1 + 2 * rounds}`));
      return ledgerItems(page).allInnerTexts();
    });
  };
  for (const where of ['top', 'bottom']) {
    assert.deepEqual(await rowsAt(one.page, where), await rowsAt(two.page, where), `both tabs show the same ledger (${where})`);
  }
  await one.done();
  await two.done();
  await context.close();
});

test('a markup-named owner is shown as text and runs nothing; long and right-to-left names are handled', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)>';
  await openAccount(page, hostile);
  await expectState(page, { Owner: hostile });
  assert.match(await ledgerItems(page).first().innerText(), /opened for <img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('main img').count(), 0, 'no element was made from the name');
  // The Read models tab's tables hold the name too, as text.
  await moveMoney(page, 'Deposit', '1.00');
  await openTab(page, 'Read models');
  const overview = page.getByRole('region', { name: 'Accounts overview', exact: true });
  await eventually(async () => assert.match(await overview.innerText(), /<img src=x onerror=alert\(1\)>/));
  assert.equal(await page.locator('main img').count(), 0, 'no element was made from the name in a read model');
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0, 'no script ran');

  await openMenu(page);
  await page.getByRole('button', { name: 'Clear ledger' }).click();
  await page.getByRole('button', { name: 'Delete every event' }).click();
  await eventually(async () => assert.match(await region(page, 'Event ledger').innerText(), /No events recorded yet/));
  // The menu is over the stage: closed to reach the command form.
  await page.keyboard.press('Escape');

  await page.getByLabel('Owner', { exact: true }).fill('x'.repeat(81));
  await page.getByRole('button', { name: 'Open account' }).click();
  await eventually(async () =>
    assert.match(await page.getByRole('alert').innerText(), /81 characters long: at most 80/),
  );
  const rtl = 'مريم الأحمد 🏦';
  await openAccount(page, rtl);
  await expectState(page, { Owner: rtl });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(overflow, 0, 'nothing is wider than a 360px screen');
  await app.done();
  await context.close();
});
