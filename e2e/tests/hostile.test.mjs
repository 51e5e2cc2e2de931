// Hostile data at the edges of the app's numbers: an edited manifest, times and amounts out of
// range in a file. Each is refused in words, with everything stored kept as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  downloadText,
  eventually,
  expectState,
  fillStorage,
  freeStorage,
  importFile,
  launch,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  openTab,
  openWithStorage,
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

/** Ada's account with two deposits, as this release stores it: every key and its text. */
async function adasStorage() {
  const app = await openApp(env);
  await openAccount(app.page, 'Ada');
  await moveMoney(app.page, 'Deposit', '50');
  await moveMoney(app.page, 'Deposit', '20');
  await expectState(app.page, { 'Events applied': '3' });
  const keys = await app.page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger')).map((k) => [k, localStorage.getItem(k)])),
  );
  await app.done();
  return keys;
}

/** Grace's account with a deposit of $50.00, exported from another browser: the file's text. */
async function gracesExport() {
  const source = await openApp(env);
  await openAccount(source.page, 'Grace');
  await moveMoney(source.page, 'Deposit', '50');
  await openMenu(source.page);
  const { text } = await downloadText(source.page, source.page.getByRole('button', { name: 'Export' }));
  await source.done();
  return text;
}

test('a manifest whose event count was raised by hand is unreadable storage, never a crash, and its data can be downloaded', async () => {
  const genuine = await adasStorage();
  assert.match(genuine['replay-bank.ledger'], /"events":3/);
  for (const count of ['20000000', '4294967297', '18446744073709551615']) {
    const edited = { ...genuine, 'replay-bank.ledger': genuine['replay-bank.ledger'].replace('"events":3', `"events":${count}`) };
    const app = await openWithStorage(env, edited);
    const { page } = app;
    const alert = page.getByRole('alert');
    await eventually(async () =>
      assert.match(await alert.innerText(), new RegExp(`the manifest counts ${count} events, more than the 1,000,000 a ledger can hold`)),
    );
    assert.doesNotMatch(await page.locator('body').innerText(), /stopped because of a bug/);
    assert.equal(await page.getByRole('button', { name: 'Open account' }).isDisabled(), true, `${count}: commands are off`);
    // A reload says the same: the person is never locked out.
    await page.reload();
    await eventually(async () => assert.match(await alert.innerText(), /more than the 1,000,000 a ledger can hold/));
    const raw = await downloadText(page, page.getByRole('button', { name: 'Download raw data' }));
    assert.deepEqual(JSON.parse(raw.text), edited, `${count}: every key downloads as stored`);
    assert.equal(await page.getByRole('button', { name: 'Start fresh' }).isEnabled(), true);
    await app.done();
    await app.context.close();
  }
});

