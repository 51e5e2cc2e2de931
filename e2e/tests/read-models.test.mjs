// The "Read models" tab in a real browser: four read models of one ledger, each with its own
// position; a buggy statement wrong beside the ledger, fixed and rebuilt with progress; copies
// deleted or corrupted and rebuilt on reload; Large movements added later; a retried delivery;
// lag and read your own writes; the balance chart at the sizes people use. Every expected
// figure is computed here from the stored ledger, not copied from the page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS,
  assertAccessible,
  chooseAccount,
  dollars,
  eventually,
  expectState,
  launch,
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

const IN = new Set(['MoneyDeposited', 'WithdrawalReversed', 'TransferCredited', 'TransferRefunded']);
const OUT = new Set(['MoneyWithdrawn', 'BalancePaidOut', 'TransferDebited']);
const TRANSFER_STEP = new Set(['TransferDebited', 'TransferCredited', 'TransferRefunded']);
const month = (ms) => new Date(ms).toISOString().slice(0, 7);

/** One account's statement lines, newest first, as the table shows them; `buggy` skips transfers. */
function statementOf(events, stream, { buggy = false } = {}) {
  const lines = [];
  let balance = 0;
  for (const e of events) {
    if (e.stream !== stream || (buggy && TRANSFER_STEP.has(e.event_type))) continue;
    const m = month(e.recorded_at_ms);
    if (lines.at(-1)?.[0] !== m) lines.push([m, 0, 0, balance]);
    const line = lines.at(-1);
    const cents = e.payload.amount_cents ?? 0;
    if (IN.has(e.event_type)) (line[1] += cents), (balance += cents);
    if (OUT.has(e.event_type)) (line[2] += cents), (balance -= cents);
    line[3] = balance;
  }
  return lines.reverse().map(([m, i, o, c]) => [m, dollars(i), dollars(o), dollars(c)]);
}

/** Each account's true balance and its buggy statement's closing, from the stored events. */
function disagreements(events) {
  const truth = new Map();
  const buggy = new Map();
  for (const e of events) {
    if (e.event_type === 'AccountOpened') truth.set(e.stream, 0), buggy.set(e.stream, 0);
    const sign = IN.has(e.event_type) ? 1 : OUT.has(e.event_type) ? -1 : 0;
    if (!sign || !truth.has(e.stream)) continue;
    truth.set(e.stream, truth.get(e.stream) + sign * e.payload.amount_cents);
    if (!TRANSFER_STEP.has(e.event_type)) buggy.set(e.stream, buggy.get(e.stream) + sign * e.payload.amount_cents);
  }
  return { accounts: truth.size, wrong: [...truth].filter(([id, c]) => buggy.get(id) !== c).length };
}

const rowsOf = (locator) =>
  locator.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText)));
const positionOf = (page, title) => region(page, title).locator('.rm-position').innerText();
const readModelKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.read-model')).sort());

