// Several accounts and transfers between them, in a real browser at the sizes people use: the
// Accounts table and its conservation sentence at every point of the slider, a refund from a
// closed account, money in flight, a crash mid-transfer finished once after a reload or with two
// tabs, the atomic write, the keyboard, and axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertAccessible,
  assertInView,
  chooseAccount,
  currentState,
  dollars,
  eventually,
  expectState,
  launch,
  ledgerItems,
  ledgerTypes,
  moveMoney,
  openAccount,
  openApp,
  openTab,
  region,
  scrollState,
  storedLedger,
} from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const laptopApp = async (url) =>
  openApp(env, { context: await env.browser.newContext({ viewport: LAPTOP }), url });

/** Closes the page's checks and its own context. */
async function finish(app) {
  await app.done();
  await app.context.close();
}

/** The Accounts table as a person reads it: one { owner, id, status, balance, chosen } a row. */
async function accountRows(page) {
  return region(page, 'Accounts')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        owner: row.querySelector('bdi').textContent.trim(),
        id: row.querySelector('.account-id').textContent.trim(),
        status: row.querySelectorAll('td')[0].textContent.trim(),
        balance: row.querySelectorAll('td')[1].textContent.trim(),
        chosen: row.getAttribute('aria-current') === 'true',
      })),
    );
}

const conservation = (page) => region(page, 'Accounts').getByTestId('conservation').innerText();
const inFlightLines = (page) => region(page, 'Accounts').getByText(/^Transfer of /).allInnerTexts();
const deliver = (page) => page.getByRole('button', { name: 'Deliver next step' });

/**
 * What the Accounts region must show after the first k stored events, folded here on its own:
 * the rows in the order the accounts were opened, the conservation sentence, and the line of
 * each transfer under way with its next step.
 */
function expectedAt(events, k, chosen) {
  const accounts = new Map();
  const transfers = new Map();
  let deposited = 0;
  let withdrawn = 0;
  let inFlight = 0;
  for (const e of events.slice(0, k)) {
    const account = accounts.get(e.stream);
    const amount = e.amount_cents;
    switch (e.event_type) {
      case 'AccountOpened':
        accounts.set(e.stream, { owner: e.payload.owner, open: true, cents: 0 });
        break;
      case 'MoneyDeposited':
        account.cents += amount;
        deposited += amount;
        break;
      case 'MoneyWithdrawn':
      case 'BalancePaidOut':
        account.cents -= amount;
        withdrawn += amount;
        break;
      case 'AccountClosed':
        account.open = false;
        break;
      case 'TransferRequested':
        transfers.set(e.payload.transfer_id, { ...e.payload, next: 'debit the source' });
        break;
      case 'TransferDebited':
        account.cents -= amount;
        inFlight += amount;
        if (transfers.has(e.payload.transfer_id)) transfers.get(e.payload.transfer_id).next = 'credit the destination';
        break;
      case 'TransferCredited':
        account.cents += amount;
        inFlight -= amount;
        if (transfers.has(e.payload.transfer_id)) transfers.get(e.payload.transfer_id).next = 'mark it completed';
        break;
      case 'TransferRefunded':
        account.cents += amount;
        inFlight -= amount;
        transfers.get(e.payload.transfer_id).next = 'mark it failed';
        break;
      case 'TransferCompleted':
      case 'TransferFailed':
        transfers.delete(e.stream);
        break;
      default:
        throw new Error(`unknown event ${e.event_type}`);
    }
  }
  const held = [...accounts.values()].reduce((sum, a) => sum + a.cents, 0);
  return {
    rows: [...accounts].map(([id, a]) => ({
      owner: a.owner,
      id,
      status: a.open ? 'Open' : 'Closed',
      balance: a.open ? dollars(a.cents) : '\u2014',
      chosen: id === chosen,
    })),
    conservation:
      `In accounts ${dollars(held)} + in flight ${dollars(inFlight)} = deposited ${dollars(deposited)} ` +
      `\u2212 withdrawn ${dollars(withdrawn)}: every cent accounted for.`,
    lines: [...transfers].map(
      ([, t]) => `Transfer of ${dollars(t.amount_cents)} from ${accounts.get(t.from).owner} to ${accounts.get(t.to).owner}: next, ${t.next}.`,
    ),
    balance: accounts.get(chosen)?.cents,
  };
}

