// Shared set-up for the end-to-end tests: one headless Chromium, the release build served on
// loopback under a sub-path, and small helpers that find things by role and label.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

// The same flags as the wasm tests: without the networking ones Chromium tries to reach the
// internet at start and stalls on this network.
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Starts the server and the browser; returns { url, browser, server, close }. The repository's
 * docs/ folder is served at /site/ with the build at /site/demo/, as docs/embed-example.html
 * expects.
 */
export async function launch() {
  // REPLAY_BANK_DIST: another build to test (a copy, so a rebuild cannot change it mid-run).
  const dist = process.env.REPLAY_BANK_DIST ?? join(here, '..', '..', 'dist');
  const server = await serveDist({
    root: dist,
    prefix: '/docs/demo/',
    mounts: [
      { prefix: '/site/demo/', root: dist },
      { prefix: '/site/', root: join(here, '..', '..', 'docs') },
    ],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url: server.url,
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the app in a fresh context (its own, empty localStorage). Every request the page makes is
 * recorded, and any error on the console or uncaught exception fails the test at `done()`.
 */
export async function openApp(env, { context, url } = {}) {
  const ctx = context ?? (await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url ?? env.url);
  // The app has mounted (with or without its header: embed=1 has none).
  await page.getByRole('main').waitFor();
  return {
    page,
    context: ctx,
    requests,
    problems,
    async done() {
      assert.deepEqual(problems, [], 'the page reported no error');
      if (!context) await ctx.close();
    },
  };
}

/** Retries `check` until it stops throwing, for up to `timeout` ms; rethrows the last failure. */
export async function eventually(check, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - start > timeout) throw error;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}

export const region = (page, name) => page.getByRole('region', { name, exact: true });
export const ledgerItems = (page) =>
  region(page, 'Event ledger').getByRole('list', { name: 'Recorded events' }).getByRole('listitem');

/**
 * The Current state panel's facts as { Balance, 'Account id', Owner, Status, 'Events applied' },
 * in a page or in an embed's frame.
 */
export async function currentState(page) {
  const facts = region(page, 'Current state').locator('.fact');
  const result = {};
  for (const fact of await facts.all()) {
    // textContent, not innerText: the labels are upper-cased by CSS only.
    const label = (await fact.locator('dt').textContent()).trim();
    result[label] = (await fact.locator('dd').textContent()).trim();
  }
  return result;
}

/** Cents as the app writes money: $1,234.56. */
export const dollars = (cents) =>
  `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;

/**
 * The balance in cents after the first k events of storedLedger(), folded here independently: of
 * the account `stream` when given (deposits, withdrawals and its transfers' debits, credits and
 * refunds), else of the deposits and withdrawals of a one-account ledger.
 */
export const balanceAfter = (events, k, stream) =>
  events
    .slice(0, k)
    .filter((e) => stream === undefined || e.stream === stream)
    .reduce((sum, e) => sum + (CHANGE[e.event_type] ?? (() => 0))(e, stream), 0);

const CHANGE = {
  MoneyDeposited: (e) => e.amount_cents,
  MoneyWithdrawn: (e) => -e.amount_cents,
  BalancePaidOut: (e) => -e.amount_cents,
  WithdrawalReversed: (e) => e.amount_cents,
  TransferDebited: (e, stream) => (stream === undefined ? 0 : -e.amount_cents),
  TransferCredited: (e, stream) => (stream === undefined ? 0 : e.amount_cents),
  TransferRefunded: (e, stream) => (stream === undefined ? 0 : e.amount_cents),
};

/** Asserts the state panel eventually shows `expected` (a subset of its facts). */
export async function expectState(page, expected) {
  await eventually(async () => {
    const state = await currentState(page);
    for (const [key, value] of Object.entries(expected)) {
      assert.equal(state[key], value, `${key} in Current state`);
    }
  });
}

/** Types an owner and opens the account. */
export async function openAccount(page, owner) {
  await page.getByLabel('Owner', { exact: true }).fill(owner);
  await page.getByRole('button', { name: 'Open account' }).click();
  await eventually(async () => assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true));
}

/** Types an amount and presses Deposit or Withdraw. */
export async function moveMoney(page, button, amount) {
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** The ledger items' "type" texts, in order. */
export async function ledgerTypes(page) {
  return ledgerItems(page).locator('.event-type').allInnerTexts();
}

/** Opens the app with these localStorage keys and values in place before the first load only. */
export async function openWithStorage(env, keys) {
  const context = await env.browser.newContext();
  await context.addInitScript((keys) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [key, value] of Object.entries(keys)) localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, keys);
  const app = await openApp(env, { context });
  return { ...app, context };
}

/** Opens the app with `value` stored under the ledger key before the first load only. */
export function openWithStoredLedger(env, value) {
  return openWithStorage(env, { 'replay-bank.ledger': value });
}

/** In the page: fills localStorage until it refuses one more character. Returns the key count. */
export function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = 'x'.repeat(size);
      try {
        for (;;) localStorage.setItem(`filler-${n++}`, chunk);
      } catch {
        n -= 1; // the failed key was not stored
      }
    }
    return n;
  });
}

/** In the page: removes what fillStorage wrote. */
export function freeStorage(page) {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
  });
}

/** Clicks `button` and returns the text of the file it downloads. */
export async function downloadText(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const { readFile } = await import('node:fs/promises');
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/**
 * The stored ledger read as docs/storage-format.md documents it (format 2: a manifest and chunks of rows),
 * as { manifest, events: [{ position, stream, event_type, amount_cents, command_id,
 * correlation_id, recorded_at_ms, payload }] }: every code of its table, a payload version after the code
 * (`D2`) read as the same type.
 */
export async function storedLedger(page) {
  return page.evaluate(() => {
    const types = {
      O: ['AccountOpened', ['account_id', 'owner']],
      D: ['MoneyDeposited', ['amount_cents']],
      // Later payload versions of a deposit: its amount with its currency, then its date.
      D2: ['MoneyDeposited', ['amount']],
      D3: ['MoneyDeposited', ['amount', 'effective_on']],
      W: ['MoneyWithdrawn', ['amount_cents']],
      C: ['AccountClosed', []],
      TR: ['TransferRequested', ['transfer_id', 'from', 'to', 'amount_cents']],
      TD: ['TransferDebited', ['transfer_id', 'to', 'amount_cents']],
      TC: ['TransferCredited', ['transfer_id', 'from', 'amount_cents']],
      TB: ['TransferRefunded', ['transfer_id', 'amount_cents', 'reason']],
      TK: ['TransferCompleted', []],
      TF: ['TransferFailed', ['reason']],
      P: ['BalancePaidOut', ['amount_cents']],
      R: ['WithdrawalReversed', ['withdrawal', 'amount_cents']],
    };
    const manifest = JSON.parse(localStorage.getItem('replay-bank.ledger'));
    // A replaced ledger is written beside the old one, in the second set of chunk keys.
    const chunks = manifest.chunk_set === 1 ? 'replay-bank.ledger.chunk.b.' : 'replay-bank.ledger.chunk.';
    const events = [];
    for (let i = 0; events.length < manifest.events; i += 1) {
      const chunk = JSON.parse(localStorage.getItem(`${chunks}${i}`));
      let time = chunk.t;
      for (const row of chunk.rows) {
        if (events.length === manifest.events) break;
        const [stream, delta, code, ...rest] = row;
        time += delta;
        const known = types[code] ?? types[code.replace(/\d+$/, '')];
        if (!known) throw new Error(`event #${events.length + 1} has an unknown code ${code}`);
        const [event_type, fields] = known;
        const payload = Object.fromEntries(fields.map((field, i) => [field, rest[i]]));
        const command_id = rest[fields.length];
        events.push({
          position: events.length + 1,
          stream: chunk.streams[stream],
          event_type,
          schema_version: Number(code.match(/\d+$/)?.[0] ?? 1),
          amount_cents: payload.amount_cents ?? payload.amount?.cents,
          command_id,
          correlation_id: rest[fields.length + 1] ?? command_id,
          recorded_at_ms: time,
          payload,
        });
      }
    }
    // Which set of keys holds the chunks says where the events are, not what they are.
    delete manifest.chunk_set;
    return { manifest, events };
  });
}