test('a file with a time, an amount or an id out of range is refused with the event and the limit, and the ledger is unchanged', async () => {
  const genuine = JSON.parse(await gracesExport());

  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  const before = await storedLedger(page);
  const withTimes = (first, second) => {
    const file = structuredClone(genuine);
    file.events[0].recorded_at_ms = first;
    file.events[1].recorded_at_ms = second;
    // JSON cannot say 9223372036854775807 exactly from a number: written as text.
    return JSON.stringify(file).replace('"recorded_at_ms":"MAX"', '"recorded_at_ms":9223372036854775807');
  };
  const withId = (field, id) => {
    const file = structuredClone(genuine);
    file.events[1].metadata[field] = id;
    return JSON.stringify(file);
  };
  const notAnId = (field) => new RegExp(`the event at position 2 is outside the app's limits: its ${field} is not an id: at most 64 characters`);
  const cases = [
    ['before-1970.json', withTimes(-1, 5), /Import refused: "before-1970\.json": the event at position 1 is outside the app's limits: its time \(-1 ms\) is not between 1970 and the end of the year 9999/],
    ['far-future.json', withTimes(0, 'MAX'), /the event at position 2 is outside the app's limits: its time \(9223372036854775807 ms\)/],
    [
      'huge.json',
      JSON.stringify(genuine).replace(/"amount_cents":5000/, '"amount_cents":18446744073709551615'),
      /event #2 \(MoneyDeposited\) breaks a rule: The amount is too large: a deposit or transfer moves at most \$1,000,000,000\.00/,
    ],
    ['long-id.json', withId('command_id', 'c'.repeat(1024 * 1024)), notAnId('command id')],
    ['tab-id.json', withId('correlation_id', 'corr\t1'), notAnId('correlation id')],
  ];
  for (const [name, text, message] of cases) {
    await importFile(page, name, text);
    await eventually(async () => assert.match(await page.getByRole('alert').innerText(), message));
    assert.match(await page.getByRole('alert').innerText(), /The current ledger is unchanged\./);
    assert.equal(await page.getByRole('dialog').count(), 0, `${name}: no confirmation is offered`);
    assert.deepEqual(await storedLedger(page), before, `${name}: storage is untouched`);
    await expectState(page, { Owner: 'Ada', 'Events applied': '1' });
  }
  await app.done();
});

test('an import into a full storage replaces nothing and leaves no chunk of it behind', async () => {
  const file = await gracesExport();

  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '20');
  const before = await storedLedger(page);
  const ledgerKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('replay-bank.ledger')).sort());
  const keysBefore = (await ledgerKeys()).filter((k) => !k.includes('.read-model'));
  await fillStorage(page);
  await importFile(page, 'grace.json', file);
  const dialog = page.getByRole('dialog', { name: 'Replace the ledger with this file?' });
  await dialog.getByRole('button', { name: 'Replace the ledger' }).click();
  await eventually(async () =>
    assert.match(await page.getByRole('alert').innerText(), /Nothing was imported from "grace\.json": browser storage is full\. The current ledger is unchanged\./),
  );
  assert.deepEqual(await storedLedger(page), before, 'the old ledger, whole');
  assert.deepEqual((await ledgerKeys()).filter((k) => !k.includes('.read-model')), keysBefore, 'no chunk of the import left behind');
  await expectState(page, { Owner: 'Ada', Balance: '$20.00', 'Events applied': '2' });
  // With room again, the same file replaces it.
  await freeStorage(page);
  await importFile(page, 'grace.json', file);
  await dialog.getByRole('button', { name: 'Replace the ledger' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Imported 2 events' }).count(), 1));
  await page.reload();
  await expectState(page, { Owner: 'Grace', 'Events applied': '2' });
  await app.done();
});

test('chunks whose manifest was deleted are said, downloadable and kept, never shown as an empty ledger', async () => {
  const genuine = await adasStorage();
  const { 'replay-bank.ledger': manifest, ...chunks } = genuine;
  assert.ok(manifest);
  const app = await openWithStorage(env, chunks);
  const { page } = app;
  await eventually(async () =>
    assert.match(
      await page.getByRole('alert').innerText(),
      /"replay-bank\.ledger\.chunk\.0" cannot be read: .*this chunk is stored without the manifest under "replay-bank\.ledger" that counts their events/,
    ),
  );
  assert.equal(await page.getByRole('button', { name: 'Open account' }).isDisabled(), true);
  const raw = await downloadText(page, page.getByRole('button', { name: 'Download raw data' }));
  const stored = Object.fromEntries(Object.entries(chunks).filter(([k]) => k.includes('.chunk.')));
  assert.deepEqual(JSON.parse(raw.text), stored, 'the chunks, as stored');
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Started fresh' }).count(), 1));
  await openAccount(page, 'Grace');
  await expectState(page, { Owner: 'Grace', 'Events applied': '1' });
  await app.done();
  await app.context.close();
});

test('generating into a storage that fills up says what it recorded, what was saved and what only this tab holds', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await fillStorage(page);
  await openMenu(page);
  await page.getByLabel('Events to generate').fill('3000');
  await page.getByRole('button', { name: 'Generate history' }).click();
  const stopped = page.getByRole('alert').filter({ hasText: 'Generating stopped' });
  await eventually(async () => assert.equal(await stopped.count(), 1), 30000);
  const text = await stopped.innerText();
  const match = text.match(/Generating stopped: browser storage is full\. It recorded ([\d,]+) events(?:: ([\d,]+) saved, ([\d,]+) only in this tab, not saved|, none saved: only this tab holds them)\./);
  assert.ok(match, text);
  const number = (s) => Number((s ?? '0').replaceAll(',', ''));
  const recorded = number(match[1]);
  const saved = match[2] === undefined ? 0 : number(match[2]);
  // The numbers are what storage and the page hold: the account, then what was saved.
  assert.equal((await storedLedger(page)).events.length, 1 + saved, 'storage holds the saved ones');
  await expectState(page, { 'Events applied': (1 + recorded).toLocaleString('en-US') });
  await freeStorage(page);
  await app.done();
});