/** Asserts the Accounts region eventually shows what expectedAt() says for the first k events. */
async function expectAccountsAt(page, events, k, chosen) {
  const expected = expectedAt(events, k, chosen);
  await eventually(async () => {
    assert.deepEqual(await accountRows(page), expected.rows, `the Accounts table after ${k} events`);
    assert.equal(await conservation(page), expected.conservation, `the conservation line after ${k} events`);
    assert.deepEqual(await inFlightLines(page), expected.lines, `transfers under way after ${k} events`);
  });
  return expected;
}

/** The envelope of ledger row #n, opened with its button as a person would, as JSON. */
async function envelopeOf(page, n) {
  await region(page, 'Event ledger').getByRole('button', { name: `Envelope JSON for #${n}` }).click();
  const inspector = region(page, 'Event ledger').locator('#envelope-inspector');
  await eventually(async () => assert.match(await inspector.innerText(), new RegExp(`Envelope of event #${n}\\b`)));
  return JSON.parse(await inspector.locator('pre').innerText());
}

/** Opens Ada's account with $100.00 and Grace's, then chooses Ada's; returns both ids. */
async function adaAndGrace(page, { ada = 'Ada', grace = 'Grace' } = {}) {
  await openAccount(page, ada);
  await moveMoney(page, 'Deposit', '100');
  await expectState(page, { Owner: ada, Balance: '$100.00' });
  await openAccount(page, grace);
  // Opening an account chooses it.
  await expectState(page, { Owner: grace, Balance: '$0.00', 'Events applied': '3' });
  const adaId = await chooseAccount(page, 'Account', ada);
  await expectState(page, { Owner: ada, Balance: '$100.00', 'Account id': adaId });
  const graceId = (await storedLedger(page)).events[2].stream;
  return { adaId, graceId };
}

/** Chooses a delivery or consistency option in the Transfers tab, then scrolls back to the stage. */
async function setTransferOption(page, group, option) {
  await openTab(page, 'Transfers');
  const choice = page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
  await choice.check();
  assert.equal(await choice.isChecked(), true);
  await page.evaluate(() => window.scrollTo(0, 0));
}

test('at 1280x800, a deposit and a transfer between two accounts: both balances right now and at every point of the slider', async () => {
  const app = await laptopApp();
  const { page } = app;
  const { adaId, graceId } = await adaAndGrace(page);
  // The Account select lists every account; To account every other one.
  const options = (label) => page.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
  // By owner: an id only tells apart two accounts of one owner.
  assert.deepEqual(await options('Account'), ['Ada', 'Grace']);
  assert.deepEqual(await options('To account'), ['Grace']);
  await moveMoney(page, 'Transfer', '30');
  await eventually(async () =>
    assert.equal(
      await page.getByRole('status').filter({ hasText: 'Recorded TransferRequested' }).innerText(),
      'Recorded TransferRequested (#4) then TransferDebited (#5) then TransferCredited (#6) then TransferCompleted (#7).',
    ),
  );
  await expectState(page, { Owner: 'Ada', Balance: '$70.00', 'Events applied': '7' });
  assert.deepEqual(await ledgerTypes(page), [
    'AccountOpened',
    'MoneyDeposited',
    'AccountOpened',
    'TransferRequested',
    'TransferDebited',
    'TransferCredited',
    'TransferCompleted',
  ]);
  const { events } = await storedLedger(page);
  const transfer = events[3].stream;
  assert.match(transfer, /^tr-/);
  assert.deepEqual(
    events.slice(3).map((e) => [e.stream, e.event_type, e.amount_cents, e.correlation_id]),
    [
      [transfer, 'TransferRequested', 3000, transfer],
      [adaId, 'TransferDebited', 3000, transfer],
      [graceId, 'TransferCredited', 3000, transfer],
      [transfer, 'TransferCompleted', undefined, transfer],
    ],
    'each step in its own stream, all correlated to the transfer',
  );
  const now = await expectAccountsAt(page, events, 7, adaId);
  assert.deepEqual(
    now.rows.map((r) => [r.owner, r.balance]),
    [['Ada', '$70.00'], ['Grace', '$30.00']],
  );
  assert.equal(now.conservation, 'In accounts $100.00 + in flight $0.00 = deposited $100.00 \u2212 withdrawn $0.00: every cent accounted for.');
  // The stage, with the new controls and the Accounts table, is on one laptop screen.
  for (const [locator, what] of [
    [page.getByLabel('Account', { exact: true }), 'the Account select'],
    [page.getByLabel('To account', { exact: true }), 'the To account select'],
    [page.getByRole('button', { name: 'Transfer', exact: true }), 'Transfer'],
    [region(page, 'Accounts').locator('table'), 'the Accounts table'],
    [region(page, 'Accounts').getByTestId('conservation'), 'the conservation line'],
  ]) {
    await assertInView(locator, LAPTOP, what);
  }

  // Step back through every event: the table, the sentence, the lines and Ada's state each time.
  const travel = region(page, 'Time travel');
  for (let k = 7; k >= 0; k -= 1) {
    if (k < 7) await travel.getByRole('button', { name: 'Step back' }).click();
    await eventually(async () => assert.equal(await travel.locator('output').innerText(), `Events applied: ${k} / 7`));
    const expected = await expectAccountsAt(page, events, k, adaId);
    await expectState(
      page,
      expected.balance === undefined
        ? { Status: 'No account', 'Events applied': String(k) }
        : { Owner: 'Ada', Balance: dollars(expected.balance), 'Events applied': String(k) },
    );
    assert.equal(await deliver(page).count(), 0, `nothing to deliver from the past (${k})`);
  }
  // The points the table must show: the money in flight between the debit and the credit.
  assert.deepEqual(expectedAt(events, 5, adaId).lines, [
    'Transfer of $30.00 from Ada to Grace: next, credit the destination.',
  ]);
  assert.match(expectedAt(events, 5, adaId).conservation, /^In accounts \$70\.00 \+ in flight \$30\.00 = deposited \$100\.00/);

  // Choosing Grace shows her at the cursor: nothing before her account was opened.
  await page.getByRole('slider', { name: 'Time travel' }).fill('2');
  await chooseAccount(page, 'Account', 'Grace');
  await expectState(page, { Status: 'No account', 'Events applied': '2' });
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expectState(page, { Owner: 'Grace', Balance: '$30.00', 'Account id': graceId, 'Events applied': '7' });
  await expectAccountsAt(page, events, 7, graceId);
  await finish(app);
});

