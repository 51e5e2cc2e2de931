// Fit and finish: what a learner, an instructor and a docs page tripped over, each checked at the
// size where it broke: the cursor's row in view after presenter mode is switched on beside a
// pinned tab, disabled buttons that look alike, a ledger row that opens its Event details, the
// delivery choice on the stage, and a menu that opens over the page and closes on Escape.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertInView,
  chooseAccount,
  eventually,
  expectState,
  launch,
  moveMoney,
  openAccount,
  openApp,
  openTab,
  region,
  scrollState,
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
const PROJECTOR = { width: 1920, height: 1080 };

async function laptopApp(url) {
  const context = await env.browser.newContext({ viewport: LAPTOP });
  const app = await openApp(env, { context, url });
  return { ...app, done: async () => { await app.done(); await context.close(); } };
}

/** The ledger's row at the cursor lies within the ledger's own scrolled box (not only the page). */
async function assertCursorRowVisible(page, when) {
  await eventually(async () => {
    const seen = await page.evaluate(() => {
      const list = document.querySelector('.ledger-viewport').getBoundingClientRect();
      const row = document.querySelector('.ledger-item[aria-current="step"]')?.getBoundingClientRect();
      return row ? { top: row.top - list.top, bottom: list.bottom - row.bottom } : null;
    });
    assert.ok(seen && seen.top >= -1 && seen.bottom >= -1, `${when}: the cursor's row is inside the ledger's box (${JSON.stringify(seen)})`);
  });
}

test('at 1920x1080, switching presenter mode on beside a pinned tab keeps the cursor\'s row in view', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context, url: `${env.url}?pin=crud` });
  const { page } = app;
  await openAccount(page, 'Ada');
  for (const amount of ['10', '20', '30', '40', '50', '60', '70', '80']) await moveMoney(page, 'Deposit', amount);
  await expectState(page, { 'Events applied': '9' });
  await assertCursorRowVisible(page, 'before presenter mode');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await assertCursorRowVisible(page, 'right after presenter mode is switched on');
  await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
  await assertCursorRowVisible(page, 'after a step back');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await assertCursorRowVisible(page, 'right after presenter mode is switched off');
  await app.done();
  await context.close();
});

test('a disabled button looks the same everywhere, hovered or not, whether it cannot be pressed or says why', async () => {
  const app = await laptopApp(`${env.url}?tab=read-models`);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  const look = (locator) => locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, color: style.color, border: style.borderColor };
  });
  const stepForward = region(page, 'Time travel').getByRole('button', { name: 'Step forward' });
  assert.equal(await stepForward.isDisabled(), true, 'at the present there is no step forward');
  const disabled = await look(stepForward);
  const deploy = page.getByRole('button', { name: 'Deploy a buggy version' });
  await deploy.click();
  await eventually(async () => assert.equal(await deploy.getAttribute('aria-disabled'), 'true'));
  // Just clicked: the pointer is still over it.
  await deploy.hover();
  assert.deepEqual(await look(deploy), disabled, 'a just-clicked aria-disabled button under the pointer');
  await stepForward.hover({ force: true });
  assert.deepEqual(await look(stepForward), disabled, 'a disabled button under the pointer');
  await app.done();
});

test('a click on a ledger row, or Enter on its Envelope, opens its Event details; a second click closes them', async () => {
  const app = await laptopApp();
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  const details = page.getByRole('region', { name: 'Event details' });
  const row = region(page, 'Event ledger').locator('li[aria-posinset="2"]');
  await row.locator('.description').click();
  await eventually(async () => assert.match(await details.innerText(), /MoneyDeposited/));
  assert.equal(await row.getByRole('button', { name: 'Envelope JSON for #2' }).getAttribute('aria-pressed'), 'true');
  await row.locator('.description').click();
  await eventually(async () => assert.equal(await details.count(), 0));
  const first = region(page, 'Event ledger').getByRole('button', { name: 'Envelope JSON for #1' });
  await first.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await details.innerText(), /AccountOpened/));
  assert.equal(await first.getAttribute('aria-pressed'), 'true', 'one toggle per press, not two');
  await app.done();
});

