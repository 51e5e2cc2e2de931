// One stage: the command form, the ledger with the cursor's row, the state with its balance and
// the slider with its step buttons are on one screen at the sizes the users have (a laptop, a
// phone, a projector in presenter mode, a 700x500 frame), and stay there after commands and
// slider moves. Everything else is a tab under the stage.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertInView,
  chooseAccount,
  eventually,
  expectState,
  launch,
  ledgerItems,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  openTab,
  region,
  scrollState,
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

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };

/** The stage's parts, found by role and label, as a person would look for them. */
function stageParts(page) {
  const state = region(page, 'Current state');
  const travel = region(page, 'Time travel');
  return [
    [page.getByLabel('Owner', { exact: true }), 'the Owner field'],
    [page.getByLabel('Account', { exact: true }), 'the Account select'],
    [page.getByRole('button', { name: 'Open account' }), 'Open account'],
    [page.getByLabel('Amount', { exact: true }), 'the Amount field'],
    [page.getByRole('button', { name: 'Deposit', exact: true }), 'Deposit'],
    [page.getByRole('button', { name: 'Withdraw', exact: true }), 'Withdraw'],
    [page.getByLabel('To account', { exact: true }), 'the To account select'],
    [page.getByRole('button', { name: 'Transfer', exact: true }), 'Transfer'],
    [page.getByRole('button', { name: 'Close account' }), 'Close account'],
    [page.getByRole('heading', { name: 'Event ledger' }), 'the ledger'],
    [state.getByTestId('balance'), 'the balance'],
    [page.getByRole('slider', { name: 'Time travel' }), 'the slider'],
    [travel.getByRole('button', { name: 'Step back' }), 'Step back'],
    [travel.getByRole('button', { name: 'Step forward' }), 'Step forward'],
    [travel.locator('output'), 'Events applied'],
  ];
}

/**
 * Every part of the stage, and the ledger row at the cursor when there is one, is in view. With
 * `story`, a scenario's caption is told on the projector: its commands are off and give their
 * column to the rest, so they are not shown at all.
 */
async function assertStageInView(page, viewport, when, { story = false } = {}) {
  const parts = stageParts(page);
  const commands = parts.findIndex(([, what]) => what === 'the ledger');
  for (const [locator, what] of story ? parts.slice(commands) : parts) {
    await assertInView(locator, viewport, `${when}: ${what}`);
  }
  if (story) {
    for (const [locator, what] of parts.slice(0, commands)) {
      assert.equal(await locator.isVisible(), false, `${when}: ${what} is not shown while the story is told`);
    }
  }
  // With events, exactly one row is marked as the cursor's, and it is on screen too.
  const head = Number(await page.getByRole('slider', { name: 'Time travel' }).getAttribute('max'));
  const shown = Number(await page.getByRole('slider', { name: 'Time travel' }).inputValue());
  const cursorRow = region(page, 'Event ledger').locator('li[aria-current="step"]');
  if (head > 0 && shown > 0) {
    await eventually(async () => assert.equal(await cursorRow.count(), 1, `${when}: one row at the cursor`));
    await eventually(() => assertInView(cursorRow, viewport, `${when}: the ledger row at the cursor`));
  } else {
    assert.equal(await cursorRow.count(), 0, `${when}: no row before the first event`);
  }
  const scroll = await scrollState(page);
  assert.deepEqual([scroll.y, scroll.sideways], [0, false], `${when}: the page did not scroll`);
}

async function readout(page) {
  return region(page, 'Time travel').locator('output').innerText();
}

test('at 1280x800 the stage fits the screen with 0 and 5 events, after commands and slider moves', async () => {
  const context = await env.browser.newContext({ viewport: LAPTOP });
  const app = await openApp(env, { context });
  const { page } = app;
  await assertStageInView(page, LAPTOP, 'no events');

  await openAccount(page, 'Ada Lovelace');
  for (const [button, amount] of [['Deposit', '100'], ['Deposit', '50'], ['Withdraw', '30'], ['Deposit', '5']]) {
    await moveMoney(page, button, amount);
  }
  await expectState(page, { Balance: '$125.00', 'Events applied': '5' });
  await assertStageInView(page, LAPTOP, 'after five commands');

  await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
  await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
  await expectState(page, { Balance: '$150.00', 'Events applied': '3' });
  assert.equal(await readout(page), 'Events applied: 3 / 5');
  await assertStageInView(page, LAPTOP, 'after stepping back twice');
  await page.getByRole('slider', { name: 'Time travel' }).fill('1');
  await expectState(page, { Balance: '$0.00', 'Events applied': '1' });
  await assertStageInView(page, LAPTOP, 'after dragging the slider to 1');
  await region(page, 'Time travel').getByRole('button', { name: 'Step forward' }).click();
  await expectState(page, { Balance: '$100.00', 'Events applied': '2' });
  await app.done();
  await context.close();
});