test('a transfer to a closed account is debited, refunded with the reason, and fails; the source keeps its money', async () => {
  const app = await laptopApp();
  const { page } = app;
  const { adaId, graceId } = await adaAndGrace(page);
  await chooseAccount(page, 'Account', 'Grace');
  await page.getByRole('button', { name: 'Close account' }).click();
  await expectState(page, { Owner: 'Grace', Status: 'Closed', 'Events applied': '4' });
  await chooseAccount(page, 'Account', 'Ada');
  assert.deepEqual(
    await page.getByLabel('To account', { exact: true }).locator('option').allInnerTexts(),
    ['Grace (closed)'],
  );
  await moveMoney(page, 'Transfer', '40');
  const reason = `Account ${graceId} is closed: a closed account accepts no more commands.`;
  await eventually(async () =>
    assert.equal(
      await page.getByRole('alert').innerText(),
      `The transfer failed, and no money moved in the end: ${reason} ` +
        'Recorded TransferRequested (#5) then TransferDebited (#6) then TransferRefunded (#7) then TransferFailed (#8).',
    ),
  );
  assert.deepEqual((await ledgerTypes(page)).slice(-4), ['TransferRequested', 'TransferDebited', 'TransferRefunded', 'TransferFailed']);
  // The refund is a new event in Ada's stream that says why; the debit is left as it was.
  const refund = await envelopeOf(page, 7);
  assert.equal(refund.event_type, 'TransferRefunded');
  assert.equal(refund.stream_id, adaId);
  assert.equal(refund.payload.amount_cents, 4000);
  assert.equal(refund.payload.reason, reason);
  const debit = await envelopeOf(page, 6);
  assert.deepEqual([debit.event_type, debit.stream_id, debit.payload.amount_cents], ['TransferDebited', adaId, 4000]);
  assert.match(await ledgerItems(page).last().innerText(), new RegExp(`Transfer failed: ${reason.replace(/[.]/g, '\\.')}`));

  await expectState(page, { Owner: 'Ada', Balance: '$100.00', 'Events applied': '8' });
  const { events } = await storedLedger(page);
  const now = await expectAccountsAt(page, events, 8, adaId);
  assert.deepEqual(now.rows.map((r) => [r.owner, r.status, r.balance]), [['Ada', 'Open', '$100.00'], ['Grace', 'Closed', '\u2014']]);
  assert.equal(now.conservation, 'In accounts $100.00 + in flight $0.00 = deposited $100.00 \u2212 withdrawn $0.00: every cent accounted for.');
  // Between the debit and the refund the money was in flight, and the sums still added up.
  for (const k of [6, 7]) {
    await page.getByRole('slider', { name: 'Time travel' }).fill(String(k));
    const expected = await expectAccountsAt(page, events, k, adaId);
    await expectState(page, { Balance: dollars(expected.balance) });
  }
  assert.match(expectedAt(events, 6, adaId).conservation, /^In accounts \$60\.00 \+ in flight \$40\.00 = /);
  await finish(app);
});