test('at 1280x800, the delivery choice sits on the stage beside the transfer it steps, which names owners', async () => {
  const app = await laptopApp();
  const { page } = app;
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '100');
  const accounts = region(page, 'Accounts');
  assert.equal(await accounts.getByRole('group', { name: 'Deliver steps' }).count(), 0, 'no choice while a transfer cannot be made');
  await openAccount(page, 'Grace Hopper');
  await chooseAccount(page, 'Account', 'Ada Lovelace');
  const oneAtATime = accounts.getByRole('group', { name: 'Deliver steps' }).getByRole('radio', { name: 'one at a time' });
  await oneAtATime.check();
  assert.equal(await oneAtATime.isChecked(), true);
  await moveMoney(page, 'Transfer', '30');
  await eventually(async () => assert.equal(
    await accounts.getByText(/^Transfer of /).innerText(),
    'Transfer of $30.00 from Ada Lovelace to Grace Hopper: next, debit the source.',
  ));
  const deliver = accounts.getByRole('button', { name: 'Deliver next step' });
  await deliver.click();
  await eventually(async () => assert.match(await accounts.getByText(/^Transfer of /).innerText(), /next, credit the destination\.$/));
  for (const [locator, what] of [
    [oneAtATime, 'the delivery choice'],
    [deliver, 'Deliver next step'],
    [page.getByRole('button', { name: 'Transfer', exact: true }), 'Transfer'],
  ]) {
    await assertInView(locator, LAPTOP, what);
  }
  assert.equal((await scrollState(page)).y, 0, 'choosing did not scroll the page away from Transfer');
  await app.done();
});

test('the menu opens over the page, moving nothing, and Escape closes it from the Menu button too', async () => {
  const app = await laptopApp();
  const { page } = app;
  const stageTop = () => page.getByRole('heading', { name: 'Commands' }).evaluate((h) => h.getBoundingClientRect().top);
  const before = await stageTop();
  const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
  await menuButton.click();
  const menu = page.getByRole('region', { name: 'Menu', exact: true });
  await menu.waitFor();
  assert.equal(await stageTop(), before, 'the stage stays where it was');
  // Over the stage: the menu's first panel is drawn where the stage is.
  const generate = await menu.getByRole('button', { name: 'Generate history' }).boundingBox();
  assert.ok(generate.y + generate.height <= LAPTOP.height, 'the menu is on screen');
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('#menu') !== null, { x: generate.x + 5, y: generate.y + 5 });
  assert.equal(hit, true, 'the menu is on top where it overlaps the stage');
  // The focus is still on the Menu button: Escape closes it from there.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Menu');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await menuButton.getAttribute('aria-expanded'), 'false'));
  assert.equal(await menu.count(), 0);
  // And from a field inside it.
  await menuButton.click();
  await page.getByLabel('Events to generate').focus();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await menuButton.getAttribute('aria-expanded'), 'false'));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Menu');
  // Escape in a dialog opened from the menu closes the dialog, not the menu.
  await menuButton.click();
  await menu.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await help.isVisible(), false));
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'true', 'the menu stays open under the dialog');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await menuButton.getAttribute('aria-expanded'), 'false'));
  await app.done();
});

test('on a 390x844 phone, a command\'s result is seen without scrolling, and the dock covers no control reached by Tab', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const app = await openApp(env, { context });
  const { page } = app;
  const dockTop = () => region(page, 'Time travel').evaluate((el) => el.getBoundingClientRect().top);
  const clearOfDock = async (locator, what) => {
    await eventually(async () => {
      const box = await locator.evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
      const top = await dockTop();
      assert.ok(box.top >= 0 && box.bottom <= top + 0.5, `${what}: ${Math.round(box.top)}-${Math.round(box.bottom)}, the dock from ${Math.round(top)}`);
    });
  };
  await page.getByLabel('Owner', { exact: true }).fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Open account' }).tap();
  await clearOfDock(page.getByRole('status').filter({ hasText: 'Recorded AccountOpened (#1).' }), 'the result of Open account');
  await page.getByLabel('Amount', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Deposit', exact: true }).tap();
  await clearOfDock(page.getByRole('status').filter({ hasText: 'Recorded MoneyDeposited (#2).' }), 'the result of Deposit');
  await page.getByLabel('Amount', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Withdraw', exact: true }).tap();
  await clearOfDock(page.getByRole('alert'), 'the refusal of Withdraw');
  // Every control of the command form, reached by Tab, is above the dock.
  await page.getByLabel('Account', { exact: true }).focus();
  let checked = 0;
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if (!(await focused.evaluate((el) => el.closest('.commands') !== null))) break;
    await clearOfDock(focused, `the focused ${await focused.evaluate((el) => el.id || el.textContent)}`);
    checked += 1;
  }
  assert.ok(checked >= 8, `every control of the form was checked (${checked})`);
  await app.done();
  await context.close();
});

