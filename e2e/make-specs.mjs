// Writes tests/specs/ from the release build's own "Export as test": a withdrawal, a transfer's
// debit, a close with its payout, and a refused overdraft, each in plain text, and one as a Rust
// test. Run after `trunk build --release`:   node e2e/make-specs.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './tests/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const specs = join(here, '..', 'tests', 'specs');
const env = await launch();
const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(env.url);
await page.getByRole('main').waitFor();

const press = (name) => page.getByRole('button', { name, exact: true }).click();
async function command(button, amount) {
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await press(button);
  await page.waitForTimeout(200);
}
async function open(owner) {
  await page.getByLabel('Owner', { exact: true }).fill(owner);
  await press('Open account');
  await page.waitForTimeout(200);
}
async function save(button, file) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  await download.saveAs(join(specs, file));
  console.log(`tests/specs/${file}`);
}

await open('Ada Lovelace');
await command('Deposit', '100');
await command('Withdraw', '30');
await open('Grace Hopper');
const account = page.getByLabel('Account', { exact: true });
await account.selectOption(await account.locator('option', { hasText: 'Ada Lovelace' }).getAttribute('value'));
await command('Transfer', '20');
await command('Withdraw', '5000');
await account.selectOption(await account.locator('option', { hasText: 'Grace Hopper' }).getAttribute('value'));
await press('Close account');
await page.waitForTimeout(200);

// 1 opened, 2 deposited, 3 withdrawn, 4 opened, 5 requested, 6 debited, 7 credited,
// 8 completed, 9 Grace's payout, 10 closed.
for (const [position, name] of [[3, 'a-withdrawal'], [6, 'a-transfer-debit'], [10, 'a-close-pays-out']]) {
  await page.getByRole('button', { name: `Envelope JSON for #${position}` }).click();
  const details = page.getByRole('region', { name: 'Event details' });
  await save(details.getByRole('button', { name: 'Export as test', exact: true }), `${name}.spec`);
  if (position === 3) await save(details.getByRole('button', { name: 'Export as a Rust test' }), `${name}.rs`);
}
await page.getByRole('tab', { name: 'Rejected attempts' }).click();
const refused = page.getByRole('region', { name: 'Rejected attempts' });
await save(refused.getByRole('button', { name: 'Export as test', exact: true }).first(), 'an-overdraft-refused.spec');
await env.close();