test('one step at a time: the money is in flight between the debit and the credit, and "Deliver next step" finishes it', async () => {
  const app = await laptopApp();
  const { page } = app;
  const { adaId, graceId } = await adaAndGrace(page);
  await setTransferOption(page, 'Deliver steps', 'one at a time');
  await moveMoney(page, 'Transfer', '30');
  await eventually(async () => assert.match(await page.getByRole('status').first().innerText(), /^Recorded TransferRequested \(#4\)\. No money has moved yet/));
  const steps = [
    ['TransferRequested', 'debit the source', '$100.00', '$0.00', '$0.00'],
    ['TransferDebited', 'credit the destination', '$70.00', '$0.00', '$30.00'],
    ['TransferCredited', 'mark it completed', '$70.00', '$30.00', '$0.00'],
  ];
  for (const [i, [type, next, ada, grace, inFlight]] of steps.entries()) {
    await eventually(async () => assert.equal((await ledgerTypes(page)).at(-1), type));
    const transfer = (await storedLedger(page)).events[3].stream;
    await eventually(async () => {
      assert.deepEqual((await accountRows(page)).map((r) => r.balance), [ada, grace], `after ${type}`);
      assert.match(await conservation(page), new RegExp(`\\+ in flight \\${inFlight} = deposited \\$100\\.00`));
      assert.deepEqual(await inFlightLines(page), [`Transfer of $30.00 from Ada to Grace: next, ${next}.`]);
    });
    await expectState(page, { Owner: 'Ada', Balance: ada, 'Events applied': String(4 + i) });
    if (type === 'TransferDebited') {
      // "Deliver next step" is for the present only: gone in the past, back at now.
      await region(page, 'Time travel').getByRole('button', { name: 'Step back' }).click();
      await eventually(async () => assert.equal(await deliver(page).count(), 0));
      await page.getByRole('button', { name: 'Back to now' }).click();
    }
    await deliver(page).click();
  }
  await eventually(async () => assert.equal((await ledgerTypes(page)).at(-1), 'TransferCompleted'));
  await eventually(async () => assert.deepEqual(await inFlightLines(page), []));
  assert.equal(await deliver(page).count(), 0, 'nothing left to deliver');
  const { events } = await storedLedger(page);
  assert.equal(events.length, 7);
  await expectAccountsAt(page, events, 7, adaId);
  await finish(app);
});

test('a double click on "Deliver next step" delivers one step, as one click does', async () => {
  const app = await laptopApp();
  const { page } = app;
  await adaAndGrace(page);
  await setTransferOption(page, 'Deliver steps', 'one at a time');
  await moveMoney(page, 'Transfer', '30');
  await eventually(async () => assert.equal((await ledgerTypes(page)).at(-1), 'TransferRequested'));
  await deliver(page).dblclick();
  await eventually(async () => assert.equal((await ledgerTypes(page)).at(-1), 'TransferDebited'));
  await page.waitForTimeout(300);
  assert.equal((await ledgerTypes(page)).at(-1), 'TransferDebited', 'one step, not two');
  assert.match(await page.getByRole('status').first().innerText(), /Next: credit the destination/);
  await finish(app);
});

test('at 1280x800 a transfer waiting for its next step fits the stage: the Accounts table, the sums, the line and "Deliver next step"', async () => {
  const app = await laptopApp();
  const { page } = app;
  await adaAndGrace(page);
  await setTransferOption(page, 'Deliver steps', 'one at a time');
  await moveMoney(page, 'Transfer', '30');
  await deliver(page).click();
  await eventually(async () => assert.match(await conservation(page), /in flight \$30\.00/));
  await page.evaluate(() => window.scrollTo(0, 0));
  const outside = [];
  for (const [locator, what] of [
    [region(page, 'Accounts').locator('table'), 'the Accounts table'],
    [region(page, 'Accounts').getByTestId('conservation'), 'the conservation line'],
    [region(page, 'Accounts').getByText(/^Transfer of /), 'the transfer under way'],
    [deliver(page), 'Deliver next step'],
    [page.getByRole('slider', { name: 'Time travel' }), 'the slider'],
  ]) {
    // Every part measured, so a failure lists all that are off the screen.
    try {
      await assertInView(locator, LAPTOP, what);
    } catch (error) {
      outside.push(error.message);
    }
  }
  assert.deepEqual(outside, [], 'with money in flight, the stage is on one screen');
  assert.deepEqual(await scrollState(page), { x: 0, y: 0, sideways: false });
  await finish(app);
});

test('a crash after the debit stops the app; a real reload, or Restart the app, finishes the transfer exactly once and says so', async () => {
  const app = await laptopApp();
  const { page } = app;
  const { adaId, graceId } = await adaAndGrace(page);
  await openTab(page, 'Transfers');
  await page.getByLabel('Amount', { exact: true }).fill('25');
  await page.getByRole('button', { name: 'Simulate a crash after the debit' }).click();
  await eventually(async () =>
    assert.match(await page.getByRole('alert').innerText(), new RegExp(`^The app stopped right after the debit: \\$25\\.00 has left ${adaId} and is in no account, in flight\\.`)),
  );
  assert.deepEqual((await ledgerTypes(page)).slice(3), ['TransferRequested', 'TransferDebited']);
  await eventually(async () => assert.match(await conservation(page), /^In accounts \$75\.00 \+ in flight \$25\.00 = deposited \$100\.00/));
  // The commands are off until a restart; the restart button is under them.
  const commands = region(page, 'Commands');
  await commands.getByRole('button', { name: 'Restart the app' }).waitFor();
  for (const name of ['Open account', 'Deposit', 'Withdraw', 'Transfer', 'Close account']) {
    assert.equal(await commands.getByRole('button', { name, exact: true }).isDisabled(), true, `${name} is off`);
  }

  await page.reload();
  await page.getByRole('main').waitFor();
  const transfer = (await storedLedger(page)).events[3].stream;
  const finished = page.getByRole('status').filter({ hasText: 'transfer left unfinished' });
  await eventually(async () =>
    assert.equal(
      await finished.innerText(),
      'The ledger held 1 transfer left unfinished by a tab that stopped mid-way; the process manager took the next ' +
        `steps from the ledger: ${transfer}: credit the destination, mark it completed.`,
    ),
  );
  await eventually(async () => assert.equal(await ledgerItems(page).count(), 7));
  const credited = async () => (await ledgerTypes(page)).filter((t) => t === 'TransferCredited').length;
  assert.equal(await credited(), 1, 'one TransferCredited row');
  const { events } = await storedLedger(page);
  assert.deepEqual(events.slice(5).map((e) => [e.stream, e.event_type]), [[graceId, 'TransferCredited'], [transfer, 'TransferCompleted']]);
  await expectAccountsAt(page, events, 7, adaId);
  assert.equal(await commands.getByRole('button', { name: 'Deposit', exact: true }).isEnabled(), true, 'commands are back');
  assert.equal(await commands.getByRole('button', { name: 'Restart the app' }).count(), 0);
  // Another reload finds nothing to finish and writes nothing.
  await page.reload();
  await page.getByRole('main').waitFor();
  await expectState(page, { 'Events applied': '7' });
  await page.waitForTimeout(300);
  assert.equal((await storedLedger(page)).events.length, 7);
  assert.equal(await finished.count(), 0);

  // The same through "Restart the app", without leaving the page.
  await openTab(page, 'Transfers');
  await page.getByLabel('Amount', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Simulate a crash after the debit' }).click();
  await commands.getByRole('button', { name: 'Restart the app' }).click();
  await eventually(async () => assert.equal(await finished.count(), 1));
  await eventually(async () => assert.equal(await credited(), 2, 'the second transfer credited once'));
  await expectAccountsAt(page, (await storedLedger(page)).events, 11, adaId);
  assert.equal((await storedLedger(page)).events.length, 11);
  // Once finished, nothing on the page still says the money is in flight or asks for a restart.
  await eventually(async () => assert.deepEqual(await page.getByRole('alert').allInnerTexts(), []), 2000);
  await finish(app);
});

/** Both pages press `button` at the same wall-clock instant, each from inside its own page. */
function pressAt(page, button, amount, at) {
  return page.evaluate(
    async ({ button, amount, at }) => {
      const field = document.getElementById('amount');
      field.value = amount;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((ok) => setTimeout(ok, Math.max(0, at - Date.now() - 5)));
      while (Date.now() < at) {
        // spin until the agreed instant
      }
      [...document.querySelectorAll('button')].find((b) => b.textContent === button).click();
    },
    { button, amount, at },
  );
}

test('two tabs writing to different accounts both keep their events; a crash left by one is finished once when two tabs start', async () => {
  const context = await env.browser.newContext({ viewport: LAPTOP });
  const one = await openApp(env, { context });
  const two = await openApp(env, { context });
  const { adaId, graceId } = await adaAndGrace(one.page);
  // The other tab sees both accounts without a reload, and works on Grace's.
  await eventually(async () => assert.deepEqual((await accountRows(two.page)).map((r) => r.id), [adaId, graceId]));
  await chooseAccount(two.page, 'Account', 'Grace');
  await expectState(two.page, { Owner: 'Grace' });
  const rounds = 6;
  for (let i = 1; i <= rounds; i += 1) {
    const at = Date.now() + 150;
    await Promise.all([pressAt(one.page, 'Deposit', `${i}`, at), pressAt(two.page, 'Deposit', `${i * 10}`, at)]);
  }
  const total = 3 + 2 * rounds;
  for (const app of [one, two]) await expectState(app.page, { 'Events applied': String(total) });
  const { events } = await storedLedger(one.page);
  assert.deepEqual(events.map((e) => e.position), Array.from({ length: total }, (_, i) => i + 1), 'gapless');
  assert.equal(new Set(events.map((e) => e.command_id)).size, total, 'no event twice');
  const deposits = (stream) => events.filter((e) => e.stream === stream && e.event_type === 'MoneyDeposited').map((e) => e.amount_cents);
  assert.deepEqual(deposits(adaId).sort((a, b) => a - b), [10000, 100, 200, 300, 400, 500, 600].sort((a, b) => a - b));
  assert.deepEqual(deposits(graceId).sort((a, b) => a - b), [1000, 2000, 3000, 4000, 5000, 6000]);
  for (const [app, chosen] of [[one, adaId], [two, graceId]]) {
    const expected = await expectAccountsAt(app.page, events, total, chosen);
    assert.deepEqual(expected.rows.map((r) => r.balance), ['$121.00', '$210.00']);
  }

  // Tab one stops right after a debit and is closed; then two tabs start at once.
  await openTab(one.page, 'Transfers');
  await one.page.getByLabel('Amount', { exact: true }).fill('4');
  await one.page.getByRole('button', { name: 'Simulate a crash after the debit' }).click();
  await eventually(async () => assert.match(await conservation(two.page), /in flight \$4\.00/));
  await one.done();
  await one.page.close();
  const [three, four] = await Promise.all([openApp(env, { context }), openApp(env, { context })]);
  const after = total + 4;
  for (const app of [two, three, four]) await expectState(app.page, { 'Events applied': String(after) });
  await new Promise((ok) => setTimeout(ok, 500));
  const stored = (await storedLedger(three.page)).events;
  assert.equal(stored.length, after, 'requested, debited, credited, completed: nothing more');
  const transfer = stored[total].stream;
  const ofTransfer = stored.filter((e) => e.correlation_id === transfer).map((e) => e.event_type);
  assert.deepEqual(ofTransfer, ['TransferRequested', 'TransferDebited', 'TransferCredited', 'TransferCompleted'], 'credited once');
  assert.deepEqual(stored.map((e) => e.position), Array.from({ length: after }, (_, i) => i + 1));
  for (const app of [two, three, four]) await expectAccountsAt(app.page, stored, after, (await currentState(app.page))['Account id']);
  const said = [];
  for (const app of [three, four]) said.push(...(await app.page.getByRole('status').filter({ hasText: 'transfer left unfinished' }).allInnerTexts()));
  // Both tabs may find it unfinished at start and say which steps they took: one may credit
  // while the other completes. The ledger above holds each step once whoever took it.
  assert.ok(said.length >= 1, 'a starting tab says the transfer was finished');
  for (const text of said) {
    assert.match(text, new RegExp(`${transfer}: (credit the destination, mark it completed|credit the destination|mark it completed)\\.$`));
  }
  assert.ok(said.some((text) => text.includes('mark it completed')), 'a tab says it completed the transfer');
  for (const app of [two, three, four]) await app.done();
  await context.close();
});

test('one atomic write: TransferDebited and TransferCredited share a command id; toward a closed account it is refused whole', async () => {
  const app = await laptopApp();
  const { page } = app;
  const { adaId, graceId } = await adaAndGrace(page);
  await setTransferOption(page, 'Consistency', 'One atomic write');
  assert.match(await page.getByRole('tabpanel', { name: 'Transfers' }).innerText(), /one append to both streams, each at the version it expects\. That is optimistic, not a lock/);
  await moveMoney(page, 'Transfer', '10');
  await eventually(async () =>
    assert.equal(await page.getByRole('status').filter({ hasText: 'Recorded' }).innerText(), 'Recorded TransferDebited (#4) then TransferCredited (#5).'),
  );
  assert.deepEqual((await ledgerTypes(page)).slice(3), ['TransferDebited', 'TransferCredited'], 'no request, no completion: one write');
  const debit = await envelopeOf(page, 4);
  const credit = await envelopeOf(page, 5);
  assert.match(debit.metadata.command_id, /^cmd-/);
  assert.equal(credit.metadata.command_id, debit.metadata.command_id, 'one command');
  assert.deepEqual([debit.stream_id, debit.payload.to, debit.payload.amount_cents], [adaId, graceId, 1000]);
  assert.deepEqual([credit.stream_id, credit.payload.from, credit.payload.amount_cents], [graceId, adaId, 1000]);
  assert.equal(credit.payload.transfer_id, debit.payload.transfer_id);
  await expectState(page, { Owner: 'Ada', Balance: '$90.00' });
  await expectAccountsAt(page, (await storedLedger(page)).events, 5, adaId);

  // Toward a closed account: refused as a whole, nothing written, nothing moved.
  await chooseAccount(page, 'Account', 'Grace');
  await page.getByRole('button', { name: 'Close account' }).click();
  await expectState(page, { Status: 'Closed', 'Events applied': '7' });
  await chooseAccount(page, 'Account', 'Ada');
  await moveMoney(page, 'Transfer', '10');
  await eventually(async () =>
    assert.equal(await page.getByRole('alert').innerText(), `Rejected: Account ${graceId} is closed: a closed account accepts no more commands.`),
  );
  const { events } = await storedLedger(page);
  assert.equal(events.length, 7, 'nothing appended');
  await expectState(page, { Owner: 'Ada', Balance: '$90.00', 'Events applied': '7' });
  await expectAccountsAt(page, events, 7, adaId);
  await openTab(page, 'Rejected attempts');
  assert.match(await region(page, 'Rejected attempts').innerText(), new RegExp(`Transfer \\$10\\.00 from ${adaId} to ${graceId} — A closed account accepts nothing`));
  await finish(app);
});

test('by keyboard alone: the Account and To account selects choose, and Transfer sends', async () => {
  const app = await laptopApp();
  const { page } = app;
  await adaAndGrace(page);
  await openAccount(page, 'Carol');
  await expectState(page, { Owner: 'Carol' });
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  // From the Owner field, Shift+Tab reaches the Account select; the arrows choose.
  await page.getByLabel('Owner', { exact: true }).focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'account');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expectState(page, { Owner: 'Ada', Balance: '$100.00' });
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.chosen), [true, false, false]));
  for (const expected of ['owner', 'Open account', 'amount']) {
    await page.keyboard.press('Tab');
    assert.equal(await focused(), expected);
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25');
  // The folded "Back-date a deposit" sits between the money buttons and To account.
  for (const expected of ['Deposit', 'Withdraw', 'Back-date a deposit', 'to-account']) {
    await page.keyboard.press('Tab');
    assert.equal(await focused(), expected);
  }
  const to = page.getByLabel('To account', { exact: true });
  assert.deepEqual((await to.locator('option').allInnerTexts()).map((t) => t.split(' · ')[0]), ['Grace', 'Carol'], 'every other account');
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.match(await to.evaluate((el) => el.selectedOptions[0].text), /^Carol$/));
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Transfer');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.balance), ['$75.00', '$0.00', '$25.00']));
  // Back to the select, up to Grace, and Space on Transfer.
  await page.getByRole('button', { name: 'Transfer', exact: true }).focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'to-account');
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.match(await to.evaluate((el) => el.selectedOptions[0].text), /^Grace$/));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.balance), ['$50.00', '$25.00', '$25.00']));
  await expectState(page, { Owner: 'Ada', Balance: '$50.00' });
  await finish(app);
});