test('at 1280x800: four read models with their positions; a buggy statement is wrong beside the ledger, then Fix and rebuild rebuilds it with progress and it is right', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openMenu(page);
  await page.getByLabel('Events to generate').fill('400');
  await page.getByRole('button', { name: 'Generate history' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Generated 400 events.' }).count(), 1), 60000);
  await page.getByRole('button', { name: 'Close menu' }).click();
  const { events } = await storedLedger(page);
  assert.equal(events.length, 400);

  await openTab(page, 'Read models');
  for (const title of ['Monthly statement', 'Balance over time', 'Accounts overview']) {
    assert.equal(await positionOf(page, title), 'Up to date: position 400 of 400', title);
  }
  assert.equal(await positionOf(page, 'Large movements'), 'Off: switch it on to build it from every past event.');

  const chosen = await page.getByLabel('Account', { exact: true }).inputValue();
  const statement = region(page, 'Monthly statement');
  assert.deepEqual(await rowsOf(statement), statementOf(events, chosen));
  assert.match(await statement.locator('.verdict').innerText(), /^Right: every account's closing balance agrees with the ledger's own fold at position 400\.$/);

  // Deployed by keyboard: the button keeps the focus, and says it cannot be pressed again.
  const deploy = statement.getByRole('button', { name: 'Deploy a buggy version' });
  await deploy.focus();
  await page.keyboard.press('Enter');
  const { accounts, wrong } = disagreements(events);
  assert.ok(wrong > 0, 'the generated history has transfers');
  await eventually(async () =>
    assert.match(
      await statement.locator('.verdict').innerText(),
      new RegExp(`^Wrong: ${wrong} of ${accounts} accounts disagree with the ledger\\. .+'s statement closes at \\$[\\d,.]+; the ledger says \\$[\\d,.]+\\.$`),
    ),
  );
  assert.deepEqual(await rowsOf(statement), statementOf(events, chosen, { buggy: true }));
  assert.equal(await statement.getByRole('button', { name: 'Deploy a buggy version' }).getAttribute('aria-disabled'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Deploy a buggy version');
  // The ledger, and the state folded from it, are right all along.
  assert.equal(await region(page, 'Accounts').locator('tbody tr').count(), accounts);

  await statement.getByRole('button', { name: 'Fix and rebuild' }).click();
  await eventually(async () => {
    assert.match(await positionOf(page, 'Monthly statement'), /^Rebuilding: position \d+ of 400$/);
    assert.equal(await statement.getByRole('progressbar', { name: 'Rebuild progress' }).count(), 1);
  });
  const during = Number((await positionOf(page, 'Monthly statement')).match(/position (\d+)/)[1]);
  assert.ok(during < 400, `caught mid-rebuild at ${during}`);
  await eventually(async () =>
    assert.match(await page.getByRole('status').filter({ hasText: 'rebuilt' }).innerText(), /^Monthly statement rebuilt from 400 events in \d+\.\d ms of folding\.$/),
  10000);
  assert.equal(await positionOf(page, 'Monthly statement'), 'Up to date: position 400 of 400');
  assert.match(await statement.locator('.verdict').innerText(), /^Right:/);
  assert.deepEqual(await rowsOf(statement), statementOf(events, chosen));
  assert.match(await statement.innerText(), /Version 3 of its code\./);
  await assertAccessible(page, 'the Read models tab after a rebuild');
  await page.screenshot({ path: join(ARTIFACTS, 'read-models-1280x800.png') });
  await app.done();
  await context.close();
});

/** Ada with money, Grace, and a transfer between them. */
async function twoAccountsAndATransfer(page) {
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '5000');
  await openAccount(page, 'Grace Hopper');
  await chooseAccount(page, 'Account', 'Ada Lovelace');
  await moveMoney(page, 'Transfer', '1200');
  await moveMoney(page, 'Withdraw', '1500');
  await moveMoney(page, 'Withdraw', '200');
  await expectState(page, { Owner: 'Ada Lovelace', Balance: '$2,100.00' });
}

test('a copy deleted or corrupted is rebuilt on the next start with a notice and the same figures; the ledger is untouched', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await twoAccountsAndATransfer(page);
  await openTab(page, 'Read models');
  const titles = ['Monthly statement', 'Balance over time', 'Accounts overview'];
  // Copies are written a second after a change: wait for the ones of the last event.
  const { events } = await storedLedger(page);
  await eventually(async () =>
    assert.deepEqual(
      await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.includes('.read-model'))
          .sort()
          .map((k) => [k, localStorage.getItem(k).split('\t')[2]]),
      ),
      ['accounts-overview', 'balance-over-time', 'monthly-statement'].map((m) => [`replay-bank.ledger.read-model.${m}`, String(events.length)]),
    ),
  );
  const before = {};
  for (const title of titles) before[title] = await region(page, title).innerText();
  const ledgerKeys = () =>
    page.evaluate(() =>
      Object.fromEntries(Object.keys(localStorage).filter((k) => !k.includes('.read-model')).map((k) => [k, localStorage.getItem(k)])),
    );
  const ledgerBefore = await ledgerKeys();

  await page.evaluate(() => {
    localStorage.removeItem('replay-bank.ledger.read-model.monthly-statement');
    localStorage.setItem('replay-bank.ledger.read-model.balance-over-time', 'balance-over-time\tv1\tnot a position');
  });
  await page.reload();
  await openTab(page, 'Read models');
  const notice = `Rebuilt from the ledger's ${events.length} events: Monthly statement (had no stored copy); Balance over time (its stored copy could not be read). The ledger is untouched.`;
  await eventually(async () => assert.equal(await region(page, 'Read models').locator('.notice').innerText(), notice));
  assert.equal(await page.getByRole('status').filter({ hasText: 'Rebuilt from' }).innerText(), notice);
  for (const title of titles) assert.equal(await region(page, title).innerText(), before[title], `${title}: the same figures`);
  assert.deepEqual(await ledgerKeys(), ledgerBefore, 'the ledger is untouched');
  await eventually(async () =>
    assert.match(
      await page.evaluate(() => localStorage.getItem('replay-bank.ledger.read-model.monthly-statement')),
      new RegExp(`^monthly-statement\tv1\t${events.length}\t`),
    ),
  );

  // A copy that fits is read as it is: no notice.
  await page.reload();
  await openTab(page, 'Read models');
  await expectState(page, { Balance: '$2,100.00' });
  assert.equal(await region(page, 'Read models').locator('.notice').count(), 0);
  for (const title of titles) assert.equal(await region(page, title).innerText(), before[title]);
  await app.done();
  await context.close();
});