test('at 1280x800 the stage fits with 100,000 events, at the present and after a jump', async () => {
  const context = await env.browser.newContext({ viewport: LAPTOP });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada');
  await openMenu(page);
  await page.getByLabel('Events to generate').fill('99999');
  await page.getByRole('button', { name: 'Generate history' }).click();
  // The run ends by saying it generated them all, or why it stopped (then the test fails saying so).
  const generated = page.getByRole('status').filter({ hasText: 'Generated 99,999 events.' });
  const stopped = page.getByRole('alert').filter({ hasText: 'Generating stopped' });
  await eventually(async () => assert.ok((await generated.count()) + (await stopped.count()) > 0, 'generating ended'), 120000);
  assert.deepEqual(await stopped.allInnerTexts(), [], 'generating did not stop');
  assert.equal(await generated.count(), 1);
  await page.getByRole('button', { name: 'Close menu' }).click();
  await expectState(page, { 'Events applied': '100,000' });
  assert.equal(await readout(page), 'Events applied: 100,000 / 100,000');
  await assertStageInView(page, LAPTOP, '100,000 events');
  await page.getByRole('slider', { name: 'Time travel' }).fill('2921');
  await expectState(page, { 'Events applied': '2,921' });
  assert.equal(await readout(page), 'Events applied: 2,921 / 100,000');
  // Checkpoints are in use at this size, and the slider says what the jump cost.
  assert.match(
    await region(page, 'Time travel').locator('.replay-cost').innerText(),
    /Rebuilt from the snapshot at event 2,000: 921 events replayed instead of 2,921\./,
  );
  await assertStageInView(page, LAPTOP, 'after a jump to 2,921 of 100,000');
  // Rows of six-digit positions are whole too: type, time, description and Envelope.
  for (const k of ['99999', '100000']) {
    await page.getByRole('slider', { name: 'Time travel' }).fill(k);
    await eventually(async () => assert.equal(await page.locator('.ledger-item[aria-current="step"]').getAttribute('aria-posinset'), k));
    assert.deepEqual(await page.evaluate(unreadable, '.stage .ledger'), [], `rows around event ${k}: nothing cut`);
  }
  await app.done();
  await context.close();
});

test('a deposit before any account and a deposit after a close are refused by the rules and append nothing', async () => {
  const app = await openApp(env);
  const { page } = app;
  const alert = page.getByRole('alert');
  // Every button can be pressed: the rules, not the page, say no.
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true);
  await moveMoney(page, 'Deposit', '10');
  await eventually(async () => assert.equal(await alert.innerText(), 'Rejected: There is no account yet: open one first.'));
  assert.equal(await ledgerItems(page).count(), 0);
  assert.match(await region(page, 'Event ledger').innerText(), /No events recorded yet\./);
  assert.match(await region(page, 'Commands').innerText(), /Refused this visit, and never recorded: 1 command\./);

  await openAccount(page, 'Grace');
  await moveMoney(page, 'Deposit', '20');
  await expectState(page, { Balance: '$20.00', 'Events applied': '2' });
  await page.getByRole('button', { name: 'Close account' }).click();
  await expectState(page, { Status: 'Closed', 'Events applied': '4' });
  await moveMoney(page, 'Deposit', '5');
  await eventually(async () => assert.match(await alert.innerText(), /^Rejected: Account acc-[0-9a-f]{6} is closed: a closed account accepts no more commands\.$/));
  await page.getByRole('button', { name: 'Close account' }).click();
  await eventually(async () => assert.equal(await page.getByRole('alert').getAttribute('data-id'), '3'));
  assert.match(await alert.innerText(), /^Rejected: Account acc-[0-9a-f]{6} is closed/);
  assert.equal(await ledgerItems(page).count(), 4);
  assert.equal((await storedLedger(page)).events.length, 4);

  await openTab(page, 'Rejected attempts');
  const list = region(page, 'Rejected attempts').getByRole('listitem');
  assert.deepEqual(
    (await list.allInnerTexts()).map((t) => t.split(' — ')[1].split(':')[0]),
    ['A closed account accepts nothing', 'A closed account accepts nothing', 'Money moves only on an open account'],
    'newest first, each with its rule',
  );
  await app.done();
});

