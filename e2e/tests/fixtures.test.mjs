// Formats are forever, in the browser: what release 0.1.0 stored, exported and shared (made by
// that release's own build, e2e/make-fixtures.mjs) opens in this release with every event and the
// state that release showed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { expectState, launch, ledgerItems, openApp, openMenu, openTab, openWithStorage } from './support.mjs';

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
      Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger') && !k.includes('.read-model')).map((k) => [k, localStorage.getItem(k)])),
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

// Releases 0.2.0 (several accounts and transfers) and 0.3.0 (the same, with deposits stored in
// v1 and, after Ship v2, in v2). What the page showed is in each expected.json: the chosen
// account's facts, every row of the Accounts region, and the conservation sentence.
const RELEASES = ['0.2.0', '0.3.0'];
const releaseFolder = (release) => join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fixtures', `release-${release}`);

/** The Accounts region as a person reads it, row by row, with its conservation sentence. */
async function accountsShown(page) {
  const region = page.getByRole('region', { name: 'Accounts', exact: true });
  const rows = [];
  for (const row of await region.locator('tbody tr').all()) {
    rows.push({
      owner: (await row.locator('bdi').innerText()).trim(),
      id: (await row.locator('.account-id').innerText()).trim(),
      status: (await row.locator('td').nth(0).innerText()).trim(),
      balance: (await row.locator('td').nth(1).innerText()).trim(),
    });
  }
  return { rows, conservation: (await region.getByTestId('conservation').innerText()).trim() };
}

async function expectShown(page, expected, what) {
  await expectState(page, expected.state);
  assert.deepEqual(await accountsShown(page), expected.accounts, `${what}: the Accounts region`);
}

for (const release of RELEASES) {
  const fixture2 = (name) => readFileSync(join(releaseFolder(release), name), 'utf8');
  const shown2 = JSON.parse(fixture2('expected.json'));

  test(`ledgers stored by release ${release} open with every account, the same sums, and stay as they were`, async () => {
    for (const [file, which] of [['stored-small.json', 'small'], ['stored-chunked.json', 'chunked']]) {
      const keys = JSON.parse(fixture2(file));
      const app = await openWithStorage(env, keys);
      await expectShown(app.page, shown2[which], file);
      assert.equal(await app.page.getByRole('alert').count(), 0, `${file}: no complaint`);
      const after = await app.page.evaluate(() =>
        Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger') && !k.includes('.read-model')).map((k) => [k, localStorage.getItem(k)])),
      );
      assert.deepEqual(after, keys, `${file} is untouched`);
      await app.done();
      await app.context.close();
    }
  });

  test(`a share link made by release ${release} opens at its cursor, with money in flight`, async () => {
    const app = await openApp(env, { url: `${env.url}${fixture2('link.txt').trim()}` });
    await app.page.getByRole('button', { name: 'Back to my ledger' }).waitFor();
    await expectShown(app.page, shown2.export_at_cursor, 'the link');
    // The ledger renders only the rows in view; its heading line counts them all.
    assert.match(await app.page.getByRole('region', { name: 'Event ledger' }).innerText(), /19 events, newest last/);
    await app.done();
  });

  test(`an export file made by release ${release} imports at its cursor`, async () => {
    const app = await openApp(env);
    const { page } = app;
    await openMenu(page);
    await page.getByLabel('Import', { exact: true }).setInputFiles({
      name: `release-${release}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(fixture2('export.json')),
    });
    const dialog = page.getByRole('dialog', { name: 'Replace the ledger with this file?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /holds 19 events \(3 accounts, holding \$805\.25 in all\)/);
    await dialog.getByRole('button', { name: 'Replace the ledger' }).click();
    await expectShown(page, shown2.export_at_cursor, 'the import');
    assert.match(await page.getByRole('region', { name: 'Event ledger' }).innerText(), /19 events, newest last/);
    await app.done();
  });
}

// Release 0.4.0 stored its read models' copies beside the ledger: they are read as they are, with
// no rebuild and no notice, and the Read models tab shows what that release showed.
test('the read models release 0.4.0 stored beside its ledger are read as they are, without a rebuild', async () => {
  const fixture4 = (name) => readFileSync(join(releaseFolder('0.4.0'), name), 'utf8');
  const keys = JSON.parse(fixture4('stored-with-read-models.json'));
  const shown4 = JSON.parse(fixture4('expected.json'));
  const app = await openWithStorage(env, keys);
  const { page } = app;
  await expectState(page, { 'Events applied': String(shown4.events) });
  await openTab(page, 'Read models');
  assert.equal(await page.getByRole('region', { name: 'Read models', exact: true }).locator('.notice').count(), 0, 'no rebuild');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Rebuilt from' }).count(), 0);
  for (const [title, text] of Object.entries(shown4.regions)) {
    assert.equal(await page.getByRole('region', { name: title, exact: true }).innerText(), text, title);
  }
  const after = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.deepEqual(after, keys, 'every key as that release wrote it');
  await app.done();
  await app.context.close();
});