/**
 * A docs page 1,500px down which sizes each frame to the height it reports, as
 * docs/embed-example.html does, and records every height reported.
 */
async function docsPageWithFrame(query) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/site/embed-example.html`);
  await page.setContent(`<!doctype html><title>Host</title>
    <div style="height:1500px">The chapter so far.</div>
    <iframe class="replay-bank" title="Replay Bank" src="${env.url}?embed=1&layout=compact&${query}"
      style="display:block;width:700px;height:500px;border:0"></iframe>
    <div style="height:2000px"></div>
    <script>
      window.heights = [];
      addEventListener('message', (event) => {
        const frame = document.querySelector('iframe');
        // Only this page's frame (a page loaded before this one may still be posting).
        if (!event.data || event.data.type !== 'replay-bank:height' || event.source !== frame.contentWindow) return;
        window.heights.push(event.data.height);
        frame.style.height = event.data.height + 'px';
      });
    </script>`);
  const frame = page.frameLocator('iframe');
  await frame.getByRole('main').waitFor();
  await page.locator('iframe').scrollIntoViewIfNeeded();
  return { context, page, frame };
}

/** Each part named is inside the frame's view and is what is drawn at its own centre (nothing covers it). */
async function assertShownUncovered(page, frame, parts, when) {
  const frameBox = await page.locator('iframe').boundingBox();
  for (const [locator, what] of parts) {
    const box = await locator.boundingBox();
    assert.ok(box, `${when}: ${what} is rendered`);
    assert.ok(
      box.y >= frameBox.y - 0.5 && box.y + box.height <= frameBox.y + frameBox.height + 0.5,
      `${when}: ${what} is inside the frame (y ${Math.round(box.y - frameBox.y)}, height ${Math.round(box.height)}, frame ${Math.round(frameBox.height)})`,
    );
    const uncovered = await locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== null && (el.contains(hit) || hit.contains(el));
    });
    assert.ok(uncovered, `${when}: nothing covers ${what}`);
  }
}

for (const [query, title, steps] of [
  ['scenario=transfer-to-closed&ns=story', 'Scenario: A transfer to a closed account', 4],
  ['readonly=1&ns=sample', 'Scenario: A busy month', 4],
]) {
  test(`a 700x500 compact frame with ${query.split('&')[0]}: caption, ledger, state and slider in view, uncovered, at every step; the frame never scrolls`, async () => {
    const { context, page, frame } = await docsPageWithFrame(query);
    const caption = frame.getByRole('region', { name: title });
    await caption.waitFor();
    const parts = () => [
      [caption.getByRole('button', { name: 'Next' }), 'the caption\'s Next'],
      [frame.getByRole('heading', { name: 'Event ledger' }), 'the ledger'],
      [frame.locator('li[aria-current="step"] .event-type'), 'the ledger row at the cursor'],
      [frame.locator('li[aria-current="step"]').getByRole('button', { name: /^Envelope JSON for/ }), 'its Envelope'],
      [region(frame, 'Current state').getByTestId('balance'), 'the balance'],
      [frame.getByRole('slider', { name: 'Time travel' }), 'the slider'],
      [region(frame, 'Time travel').locator('output'), 'Events applied'],
    ];
    const frameScroll = () => frame.locator('html').evaluate((el) => ({ y: el.ownerDocument.defaultView.scrollY, height: el.scrollHeight }));
    assert.equal(await frame.getByLabel('Amount', { exact: true }).isVisible(), false, 'the command form, off in a story, makes way');
    for (let step = 1; step <= steps; step += 1) {
      if (step > 1) await caption.getByRole('button', { name: 'Next' }).click();
      await eventually(async () => assert.match(await caption.innerText(), new RegExp(`Step ${step} of ${steps}`)));
      await page.waitForTimeout(150);
      await assertShownUncovered(page, frame, step < steps ? parts() : parts().slice(1), `step ${step}`);
      const scroll = await frameScroll();
      assert.deepEqual([scroll.y, scroll.height <= 500], [0, true], `step ${step}: the frame did not scroll, and is ${scroll.height}px tall`);
      // "Look at" shows only for a region this frame shows.
      const lookAt = caption.locator('.look-at');
      const pointsHere = /^Look at: (Event ledger|Current state|Time travel)$/.test((await lookAt.textContent()).trim());
      assert.equal(await lookAt.isVisible(), pointsHere, `step ${step}: "${await lookAt.textContent()}"`);
    }
    await context.close();
  });
}

test('a compact frame reports the height of its content, at most 500px, and it stays put when nothing changes', async () => {
  for (const query of ['ns=plain', 'scenario=transfer-to-closed&ns=story2', 'readonly=1&ns=sample2']) {
    const { context, page, frame } = await docsPageWithFrame(query);
    await page.waitForTimeout(1500);
    const heights = await page.evaluate(() => window.heights);
    assert.ok(heights.length >= 1, `${query}: a height was reported`);
    const content = await frame.locator('html').evaluate((el) => el.scrollHeight);
    assert.equal(heights.at(-1), content, `${query}: the reported height is the content's`);
    assert.ok(content <= 500, `${query}: ${content}px fits the 500px frame`);
    assert.deepEqual(new Set(heights).size, 1, `${query}: no creep after load (${heights.join(', ')})`);
    await context.close();
  }
});