test('the past looks like the past: a badge, a tint and what the cursor event changed', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '30');
  await moveMoney(page, 'Deposit', '5');
  await expectState(page, { Balance: '$75.00', 'Events applied': '4' });
  const state = region(page, 'Current state');
  assert.equal(await state.getByText(/^Past:/).count(), 0, 'no badge at the present');
  const presentBackground = await state.evaluate((el) => getComputedStyle(el).backgroundColor);

  await page.getByRole('slider', { name: 'Time travel' }).fill('3');
  await expectState(page, { Balance: '$70.00', 'Events applied': '3' });
  await eventually(async () => assert.equal(await state.getByText(/^Past:/).innerText(), 'Past: after event 3 of 4'));
  assert.match(await state.innerText(), /Last change: \u2212\$30\.00 by #3/);
  const pastBackground = await state.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(pastBackground, presentBackground, 'the panel is tinted in the past');

  await page.getByRole('button', { name: 'Back to now' }).click();
  await expectState(page, { Balance: '$75.00', 'Events applied': '4' });
  assert.equal(await state.getByText(/^Past:/).count(), 0);
  assert.match(await state.innerText(), /Last change: \+\$5\.00 by #4/);
  await app.done();
});

test('on a phone the docked slider shows the past as the state panel does: its badge and its tint', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '30');
  await moveMoney(page, 'Deposit', '5');
  const dock = region(page, 'Time travel');
  const state = region(page, 'Current state');
  const background = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.doesNotMatch(await dock.innerText(), /Past:/, 'no badge at the present');
  const present = await background(dock);

  await page.getByRole('slider', { name: 'Time travel' }).fill('3');
  await expectState(page, { Balance: '$70.00', 'Events applied': '3' });
  await eventually(async () => assert.match(await dock.innerText(), /Past: after event 3 of 4\s+\$70\.00/));
  assert.equal(await background(dock), await background(state), 'the same tint as the state panel in the past');
  assert.notEqual(await background(dock), present);
  // The dock is still where the thumb is: docked at the bottom of the screen.
  const box = await dock.boundingBox();
  assert.ok(Math.abs(box.y + box.height - 844) <= 1, `docked at the bottom (${box.y + box.height})`);
  await app.done();
  await context.close();
});

