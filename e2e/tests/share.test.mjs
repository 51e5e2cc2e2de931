// Sharing a history: export in one browser, import in a fresh one; a bad file changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  downloadText,
  eventually,
  expectState,
  importFile,
  launch,
  ledgerTypes,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  region,
  storedLedger,
} from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

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
  await openMenu(source.page);
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
  await openMenu(forger.page);
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

test('a copied link opens the history read-only elsewhere; keeping it asks before replacing a ledger', async () => {
  const source = await openApp(env);
  await openAccount(source.page, 'Ada Lovelace');
  await moveMoney(source.page, 'Deposit', '120');
  await moveMoney(source.page, 'Withdraw', '20');
  await expectState(source.page, { Balance: '$100.00', 'Events applied': '3' });
  await source.page.getByRole('slider', { name: 'Time travel' }).fill('2');
  await openMenu(source.page);
  await source.page.getByRole('button', { name: 'Copy link' }).click();
  const field = source.page.getByLabel('Link to this history');
  await field.waitFor();
  const link = await field.inputValue();
  assert.ok(link.startsWith(`${env.url}#ledger=1.3.2.`), link);
  assert.match(link.split('#')[1], /^ledger=1\.3\.2\.[A-Za-z0-9_-]+$/, 'URL-safe');
  assert.match(await source.page.getByRole('status').filter({ hasText: /Link copied|select the link/ }).innerText(), /read-only|copy it/);
  const original = await storedLedger(source.page);
  await source.done();

  // A fresh browser: the link shows the history read-only, in memory, at the shared cursor.
  const target = await openApp(env, { url: link });
  const { page } = target;
  const banner = page.getByRole('status').filter({ hasText: 'You are looking at a shared history' });
  await eventually(async () =>
    assert.match(await banner.innerText(), /You are looking at a shared history of 3 events, read-only\. Your own ledger is untouched\./),
  );
  await expectState(page, { 'Events applied': '2', Balance: '$120.00', Owner: 'Ada Lovelace' });
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isDisabled(), true);
  assert.match(await region(page, 'Commands').innerText(), /Commands are off while you look at a shared history/);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing stored yet');

  // This browser's own ledger is empty, so keeping needs no confirmation.
  await page.getByRole('button', { name: 'Keep this history' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Kept: this history is now your ledger (3 events).' }).count(), 1));
  assert.deepEqual(await storedLedger(page), original);
  // Still at the shared cursor, now on this browser's own ledger; focus did not fall to nothing.
  await expectState(page, { 'Events applied': '2', Balance: '$120.00' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.equal(new URL(page.url()).hash, '', 'the link is gone from the address');
  await page.reload();
  await expectState(page, { 'Events applied': '3', Balance: '$100.00' });
  assert.equal(await page.getByRole('button', { name: 'Keep this history' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true);

  // With a ledger of its own, keeping a shared one asks first; declining and going back keep it.
  await page.goto(link);
  await eventually(async () => assert.equal(await page.getByRole('button', { name: 'Keep this history' }).count(), 1));
  await page.getByRole('button', { name: 'Keep this history' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your ledger with this shared history?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Your own ledger's 3 events are deleted for good/);
  await dialog.getByRole('button', { name: 'Keep my ledger' }).click();
  await page.getByRole('button', { name: 'Back to my ledger' }).click();
  await expectState(page, { 'Events applied': '3', Balance: '$100.00' });
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true);
  assert.deepEqual(await storedLedger(page), original);
  await target.done();
});

test('a damaged link is refused in words; a history too large for a link says to use Export', async () => {
  // Opened directly, as a new tab would.
  const direct = await openApp(env, { url: `${env.url}#ledger=1.3.2.AAAA` });
  // In the page's words, not the browser's ("Failed to fetch").
  await eventually(async () =>
    assert.match(
      await direct.page.getByRole('alert').innerText(),
      /This link could not be opened: the link is incomplete or damaged \(its data does not decompress: part of it may be missing\)\. Your own ledger is unchanged\./,
    ),
  );
  assert.doesNotMatch(await direct.page.getByRole('alert').innerText(), /Failed to fetch/);
  await expectState(direct.page, { Status: 'No account', 'Events applied': '0' });
  await direct.done();

  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Grace');
  const before = await storedLedger(page);
  // Pasted into the address bar of an open tab: only the fragment changes.
  await page.goto(`${env.url}#ledger=1.3.2.AAAA`);
  await eventually(async () =>
    assert.match(await page.getByRole('alert').innerText(), /This link could not be opened: .*Your own ledger is unchanged\./),
  );
  await expectState(page, { Owner: 'Grace', 'Events applied': '1' });
  assert.deepEqual(await storedLedger(page), before);
  assert.equal(await page.getByRole('button', { name: 'Keep this history' }).count(), 0);

  await openMenu(page);
  await page.getByLabel('Events to generate').fill('20000');
  await page.getByRole('button', { name: 'Generate history' }).click();
  await expectState(page, { 'Events applied': '20,001' });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await eventually(async () =>
    assert.match(
      await page.getByRole('alert').innerText(),
      /This history is too large for a link: it would be [\d,]+ characters, and links stay under 32,000\. Use Export to share it as a file\./,
    ),
  );
  assert.equal(await page.getByLabel('Link to this history').count(), 0);
  await app.done();
});

test('a link opened where the own ledger lives only in memory leaves it intact; a read-only embed cannot keep a link', async () => {
  const source = await openApp(env);
  await openAccount(source.page, 'Ada');
  await moveMoney(source.page, 'Deposit', '30');
  await openMenu(source.page);
  await source.page.getByRole('button', { name: 'Copy link' }).click();
  const link = await source.page.getByLabel('Link to this history').inputValue();
  await source.done();
  const fragment = link.slice(link.indexOf('#'));

  // storage=memory: this page's own ledger exists nowhere but in the page.
  const app = await openApp(env, { url: `${env.url}?storage=memory` });
  const { page } = app;
  await openAccount(page, 'Grace');
  await moveMoney(page, 'Deposit', '7');
  await expectState(page, { Owner: 'Grace', Balance: '$7.00' });
  await page.goto(`${env.url}?storage=memory${fragment}`);
  await expectState(page, { Owner: 'Ada', Balance: '$30.00' });
  // Keeping would delete Grace's two events: it asks first, with the true count.
  await page.getByRole('button', { name: 'Keep this history' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your ledger with this shared history?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Your own ledger's 2 events are deleted for good/);
  await dialog.getByRole('button', { name: 'Keep my ledger' }).click();
  await page.getByRole('button', { name: 'Back to my ledger' }).click();
  await expectState(page, { Owner: 'Grace', Balance: '$7.00', 'Events applied': '2' });
  await app.done();

  // readonly=1: the link is shown, but nothing offers to make it this embed's ledger.
  const readonly = await openApp(env, { url: `${env.url}?readonly=1${fragment}` });
  await eventually(async () =>
    assert.equal(await readonly.page.getByRole('status').filter({ hasText: 'You are looking at a shared history' }).count(), 1),
  );
  await expectState(readonly.page, { Owner: 'Ada', Balance: '$30.00' });
  assert.equal(await readonly.page.getByRole('button', { name: 'Keep this history' }).count(), 0);
  assert.equal(await readonly.page.getByRole('button', { name: 'Back to my ledger' }).count(), 1);
  assert.deepEqual(await readonly.page.evaluate(() => Object.keys(localStorage)), []);
  await readonly.done();
});
