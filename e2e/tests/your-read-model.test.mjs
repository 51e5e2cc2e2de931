// "Your read model" in a real browser: a read model built with a form (no code runs), folded from
// every event already recorded, rebuilt from position 1 on every change, following the slider,
// kept through a reload; a definition with a problem is said row by row and kept as written. Every
// expected figure is computed here from the stored ledger, not copied from the page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS,
  assertAccessible,
  dollars,
  eventually,
  launch,
  openApp,
  openMenu,
  openTab,
  region,
  storedLedger,
  unreadable,
} from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const month = (ms) => new Date(ms).toISOString().slice(0, 7);

/** Deposits per month in the first `k` events: [month, count, total], months in order. */
function depositsPerMonth(events, k, combine = (total, cents) => total + cents) {
  const months = new Map();
  for (const e of events.slice(0, k)) {
    if (e.event_type !== 'MoneyDeposited') continue;
    const m = month(e.recorded_at_ms);
    const [n, total] = months.get(m) ?? [0, null];
    months.set(m, [n + 1, total === null ? e.amount_cents : combine(total, e.amount_cents)]);
  }
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, [n, total]]) => [m, n.toLocaleString('en-US'), dollars(total)]);
}

/** The region's table as rows of cell texts, header row first. */
async function tableOf(yours) {
  return yours.locator('table tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
}

async function generated(page, n) {
  await openMenu(page);
  await page.getByLabel('Events to generate').fill(String(n));
  await page.getByRole('button', { name: 'Generate history' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: `Generated ${n} events.` }).count(), 1), 60000);
  await page.getByRole('button', { name: 'Close menu' }).click();
}

test('at 1280x800: a starter builds deposits per month from every event, it follows the slider, a change rebuilds it from position 1 and keeps the focus, a problem is said and kept through a reload', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await generated(page, 400);
  const { events } = await storedLedger(page);
  await openTab(page, 'Read models');
  const yours = region(page, 'Your read model');
  await yours.getByRole('button', { name: 'Deposits per month' }).click();

  // Built from all 400 events, timed, and said.
  await eventually(async () => assert.match(await yours.innerText(), /Rebuilt from 400 events in \d+(\.\d)? ms\./));
  assert.match(await page.getByRole('status').first().innerText(), /Your read model "Deposits per month": Rebuilt from 400 events in/);
  assert.equal(await yours.locator('.rm-position').innerText(), 'Up to date: position 400 of 400');
  const expected = depositsPerMonth(events, 400);
  assert.ok(expected.length >= 2, 'the generated history spans months');
  assert.deepEqual(await tableOf(yours), [['Month recorded (UTC)', 'deposits', 'deposited'], ...expected]);
  assert.equal(await yours.locator('caption').innerText(), 'Deposits per month, after all 400 events');

  // The slider: the table is the fold of the events up to it.
  for (const k of [37, 250, 1]) {
    await page.getByRole('slider', { name: 'Time travel' }).fill(String(k));
    await eventually(async () => assert.equal(await yours.locator('caption').innerText(), `Deposits per month, after event ${k} of 400`));
    const rows = depositsPerMonth(events, k);
    assert.deepEqual(await tableOf(yours), rows.length ? [['Month recorded (UTC)', 'deposits', 'deposited'], ...rows] : [['Month recorded (UTC)', 'deposits', 'deposited']]);
  }
  await page.getByRole('button', { name: 'Back to now' }).first().click();

  // A change by keyboard rebuilds it; the select keeps the focus.
  const row2 = yours.getByRole('group', { name: 'Row 2' });
  const whatToDo = row2.getByLabel('What to do');
  await whatToDo.focus();
  await whatToDo.selectOption('Maximum');
  await eventually(async () => assert.deepEqual(await tableOf(yours), [['Month recorded (UTC)', 'deposits', 'deposited'], ...depositsPerMonth(events, 400, Math.max)]));
  assert.equal(await whatToDo.evaluate((el) => el === document.activeElement), true, 'the focus stays on "What to do"');
  assert.equal(await row2.getByLabel('Field').inputValue(), 'amount');

  // A column named by keyboard: Tab leaves the field, the form is drawn again, and the focus is
  // where Tab took it.
  const row1 = yours.getByRole('group', { name: 'Row 1' });
  await row1.getByLabel('Column').fill('how many');
  await page.keyboard.press('Tab');
  await eventually(async () => assert.deepEqual((await tableOf(yours))[0], ['Month recorded (UTC)', 'how many', 'deposited']));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Remove row 1'));
  await row1.getByLabel('Column').fill('deposits');
  await page.keyboard.press('Tab');
  await eventually(async () => assert.deepEqual((await tableOf(yours))[0], ['Month recorded (UTC)', 'deposits', 'deposited']));

  // A problem: said in the region as an alert, naming the row; the ledger untouched.
  await row2.getByLabel('When this event happens').selectOption('AccountClosed');
  const alert = yours.getByRole('alert');
  await eventually(async () => assert.equal(await alert.innerText(), 'Row 2: AccountClosed has no fields: only Count applies to it.'));
  assert.equal(await yours.locator('table').count(), 0);
  assert.equal(await yours.locator('.rm-position').innerText(), 'Off: its definition has a problem, said above. Put it right and it is built from position 1.');
  assert.doesNotMatch(await yours.innerText(), /Rebuilt from/, 'how it was last built no longer holds');
  assert.equal((await storedLedger(page)).events.length, 400);

  // Kept as written through a reload, problem and all.
  await page.reload();
  await openTab(page, 'Read models');
  await eventually(async () => assert.equal(await region(page, 'Your read model').getByRole('group', { name: 'Row 2' }).getByLabel('When this event happens').inputValue(), 'AccountClosed'));
  assert.equal(await region(page, 'Your read model').getByRole('alert').innerText(), 'Row 2: AccountClosed has no fields: only Count applies to it.');

  // Put right: Count applies to any event.
  await region(page, 'Your read model').getByRole('group', { name: 'Row 2' }).getByLabel('What to do').selectOption('Count');
  const closings = events.filter((e) => e.event_type === 'AccountClosed');
  await eventually(async () => assert.equal(await region(page, 'Your read model').getByRole('alert').count(), 0));
  const table = await tableOf(region(page, 'Your read model'));
  assert.deepEqual(table[0], ['Month recorded (UTC)', 'deposits', 'deposited']);
  const counted = table.slice(1).reduce((sum, row) => sum + Number(row[2].replace(/,/g, '')), 0);
  assert.equal(counted, closings.length, 'the column counts the closings');
  await page.screenshot({ path: join(ARTIFACTS, 'your-read-model-1280.png'), fullPage: true });
  await assertAccessible(page, 'Your read model at 1280x800');
  await context.close();
});