test("Last change speaks of the chosen account's own events, not another account's event at the cursor", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const app = await openApp(env, { context });
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await openAccount(page, 'Grace');
  await chooseAccount(page, 'Account', 'Ada');
  await expectState(page, { Owner: 'Ada', Balance: '$100.00', 'Events applied': '3' });
  const state = region(page, 'Current state');
  // The cursor's event is #3, Grace's opening: Ada's panel says what last changed Ada.
  await eventually(async () => assert.match(await state.innerText(), /Last change: \+\$100\.00 by #2/));
  assert.doesNotMatch(await state.innerText(), /AccountOpened by #3/);
  await chooseAccount(page, 'Account', 'Grace');
  await eventually(async () => assert.match(await state.innerText(), /Last change: Account opened by #3/));
  await app.done();
  await context.close();
});

test('the tabs are real tabs: arrow keys, Home and End, the open tab in the address, pinned beside the stage', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context });
  const { page } = app;
  const tabs = page.getByRole('tablist').getByRole('tab');
  assert.deepEqual(await tabs.allInnerTexts(), [
    'Compare with CRUD',
    'Transfers',
    'Read models',
    'Questions',
    'How it works',
    'Rejected attempts',
    'Scenarios',
    'Why it matters',
    'Glossary',
  ]);
  await openTab(page, 'Questions');
  assert.match(page.url(), /[?&]tab=questions\b/);
  await page.getByRole('tab', { name: 'Questions' }).press('ArrowRight');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'How it works' }).getAttribute('aria-selected'), 'true'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'How it works');
  await page.keyboard.press('End');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Glossary' }).getAttribute('aria-selected'), 'true'));
  await page.getByRole('tabpanel', { name: 'Glossary' }).getByText('Current state (decision state)').waitFor();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Compare with CRUD' }).getAttribute('aria-selected'), 'true'));
  assert.equal(await page.getByRole('tabpanel').count(), 1, 'only the open tab panel is shown');
  assert.match(page.url(), /[?&]tab=crud\b/);
  // Transfers is the second tab, and the address names it.
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Transfers' }).getAttribute('aria-selected'), 'true'));
  await page.getByRole('tabpanel', { name: 'Transfers' }).getByRole('group', { name: 'Consistency' }).waitFor();
  assert.match(page.url(), /[?&]tab=transfers\b/);
  // Read models comes after it.
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Read models' }).getAttribute('aria-selected'), 'true'));
  await page.getByRole('tabpanel', { name: 'Read models' }).getByRole('region', { name: 'Monthly statement' }).waitFor();
  assert.match(page.url(), /[?&]tab=read-models\b/);
  await page.keyboard.press('ArrowLeft');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Transfers' }).getAttribute('aria-selected'), 'true'));
  await page.keyboard.press('ArrowLeft');
  await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Compare with CRUD' }).getAttribute('aria-selected'), 'true'));

  // Pinned: Compare with CRUD stays beside the stage while another tab is open below.
  await page.getByRole('tabpanel', { name: 'Compare with CRUD' }).getByRole('button', { name: 'Pin beside the stage' }).click();
  const pinned = page.getByRole('complementary', { name: 'Pinned: Compare with CRUD' });
  await pinned.getByRole('region', { name: 'CRUD' }).waitFor();
  assert.match(page.url(), /[?&]pin=crud\b/);
  const ledgerBox = await region(page, 'Event ledger').boundingBox();
  const pinnedBox = await pinned.boundingBox();
  assert.ok(pinnedBox.x >= ledgerBox.x + ledgerBox.width, 'the pinned tab is to the right of the stage');
  assert.ok(pinnedBox.y < ledgerBox.y + ledgerBox.height, 'and beside it, not under it');
  await openTab(page, 'Questions');
  await openAccount(page, 'Ada');
  await eventually(async () => assert.match(await pinned.innerText(), /INSERT INTO accounts/));

  // The address opens the same tabs.
  await page.reload();
  await page.getByRole('main').waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Questions' }).getAttribute('aria-selected'), 'true');
  await page.getByRole('complementary', { name: 'Pinned: Compare with CRUD' }).waitFor();
  await pinned.getByRole('button', { name: 'Unpin' }).click();
  assert.equal(await page.getByRole('complementary', { name: /^Pinned/ }).count(), 0);
  assert.doesNotMatch(page.url(), /pin=/);
  await app.done();
  await context.close();
});

test('occasional actions live in one menu', async () => {
  const app = await openApp(env);
  const { page } = app;
  const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('button', { name: 'Export' }).count(), 0, 'hidden until the menu opens');
  await openMenu(page);
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
  const menu = page.getByRole('region', { name: 'Menu', exact: true });
  for (const name of ['Generate history', 'Export', 'Copy link', 'Clear ledger', 'Keyboard shortcuts']) {
    assert.equal(await menu.getByRole('button', { name, exact: true }).count(), 1, `${name} is in the menu`);
  }
  await menu.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  assert.match(await help.innerText(), /Scenario: next step/);
  await help.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Events to generate').press('Escape');
  await eventually(async () => assert.equal(await menuButton.getAttribute('aria-expanded'), 'false'));
  // The focus goes back to the button that opened the menu, not to nothing.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Menu');
  await app.done();
});

test('a first-time visitor is shown three steps, ticked as done, gone once all are', async () => {
  const context = await env.browser.newContext({ viewport: LAPTOP });
  const app = await openApp(env, { context });
  const { page } = app;
  const hint = page.getByRole('note', { name: 'Start here' });
  const steps = hint.getByRole('listitem');
  assert.equal(await steps.count(), 3);
  assert.equal(await hint.getByText('(done)').count(), 0);
  await openAccount(page, 'Ada');
  await eventually(async () => assert.match(await steps.nth(0).innerText(), /\(done\)/));
  await moveMoney(page, 'Deposit', '10');
  await eventually(async () => assert.match(await steps.nth(1).innerText(), /\(done\)/));
  assert.doesNotMatch(await steps.nth(2).innerText(), /\(done\)/);
  await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
  await eventually(async () => assert.equal(await hint.count(), 0));
  await page.reload();
  await page.getByRole('main').waitFor();
  await expectState(page, { 'Events applied': '2' });
  assert.equal(await hint.count(), 0, 'not shown again');
  await app.done();
  await context.close();
});