test('a held key deposits once, and a double click on "Generate history" runs once', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await page.getByLabel('Amount', { exact: true }).fill('5');
  await page.locator('h1').click();
  // Held down: one keydown, then the browser's repeats.
  for (let i = 0; i < 6; i += 1) await page.keyboard.down('d');
  await page.keyboard.up('d');
  await expectState(page, { Balance: '$5.00', 'Events applied': '2' });
  await page.waitForTimeout(300);
  await expectState(page, { Balance: '$5.00', 'Events applied': '2' });

  await openMenu(page);
  await page.getByLabel('Events to generate').fill('500');
  await page.getByRole('button', { name: 'Generate history' }).dblclick();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Generated 500 events.' }).count(), 1), 20000);
  await page.waitForTimeout(500);
  assert.equal((await storedLedger(page)).events.length, 502, 'one run of 500');
  await app.done();
});

test('a name of invisible characters is refused, and one that turns text around is isolated so the id after it reads as it is', async () => {
  const app = await openApp(env);
  const { page } = app;
  for (const invisible of ['\u200b\u200b', '\u202e']) {
    await page.getByLabel('Owner', { exact: true }).fill(invisible);
    await page.getByRole('button', { name: 'Open account' }).click();
    await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /The owner's name is empty: type a name\./));
  }
  assert.deepEqual(await storedLedger(page).catch(() => null), null, 'nothing was recorded');
  const name = 'Bob \u202e)nepo(';
  await openAccount(page, name);
  await expectState(page, { 'Events applied': '1' });
  // The Account select: with a second account of that name, the name inside an isolate (U+2068
  // ... U+2069), without its override, and the id after it, reading as it is.
  await openAccount(page, name);
  const option = await page.getByLabel('Account', { exact: true }).locator('option').first().textContent();
  assert.match(option, /^\u2068Bob \)nepo\(\u2069 · acc-[0-9a-f]{6}$/);
  assert.equal((await storedLedger(page)).events[0].payload.owner, name, 'stored as typed');
  await app.done();
});

test('a stored ledger edited to break a rule opens read-only, naming the event and the rule, and adds nothing', async () => {
  const genuine = await adasStorage();
  const chunk = genuine['replay-bank.ledger.chunk.0'];
  assert.match(chunk, /,"D",2000,/);
  // The second deposit rewritten as a withdrawal of $500.00, more than the balance.
  const edited = { ...genuine, 'replay-bank.ledger.chunk.0': chunk.replace(',"D",2000,', ',"W",50000,') };
  const app = await openWithStorage(env, edited);
  const { page } = app;
  await eventually(async () =>
    assert.match(
      await page.getByRole('alert').innerText(),
      /the stored ledger breaks the rules: event #3 \(MoneyWithdrawn\) breaks a rule: Insufficient funds: balance \$50\.00, tried to withdraw \$500\.00\./,
    ),
  );
  // The events are shown as stored, read-only; commands are off
  await expectState(page, { 'Events applied': '3' });
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).isDisabled(), true);
  const raw = await downloadText(page, page.getByRole('button', { name: 'Download raw data' }));
  assert.deepEqual(JSON.parse(raw.text), edited, 'every key, as stored');
  assert.equal(await page.getByRole('button', { name: 'Start fresh' }).isEnabled(), true);
  await app.done();
  await app.context.close();
});

