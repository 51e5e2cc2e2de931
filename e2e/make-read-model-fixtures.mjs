// Writes what release 0.4.0 stores beside its ledger, its read models' copies, made by the
// release build itself in headless Chromium, to tests/fixtures/release-0.4.0/: every key of a
// ledger of two accounts with a transfer and large movements, with Large movements switched on
// and every copy written, and what the Read models tab showed. tests/release_0_4_0_fixtures.rs
// and e2e/tests/fixtures.test.mjs open it on every run: a later release that changes a copy's
// shape must change its version, so these are rebuilt with a notice, never misread. Run once,
// after `trunk build --release`:
//   node e2e/make-read-model-fixtures.mjs
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

const server = await serveDist({ root: join(here, '..', 'dist'), prefix: '/docs/demo/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await (await browser.newContext()).newPage();
await page.goto(`${server.url}?tab=read-models`);
await page.getByRole('main').waitFor();

const open = async (owner) => {
  await page.getByLabel('Owner', { exact: true }).fill(owner);
  await page.getByRole('button', { name: 'Open account' }).click();
  await page.waitForTimeout(150);
};
const move = async (button, amount) => {
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForTimeout(150);
};
await open('Ada Lovelace');
await move('Deposit', '5000');
await move('Withdraw', '1250.50');
await open('Grace Hopper');
await move('Deposit', '80');
const select = page.getByLabel('Account', { exact: true });
await select.selectOption({ index: 0 });
await move('Transfer', '1000');
await page.getByRole('button', { name: 'Switch on Large movements' }).click();
// Every copy written at the head (a second after the last change).
const head = await page.evaluate(() => JSON.parse(localStorage.getItem('replay-bank.ledger')).events);
for (let i = 0; i < 50; i += 1) {
  const done = await page.evaluate(
    (head) => ['accounts-overview', 'balance-over-time', 'monthly-statement', 'large-movements']
      .every((m) => localStorage.getItem(`replay-bank.ledger.read-model.${m}`)?.split('\t')[2] === String(head)),
    head,
  );
  if (done) break;
  await page.waitForTimeout(200);
}
const stored = await page.evaluate(() =>
  Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])),
);
const regions = {};
for (const title of ['Monthly statement', 'Balance over time', 'Accounts overview', 'Large movements']) {
  regions[title] = await page.getByRole('region', { name: title, exact: true }).innerText();
}
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'stored-with-read-models.json'), `${JSON.stringify(stored, null, 2)}\n`);
writeFileSync(join(folder, 'expected.json'), `${JSON.stringify({ app_version: version, events: head, regions }, null, 2)}\n`);
console.log(`wrote ${folder}: ${Object.keys(stored).length} keys, ${head} events`);
await browser.close();
await server.close();
