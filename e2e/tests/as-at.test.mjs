// "As at": generated history on an empty ledger spreads over months; a moment typed in the
// Questions tab moves the slider to the ledger as it stood then, and says which event that is.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  downloadText,
  eventually,
  expectState,
  importFile,
  launch,
  moveMoney,
  openAccount,
  openApp,
  openMenu,
  openTab,
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

const DAY = 86_400_000;
/** A moment as a datetime-local field takes it, in UTC: 2026-03-01T09:00:05. */
const field = (ms) => new Date(ms).toISOString().slice(0, 19);
/** As the app shows times: 2026-03-01 09:00:05 UTC. */
const shown = (ms) => `${field(ms).replace('T', ' ')} UTC`;

test('As at lands on the last event recorded at or before the moment, as seeking by index does, and says which', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openMenu(page);
  await page.getByLabel('Events to generate').fill('2000');
  await page.getByRole('button', { name: 'Generate history' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Generated 2,000 events.' }).count(), 1), 60000);
  await page.getByRole('button', { name: 'Close menu' }).click();
  const { events } = await storedLedger(page);
  const times = events.map((e) => e.recorded_at_ms);
  assert.ok(times.at(-1) - times[0] > 90 * DAY, `over months: ${Math.round((times.at(-1) - times[0]) / DAY)} days`);
  assert.ok(times.at(-1) < Date.now(), 'all in the past');

  await openTab(page, 'Questions');
  const questions = region(page, 'Questions');
  const asAt = questions.getByLabel('As at', { exact: true });
  const slider = page.getByRole('slider', { name: 'Time travel' });
  for (const k of [1, 777, 1500, 2000]) {
    const moment = times[k - 1];
    // The last event of that second: what a person typing the time they see would mean.
    const expected = times.findLastIndex((t) => t <= Math.floor(moment / 1000) * 1000 + 999) + 1;
    assert.ok(expected >= k);
    await asAt.fill(field(moment));
    await questions.getByRole('button', { name: 'Go to that moment' }).click();
    await eventually(async () => assert.equal(await slider.inputValue(), String(expected)));
    await expectState(page, { 'Events applied': expected.toLocaleString('en-US') });
    const said = `As at ${shown(moment)}: the slider is at event #${expected.toLocaleString('en-US')} (${events[expected - 1].event_type}, recorded ${shown(times[expected - 1])}).`;
    assert.equal(await page.getByRole('status').filter({ hasText: 'As at' }).innerText(), said);
    assert.match(await questions.innerText(), new RegExp(said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }

  await asAt.fill(field(times[0] - DAY));
  await questions.getByRole('button', { name: 'Go to that moment' }).click();
  await eventually(async () => assert.equal(await slider.inputValue(), '0'));
  assert.match(await page.getByRole('status').filter({ hasText: 'As at' }).innerText(), /no event was recorded yet, so the slider is at the start\.$/);
  await app.done();
});

test('with a clock set back, As at stops before the first event recorded after the moment and says what it left out; 1969 is a date', async () => {
  const source = await openApp(env);
  await openAccount(source.page, 'Ada');
  await moveMoney(source.page, 'Deposit', '2');
  await moveMoney(source.page, 'Deposit', '3');
  await moveMoney(source.page, 'Deposit', '4');
  await openMenu(source.page);
  const file = JSON.parse((await downloadText(source.page, source.page.getByRole('button', { name: 'Export' }))).text);
  await source.done();
  // The clock went back before the last deposit: #3 at +5 s, #4 at +3 s.
  const base = Date.UTC(2026, 2, 1, 12, 0, 0);
  file.events.forEach((event, i) => {
    event.recorded_at_ms = base + [1, 2, 5, 3][i] * 1000;
  });

  const app = await openApp(env);
  const { page } = app;
  await importFile(page, 'clock.json', JSON.stringify(file));
  await page.getByRole('dialog', { name: 'Replace the ledger with this file?' }).getByRole('button', { name: 'Replace the ledger' }).click();
  await page.getByRole('button', { name: 'Close menu' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Imported 4 events' }).count(), 1));
  await openTab(page, 'Questions');
  const questions = region(page, 'Questions');
  const asAt = questions.getByLabel('As at', { exact: true });
  await asAt.fill('2026-03-01T12:00:03');
  await questions.getByRole('button', { name: 'Go to that moment' }).click();
  await expectState(page, { 'Events applied': '2', Balance: '$2.00' });
  assert.equal(
    await page.getByRole('status').filter({ hasText: 'As at' }).innerText(),
    'As at 2026-03-01 12:00:03 UTC: the slider is at event #2 (MoneyDeposited, recorded 2026-03-01 12:00:02 UTC). Event #4 is stamped 2026-03-01 12:00:03 UTC, but it was recorded after event #3 (a clock set back), so it is left out.',
  );
  await asAt.fill('1969-07-20T20:17');
  await questions.getByRole('button', { name: 'Go to that moment' }).click();
  await expectState(page, { 'Events applied': '0' });
  assert.match(await page.getByRole('status').filter({ hasText: 'As at' }).innerText(), /^As at 1969-07-20 20:17:00 UTC: no event was recorded yet/);
  await app.done();
});

test('a back-dated deposit is recorded now with the date it took effect; As at says what the ledger knew then, and as of what was true', async () => {
  // Ada's account, opened ten days ago with $100.00 (an export with its times moved back).
  const source = await openApp(env);
  await openAccount(source.page, 'Ada Lovelace');
  await moveMoney(source.page, 'Deposit', '100');
  await openMenu(source.page);
  const file = JSON.parse((await downloadText(source.page, source.page.getByRole('button', { name: 'Export' }))).text);
  await source.done();
  const opened = Date.now() - 10 * DAY;
  file.events.forEach((event, i) => {
    event.recorded_at_ms = opened + i * 60_000;
  });
  const app = await openApp(env);
  const { page } = app;
  await importFile(page, 'ada.json', JSON.stringify(file));
  await page.getByRole('dialog', { name: 'Replace the ledger with this file?' }).getByRole('button', { name: 'Replace the ledger' }).click();
  await page.getByRole('button', { name: 'Close menu' }).click();
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Imported 2 events' }).count(), 1));

  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  const commands = region(page, 'Commands');
  const tookEffect = commands.getByLabel('Took effect on');
  await commands.getByText('Back-date a deposit').click();
  // Only a deposit carries the date; a date to come or before the opening is refused in words.
  await tookEffect.fill(day(Date.now() - 6 * DAY));
  await moveMoney(page, 'Withdraw', '5');
  await eventually(async () => assert.equal(await page.getByRole('alert').innerText(), 'Took effect on: only a deposit can be back-dated. Clear the date to withdraw or transfer.'));
  // The field is marked, shown and focused.
  assert.equal(await tookEffect.getAttribute('aria-invalid'), 'true');
  assert.equal(await tookEffect.evaluate((el) => el === document.activeElement && el.closest('details').open), true);
  await commands.getByText(/^Deposit back-dated to /).click();
  assert.equal(await tookEffect.isVisible(), false, 'folded again');
  await commands.getByText(/^Deposit back-dated to /).click();
  await tookEffect.fill(day(Date.now() + 2 * DAY));
  await moveMoney(page, 'Deposit', '500');
  await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /^Took effect on: \d{4}-\d\d-\d\d is after today \(\d{4}-\d\d-\d\d, UTC\): a deposit made now cannot take effect later\.$/));
  // Refused by the page (it knows today and the opening day), the field is marked the same way.
  assert.equal(await tookEffect.getAttribute('aria-invalid'), 'true');
  assert.equal(await tookEffect.evaluate((el) => el === document.activeElement), true);
  await tookEffect.fill(day(opened - 2 * DAY));
  await moveMoney(page, 'Deposit', '500');
  await eventually(async () => assert.equal(await page.getByRole('alert').innerText(), `Took effect on: ${day(opened - 2 * DAY)} is before the account was opened (${day(opened)}): it held no money then.`));
  assert.equal((await storedLedger(page)).events.length, 2, 'nothing recorded');

  const effective = day(Date.now() - 6 * DAY);
  await tookEffect.fill(effective);
  assert.equal(await commands.getByText(`Deposit back-dated to ${effective}`).count(), 1, 'the folded control says a date is set');
  await moveMoney(page, 'Deposit', '500');
  await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'Recorded' }).innerText(), 'Recorded MoneyDeposited (#3).'));
  assert.equal(await tookEffect.inputValue(), '', 'the next deposit is not back-dated unless asked again');
  const { events } = await storedLedger(page);
  assert.equal(events[2].schema_version, 3, 'written in v3, the first version with room for the date');
  assert.deepEqual(events[2].payload, { amount: { cents: 50000, currency: 'USD' }, effective_on: effective });
  assert.match(await region(page, 'Event ledger').innerText(), new RegExp(`\\$500\\.00 deposited, effective ${effective}`));

  await openTab(page, 'Questions');
  const questions = region(page, 'Questions');
  const moment = Date.now() - 3 * DAY;
  await questions.getByLabel('As at', { exact: true }).fill(field(moment));
  await questions.getByRole('button', { name: 'Go to that moment' }).click();
  await expectState(page, { 'Events applied': '2', Balance: '$100.00' });
  const said = `What the ledger knew then (as at): Ada Lovelace's balance was $100.00. What was true then, as known now (as of): $600.00, since deposit #3, recorded ${shown(events[2].recorded_at_ms)}, took effect on ${effective}.`;
  assert.ok((await page.getByRole('status').filter({ hasText: 'As at' }).innerText()).endsWith(said));
  assert.ok((await questions.innerText()).includes(said), 'beside the field too');
  await app.done();
});
