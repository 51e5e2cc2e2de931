// Writes what this release stores, exports and shares, made by the release build itself in
// headless Chromium, to tests/fixtures/release-<version>/. The native tests
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
const storage = () =>
  page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger')).sort().map((k) => [k, localStorage.getItem(k)])),
  );

// Every event type: opened, deposits, a withdrawal, a refused overdraft (never stored), and a
// close that pays out the balance first.
await page.getByLabel('Owner', { exact: true }).fill('Ada Lovelace');
await page.getByRole('button', { name: 'Open account' }).click();
for (const [button, amount] of [['Deposit', '1,250'], ['Withdraw', '300'], ['Deposit', '80.50'], ['Withdraw', '5000']]) {
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: button, exact: true }).click();
  await settle();
}
await page.getByRole('button', { name: 'Close account' }).click();
await settle();
const small = { stored: await storage(), present: await state() };

// Look at event 3, then export and copy a link: both keep where the slider was.
await page.getByRole('slider', { name: 'Time travel' }).fill('3');
await settle();
const atThree = await state();
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

// A ledger across two chunks: a new account and 1,500 generated events.
await page.getByRole('button', { name: 'Clear ledger' }).click();
await page.getByRole('button', { name: 'Delete every event' }).click();
await settle();
await page.getByRole('button', { name: 'Close menu' }).click();
await page.getByLabel('Owner', { exact: true }).fill('Grace Hopper');
await page.getByRole('button', { name: 'Open account' }).click();
await settle();
await page.getByRole('button', { name: 'Menu', exact: true }).click();
await page.getByLabel('Events to generate').fill('1500');
await page.getByRole('button', { name: 'Generate history' }).click();
await page.getByRole('status').filter({ hasText: 'Generated 1,500 events.' }).waitFor({ timeout: 60_000 });
const chunked = { stored: await storage(), present: await state() };

const write = (name, text) => writeFileSync(join(folder, name), text);
write('stored-small.json', `${JSON.stringify(small.stored, null, 2)}\n`);
write('stored-chunked.json', `${JSON.stringify(chunked.stored, null, 2)}\n`);
write('export.json', exported);
write('link.txt', `${fragment}\n`);
write('link-payload.txt', payload);
write(
  'expected.json',
  `${JSON.stringify({ app_version: version, small: small.present, export_at_cursor: atThree, chunked: chunked.present }, null, 2)}\n`,
);
console.log(`wrote ${folder}`);
await browser.close();
await server.close();