test('at 1920x1080 in presenter mode, a pinned tab stays within the screen beside the stage, and pinning shows the stage', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context, url: `${env.url}?tab=read-models` });
  const { page } = app;
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '10');
  // "Pin beside the stage" is under the stage: reaching it scrolls down; pinning shows the top.
  const pin = page.getByRole('button', { name: 'Pin beside the stage' });
  await pin.scrollIntoViewIfNeeded();
  assert.ok((await scrollState(page)).y > 0, 'the pin button is below the stage');
  await pin.click();
  const pinned = page.getByRole('complementary', { name: 'Pinned: Read models' });
  await pinned.waitFor();
  await eventually(async () => assert.equal((await scrollState(page)).y, 0, 'the page is back at the stage'));
  const box = await pinned.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= PROJECTOR.height + 0.5, `the pinned tab ends on the screen (${Math.round(box.y)} to ${Math.round(box.y + box.height)})`);
  const scrolls = await pinned.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto');
  assert.equal(scrolls, true, 'what does not fit scrolls within the pinned tab');
  await app.done();
  await context.close();
});

test('at 1280x800, a ledger row shows its type, time, description and Envelope whole, and each account select its account whole', async () => {
  const app = await laptopApp();
  const { page } = app;
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await page.getByLabel('Events to generate').fill('600');
  await page.getByRole('button', { name: 'Generate history' }).click();
  await page.getByRole('status').filter({ hasText: 'Generated 600 events.' }).waitFor({ timeout: 60000 });
  await page.keyboard.press('Escape');
  const slider = page.getByRole('slider', { name: 'Time travel' });
  for (const k of [1, 150, 333, 600]) {
    await slider.fill(String(k));
    await expectState(page, { 'Events applied': String(k) });
    assert.deepEqual(await page.evaluate(unreadable, '.stage'), [], `at event ${k}, nothing in a row, a field or a label is cut`);
  }
  await app.done();
});

