// axe-core scans of every view a person can reach: no serious or critical violation anywhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertAccessible, expectState, launch, moveMoney, openAccount, openApp, openMenu, openTab } from './support.mjs';

const TABS = ['Compare with CRUD', 'Transfers', 'Read models', 'Questions', 'How it works', 'Rejected attempts', 'Scenarios', 'Why it matters', 'Glossary'];

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

async function withHistory(page) {
  await openAccount(page, 'Ada Lovelace');
  await moveMoney(page, 'Deposit', '120');
  await moveMoney(page, 'Withdraw', '500');
  await moveMoney(page, 'Withdraw', '20');
  await expectState(page, { Balance: '$100.00', 'Events applied': '3' });
}

test('the main view, light and dark, present and past, has no serious or critical violation', async () => {
  for (const theme of ['light', 'dark']) {
    const app = await openApp(env, { url: `${env.url}?theme=${theme}` });
    const { page } = app;
    await assertAccessible(page, `empty, ${theme}`);
    await withHistory(page);
    await assertAccessible(page, `with events and a refusal, ${theme}`);
    await page.getByRole('slider', { name: 'Time travel' }).press('Home');
    await page.getByRole('slider', { name: 'Time travel' }).press('ArrowRight');
    await expectState(page, { 'Events applied': '1' });
    await assertAccessible(page, `in the past, ${theme}`);
    await page.getByRole('button', { name: 'Envelope JSON for #2' }).click();
    await assertAccessible(page, `with an envelope shown, ${theme}`);
    for (const tab of TABS) {
      await openTab(page, tab);
      await assertAccessible(page, `the "${tab}" tab, ${theme}`);
    }
    await app.done();
  }
});

test('open dialogs, the embed view and a shared history have no serious or critical violation', async () => {
  const app = await openApp(env);
  const { page } = app;
  await withHistory(page);
  await openMenu(page);
  await assertAccessible(page, 'the menu open');
  await page.getByRole('button', { name: 'Clear ledger' }).click();
  await page.getByRole('dialog', { name: 'Clear the whole ledger?' }).waitFor();
  await assertAccessible(page, 'the Clear ledger dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await assertAccessible(page, 'presenter mode');
  for (const tab of TABS) {
    await openTab(page, tab);
    await assertAccessible(page, `presenter mode, the "${tab}" tab`);
  }
  await openMenu(page);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await assertAccessible(page, 'the shortcuts dialog, in presenter mode');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Presenter mode' }).click();

  await openMenu(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Link to this history').inputValue();
  await assertAccessible(page, 'with a link made');
  await app.done();

  const embed = await openApp(env, { url: `${env.url}?embed=1&theme=dark&panels=state,time-travel,ledger` });
  await embed.page.getByRole('region', { name: 'Event ledger' }).waitFor();
  await assertAccessible(embed.page, 'an embed, dark');
  await embed.done();

  const shared = await openApp(env, { url: `${env.url}?ns=a11y${link.slice(link.indexOf('#'))}` });
  await shared.page.getByRole('button', { name: 'Back to my ledger' }).waitFor();
  await assertAccessible(shared.page, 'a shared history');
  await shared.done();

  const story = await openApp(env, { url: `${env.url}?scenario=disputed-withdrawal&theme=dark` });
  await story.page.getByRole('button', { name: 'Next' }).waitFor();
  await story.page.getByRole('button', { name: 'Next' }).click();
  await assertAccessible(story.page, 'a scenario with its narration and spotlight, dark');
  await story.done();

  const compact = await openApp(env, { url: `${env.url}?embed=1&layout=compact&ns=a11y-compact` });
  await assertAccessible(compact.page, 'the compact embed');
  await compact.done();

  const sample = await openApp(env, { url: `${env.url}?readonly=1&ns=a11y-sample&theme=dark` });
  await sample.page.getByRole('region', { name: 'Scenario: A busy month' }).waitFor();
  await assertAccessible(sample.page, 'a read-only page with its sample history, dark');
  await sample.done();
});