test('Large movements switched on later covers every past event and stays on; the last event delivered again changes nothing', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await twoAccountsAndATransfer(page);
  await openTab(page, 'Read models');
  const large = region(page, 'Large movements');
  await large.getByRole('button', { name: 'Switch on Large movements' }).click();
  const { events } = await storedLedger(page);
  const owners = Object.fromEntries(events.filter((e) => e.event_type === 'AccountOpened').map((e) => [e.stream, e.payload.owner]));
  const expected = events
    .filter((e) => (e.event_type === 'MoneyWithdrawn' || e.event_type === 'TransferDebited') && e.payload.amount_cents >= 100000)
    .reverse()
    .map((e) => [
      `#${e.position}`,
      new Date(e.recorded_at_ms).toISOString().slice(0, 19).replace('T', ' '),
      owners[e.stream],
      e.event_type === 'TransferDebited' ? 'Transfer out' : 'Withdrawal',
      dollars(e.payload.amount_cents),
    ]);
  assert.equal(expected.length, 2, 'the transfer of $1,200.00 and the withdrawal of $1,500.00');
  await eventually(async () => assert.deepEqual(await rowsOf(large), expected));
  assert.equal(await positionOf(page, 'Large movements'), `Up to date: position ${events.length} of ${events.length}`);

  const regions = ['Monthly statement', 'Balance over time', 'Accounts overview', 'Large movements'];
  const before = await Promise.all(regions.map((t) => region(page, t).innerText()));
  await page.getByRole('button', { name: 'Deliver the last event again' }).click();
  const last = events.at(-1);
  await eventually(async () =>
    assert.equal(
      await page.getByRole('status').filter({ hasText: 'delivered again' }).innerText(),
      `Event #${last.position} (${last.event_type}) delivered again: 4 read models skipped it, having applied position ${last.position} already. Nothing changed.`,
    ),
  );
  assert.deepEqual(await Promise.all(regions.map((t) => region(page, t).innerText())), before);

  await eventually(async () => assert.ok((await readModelKeys(page)).includes('replay-bank.ledger.read-model.large-movements')));
  await page.reload();
  await openTab(page, 'Read models');
  await eventually(async () => assert.deepEqual(await rowsOf(region(page, 'Large movements')), expected));
  assert.equal(await region(page, 'Large movements').getByRole('button', { name: 'Switch on Large movements' }).count(), 0);
  await app.done();
  await context.close();
});