/** Chooses, in the select labelled `label` ("Account" or "To account"), the account of `owner`. */
export async function chooseAccount(page, label, owner) {
  const select = page.getByLabel(label, { exact: true });
  const value = await eventually(() =>
    select.evaluate((el, owner) => {
      // By owner; an owner with several accounts has the id after the name.
      const option = [...el.options].find((o) => o.text === owner || o.text.startsWith(`${owner} · `) || o.text === `${owner} (closed)`);
      if (!option) throw new Error(`no account of ${owner} in ${el.id}`);
      return option.value;
    }, owner),
  );
  await select.selectOption(value);
  return value;
}

/** Opens the Menu drawer (generate, share, clear, shortcuts) unless it is open. */
export async function openMenu(page) {
  const button = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.getByRole('region', { name: 'Menu', exact: true }).waitFor();
}

/** Chooses a file for the "Import" field in the Menu, as a person picking it from disk would. */
export async function importFile(page, name, text) {
  await openMenu(page);
  await page.getByLabel('Import', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Opens the tab named `name` under the stage and waits for its panel. */
export async function openTab(page, name) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await eventually(async () => assert.equal(await tab.getAttribute('aria-selected'), 'true'));
  await page.getByRole('tabpanel', { name, exact: true }).waitFor();
}

/**
 * Asserts that `locator`'s element lies wholly inside the viewport of its page (or frame),
 * `width` x `height`, so a person sees it without scrolling.
 */
export async function assertInView(locator, { width, height }, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is rendered`);
  assert.ok(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
    `${what} is inside the ${width}x${height} viewport: x ${Math.round(box.x)}, y ${Math.round(box.y)}, ` +
      `${Math.round(box.width)} x ${Math.round(box.height)}`,
  );
}

/** The page's scroll offsets and whether it scrolls sideways. */
export function scrollState(page) {
  return page.evaluate(() => ({
    x: window.scrollX,
    y: window.scrollY,
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe in the page; fails listing each serious or critical violation and where it is. */
export async function assertAccessible(page, view) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  });
  assert.deepEqual(violations, [], `${view}:\n${violations.join('\n')}`);
}

/**
 * What a person cannot read whole in `scope` (a CSS selector): a field whose value or placeholder
 * is wider than its box (a select's room is less its drop-down arrow, about 1.5em), a table wider
 * than its box, a ledger row's part cut off; and a label apart from its control (neither on its
 * line nor just above it, at its left edge).
 */
export function unreadable(scope) {
  const problems = [];
  const textWidth = (el, text) => {
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(el).font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = text;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const root of document.querySelectorAll(scope)) {
    for (const field of root.querySelectorAll('select, input[type=text]')) {
      if (!shown(field)) continue;
      const text = field.tagName === 'SELECT' ? field.selectedOptions[0]?.text ?? '' : field.value || field.placeholder;
      const style = getComputedStyle(field);
      const arrow = field.tagName === 'SELECT' ? 1.5 * parseFloat(style.fontSize) : 0;
      const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
      if (textWidth(field, text) > room) problems.push(`#${field.id} shows "${text}" cut`);
    }
    for (const table of root.querySelectorAll('table')) {
      if (!shown(table)) continue;
      const box = table.parentElement;
      if (table.offsetWidth > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1) {
        problems.push(`the table "${table.querySelector('caption, th')?.textContent.trim()}" is wider than its box`);
      }
    }
    for (const li of root.querySelectorAll('.ledger-item')) {
      for (const part of ['.position', '.event-type', '.version', '.time', '.description', 'button.link']) {
        const el = li.querySelector(part);
        if (el && shown(el) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`#${li.getAttribute('aria-posinset')} ${part} "${el.textContent}" cut`);
      }
    }
    for (const label of root.querySelectorAll('label[for]')) {
      const control = document.getElementById(label.htmlFor);
      if (!shown(label) || !control || !shown(control) || control.type === 'radio' || control.type === 'checkbox') continue;
      const l = label.getBoundingClientRect();
      const c = control.getBoundingClientRect();
      const sameLine = l.top < c.bottom && c.top < l.bottom && l.right <= c.left + 1;
      const above = l.bottom <= c.top + 1 && c.top - l.bottom < l.height && Math.abs(l.left - c.left) <= 4;
      if (!sameLine && !above) problems.push(`the label "${label.textContent.trim()}" is apart from its control`);
    }
  }
  return problems;
}
