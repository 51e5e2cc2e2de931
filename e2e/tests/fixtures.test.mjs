// Formats are forever, in the browser: what release 0.1.0 stored, exported and shared (made by
// that release's own build, e2e/make-fixtures.mjs) opens in this release with every event and the
// state that release showed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { expectState, launch, ledgerItems, openApp, openMenu, openWithStorage } from './support.mjs';

const RELEASE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fixtures', 'release-0.1.0');
const fixture = (name) => readFileSync(join(RELEASE, name), 'utf8');
const shown = JSON.parse(fixture('expected.json'));

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

test('ledgers stored by release 0.1.0 open with every event, the same state, and stay as they were', async () => {
  for (const [file, which] of [['stored-small.json', 'small'], ['stored-chunked.json', 'chunked']]) {
    const keys = JSON.parse(fixture(file));
    const app = await openWithStorage(env, keys);
    await expectState(app.page, shown[which]);
    assert.equal(await app.page.getByRole('alert').count(), 0, `${file}: no complaint`);
    // Opening reads; it never rewrites what an earlier release stored.
    const after = await app.page.evaluate(() =>
      Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger')).map((k) => [k, localStorage.getItem(k)])),
    );
    assert.deepEqual(after, keys, `${file} is untouched`);
    await app.done();
    await app.context.close();
  }
});

test('a share link made by release 0.1.0 opens at its cursor', async () => {
  const app = await openApp(env, { url: `${env.url}${fixture('link.txt').trim()}` });
  await app.page.getByRole('button', { name: 'Back to my ledger' }).waitFor();
  await expectState(app.page, shown.export_at_cursor);
  assert.equal(await ledgerItems(app.page).count(), 6);
  await app.done();
});

test('an export file made by release 0.1.0 imports at its cursor', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openMenu(page);
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: 'release-0.1.0.json',
    mimeType: 'application/json',
    buffer: Buffer.from(fixture('export.json')),
  });
  const dialog = page.getByRole('dialog', { name: 'Replace the ledger with this file?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /holds 6 events \(account acc-[0-9a-f]+ of Ada Lovelace, closed\)/);
  await dialog.getByRole('button', { name: 'Replace the ledger' }).click();
  await expectState(page, shown.export_at_cursor);
  assert.equal(await ledgerItems(page).count(), 6);
  await app.done();
});