test('on a 390x844 phone: no sideways scroll, whole ledger rows, the balance and the slider docked in view', async () => {
  const context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const app = await openApp(env, { context });
  const { page } = app;
  const travel = region(page, 'Time travel');
  const docked = [
    [page.getByRole('slider', { name: 'Time travel' }), 'the slider'],
    [travel.getByRole('button', { name: 'Step back' }), 'Step back'],
    [travel.getByRole('button', { name: 'Step forward' }), 'Step forward'],
    [travel.locator('.dock-balance'), 'the balance in the docked bar'],
  ];
  await openAccount(page, 'Ada Lovelace-Byron of Ockham');
  for (const [button, amount] of [['Deposit', '1,250.75'], ['Withdraw', '30'], ['Deposit', '5']]) {
    await moveMoney(page, button, amount);
    for (const [locator, what] of docked) await assertInView(locator, PHONE, `after ${button} ${amount}: ${what}`);
  }
  await expectState(page, { Balance: '$1,225.75' });
  assert.equal(await travel.locator('.dock-balance').innerText(), '$1,225.75');
  await travel.getByRole('button', { name: 'Step back' }).click();
  // In the past, the balance comes with the state panel's badge.
  await eventually(async () => assert.equal(await travel.locator('.dock-balance').innerText(), 'Past: after event 3 of 4 $1,220.75'));
  assert.equal((await scrollState(page)).sideways, false, 'no horizontal scroll');

  // Every rendered row shows all of itself: position, type, time, the envelope button, the words.
  await region(page, 'Event ledger').scrollIntoViewIfNeeded();
  const rows = await ledgerItems(page).evaluateAll((items) =>
    items.map((li) => ({
      cut: li.scrollHeight > li.clientHeight + 1 || li.scrollWidth > li.clientWidth + 1,
      hidden: [...li.querySelectorAll('.time, button, .description')].filter((el) => el.getClientRects().length === 0).length,
      text: li.innerText,
    })),
  );
  assert.equal(rows.length, 4, 'every event is rendered');
  for (const row of rows) {
    assert.deepEqual([row.cut, row.hidden], [false, 0], `a whole row: ${row.text}`);
    assert.match(row.text, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  }
  await app.done();
  await context.close();
});

test('presenter mode at 1920x1080: the full width, no text under 24px, and the stage fits', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context });
  const { page } = app;
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await moveMoney(page, 'Withdraw', '500');
  await moveMoney(page, 'Withdraw', '30');
  await expectState(page, { Balance: '$70.00', 'Events applied': '3' });
  await assertStageInView(page, PROJECTOR, 'presenter mode, at the present');
  await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
  await expectState(page, { 'Events applied': '2' });
  await assertStageInView(page, PROJECTOR, 'presenter mode, in the past');

  const stage = await page.locator('.stage').boundingBox();
  assert.ok(stage.width >= 1800, `the stage uses the full width: ${Math.round(stage.width)}px`);
  for (const tab of ['Compare with CRUD', 'Transfers', 'Read models', 'Questions', 'How it works', 'Rejected attempts', 'Scenarios', 'Why it matters', 'Glossary']) {
    await openTab(page, tab);
    const small = await page.evaluate(() => {
      const found = [];
      for (const el of document.body.querySelectorAll('*')) {
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (!ownText || el.getClientRects().length === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 24) found.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${size}px`);
      }
      return found;
    });
    assert.deepEqual(small, [], `with "${tab}" open, every text is at least 24px`);
  }
  // Ledger rows are large too, and still whole.
  const row = await ledgerItems(page).first().evaluate((li) => ({
    size: parseFloat(getComputedStyle(li.querySelector('.event-type')).fontSize),
    cut: li.scrollHeight > li.clientHeight + 1,
  }));
  assert.deepEqual(row, { size: 24, cut: false });

  // With "Compare with CRUD" pinned beside it, the stage still fits the projector's screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await openTab(page, 'Compare with CRUD');
  await page.getByRole('button', { name: 'Pin beside the stage' }).click();
  await page.getByRole('complementary', { name: 'Pinned: Compare with CRUD' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await assertStageInView(page, PROJECTOR, 'presenter mode with Compare with CRUD pinned');
  await app.done();
  await context.close();
});

test('layout=compact in a 700x500 frame: the stage alone, within the frame\'s 500px, and the host page never scrolls', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  // A long host page, so a scroll from inside the frame would show.
  await page.goto(`${env.server.origin}/site/embed-example.html`);
  await page.setContent(`<!doctype html><title>Host</title>
    <h1>A chapter</h1>
    <iframe title="Replay Bank" src="${env.url}?embed=1&layout=compact&ns=compact" style="display:block;width:700px;height:500px;border:0;margin-top:40px"></iframe>
    <div style="height:3000px">The rest of the chapter.</div>`);
  const frame = page.frameLocator('iframe[title="Replay Bank"]');
  await frame.getByRole('main').waitFor();
  const frameBox = await page.locator('iframe').boundingBox();
  const inFrame = async (locator, what) => {
    const box = await locator.boundingBox();
    assert.ok(box, `${what} is rendered`);
    assert.ok(
      box.y >= frameBox.y - 0.5 && box.y + box.height <= frameBox.y + frameBox.height + 0.5 &&
        box.x >= frameBox.x - 0.5 && box.x + box.width <= frameBox.x + frameBox.width + 0.5,
      `${what} is inside the frame's 700x500 view (y ${Math.round(box.y - frameBox.y)}, height ${Math.round(box.height)})`,
    );
  };
  const assertCompact = async (when) => {
    for (const [locator, what] of stageParts(frame)) await inFrame(locator, `${when}: ${what}`);
    const height = await frame.locator('html').evaluate((el) => el.scrollHeight);
    assert.ok(height <= 500, `${when}: the compact stage is ${height}px tall`);
    assert.equal(await page.evaluate(() => window.scrollY), 0, `${when}: the host page did not scroll`);
  };
  assert.equal(await frame.getByRole('tablist').count(), 0, 'no tabs in the compact layout');
  await assertCompact('empty');
  await openAccount(frame, 'Ada');
  await moveMoney(frame, 'Deposit', '100');
  await moveMoney(frame, 'Withdraw', '40');
  await moveMoney(frame, 'Withdraw', '400');
  await expectState(frame, { Balance: '$60.00', 'Events applied': '3' });
  await assertCompact('after commands and a refusal');
  await frame.getByRole('button', { name: 'Step back' }).click();
  await expectState(frame, { Balance: '$100.00' });
  await frame.getByRole('slider', { name: 'Time travel' }).fill('1');
  await expectState(frame, { Balance: '$0.00' });
  await assertCompact('after slider moves');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scenario in a frame far down a host page never scrolls the host, on load, at any step or by key', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/site/embed-example.html`);
  await page.setContent(`<!doctype html><title>Host</title>
    <h1>A chapter</h1><p>Read on.</p>
    <div style="height:2000px">The chapter's text.</div>
    <iframe title="Replay Bank" src="${env.url}?embed=1&scenario=disputed-withdrawal&ns=story" style="display:block;width:1100px;height:700px;border:0"></iframe>
    <div style="height:3000px"></div>`);
  const frame = page.frameLocator('iframe[title="Replay Bank"]');
  const caption = frame.getByRole('region', { name: 'Scenario: A disputed withdrawal' });
  await caption.waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'loading the scenario did not scroll the host');
  // The reader scrolls to the frame; from then on only they move the host page.
  const at = await page.evaluate(() => {
    window.scrollTo(0, document.querySelector('iframe').offsetTop - 20);
    return window.scrollY;
  });
  assert.ok(at > 1500, `the host page was scrolled to the frame (${at}px)`);
  for (let step = 2; step <= 5; step += 1) {
    await caption.getByRole('button', { name: 'Next' }).click();
    await eventually(async () => assert.match(await caption.innerText(), new RegExp(`Step ${step} of 5`)));
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.scrollY), at, `step ${step} did not scroll the host`);
  }
  // The shortcuts work inside an embed too: "," steps back.
  await caption.getByRole('heading').click();
  await page.keyboard.press(',');
  await eventually(async () => assert.match(await caption.innerText(), /Step 4 of 5/));
  assert.equal(await page.evaluate(() => window.scrollY), at, 'the "," key did not scroll the host');
  await context.close();
});