test('on a 390x844 phone: the selects, Transfer and the whole Accounts table fit the width, and the docked balance is the chosen account', async () => {
  const context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const app = await openApp(env, { context });
  const { page } = app;
  await adaAndGrace(page, { ada: 'Ada Lovelace-Byron of Ockham', grace: 'Grace Brewster Murray Hopper' });
  await moveMoney(page, 'Transfer', '12.50');
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.balance), ['$87.50', '$12.50']));
  assert.equal(await region(page, 'Time travel').locator('.dock-balance').innerText(), '$87.50');
  assert.equal((await scrollState(page)).sideways, false, 'no sideways scroll');
  for (const [locator, what] of [
    [page.getByLabel('Account', { exact: true }), 'the Account select'],
    [page.getByLabel('To account', { exact: true }), 'the To account select'],
    [page.getByRole('button', { name: 'Transfer', exact: true }), 'Transfer'],
    [region(page, 'Accounts').getByTestId('conservation'), 'the conservation line'],
  ]) {
    const box = await locator.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `on the phone, ${what} is within the width: x ${Math.round(box.x)}, ${Math.round(box.width)} wide`);
  }
  // Every cell of every row is within the screen's width: the table needs no sideways scroll.
  const cells = await region(page, 'Accounts').locator('tbody th, tbody td').evaluateAll((els) =>
    els.map((el) => ({ text: el.innerText, right: el.getBoundingClientRect().right })),
  );
  for (const cell of cells) assert.ok(cell.right <= PHONE.width, `"${cell.text}" ends at ${Math.round(cell.right)}px`);
  const scroller = await region(page, 'Accounts').locator('.accounts-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(scroller[0] <= scroller[1], `the table is not cut: ${scroller.join(' in ')}`);
  await app.done();
  await context.close();
});

