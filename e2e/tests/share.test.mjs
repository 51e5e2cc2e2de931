// Sharing a history: export in one browser, import in a fresh one; a bad file changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  downloadText,
  eventually,
  expectState,
  launch,
  ledgerTypes,
  moveMoney,
  openAccount,
  openApp,
  storedLedger,
} from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** Chooses a file for the "Import" field, as a person picking it from disk would. */
async function importFile(page, name, text) {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

test('an exported ledger imports into a fresh browser as the same ledger, at the exported cursor', async () => {
  const source = await openApp(env);
  await openAccount(source.page, 'Ada Lovelace');
  await moveMoney(source.page, 'Deposit', '250');
  await moveMoney(source.page, 'Withdraw', '40.50');
  await moveMoney(source.page, 'Deposit', '10');
  await expectState(source.page, { Balance: '$219.50', 'Events applied': '4' });
  // Look at the past, then export: the file keeps where we were looking.
  await source.page.getByRole('slider', { name: 'Time travel' }).fill('2');
  await expectState(source.page, { 'Events applied': '2', Balance: '$250.00' });
  const exported = await downloadText(source.page, source.page.getByRole('button', { name: 'Export' }));
  assert.match(exported.name, /^replay-bank-export-\d+\.json$/);
  const file = JSON.parse(exported.text);
  assert.equal(file.format, 'replay-bank-ledger');
  assert.equal(file.format_version, 1);
  assert.equal(file.cursor, 2);
  assert.match(file.app_version, /^\d+\.\d+\.\d+$/);
  assert.equal(file.events.length, 4);
  const original = await storedLedger(source.page);
  await source.done();

  // A fresh browser context: its own, empty storage.
  const target = await openApp(env);
  const { page } = target;
  await importFile(page, exported.name, exported.text);
  const dialog = page.getByRole('dialog', { name: 'Replace the ledger with this file?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /holds 4 events \(account acc-[0-9a-f]+ of Ada Lovelace, open, balance \$219\.50\)/);
  assert.match(await dialog.innerText(), /The slider will show event 2\./);
  await dialog.getByRole('button', { name: 'Replace the ledger' }).click();

  await expectState(page, { 'Events applied': '2', Balance: '$250.00' });
  assert.equal(await page.getByRole('slider', { name: 'Time travel' }).inputValue(), '2');
  assert.deepEqual(await ledgerTypes(page), ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyDeposited']);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Imported 4 events' }).count(), 1);
  // Stored exactly as in the source browser: same positions, streams, payloads and command ids.
  assert.deepEqual(await storedLedger(page), original);

  // And it is this browser's ledger now: it survives a reload, and commands append to it.
  await page.reload();
  await expectState(page, { 'Events applied': '4', Balance: '$219.50' });
  await moveMoney(page, 'Withdraw', '19.50');
  await expectState(page, { 'Events applied': '5', Balance: '$200.00' });
  await target.done();
});

test('a corrupt, forged or hostile file is refused with the event and the reason, and changes nothing', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Grace');
  await moveMoney(page, 'Deposit', '70');
  await expectState(page, { Balance: '$70.00', 'Events applied': '2' });
  const before = await storedLedger(page);

  // A real export of another ledger, to forge from.
  const forger = await openApp(env);
  await openAccount(forger.page, 'Mallory');
  await moveMoney(forger.page, 'Deposit', '70');
  await moveMoney(forger.page, 'Withdraw', '20');
  const genuine = JSON.parse((await downloadText(forger.page, forger.page.getByRole('button', { name: 'Export' }))).text);
  await forger.done();

  const overdraft = structuredClone(genuine);
  overdraft.events[2].payload.amount_cents = 10_000;
  const gap = structuredClone(genuine);
  gap.events[1].position = 3;
  const markup = structuredClone(genuine);
  markup.events[0].payload.owner = '<img src=x onerror="window.__pwned=1">';
  const cases = [
    ['not-json.json', 'this is not JSON {', /Import refused: "not-json\.json": it is not valid JSON/],
    [
      'overdraft.json',
      JSON.stringify(overdraft),
      /Import refused: "overdraft\.json": event #3 \(MoneyWithdrawn\) breaks a rule: Insufficient funds: balance \$70\.00, tried to withdraw \$100\.00/,
    ],
    ['gap.json', JSON.stringify(gap), /event #2 has position 3 where 2 was expected/],
    ['<b>bold.json', JSON.stringify({ format: 'replay-bank-ledger', format_version: 9, events: [] }), /"<b>bold\.json": it uses ledger format version 9/],
  ];
  for (const [name, text, message] of cases) {
    await importFile(page, name, text);
    await eventually(async () => assert.match(await page.getByRole('alert').innerText(), message));
    assert.match(await page.getByRole('alert').innerText(), /The current ledger is unchanged\./);
    assert.equal(await page.getByRole('dialog').count(), 0, `${name}: no confirmation is offered`);
    assert.deepEqual(await storedLedger(page), before, `${name}: storage is untouched`);
    await expectState(page, { Balance: '$70.00', 'Events applied': '2', Owner: 'Grace' });
  }
  // Names from files are text, never markup.
  assert.equal(await page.locator('b').count(), 0);

  // A valid file whose owner is markup: shown as text; and the person keeps the current ledger.
  await importFile(page, 'markup.json', JSON.stringify(markup));
  const dialog = page.getByRole('dialog', { name: 'Replace the ledger with this file?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /of <img src=x onerror="window\.__pwned=1">, open, balance \$50\.00/);
  assert.equal(await page.locator('img').count(), 0);
  assert.match(await dialog.innerText(), /Replacing deletes the current 2 events\./);
  await dialog.getByRole('button', { name: 'Keep the current ledger' }).click();
  await eventually(async () => assert.equal(await dialog.isVisible(), false));
  assert.deepEqual(await storedLedger(page), before);
  await expectState(page, { Owner: 'Grace', 'Events applied': '2' });
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup ran');
  await app.done();
});