test('the scenario caption stays in view, opens the tab each step points at, and follows "," and "."', async () => {
  for (const presenter of [false, true]) {
    const context = await env.browser.newContext({ viewport: presenter ? PROJECTOR : LAPTOP });
    const app = await openApp(env, { context });
    const { page } = app;
    const viewport = presenter ? PROJECTOR : LAPTOP;
    if (presenter) await page.getByRole('button', { name: 'Presenter mode' }).click();
    await openTab(page, 'Scenarios');
    await page.getByLabel('Scenario', { exact: true }).selectOption('overdraft');
    await page.getByRole('button', { name: 'Load scenario' }).click();
    const caption = page.getByRole('region', { name: 'Scenario: An overdraft attempt' });
    await caption.waitFor();
    assert.match(await caption.innerText(), /Step 1 of 3/);
    await caption.getByRole('button', { name: 'Next' }).click();
    // Step 2 points at the rejected attempts: outlined, beside the stage where the screen has
    // room for a pinned tab (the projector), under it otherwise (the laptop).
    if (presenter) {
      const pinned = page.getByRole('complementary', { name: 'Pinned: Rejected attempts' });
      await pinned.waitFor();
      await eventually(async () => assert.equal(await pinned.locator('.spotlight').count() + (await pinned.evaluate((el) => el.classList.contains('spotlight') ? 1 : 0)), 1));
    } else {
      await eventually(async () => assert.equal(await page.getByRole('tab', { name: 'Rejected attempts' }).getAttribute('aria-selected'), 'true'));
      await eventually(async () => assert.equal(await page.locator('#tabpanel-rejected.spotlight').count(), 1));
    }
    const rejected = region(page, 'Rejected attempts');
    assert.match(await rejected.innerText(), /Withdraw \$100\.00 — No overdraft/);
    await assertInView(caption, viewport, `${presenter ? 'presenter' : 'laptop'}: the caption at step 2`);
    await assertInView(caption.getByRole('button', { name: 'Next' }), viewport, 'its Next button');
    await assertInView(rejected.getByRole('heading', { name: 'Rejected attempts' }), viewport, 'the tab it points at');
    if (presenter) {
      // The stage stays on the projector's one screen, under the caption, beside the pinned tab.
      await page.waitForTimeout(300);
      await assertStageInView(page, viewport, 'presenter: a scenario step with its tab pinned', { story: true });
    }
    // "." and "," step from the keyboard.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('.');
    await eventually(async () => assert.match(await caption.innerText(), /Step 3 of 3/));
    await expectState(page, { 'Events applied': '3' });
    await assertInView(caption, viewport, 'the caption at step 3');
    await page.keyboard.press(',');
    await eventually(async () => assert.match(await caption.innerText(), /Step 2 of 3/));
    await caption.getByRole('button', { name: 'Step 1' }).click();
    await eventually(async () => assert.match(await caption.innerText(), /Step 1 of 3/));
    await expectState(page, { 'Events applied': '2' });
    await app.done();
    await context.close();
  }
});

