// The CRUD twin and the questions: what a table would have overwritten, live at the cursor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, expectState, launch, moveMoney, openAccount, openApp, region, storedLedger } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const dollars = (cents) =>
  `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;

/** The answers the ledger should give after the first k stored events, computed here. */
function expectedAnswers(events, k) {
  const applied = events.slice(0, k);
  const balanceAfter = (n) =>
    applied.slice(0, n).reduce((sum, e) => sum + (e.event_type === 'MoneyDeposited' ? e.amount_cents : e.event_type === 'MoneyWithdrawn' ? -e.amount_cents : 0), 0);
  const last = applied.map((e) => e.event_type).lastIndexOf('MoneyWithdrawn');
  return {
    beforeLastWithdrawal: last < 0 ? 'There is no withdrawal yet.' : `${dollars(balanceAfter(last))}, just before event #${last + 1}.`,
    deposits: `${applied.filter((e) => e.event_type === 'MoneyDeposited').length}.`,
  };
}

async function answers(page) {
  const rows = region(page, 'Questions').getByRole('row');
  const result = {};
  for (const row of (await rows.all()).slice(1)) {
    const [ask, fromEvents, fromCrud] = await row.locator('th, td').allInnerTexts();
    result[ask] = { fromEvents, fromCrud };
  }
  return result;
}

test('the CRUD twin shows the INSERT, each UPDATE with the value it destroyed, and the DELETE', async () => {
  const app = await openApp(env);
  const { page } = app;
  const crud = region(page, 'CRUD');
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '1,250');
  await moveMoney(page, 'Withdraw', '300');
  await moveMoney(page, 'Deposit', '80.50');
  await expectState(page, { Balance: '$1,030.50', 'Events applied': '4' });
  const id = (await page.locator('.fact', { hasText: 'Account id' }).locator('dd').innerText()).trim();

  await eventually(async () => {
    const cells = await crud.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    assert.deepEqual(cells, [id, 'Ada', '1030.50', 'open']);
  });
  let text = await crud.innerText();
  assert.match(text, new RegExp(`UPDATE accounts SET balance = 1030\\.50 WHERE id = '${id}';`));
  assert.equal(await crud.locator('del').innerText(), 'balance 950.00', 'the overwritten balance, struck through');
  assert.match(text, new RegExp(`INSERT INTO events \\(position, stream_id, version, type, payload\\) VALUES \\(4, '${id}', 4, 'MoneyDeposited', '\\{"amount_cents":8050\\}'\\);`));
  assert.match(text, /CRUD has destroyed 3 values so far; every one is still in the ledger\./);

  // Back at event 1: the INSERT, which destroyed nothing.
  const slider = page.getByRole('slider', { name: 'Time travel' });
  await slider.fill('1');
  await eventually(async () => assert.match(await crud.innerText(), /INSERT INTO accounts \(id, owner, balance, status\) VALUES \('acc-[0-9a-f]+', 'Ada', 0\.00, 'open'\);/));
  assert.equal(await crud.locator('del').count(), 0);
  assert.deepEqual(await crud.getByRole('row').nth(1).getByRole('cell').allInnerTexts(), [id, 'Ada', '0.00', 'open']);

  // Closing pays out, then DELETE takes the whole row.
  await page.getByRole('button', { name: 'Close account' }).click();
  await expectState(page, { Status: 'Closed', 'Events applied': '6' });
  await eventually(async () => assert.match(await crud.innerText(), new RegExp(`DELETE FROM accounts WHERE id = '${id}';`)));
  assert.equal(await crud.locator('del').innerText(), `the whole row: id ${id}, owner Ada, balance 0.00, status open`);
  assert.match(await crud.getByRole('row').nth(1).innerText(), /\(no row\)/);
  await app.done();
});

test('the questions are answered from the ledger at every cursor, and the CRUD side cannot', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Grace');
  await moveMoney(page, 'Deposit', '500');
  await moveMoney(page, 'Withdraw', '120');
  await moveMoney(page, 'Deposit', '40');
  await moveMoney(page, 'Withdraw', '15');
  await expectState(page, { 'Events applied': '5' });
  const { events } = await storedLedger(page);
  const slider = page.getByRole('slider', { name: 'Time travel' });
  for (const k of [5, 4, 3, 2, 1]) {
    await slider.fill(String(k));
    await expectState(page, { 'Events applied': String(k) });
    const expected = expectedAnswers(events, k);
    await eventually(async () => {
      const got = await answers(page);
      assert.equal(got['What was the balance before the last withdrawal?'].fromEvents, expected.beforeLastWithdrawal, `at ${k}`);
      assert.equal(got['How many deposits were made?'].fromEvents, expected.deposits, `at ${k}`);
      assert.match(got['When was the account opened, and by whom?'].fromEvents, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by Grace \(event #1\)\.$/);
      // All within seconds of each other: every withdrawal came within 5 minutes of a deposit.
      const withdrawals = events.slice(0, k).filter((e) => e.event_type === 'MoneyWithdrawn').length;
      assert.equal(got['How many withdrawals came within 5 minutes of a deposit?'].fromEvents, `${withdrawals}.`);
      assert.match(got['What was the balance before the last withdrawal?'].fromCrud, /^Overwritten/);
      assert.match(got['How many deposits were made?'].fromCrud, /^Unknown/);
    });
  }
  await app.done();
});

test('keyboard shortcuts step through history and send commands; "?" lists them', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '30');
  await expectState(page, { 'Events applied': '3' });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const [key, applied] of [['[', '2'], ['[', '1'], ['g', '0'], [']', '1'], ['n', '3']]) {
    await page.keyboard.press(key);
    await expectState(page, { 'Events applied': applied });
  }
  // In a text field a letter is just typed.
  const amount = page.getByLabel('Amount', { exact: true });
  await amount.fill('');
  await amount.type('5d');
  assert.equal(await amount.inputValue(), '5d');
  await amount.fill('5');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('d');
  await expectState(page, { 'Events applied': '4', Balance: '$75.00' });
  await amount.fill('25');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('w');
  await expectState(page, { 'Events applied': '5', Balance: '$50.00' });

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  const keys = await help.locator('kbd').allInnerTexts();
  assert.deepEqual(keys, ['d', 'w', '[', ']', 'g', 'n', 'p', '?']);
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await help.isVisible(), false));
  await app.done();
});

