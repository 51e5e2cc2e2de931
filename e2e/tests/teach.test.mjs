// The CRUD twin and the questions: what a table would have overwritten, live at the cursor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ARTIFACTS, balanceAfter, dollars, eventually, expectState, launch, ledgerTypes, moveMoney, openAccount, openApp, openTab, region, storedLedger } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** The answers the ledger should give after the first k stored events, computed here. */
function expectedAnswers(events, k) {
  const applied = events.slice(0, k);
  const last = applied.map((e) => e.event_type).lastIndexOf('MoneyWithdrawn');
  return {
    beforeLastWithdrawal: last < 0 ? 'There is no withdrawal yet.' : `${dollars(balanceAfter(events, last))}, just before event #${last + 1}.`,
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

test('the CRUD twin shows the INSERT, each UPDATE with the value it overwrote and the intent no column keeps, and closing as a status', async () => {
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
    assert.equal(cells.length, 5);
    assert.deepEqual(cells.slice(0, 4), [id, 'Ada', '1030.50', 'open']);
    assert.match(cells[4], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'created_at, as CRUD ordinarily keeps it');
  });
  let text = await crud.innerText();
  assert.match(text, new RegExp(`UPDATE accounts SET balance = 1030\\.50 WHERE id = '${id}';`));
  assert.equal(await crud.locator('del').innerText(), 'balance 950.00', 'the overwritten balance, struck through');
  assert.match(text, /Recorded nowhere\s+that a deposit of \$80\.50 changed it/);
  assert.match(text, new RegExp(`INSERT INTO events \\(position, stream_id, version, type, payload\\) VALUES \\(4, '${id}', 4, 'MoneyDeposited', '\\{"amount_cents":8050\\}'\\);`));
  assert.match(text, /CRUD has overwritten 3 values so far; every one is still in the ledger\./);

  // Back at event 1: the INSERT, which destroyed nothing.
  const slider = page.getByRole('slider', { name: 'Time travel' });
  await slider.fill('1');
  await eventually(async () =>
    assert.match(
      await crud.innerText(),
      /INSERT INTO accounts \(id, owner, balance, status, created_at\) VALUES \('acc-[0-9a-f]+', 'Ada', 0\.00, 'open', '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'\);/,
    ),
  );
  assert.equal(await crud.locator('del').count(), 0);
  // A table has no past: its rows stay as they are now, and it says so.
  assert.deepEqual((await crud.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).slice(0, 4), [id, 'Ada', '1030.50', 'open']);
  assert.match(await crud.getByRole('note').filter({ hasText: 'no past' }).innerText(), /^A table has no past: these are its rows now, wherever the slider is\. What CRUD ran at event #1/);
  assert.match(await crud.innerText(), /accounts, now/);

  // Closing pays out and sets the status in one UPDATE; the row stays.
  await page.getByRole('button', { name: 'Close account' }).click();
  await expectState(page, { Status: 'Closed', 'Events applied': '6' });
  await slider.fill('5');
  await eventually(async () =>
    assert.match(await crud.innerText(), new RegExp(`UPDATE accounts SET balance = 0\\.00, status = 'closed' WHERE id = '${id}';`)),
  );
  assert.equal(await crud.locator('del').innerText(), 'balance 1030.50, status open');
  assert.deepEqual((await crud.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).slice(0, 4), [id, 'Ada', '0.00', 'closed']);
  await page.getByRole('button', { name: 'Back to now' }).click();
  await eventually(async () => assert.equal(await crud.getByRole('note').filter({ hasText: 'no past' }).count(), 0));
  assert.doesNotMatch(await crud.innerText(), /DELETE/);
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
  await openTab(page, 'Questions');
  const slider = page.getByRole('slider', { name: 'Time travel' });
  for (const k of [5, 4, 3, 2, 1]) {
    await slider.fill(String(k));
    await expectState(page, { 'Events applied': String(k) });
    const expected = expectedAnswers(events, k);
    await eventually(async () => {
      const got = await answers(page);
      assert.equal(got['What was the balance before the last withdrawal?'].fromEvents, expected.beforeLastWithdrawal, `at ${k}`);
      assert.equal(got['How many deposits were made?'].fromEvents, expected.deposits, `at ${k}`);
      assert.match(got['When was the account opened, and for whom?'].fromEvents, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC for Grace \(event #1\)\.$/);
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
  assert.deepEqual(keys, ['d', 'w', '[', ']', 'g', 'n', ',', '.', 'p', '?']);
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await help.isVisible(), false));
  await app.done();
});

test('presenter mode enlarges the type and keeps every tab reachable; the dark theme switch is remembered', async () => {
  const app = await openApp(env);
  const { page } = app;
  const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(await fontSize(), '16px');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  assert.equal(await fontSize(), '24px');
  assert.equal(await region(page, 'Event ledger').isVisible(), true);
  // Nothing a scenario step can point at is hidden for the class.
  await openTab(page, 'Rejected attempts');
  assert.equal(await region(page, 'Rejected attempts').isVisible(), true);
  const presenter = page.getByRole('button', { name: 'Presenter mode' });
  assert.equal(await presenter.getAttribute('aria-pressed'), 'true');
  await presenter.click();
  assert.equal(await fontSize(), '16px');

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
  ['A disputed withdrawal', [[5, 'Event ledger'], [3, 'Current state'], [4, 'CRUD'], [5, 'Questions'], [6, 'Event ledger']]],
  ['An overdraft attempt', [[2, 'Current state'], [2, 'Rejected attempts'], [3, 'Event ledger']]],
  ['Closing an account that holds money', [[3, 'Current state'], [5, 'Event ledger'], [4, 'CRUD']]],
  ['A busy month', [[31, 'Event ledger'], [2, 'Current state'], [31, 'Questions'], [31, 'Time travel']]],
  ['A transfer to a closed account', [[4, 'Accounts'], [6, 'Accounts'], [7, 'Event ledger'], [8, 'Accounts']]],
  ['A crash mid-transfer', [[5, 'Accounts'], [5, 'CRUD'], [7, 'Event ledger']]],
];

test('each scenario loads beside the own ledger and narrates to its end, moving the slider and the spotlight', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Mine');
  const own = await storedLedger(page);
  for (const [title, steps] of STORIES) {
    await openTab(page, 'Scenarios');
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: title });
    await region(page, 'Scenarios').getByRole('button', { name: 'Load scenario' }).click();
    const caption = region(page, `Scenario: ${title}`);
    await caption.waitFor();
    for (const [i, [cursor, panel]] of steps.entries()) {
      if (i > 0) await caption.getByRole('button', { name: 'Next' }).click();
      await eventually(async () => assert.match(await caption.innerText(), new RegExp(`Step ${i + 1} of ${steps.length}`)));
      await expectState(page, { 'Events applied': String(cursor) });
      assert.match(await caption.innerText(), new RegExp(`Look at: ${panel}`));
      // Exactly one part of the page is outlined: the panel the step talks about.
      await eventually(async () => {
        assert.equal(await page.locator('.spotlight').count(), 1);
        assert.equal(await page.locator('.spotlight h2').first().innerText(), panel);
      });
    }
    assert.equal(await caption.getByRole('button', { name: 'Next' }).isDisabled(), true, `${title} ends`);
    await caption.getByRole('button', { name: 'Previous' }).click();
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

test("mid-transfer, CRUD has already moved the money in one transaction and says the moment in flight is the ledger's choice", async () => {
  const app = await openApp(env, { url: `${env.url}?scenario=crash-mid-transfer` });
  const { page } = app;
  const caption = region(page, 'Scenario: A crash mid-transfer');
  await caption.waitFor();
  await caption.getByRole('button', { name: 'Next' }).click();
  await expectState(page, { 'Events applied': '5' });
  const crud = region(page, 'CRUD');
  await eventually(async () =>
    assert.match(
      await crud.getByRole('note').filter({ hasText: 'in flight' }).innerText(),
      /^The ledger shows \$120\.00 in flight; CRUD has none, as it moved the money in one transaction\. .*each account is its own consistency boundary/,
    ),
  );
  const balances = await crud.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => r.cells[2].innerText));
  assert.deepEqual(balances, ['180.00', '120.00'], 'both rows changed together, at the request');
  assert.match(await crud.innerText(), /-- nothing: CRUD ran the whole transfer at #4, in one transaction/);
  await app.done();
});

test('scenario= opens a story at start, with its refusal listed', async () => {
  const app = await openApp(env, { url: `${env.url}?scenario=overdraft` });
  const { page } = app;
  await region(page, 'Scenario: An overdraft attempt').waitFor();
  await expectState(page, { 'Events applied': '2', Owner: 'Grace Hopper', Balance: '$70.00' });
  await openTab(page, 'Rejected attempts');
  assert.match(await region(page, 'Rejected attempts').innerText(), /Withdraw \$100\.00.*Insufficient funds: balance \$70\.00, tried to withdraw \$100\.00/s);
  await app.done();
});

test('how it works lights the steps a command went through; a refusal stops at step one', async () => {
  const context = await env.browser.newContext({ reducedMotion: 'no-preference' });
  const app = await openApp(env, { context });
  const { page } = app;
  await openTab(page, 'How it works');
  const how = region(page, 'How it works');
  await openAccount(page, 'Ada');
  await eventually(async () => assert.match(await how.innerText(), /Appended #1 AccountOpened/));
  assert.deepEqual(await how.locator('.flow-step').evaluateAll((els) => els.map((e) => e.className)), [
    'flow-step lit',
    'flow-step lit',
    'flow-step lit',
  ]);
  assert.equal(await how.locator('.flow-step').first().evaluate((e) => getComputedStyle(e).animationName), 'light-up');
  await moveMoney(page, 'Deposit', '70');
  await moveMoney(page, 'Withdraw', '100');
  await eventually(async () => assert.match(await how.innerText(), /Not reached: refused at step one/));
  const checks = await how.locator('.checks li').allInnerTexts();
  assert.deepEqual(checks, [
    'Money moves only on an open account: passed',
    'A closed account accepts nothing: passed',
    'Amounts are positive: passed',
    'No overdraft: failed',
  ]);
  assert.match(await how.locator('.flow-step').first().getAttribute('class'), /stopped/);
  await app.done();
  await context.close();

  // With reduced motion asked for, nothing animates.
  const calm = await env.browser.newContext({ reducedMotion: 'reduce' });
  const quiet = await openApp(env, { context: calm, url: `${env.url}?tab=how-it-works` });
  await openAccount(quiet.page, 'Ada');
  const first = region(quiet.page, 'How it works').locator('.flow-step').first();
  await first.waitFor();
  assert.equal(await first.evaluate((e) => getComputedStyle(e).animationName), 'none');
  await quiet.done();
  await calm.close();
});

test('another clerk writing first: the append is refused, the command decided again, and How it works shows each step', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '3,200');
  await openTab(page, 'How it works');
  const how = region(page, 'How it works');
  const clerk = how.getByRole('button', { name: 'Simulate another clerk writing first' });
  assert.equal(await clerk.getAttribute('aria-pressed'), 'false');
  await clerk.click();
  await eventually(async () => assert.equal(await clerk.getAttribute('aria-pressed'), 'true'));
  await moveMoney(page, 'Withdraw', '1,150');
  const status = page.getByRole('status').filter({ hasText: 'Another clerk wrote first' });
  await eventually(async () =>
    assert.match(
      await status.innerText(),
      /Recorded MoneyWithdrawn \(#4\)\. Another clerk wrote first: the append expecting version 2 was refused, and the command was decided again on version 3\./,
    ),
  );
  const steps = await how.getByRole('list', { name: 'How the command was handled' }).getByRole('listitem').allInnerTexts();
  assert.equal(steps.length, 7);
  assert.match(steps[0], /^Load acc-[0-9a-f]+: 2 events, balance \$3,200\.00, version 2\.$/);
  assert.match(steps[2], /another clerk appended MoneyDeposited/);
  assert.match(steps[3], /^Append expecting version 2: refused, the stream is at version 3\./);
  assert.match(steps[6], /^Append expecting version 3: accepted, now version 4\.$/);
  assert.deepEqual(await ledgerTypes(page), ['AccountOpened', 'MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn']);
  await expectState(page, { Balance: '$2,060.00' });
  // One command only: the switch is off again.
  await eventually(async () => assert.equal(await clerk.getAttribute('aria-pressed'), 'false'));
  await app.done();
});

test('each "Why it matters" card does what it says', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openTab(page, 'Why it matters');
  const why = region(page, 'Why it matters');
  // The ledger keeps every change, but no actor: the card does not call it an audit trail of who.
  assert.match(await why.innerText(), /Who acted is not recorded here; an audit trail would add it to each event's metadata\./);
  assert.doesNotMatch(await why.innerText(), /who did what/);
  // A past state is folded with today's code, not the code of that day: said, as an expert would.
  assert.match(await why.innerText(), /of the events up to it, with today's code \(not the code of that day\)/);
  assert.equal(await why.getByRole('button', { name: 'Replay to just before the last withdrawal' }).isDisabled(), true);
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '40');
  await moveMoney(page, 'Deposit', '5');
  await expectState(page, { 'Events applied': '4' });
  await why.getByRole('button', { name: 'Replay to just before the last withdrawal' }).click();
  await expectState(page, { 'Events applied': '2', Balance: '$100.00' });
  await why.getByRole('button', { name: 'See when it was opened, and for whom' }).click();
  await expectState(page, { 'Events applied': '1', Owner: 'Ada' });
  await why.getByRole('button', { name: 'See the questions' }).click();
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Questions' }).getAttribute('aria-selected'), 'true'));
  await eventually(async () => assert.equal(await region(page, 'Questions').isVisible(), true));
  await app.done();
});

test('keyboard only: Tab reaches every control, and the focused one always shows it', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const seen = new Map();
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        id: el.id || `${el.tagName}:${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}`,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
      };
    });
    if (!focus) continue;
    assert.ok(focus.outline || focus.shadow, `${focus.id} shows that it has focus`);
    if (seen.has(focus.id)) break;
    seen.set(focus.id, true);
  }
  const controls = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, a[href], [tabindex="0"]')]
      // A tab list is one stop for Tab (its selected tab); the arrow keys move within it. A
      // folded disclosure's controls are reached by opening it: its summary is a stop.
      .filter((el) => !el.disabled && el.offsetParent !== null && !el.closest('dialog:not([open])') && !el.closest('details:not([open]) > :not(summary)') && el.getAttribute('tabindex') !== '-1')
      .map((el) => el.id || `${el.tagName}:${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}`),
  );
  const missed = controls.filter((c) => !seen.has(c));
  assert.deepEqual(missed, [], 'every enabled control is reachable by Tab');
  await app.done();
});

test('screenshots of the light and dark main view and of presenter mode are saved as artifacts', async () => {
  for (const [name, theme, presenter] of [['replay-bank-light', 'light', false], ['replay-bank-dark', 'dark', false], ['replay-bank-presenter', 'light', true]]) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const app = await openApp(env, { context, url: `${env.url}?theme=${theme}&scenario=disputed-withdrawal` });
    const { page } = app;
    await expectState(page, { 'Events applied': '5' });
    await region(page, 'Scenario: A disputed withdrawal').getByRole('button', { name: 'Next' }).click();
    await expectState(page, { 'Events applied': '3' });
    if (presenter) await page.getByRole('button', { name: 'Presenter mode' }).click();
    const path = join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path, fullPage: !presenter });
    const { statSync } = await import('node:fs');
    assert.ok(statSync(path).size > 10_000, `${name}.png was written`);
    await app.done();
    await context.close();
  }
});