test('readonly=1 with no scenario shows a sample history and says which, with no command copy', async () => {
  const app = await openApp(env, { url: `${env.url}?readonly=1&ns=sample` });
  const { page } = app;
  const caption = page.getByRole('region', { name: 'Scenario: A busy month' });
  await caption.waitFor();
  await expectState(page, { 'Events applied': '31' });
  assert.ok((await ledgerItems(page).count()) > 0);
  assert.equal(await page.getByRole('region', { name: 'Commands' }).count(), 0);
  assert.equal(await caption.getByRole('button', { name: 'Keep this history' }).count(), 0);
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /Send a command|Open account|Start here/);
  assert.equal(await page.evaluate(() => localStorage.getItem('replay-bank.ledger@sample')), null, 'storage untouched');
  await app.done();
});

test('until the app has started, the page says it is loading instead of being blank; a crash is said in words', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  let release;
  const gate = new Promise((ok) => (release = ok));
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(env.url);
  const loading = page.getByRole('status').filter({ hasText: 'Loading Replay Bank' });
  await loading.waitFor();
  assert.equal(await loading.isVisible(), true);
  release();
  await page.getByRole('main').waitFor();
  await eventually(async () => assert.equal(await loading.isVisible(), false));

  // A bug that stops the app (a WebAssembly trap) is said in words, not left as a frozen page.
  await page.evaluate(() => dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable') })));
  const stopped = page.getByRole('alert').filter({ hasText: 'Replay Bank stopped because of a bug' });
  await stopped.waitFor();
  assert.match(await stopped.innerText(), /Your ledger is safe: every accepted event is in this browser's storage\. Reload the page to go on\./);
  await context.close();
});