test('presenter mode enlarges and hides secondary panels; the dark theme switch is remembered', async () => {
  const app = await openApp(env);
  const { page } = app;
  const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(await fontSize(), '16px');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  assert.equal(await fontSize(), '20px');
  for (const name of ['Generate history', 'Share', 'Delete history']) {
    assert.equal(await region(page, name).isVisible(), false, `${name} hidden for the class`);
  }
  assert.equal(await region(page, 'Event ledger').isVisible(), true);
  const presenter = page.getByRole('button', { name: 'Presenter mode' });
  assert.equal(await presenter.getAttribute('aria-pressed'), 'true');
  await presenter.click();
  assert.equal(await fontSize(), '16px');
  assert.equal(await region(page, 'Share').isVisible(), true);

  const dark = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await dark.getAttribute('aria-pressed'), 'false');
  await dark.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  await page.getByRole('main').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'remembered');
  assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.reload();
  await page.getByRole('main').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await app.done();
});

const STORIES = [
  ['A disputed withdrawal', [[5, 'Event ledger'], [3, 'Current state'], [4, 'CRUD'], [5, 'Questions']]],
  ['An overdraft attempt', [[2, 'Current state'], [3, 'Rejected attempts'], [3, 'Event ledger']]],
  ['Closing an account that holds money', [[3, 'Current state'], [5, 'Event ledger'], [5, 'CRUD']]],
  ['A busy month', [[31, 'Event ledger'], [2, 'Current state'], [31, 'Questions'], [31, 'Time travel']]],
];

test('each scenario loads beside the own ledger and narrates to its end, moving the slider and the spotlight', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Mine');
  const own = await storedLedger(page);
  const scenarios = region(page, 'Scenarios');
  for (const [title, steps] of STORIES) {
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: title });
    await scenarios.getByRole('button', { name: 'Load scenario' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'You are looking at the scenario' });
    await eventually(async () => assert.match(await banner.innerText(), new RegExp(`the scenario "${title}" \\(\\d+ events\\), read-only`)));
    for (const [i, [cursor, panel]] of steps.entries()) {
      if (i > 0) await scenarios.getByRole('button', { name: 'Next' }).click();
      await eventually(async () => assert.match(await scenarios.innerText(), new RegExp(`${title}: step ${i + 1} of ${steps.length}`)));
      await expectState(page, { 'Events applied': String(cursor) });
      assert.match(await scenarios.innerText(), new RegExp(`Look at: ${panel}`));
      await eventually(async () => assert.deepEqual(await page.locator('section.spotlight > :is(h2, h3)').allInnerTexts(), [panel]));
    }
    assert.equal(await scenarios.getByRole('button', { name: 'Next' }).isDisabled(), true, `${title} ends`);
    await scenarios.getByRole('button', { name: 'Previous' }).click();
    await expectState(page, { 'Events applied': String(steps[steps.length - 2][0]) });
    // Storage still holds only the own ledger.
    assert.deepEqual(await storedLedger(page), own);
  }
  // The overdraft story's refusal is listed; keeping a story over a ledger asks first.
  await page.getByRole('button', { name: 'Keep this history' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your ledger with this shared history?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Keep my ledger' }).click();
  await page.getByRole('button', { name: 'Back to my ledger' }).click();
  await expectState(page, { Owner: 'Mine', 'Events applied': '1' });
  assert.deepEqual(await storedLedger(page), own);
  await app.done();
});

test('scenario= opens a story at start, with its refusal listed', async () => {
  const app = await openApp(env, { url: `${env.url}?scenario=overdraft` });
  const { page } = app;
  await eventually(async () =>
    assert.equal(await page.getByRole('status').filter({ hasText: 'You are looking at the scenario "An overdraft attempt"' }).count(), 1),
  );
  await expectState(page, { 'Events applied': '2', Owner: 'Grace Hopper', Balance: '$70.00' });
  assert.match(await region(page, 'Rejected attempts').innerText(), /Withdraw \$100\.00.*Insufficient funds: balance \$70\.00, tried to withdraw \$100\.00/s);
  await app.done();
});
