// Writes the README's screenshots (docs/screenshot*.png) from the release build in dist/, at the
// sizes the users have: a laptop, a phone, a projector in presenter mode, a compact embed, and the
// dark theme with a scenario's caption. Run after `trunk build --release`:
//   node e2e/readme-screenshots.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '..', 'docs');
const server = await serveDist({ root: join(here, '..', 'dist'), prefix: '/docs/demo/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/**
 * A short history over two accounts, with a transfer and a refusal, then two steps back: the
 * slider between the transfer's debit and its credit, money in flight.
 */
async function worked(page, { stepBack = true } = {}) {
  const owner = page.getByLabel('Owner', { exact: true });
  const amount = page.getByLabel('Amount', { exact: true });
  const press = (name) => page.getByRole('button', { name, exact: true }).click();
  await owner.fill('Ada Lovelace');
  await press('Open account');
  for (const [button, value] of [['Deposit', '1,250'], ['Withdraw', '300']]) {
    await amount.fill(value);
    await press(button);
  }
  await owner.fill('Grace Hopper');
  await press('Open account');
  await amount.fill('80.50');
  await press('Deposit');
  const account = page.getByLabel('Account', { exact: true });
  const ada = await account.locator('option', { hasText: 'Ada Lovelace' }).getAttribute('value');
  await account.selectOption(ada);
  for (const [button, value] of [['Transfer', '200'], ['Withdraw', '5000']]) {
    await amount.fill(value);
    await press(button);
  }
  if (stepBack) {
    await press('Step back');
    await press('Step back');
  }
  await new Promise((ok) => setTimeout(ok, 300));
}

// Names given on the command line: only those are shot again (`node e2e/readme-screenshots.mjs
// screenshot-read-models`); none: all of them.
const only = process.argv.slice(2);

async function shot(name, { viewport, url = server.url, isMobile = false, act }) {
  if (only.length && !only.includes(name)) return;
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('main').waitFor();
  await act(page);
  await page.screenshot({ path: join(docs, `${name}.png`) });
  console.log(`docs/${name}.png`);
  await context.close();
}

await shot('screenshot', { viewport: { width: 1280, height: 800 }, act: (page) => worked(page) });
await shot('screenshot-phone', {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  act: async (page) => {
    await worked(page);
    await page.getByLabel('Amount', { exact: true }).focus();
  },
});
await shot('screenshot-presenter', {
  viewport: { width: 1920, height: 1080 },
  url: `${server.url}?pin=crud&tab=questions`,
  act: async (page) => {
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await worked(page);
  },
});
await shot('screenshot-dark', {
  viewport: { width: 1280, height: 800 },
  url: `${server.url}?theme=dark&scenario=overdraft`,
  act: async (page) => {
    await page.getByRole('region', { name: 'Scenario: An overdraft attempt' }).getByRole('button', { name: 'Next' }).click();
    await page.waitForTimeout(300);
  },
});
await shot('screenshot-embed', {
  viewport: { width: 900, height: 640 },
  act: async (page) => {
    await page.setContent(`<!doctype html><title>A chapter</title>
      <body style="font: 17px/1.5 Georgia, serif; max-width: 760px; margin: 1.5rem auto; color: #222">
      <h1 style="font-size: 1.5rem; margin: 0 0 0.5rem">Chapter 3: replay</h1>
      <p style="margin: 0 0 1rem">Send a few commands, then step back: the state is rebuilt from the events.</p>
      <iframe title="Replay Bank" src="${server.url}?embed=1&layout=compact&ns=chapter-3"
        style="display:block; width:700px; height:500px; border:1px solid #d9deea; border-radius:12px"></iframe>`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('main').waitFor();
    await worked(frame);
  },
});

await shot('screenshot-read-models', {
  viewport: { width: 1280, height: 800 },
  url: `${server.url}?tab=read-models`,
  act: async (page) => {
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByLabel('Events to generate').fill('600');
    await page.getByRole('button', { name: 'Generate history' }).click();
    await page.getByRole('status').filter({ hasText: 'Generated 600 events.' }).waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: 'Close menu' }).click();
    await page.getByRole('button', { name: 'Deploy a buggy version' }).click();
    await page.getByRole('region', { name: 'Monthly statement', exact: true }).locator('.verdict.wrong').waitFor();
    await page.getByRole('tab', { name: 'Read models' }).evaluate((tab) => window.scrollTo(0, tab.getBoundingClientRect().top + window.scrollY - 8));
    await page.waitForTimeout(300);
  },
});

await browser.close();
await server.close();