test('stored text with a lone surrogate is unreadable storage, kept as it is; a real replacement character reads as stored', async () => {
  const genuine = await adasStorage();
  const chunk = genuine['replay-bank.ledger.chunk.0'];
  assert.match(chunk, /"Ada"/);
  // A lone surrogate cannot be copied into the app exactly: said, and nothing rewritten.
  const broken = { ...genuine, 'replay-bank.ledger.chunk.0': chunk.replace('"Ada"', '"Ada\uD800"') };
  const app = await openWithStorage(env, broken);
  const { page } = app;
  await eventually(async () =>
    assert.match(await page.getByRole('alert').innerText(), /replay-bank\.ledger\.chunk\.0.*not valid UTF-16/s),
  );
  assert.equal(await page.getByRole('button', { name: 'Open account' }).isDisabled(), true, 'commands are off');
  const stored = await page.evaluate(() => localStorage.getItem('replay-bank.ledger.chunk.0'));
  assert.equal(stored, broken['replay-bank.ledger.chunk.0'], 'the chunk is kept as stored');
  await app.done();
  await app.context.close();
  // U+FFFD itself is ordinary text: the name reads with it.
  const replaced = { ...genuine, 'replay-bank.ledger.chunk.0': chunk.replace('"Ada"', '"Ada\uFFFD"') };
  const fine = await openWithStorage(env, replaced);
  await expectState(fine.page, { 'Events applied': '3' });
  assert.match(await fine.page.getByRole('region', { name: 'Accounts' }).innerText(), /Ada\uFFFD/);
  assert.equal(await fine.page.getByRole('alert').count(), 0);
  await fine.done();
  await fine.context.close();
});

test('a read-model copy edited under its own header, or kept beside a ledger edited within the rules, is rebuilt: no invented row is shown', async () => {
  // Ada's account with two deposits, and every read model's copy written (a second after the last change)
  const app = await openApp(env);
  await openAccount(app.page, 'Ada');
  await moveMoney(app.page, 'Deposit', '50');
  await moveMoney(app.page, 'Deposit', '20');
  await eventually(async () =>
    assert.match((await app.page.evaluate(() => localStorage.getItem('replay-bank.ledger.read-model.accounts-overview'))) ?? '', /^accounts-overview\tv1\t3\t/),
  );
  const genuine = await app.page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  await app.done();
  const overviewKey = 'replay-bank.ledger.read-model.accounts-overview';
  const chunkKey = 'replay-bank.ledger.chunk.0';
  const cases = [
    {
      what: 'a row added to the copy',
      storage: { ...genuine, [overviewKey]: `${genuine[overviewKey]}acc-fake00\tMallory\t1\t123456789\n` },
      reason: 'Accounts overview (its stored copy was changed after it was written)',
      balance: '$70.00',
    },
    {
      what: 'the second deposit raised in the ledger',
      storage: { ...genuine, [chunkKey]: genuine[chunkKey].replace(',"D",2000,', ',"D",9000,') },
      reason: 'Accounts overview (its stored copy was made from another history than the ledger\'s)',
      balance: '$140.00',
    },
  ];
  assert.match(genuine[chunkKey], /,"D",2000,/);
  for (const { what, storage, reason, balance } of cases) {
    const opened = await openWithStorage(env, storage);
    const { page } = opened;
    await expectState(page, { 'Events applied': '3' });
    await openTab(page, 'Read models');
    const notice = page.getByRole('status').filter({ hasText: 'Rebuilt from' });
    await eventually(async () => assert.match(await notice.innerText(), new RegExp(reason.replace(/[()']/g, '\\$&'))), 4000);
    const overview = await region(page, 'Accounts overview').innerText();
    assert.doesNotMatch(overview, /acc-fake00|Mallory|1,234,567\.89/, what);
    assert.match(overview, new RegExp(balance.replace('$', '\\$')), what);
    assert.equal(await page.getByRole('alert').count(), 0, `${what}: the ledger itself opens`);
    await opened.done();
    await opened.context.close();
  }
});

test('an account an earlier release opened for a name of invisible characters still loads and takes commands', async () => {
  // As release 0.4.0 stored it: that release accepted a name of two zero-width spaces.
  const storage = {
    'replay-bank.ledger': '{"format":"replay-bank-ledger","format_version":2,"chunk_size":1000,"events":2,"last_command_id":"cmd-1"}',
    'replay-bank.ledger.chunk.0': '{"first":1,"t":1795000000000,"streams":["acc-1"],"rows":[[0,0,"O","acc-1","\u200B\u200B","cmd-0"],[0,5,"D",5000,"cmd-1"]]}',
  };
  const app = await openWithStorage(env, storage);
  const { page } = app;
  await expectState(page, { 'Events applied': '2', Balance: '$50.00' });
  assert.equal(await page.getByRole('alert').count(), 0);
  await moveMoney(page, 'Deposit', '1');
  await expectState(page, { 'Events applied': '3', Balance: '$51.00' });
  await app.done();
  await app.context.close();
});