test('asynchronous delivery: the read models show stale figures while catching up, then catch up; the ledger never lags; read your own writes holds the report', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '100');
  await openTab(page, 'Read models');
  await page.getByLabel('Run asynchronously, behind the ledger').check();
  const lag = page.getByRole('slider', { name: 'Lag' });
  await lag.fill('1500');
  assert.equal(await lag.getAttribute('aria-valuetext'), '1.5 s');
  const overview = region(page, 'Accounts overview');

  await moveMoney(page, 'Deposit', '50');
  await expectState(page, { Balance: '$150.00', 'Events applied': '3' });
  assert.equal(await positionOf(page, 'Accounts overview'), 'Catching up: position 2 of 3');
  assert.equal((await rowsOf(overview))[0][3], '$100.00', 'stale while behind');
  await eventually(async () => assert.equal(await positionOf(page, 'Accounts overview'), 'Up to date: position 3 of 3'), 4000);
  assert.equal((await rowsOf(overview))[0][3], '$150.00');

  await page.getByLabel('Read your own writes').check();
  await moveMoney(page, 'Deposit', '25');
  await expectState(page, { Balance: '$175.00' });
  assert.match(await page.getByRole('status').filter({ hasText: 'Waiting for the read models' }).innerText(), /read your own writes/);
  await eventually(async () =>
    assert.equal(await page.getByRole('status').filter({ hasText: 'Recorded' }).innerText(), 'Recorded MoneyDeposited (#4).'),
  4000);
  assert.equal(await positionOf(page, 'Accounts overview'), 'Up to date: position 4 of 4');

  // Inline again: no lag.
  await page.getByLabel('Run asynchronously, behind the ledger').uncheck();
  await moveMoney(page, 'Deposit', '5');
  assert.equal(await positionOf(page, 'Accounts overview'), 'Up to date: position 5 of 5');
  await app.done();
  await context.close();
});

test('Balance over time: a text alternative, the cursor in words, a click that moves the slider; readable on a phone, a projector and in the dark theme', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Deposit', '200');
  await moveMoney(page, 'Withdraw', '50');
  await expectState(page, { Balance: '$250.00', 'Events applied': '4' });
  await openTab(page, 'Read models');
  const chartRegion = region(page, 'Balance over time');
  const chart = chartRegion.getByRole('img', { name: "Ada Lovelace's balance over the ledger's 4 events: lowest $0.00, highest $300.00, now $250.00." });
  await chart.waitFor();
  assert.match(await chartRegion.locator('figcaption').innerText(), /At the slider \(event 4\): \$250\.00\.$/);
  const box = await chart.boundingBox();
  await chart.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
  const slider = page.getByRole('slider', { name: 'Time travel' });
  await eventually(async () => assert.equal(await slider.inputValue(), '2'));
  await expectState(page, { Balance: '$100.00', 'Events applied': '2' });
  assert.match(await chartRegion.locator('figcaption').innerText(), /At the slider \(event 2\): \$100\.00\.$/);
  await page.getByRole('button', { name: 'Back to now' }).click();

  for (const [name, size, query] of [
    ['phone', { width: 390, height: 844 }, '?tab=read-models'],
    ['projector', { width: 1920, height: 1080 }, '?tab=read-models'],
    ['dark', { width: 1280, height: 800 }, '?tab=read-models&theme=dark'],
  ]) {
    const other = await env.browser.newContext({ viewport: size });
    await other.addInitScript((keys) => {
      if (!sessionStorage.getItem('seeded')) {
        for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v);
        sessionStorage.setItem('seeded', '1');
      }
    }, await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))));
    const seen = await openApp(env, { context: other, url: `${env.url}${query}` });
    if (name === 'projector') await seen.page.getByRole('button', { name: 'Presenter mode' }).click();
    const statement = region(seen.page, 'Monthly statement');
    await statement.locator('table').waitFor();
    // The statement's columns fit the screen: nothing to scroll sideways.
    const fits = await statement.locator('.table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(fits, `${name}: the statement fits`);
    await region(seen.page, 'Balance over time').getByRole('img').waitFor();
    await assertAccessible(seen.page, `the Read models tab, ${name}`);
    await region(seen.page, 'Read models').screenshot({ path: join(ARTIFACTS, `read-models-${name}.png`) });
    await seen.done();
    await other.close();
  }
  await app.done();
  await context.close();
});