test('its copy is read back on a reload without a rebuild; removed, it goes with its copy', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await generated(page, 200);
  await openTab(page, 'Read models');
  const yours = region(page, 'Your read model');
  await yours.getByRole('button', { name: 'The largest withdrawal' }).click();
  const { events } = await storedLedger(page);
  const largest = Math.max(...events.filter((e) => e.event_type === 'MoneyWithdrawn').map((e) => e.amount_cents));
  await eventually(async () => assert.deepEqual(await tableOf(yours), [['Events', 'largest withdrawal'], ['All', dollars(largest)]]));
  await eventually(async () => assert.ok(await page.evaluate(() => localStorage.getItem('replay-bank.ledger.read-model.yours') !== null)), 5000);

  await page.reload();
  await openTab(page, 'Read models');
  const again = region(page, 'Your read model');
  await eventually(async () => assert.deepEqual(await tableOf(again), [['Events', 'largest withdrawal'], ['All', dollars(largest)]]));
  assert.doesNotMatch(await again.innerText(), /Rebuilt from/, 'read from its copy, not rebuilt');
  assert.equal(await page.locator('.read-models .notice').count(), 0, 'no copy was found unusable');

  await again.getByRole('button', { name: 'Remove your read model' }).click();
  await eventually(async () => assert.equal(await again.locator('table').count(), 0));
  assert.equal(await again.getByRole('button', { name: 'Start one' }).count(), 1);
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'rm-yours'), 2000);
  await eventually(async () => assert.equal(await page.evaluate(() => localStorage.getItem('replay-bank.ledger.read-model.yours')), null), 5000);
  assert.equal((await storedLedger(page)).events.length, 200);
  await context.close();
});

for (const [name, width, height] of [['phone', 390, 844], ['projector', 1920, 1080]]) {
  test(`on a ${name} (${width}x${height}): the form is whole, its table whole or scrolled by keyboard, every control labelled`, async () => {
    const context = await env.browser.newContext({ viewport: { width, height } });
    const app = await openApp(env, { context });
    const { page } = app;
    await generated(page, 150);
    await openTab(page, 'Read models');
    const yours = region(page, 'Your read model');
    await yours.getByRole('button', { name: 'Transfers per account' }).click();
    await eventually(async () => assert.deepEqual((await tableOf(yours))[0], ['Account', 'sent', 'received', 'refunded']));
    await yours.getByRole('button', { name: 'Add a row' }).click();
    const row4 = yours.getByRole('group', { name: 'Row 4' });
    await row4.getByLabel('What to do').selectOption('Latest');
    await eventually(async () => assert.equal(await row4.getByLabel('Field').inputValue(), 'transfer_id'));
    assert.deepEqual(await page.evaluate(unreadable, '.yours .your-form'), []);
    // Its table is whole, or (a learner's table may have more columns than a phone has room
    // for) scrolls sideways in a box a keyboard reaches, named by its caption.
    const box = yours.getByRole('region', { name: 'Transfers per account, after all 150 events' });
    assert.equal(await box.getAttribute('tabindex'), '0');
    const fits = await box.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    if (width >= 1280) assert.equal(fits, true, 'the table is whole on a projector');
    if (!fits) {
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await eventually(async () => assert.ok((await box.evaluate((el) => el.scrollLeft)) > 0, 'the keyboard scrolls it'));
    }
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(sideways, false, 'the page does not scroll sideways');
    await yours.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `your-read-model-${name}.png`), fullPage: false });
    await assertAccessible(page, `Your read model on a ${name}`);
    await context.close();
  });
}
