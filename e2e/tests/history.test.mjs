// Long histories: generated through the rules, virtualised, and jumped through via checkpoints.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  balanceAfter,
  dollars,
  eventually,
  expectState,
  launch,
  ledgerItems,
  openAccount,
  openApp,
  openMenu,
  region,
  storedLedger,
} from './support.mjs';

/**
 * Asserts the conservation sentence of the Accounts region at the present says what the stored
 * events add up to: money in accounts plus in flight equals deposits minus withdrawals.
 */
async function expectConserved(page, events) {
  const sum = (type) => events.filter((e) => e.event_type === type).reduce((total, e) => total + e.amount_cents, 0);
  const deposited = sum('MoneyDeposited');
  const withdrawn = sum('MoneyWithdrawn') + sum('BalancePaidOut');
  const inFlight = sum('TransferDebited') - sum('TransferCredited') - sum('TransferRefunded');
  await eventually(async () =>
    assert.equal(
      await region(page, 'Accounts').getByTestId('conservation').innerText(),
      `In accounts ${dollars(deposited - withdrawn - inFlight)} + in flight ${dollars(inFlight)} = ` +
        `deposited ${dollars(deposited)} \u2212 withdrawn ${dollars(withdrawn)}: every cent accounted for.`,
    ),
  );
}

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

test('generated history goes through the rules, shows progress, and keeps the page small', async () => {
  const context = await env.browser.newContext();
  const app = await openApp(env, { context });
  const { page } = app;
  await openMenu(page);
  const generate = page.getByRole('button', { name: 'Generate history' });
  // Without an account too: a small run opens a few accounts of its own, through the rules.
  assert.equal(await generate.isEnabled(), true, 'no account needed');
  await page.getByLabel('Events to generate').fill('20');
  await generate.click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Generated 20 events.' }).count(), 1));
  await expectState(page, { 'Events applied': '20' });
  const small = await storedLedger(page);
  assert.equal(small.events.length, 20, '"Events to generate" counts events');
  const opened = small.events.filter((e) => e.event_type === 'AccountOpened').map((e) => e.stream);
  assert.ok(opened.length >= 2 && opened.length <= 5, `a few accounts for a small run: ${opened.length}`);
  assert.equal(await region(page, 'Accounts').locator('tbody tr').count(), opened.length);
  await expectConserved(page, small.events);
  await openMenu(page);
  await page.getByRole('button', { name: 'Clear ledger' }).click();
  await page.getByRole('dialog', { name: 'Clear the whole ledger?' }).getByRole('button', { name: 'Delete every event' }).click();
  await expectState(page, { 'Events applied': '0' });
  // The menu is over the stage: closed to reach the command form.
  await page.keyboard.press('Escape');

  await openAccount(page, 'Ada');
  await openMenu(page);

  for (const bad of ['0', '100001', '2.5']) {
    await page.getByLabel('Events to generate').fill(bad);
    await generate.click();
    await eventually(async () =>
      assert.match(await page.getByRole('alert').innerText(), /enter a whole number from 1 to 100,000/),
    );
  }

  await page.getByLabel('Events to generate').fill('30000');
  await generate.click();
  // Batches between frames: the progress bar is on screen while it runs.
  await page.getByRole('progressbar').waitFor({ timeout: 10000 });
  await eventually(
    async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Generated 30,000 events.' }).count(), 1),
    60000,
  );
  await expectState(page, { 'Events applied': '30,001' });
  const stored = await storedLedger(page);
  assert.equal(stored.events.length, 30001);
  assert.deepEqual(
    stored.events.map((e) => e.position),
    stored.events.map((_, i) => i + 1),
  );
  // The chosen account is still Ada's: its balance is the fold of its stream, transfers included.
  const ada = stored.events[0].stream;
  await expectState(page, { Owner: 'Ada', 'Account id': ada, Balance: dollars(balanceAfter(stored.events, 30001, ada)) });
  const accounts = stored.events.filter((e) => e.event_type === 'AccountOpened').length;
  assert.ok(accounts > 3 && accounts <= 51, `Ada's and up to 50 generated accounts: ${accounts}`);
  assert.ok(stored.events.some((e) => e.event_type === 'TransferCompleted'), 'transfers among them');
  await expectConserved(page, stored.events);

  const rows = await ledgerItems(page).count();
  assert.ok(rows > 0 && rows <= 40, `${rows} rows rendered for 30,001 events`);
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(elements < 600, `${elements} elements on the page`);

  // Jumps land on exactly the fold of the first k events, from the nearest checkpoint.
  const slider = page.getByRole('slider', { name: 'Time travel' });
  for (const k of [1234, 29999, 1, 15000]) {
    await slider.fill(String(k));
    await expectState(page, { 'Events applied': k.toLocaleString('en-US'), Balance: dollars(balanceAfter(stored.events, k, ada)) });
    const from = Math.floor(k / 1000) * 1000;
    const cost = await region(page, 'Time travel').locator('.replay-cost').innerText();
    if (from > 0) {
      const replayed = k - from;
      assert.match(
        cost,
        new RegExp(
          `Rebuilt from the snapshot at event ${from.toLocaleString('en-US')}: ${replayed.toLocaleString('en-US')} events? replayed instead of ${k.toLocaleString('en-US')}\\.`,
        ),
      );
    } else {
      assert.match(cost, new RegExp(`Rebuilt from the first event: ${k.toLocaleString('en-US')} events?\\.`));
    }
    // The event at the cursor is rendered, marked, and inside the visible part of the list.
    const current = region(page, 'Event ledger').locator('li[aria-current="step"]');
    await eventually(async () => assert.equal(await current.count(), 1));
    assert.match(await current.innerText(), new RegExp(`#${k}\\b`));
    const box = await current.boundingBox();
    const view = await region(page, 'Event ledger').locator('.ledger-viewport').boundingBox();
    assert.ok(box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1, `row #${k} is in view`);
  }

  await page.reload();
  await expectState(page, { 'Events applied': '30,001' });
  await app.done();
  await context.close();
});
