// Commands are idempotent by command id: a double click on a command, or "Retry the last command
// (same id)" in How it works, appends nothing the second time and says it was already handled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, launch, ledgerItems, moveMoney, openAccount, openApp, openTab, region, storedLedger } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const handled = /^Already handled: command (cmd-[0-9a-f]+) recorded event #(\d+); nothing was appended again\.$/;

test('Retry the last command (same id) appends nothing, says where the command went, and How it works stops it at step one', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await moveMoney(page, 'Deposit', '100');
  await eventually(async () => assert.equal(await ledgerItems(page).count(), 2));
  const before = await storedLedger(page);
  const deposited = before.events[1].command_id;

  await openTab(page, 'How it works');
  const panel = region(page, 'How it works');
  const retry = panel.getByRole('button', { name: 'Retry the last command (same id)' });
  assert.match(await panel.getByText(/^Sends command /).innerText(), new RegExp(`^Sends command ${deposited} again`));
  await retry.click();

  const status = page.getByRole('status').filter({ hasText: 'Already handled' });
  await eventually(async () => assert.match(await status.innerText(), handled));
  const [, id, position] = (await status.innerText()).match(handled);
  assert.deepEqual([id, position], [deposited, '2']);
  assert.equal(await page.getByRole('alert').count(), 0, 'a retry is safe, not an error');
  assert.equal(await ledgerItems(page).count(), 2);
  assert.deepEqual(await storedLedger(page), before, 'storage is unchanged');
  assert.match(await panel.innerText(), /Not reached: this command id was handled before \(event #2\)/);
  await app.done();
});

test('a double click on Deposit records one deposit; two separate clicks record two', async () => {
  const app = await openApp(env);
  const { page } = app;
  await openAccount(page, 'Ada');
  await page.getByLabel('Amount', { exact: true }).fill('25');
  const deposit = page.getByRole('button', { name: 'Deposit', exact: true });

  await deposit.dblclick();

  const status = page.getByRole('status').filter({ hasText: 'Already handled' });
  await eventually(async () => assert.match(await status.innerText(), handled));
  assert.equal((await storedLedger(page)).events.length, 2, 'opened, then one deposit');
  // Two clicks of their own are two commands, even for the same amount.
  await page.waitForTimeout(700);
  await deposit.click();
  await page.waitForTimeout(700);
  await deposit.click();
  await eventually(async () => assert.equal((await storedLedger(page)).events.length, 4));
  const ids = (await storedLedger(page)).events.map((e) => e.command_id);
  assert.equal(new Set(ids).size, 4, 'each recorded command has its own id');
  await app.done();
});