test('at 1920x1080 in presenter mode with a tab pinned: the stage and the tab share the screen, everything whole, nothing off it', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context });
  const { page } = app;
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '1,250');
  await openAccount(page, 'Grace Hopper');
  await moveMoney(page, 'Deposit', '80.50');
  await chooseAccount(page, 'Account', 'Ada Lovelace');
  const accounts = region(page, 'Accounts');
  await accounts.getByRole('radio', { name: 'one at a time' }).check();
  // A transfer in flight: its lines and "Deliver next step" join Accounts on the stage.
  await moveMoney(page, 'Transfer', '200');
  const deliver = accounts.getByRole('button', { name: 'Deliver next step' });
  await deliver.click();
  await moveMoney(page, 'Withdraw', '5,000');
  await page.getByRole('alert').filter({ hasText: 'Insufficient funds' }).waitFor();
  for (const [tab, heading] of [['Compare with CRUD', 'CRUD'], ['Read models', 'Read models'], ['Questions', 'Questions']]) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const pinned = page.getByRole('complementary', { name: /^Pinned: / });
    if (await pinned.count()) await pinned.getByRole('button', { name: 'Unpin' }).click();
    await openTab(page, tab);
    await page.getByRole('tabpanel', { name: tab }).getByRole('button', { name: 'Pin beside the stage' }).click();
    const aside = page.getByRole('complementary', { name: `Pinned: ${tab}` });
    await aside.waitFor();
    await eventually(async () => assert.equal((await scrollState(page)).y, 0, `${tab}: the page is at the stage`));
    await page.waitForTimeout(300);
    const when = `with ${tab} pinned`;
    for (const [locator, what] of [
      [page.getByLabel('Account', { exact: true }), 'the Account select'],
      [page.getByLabel('Owner', { exact: true }), 'the Owner field'],
      [page.getByRole('button', { name: 'Deposit', exact: true }), 'Deposit'],
      [page.getByLabel('To account', { exact: true }), 'the To account select'],
      [page.getByRole('button', { name: 'Close account' }), 'Close account'],
      [page.getByRole('alert').filter({ hasText: 'Insufficient funds' }), 'the refusal'],
      [page.getByRole('heading', { name: 'Event ledger' }), 'the ledger'],
      [region(page, 'Event ledger').locator('li[aria-current="step"]'), "the cursor's row"],
      [region(page, 'Current state').getByTestId('balance'), 'the balance'],
      [page.getByRole('slider', { name: 'Time travel' }), 'the slider'],
      [region(page, 'Time travel').getByRole('button', { name: 'Step back' }), 'Step back'],
      [accounts.getByRole('row', { name: /Ada Lovelace/ }), "Ada's account"],
      [accounts.getByRole('row', { name: /Grace Hopper/ }), "Grace's account"],
      [accounts.getByText(/^Transfer of /), 'the transfer in flight'],
      [deliver, 'Deliver next step'],
      [aside.getByRole('heading', { name: heading, exact: true }), 'the pinned tab'],
    ]) {
      await assertInView(locator, PROJECTOR, `${when}: ${what}`);
    }
    assert.deepEqual(await scrollState(page), { x: 0, y: 0, sideways: false }, `${when}: the page does not scroll`);
    assert.deepEqual(await page.evaluate(unreadable, '.stage, .pinned-tab'), [], `${when}: every field, table, row and label whole`);
    // The space is used: the tab is a real column, and the stage reaches the screen's bottom.
    const used = await page.evaluate(() => {
      const tab = document.querySelector('.pinned-tab').getBoundingClientRect();
      const panels = [...document.querySelectorAll('.stage .panel')].map((p) => p.getBoundingClientRect());
      return { tabWidth: tab.width, tabBottom: tab.bottom, stageBottom: Math.max(...panels.map((p) => p.bottom)) };
    });
    assert.ok(used.tabWidth >= 0.3 * PROJECTOR.width, `${when}: the tab is ${Math.round(used.tabWidth)}px wide`);
    assert.ok(used.tabBottom <= PROJECTOR.height + 0.5, `${when}: the tab ends on the screen`);
    assert.ok(used.stageBottom >= 0.9 * PROJECTOR.height, `${when}: the stage fills the screen's height (to ${Math.round(used.stageBottom)}px)`);
    // Still projector type: nothing on the stage or the tab under 20px.
    const small = await page.evaluate(() => [...document.querySelectorAll('.stage *, .pinned-tab *')]
      .filter((el) => el.getClientRects().length && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 20)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`));
    assert.deepEqual(small, [], `${when}: no text under 20px`);
  }
  await app.done();
  await context.close();
});

test('a label stays with its control, and every field and ledger row shows its text whole, at each size people use', async () => {
  for (const [size, viewport, query, presenter] of [
    ['a 1280x800 laptop', LAPTOP, ''],
    ['a 1920x1080 screen', PROJECTOR, ''],
    ['presenter mode at 1920x1080', PROJECTOR, '', true],
    ['a 390x844 phone', { width: 390, height: 844 }, ''],
    ['a 700x500 compact frame', { width: 700, height: 500 }, '?embed=1&layout=compact'],
  ]) {
    const context = await env.browser.newContext({ viewport, isMobile: viewport.width < 500 });
    const app = await openApp(env, { context, url: `${env.url}${query}` });
    const { page } = app;
    if (presenter) await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(unreadable, '.stage'), [], `${size}, before any account`);
    await openAccount(page, 'Grace Hopper');
    await openAccount(page, 'Ada Lovelace');
    await moveMoney(page, 'Deposit', '1,250');
    await moveMoney(page, 'Transfer', '200');
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(unreadable, '.stage'), [], `${size}, with two accounts and a transfer`);
    await app.done();
    await context.close();
  }
});

test('at 1920x1080 in presenter mode, every step of every scenario keeps the stage on one screen under its caption', async () => {
  const context = await env.browser.newContext({ viewport: PROJECTOR });
  const app = await openApp(env, { context });
  const { page } = app;
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await openTab(page, 'Scenarios');
  const stories = await page.getByLabel('Scenario', { exact: true }).evaluate((select) => [...select.options].map((o) => o.value).filter(Boolean));
  assert.ok(stories.length >= 5, `the scenarios: ${stories}`);
  for (const story of stories) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await openTab(page, 'Scenarios');
    await page.getByLabel('Scenario', { exact: true }).selectOption(story);
    await page.getByRole('button', { name: 'Load scenario' }).click();
    const caption = page.getByRole('region', { name: /^Scenario: / });
    await caption.waitFor();
    const steps = Number((await caption.innerText()).match(/Step 1 of (\d+)/)[1]);
    for (let step = 1; step <= steps; step++) {
      if (step > 1) await caption.getByRole('button', { name: 'Next' }).click();
      await eventually(async () => assert.match(await caption.innerText(), new RegExp(`Step ${step} of ${steps}`)));
      await page.waitForTimeout(250);
      const when = `${story}, step ${step}`;
      for (const [locator, what] of [
        [caption, 'the caption'],
        [page.getByRole('heading', { name: 'Event ledger' }), 'the ledger'],
        [region(page, 'Current state').getByTestId('balance'), 'the balance'],
        [page.getByRole('slider', { name: 'Time travel' }), 'the slider'],
        [region(page, 'Time travel').getByRole('button', { name: 'Step back' }), 'Step back'],
        [region(page, 'Event ledger').locator('li[aria-current="step"]'), "the cursor's row"],
      ]) {
        if (what === "the cursor's row" && (await locator.count()) === 0) continue;
        await assertInView(locator, PROJECTOR, `${when}: ${what}`);
      }
      assert.equal((await scrollState(page)).y, 0, `${when}: the page did not scroll away from the stage`);
    }
    await caption.getByRole('button', { name: 'Back to my ledger' }).click();
    await caption.waitFor({ state: 'detached' });
  }
  await app.done();
  await context.close();
});

test('at every width from 380 to 1,920px, each field shows its text whole and each label stays with its control, before and after the first accounts', async () => {
  const app = await laptopApp();
  const { page } = app;
  const fields = (problems) => problems.filter((p) => p.startsWith('#account ') || p.startsWith('#to-account ') || p.startsWith('#owner ') || p.startsWith('#amount ') || p.startsWith('the label'));
  for (const [step, owner] of [['before the first account'], ['with one account', 'Grace Hopper'], ['with two accounts', 'Ada Lovelace']]) {
    if (owner) {
      await page.setViewportSize(LAPTOP);
      await openAccount(page, owner);
    }
    for (let width = 380; width <= 1920; width += 20) {
      await page.setViewportSize({ width, height: 800 });
      assert.deepEqual(fields(await page.evaluate(unreadable, '.stage')), [], `${width}px wide, ${step}`);
    }
  }
  await app.done();
});
