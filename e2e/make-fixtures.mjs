// Writes what this release stores, exports and shares, made by the release build itself in
// headless Chromium, to tests/fixtures/release-<version>/. This is release 0.3.0's script (several
// accounts and transfers, and "Ship v2" midway, so deposits are stored in both versions);
// 0.1.0's and 0.2.0's are in the history of this file. The native tests
// (tests/release_fixtures.rs) and the end-to-end tests (e2e/tests/fixtures.test.mjs) load them on
// every run, so every later release keeps reading what this one wrote. Run once per release that
// changes a format, after `trunk build --release`:
//   node e2e/make-fixtures.mjs
// Never regenerate an existing release's folder: it is the record of what that release wrote.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const version = readFileSync(join(here, '..', 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const folder = join(here, '..', 'tests', 'fixtures', `release-${version}`);
if (existsSync(folder)) {
  console.error(`${folder} exists: a release's fixtures are never rewritten.`);
  process.exit(1);
}
mkdirSync(folder, { recursive: true });

const server = await serveDist({ root: join(here, '..', 'dist'), prefix: '/docs/demo/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
const page = await context.newPage();
await page.goto(server.url);
await page.getByRole('main').waitFor();

const settle = () => new Promise((ok) => setTimeout(ok, 150));
const state = () =>
  page.evaluate(() => {
    const facts = {};
    for (const fact of document.querySelectorAll('section.state .fact')) {
      facts[fact.querySelector('dt').textContent.trim()] = fact.querySelector('dd').textContent.trim();
    }
    return facts;
  });
// The Accounts region as a person reads it: owner, account id, status, balance per row, and the
// line that shows money is conserved.
const accounts = () =>
  page.evaluate(() => ({
    rows: [...document.querySelectorAll('section.accounts tbody tr')].map((tr) => ({
      owner: tr.querySelector('bdi').textContent.trim(),
      id: tr.querySelector('.account-id').textContent.trim(),
      status: tr.querySelectorAll('td')[0].textContent.trim(),
      balance: tr.querySelectorAll('td')[1].textContent.trim(),
    })),
    conservation: document.querySelector('[data-testid="conservation"]').textContent.trim(),
  }));
const shown = async () => ({ state: await state(), accounts: await accounts() });
const storage = () =>
  page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger')).sort().map((k) => [k, localStorage.getItem(k)])),
  );
const open = async (owner) => {
  await page.getByLabel('Owner', { exact: true }).fill(owner);
  await page.getByRole('button', { name: 'Open account' }).click();
  await settle();
};
// Picks the option of a select whose text starts with the owner's name.
const pick = async (label, owner) => {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.evaluate(
    (el, owner) => [...el.options].find((o) => o.textContent.startsWith(`${owner} ·`)).value,
    owner,
  );
  await select.selectOption(value);
  await settle();
};
const choose = (owner) => pick('Account', owner);
const money = async (button, amount) => {
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: button, exact: true }).click();
  await settle();
};
const transfer = async (to, amount) => {
  await pick('To account', to);
  await money('Transfer', amount);
};

// Every event type: three accounts; deposits, a withdrawal, a refused overdraft (never
// stored); a transfer through the process; a transfer to a closed account, refunded and failed;
// one as an atomic write; and a close that pays out the balance first.
await open('Ada Lovelace');
for (const [button, amount] of [['Deposit', '1,250'], ['Withdraw', '300']]) {
  await money(button, amount);
}
// Ship v2: the deposit above stays v1; every deposit from here on is v2.
await page.getByRole('tab', { name: 'How it works' }).click();
await page.getByRole('button', { name: 'Ship v2' }).click();
await settle();
for (const [button, amount] of [['Deposit', '80.50'], ['Withdraw', '5000']]) {
  await money(button, amount);
}
await open('Grace Hopper');
await open('Alan Turing');
await page.getByRole('button', { name: 'Close account' }).click();
await settle();
await choose('Ada Lovelace');
await transfer('Grace Hopper', '200');
await transfer('Alan Turing', '50');
await page.getByRole('tab', { name: 'Transfers' }).click();
await page.getByRole('radio', { name: 'One atomic write' }).check();
await settle();
await transfer('Grace Hopper', '25.25');
await choose('Grace Hopper');
await page.getByRole('button', { name: 'Close account' }).click();
await settle();
await choose('Ada Lovelace');
const small = { stored: await storage(), present: await shown() };

// Look at event 9 (between the debit and the credit of the first transfer), then export and
// copy a link: both keep where the slider was.
await page.getByRole('slider', { name: 'Time travel' }).fill('9');
await settle();
const atNine = await shown();
await page.getByRole('button', { name: 'Menu', exact: true }).click();
const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
const exported = readFileSync(await download.path(), 'utf8');
await page.getByRole('button', { name: 'Copy link' }).click();
const link = await page.getByLabel('Link to this history').inputValue();
const fragment = link.slice(link.indexOf('#'));
// The link's payload as the browser inflates it, for the native tests (which have no inflate).
const payload = await page.evaluate(async (fragment) => {
  const b64 = fragment.split('.').slice(3).join('.').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}, fragment);

// A ledger across two chunks: 1,500 generated events over several accounts with transfers.
await page.getByRole('button', { name: 'Clear ledger' }).click();
await page.getByRole('button', { name: 'Delete every event' }).click();
await settle();
await page.getByLabel('Events to generate').fill('1500');
await page.getByRole('button', { name: 'Generate history' }).click();
await page.getByRole('status').filter({ hasText: 'Generated 1,500 events.' }).waitFor({ timeout: 60_000 });
await page.getByRole('button', { name: 'Close menu' }).click();
await settle();
const chunked = { stored: await storage(), present: await shown() };

const write = (name, text) => writeFileSync(join(folder, name), text);
write('stored-small.json', `${JSON.stringify(small.stored, null, 2)}\n`);
write('stored-chunked.json', `${JSON.stringify(chunked.stored, null, 2)}\n`);
write('export.json', exported);
write('link.txt', `${fragment}\n`);
write('link-payload.txt', payload);
write(
  'expected.json',
  `${JSON.stringify({ app_version: version, small: small.present, export_at_cursor: atNine, chunked: chunked.present }, null, 2)}\n`,
);
console.log(`wrote ${folder}`);
await browser.close();
await server.close();