test('the new scenarios: a refund from a closed account and a crash mid-transfer, told in the Accounts table', async () => {
  const refused = await laptopApp(`${env.url}?scenario=transfer-to-closed&ns=story-refund`);
  let { page } = refused;
  let caption = region(page, 'Scenario: A transfer to a closed account');
  await caption.waitFor();
  const next = async (step, of) => {
    await caption.getByRole('button', { name: 'Next' }).click();
    await eventually(async () => assert.match(await caption.innerText(), new RegExp(`Step ${step} of ${of}`)));
  };
  assert.deepEqual((await accountRows(page)).map((r) => [r.owner, r.status, r.balance]), [['Ada Lovelace', 'Open', '$500.00'], ['Grace Hopper', 'Closed', '\u2014']]);
  await next(2, 4);
  await eventually(async () => assert.match(await conservation(page), /^In accounts \$300\.00 \+ in flight \$200\.00 = deposited \$500\.00/));
  await next(3, 4);
  const refund = await envelopeOf(page, 7);
  assert.equal(refund.event_type, 'TransferRefunded');
  assert.match(refund.payload.reason, /is closed/);
  await next(4, 4);
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.balance), ['$500.00', '\u2014']));
  assert.match(await conservation(page), /^In accounts \$500\.00 \+ in flight \$0\.00 = /);
  await finish(refused);

  const crashed = await laptopApp(`${env.url}?scenario=crash-mid-transfer&ns=story-crash`);
  ({ page } = crashed);
  caption = region(page, 'Scenario: A crash mid-transfer');
  await caption.waitFor();
  await eventually(async () => assert.match(await conservation(page), /in flight \$120\.00/));
  await next(2, 3);
  await next(3, 3);
  await eventually(async () => assert.deepEqual((await accountRows(page)).map((r) => r.balance), ['$180.00', '$120.00']));
  assert.equal((await ledgerTypes(page)).filter((t) => t === 'TransferCredited').length, 1);
  await finish(crashed);
});

test('axe finds nothing serious or critical with two accounts and the Transfers tab open, in flight and after a crash', async () => {
  for (const theme of ['light', 'dark']) {
    const app = await laptopApp(`${env.url}?theme=${theme}`);
    const { page } = app;
    await adaAndGrace(page);
    await moveMoney(page, 'Transfer', '20');
    await expectState(page, { Balance: '$80.00' });
    await openTab(page, 'Transfers');
    await assertAccessible(page, `two accounts and the Transfers tab, ${theme}`);
    await page.getByRole('radio', { name: 'one at a time' }).check();
    await moveMoney(page, 'Transfer', '5');
    await deliver(page).click();
    await eventually(async () => assert.match(await conservation(page), /in flight \$5\.00/));
    await assertAccessible(page, `money in flight with "Deliver next step", ${theme}`);
    await deliver(page).click();
    await deliver(page).click();
    await eventually(async () => assert.equal(await deliver(page).count(), 0));
    await page.getByRole('radio', { name: 'automatically' }).check();
    await page.getByLabel('Amount', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Simulate a crash after the debit' }).click();
    await page.getByRole('button', { name: 'Restart the app' }).waitFor();
    await assertAccessible(page, `stopped after a crash, ${theme}`);
    await finish(app);
  }
});
