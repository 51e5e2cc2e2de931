// Embedding: the example host page with two independent embeds and a read-only one, the height
// message, and every query parameter, against the release build served under a sub-path.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { currentState, eventually, launch, moveMoney, openAccount, openApp, region } from './support.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

test('the example host page: two embeds keep their own ledgers, the read-only one only reads, frames fit their content', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  // Record, in the host page only, every message an embed posts to it.
  await context.addInitScript(() => {
    if (window !== window.top) return;
    window.__messages = [];
    addEventListener('message', (event) => window.__messages.push(event.data));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  await page.goto(`${env.server.origin}/site/embed-example.html`);
  await page.getByRole('heading', { name: 'Event Sourcing, embedded', level: 1 }).waitFor();

  const first = page.frameLocator('iframe[title="Replay Bank: try the commands"]');
  const second = page.frameLocator('iframe[title="Replay Bank: a second account"]');
  const readonly = page.frameLocator('iframe[title^="Replay Bank: the first account"]');
  for (const frame of [first, second, readonly]) {
    await frame.getByRole('region', { name: 'Event ledger', exact: true }).waitFor();
    // embed=1: the demo panels only, without the page's header.
    assert.equal(await frame.getByRole('heading', { name: 'Replay Bank', level: 1 }).count(), 0);
  }

  await openAccount(first, 'Ada');
  await moveMoney(first, 'Deposit', '10');
  await openAccount(second, 'Grace');
  await eventually(async () => assert.equal((await currentState(first)).Owner, 'Ada'));
  await eventually(async () => assert.equal((await currentState(first))['Events applied'], '2'));
  assert.equal((await currentState(second)).Owner, 'Grace');
  assert.equal((await currentState(second))['Events applied'], '1');
  // Each ledger, and (a second after a change) its read models' copies, in its own namespace.
  const copies = (ns) => ['accounts-overview', 'balance-over-time', 'monthly-statement'].map((m) => `replay-bank.ledger@${ns}.read-model.${m}`);
  await eventually(async () =>
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).sort()), [
      'replay-bank.ledger@first',
      'replay-bank.ledger@first.chunk.0',
      ...copies('first'),
      'replay-bank.ledger@second',
      'replay-bank.ledger@second.chunk.0',
      ...copies('second'),
    ]),
  );

  // The read-only embed shares the first namespace: it follows that ledger live, and has no
  // command at all; time travel still works.
  await eventually(async () => assert.equal((await currentState(readonly))['Events applied'], '2'));
  assert.equal((await currentState(readonly)).Balance, '$10.00');
  for (const name of ['Open account', 'Deposit', 'Withdraw', 'Close account', 'Clear ledger', 'Generate history', 'Export']) {
    assert.equal(await readonly.getByRole('button', { name, exact: true }).count(), 0, `no ${name} button`);
  }
  assert.equal(await readonly.getByLabel('Import').count(), 0);
  await readonly.getByRole('slider', { name: 'Time travel' }).fill('1');
  await eventually(async () => assert.equal((await currentState(readonly)).Balance, '$0.00'));

  // Each frame told the host its height, and the host snippet sized it to fit without a scrollbar.
  const messages = await page.evaluate(() => window.__messages);
  const heights = messages.filter((m) => m?.type === 'replay-bank:height');
  assert.ok(heights.some((m) => m.ns === 'first') && heights.some((m) => m.ns === 'second'), JSON.stringify(heights));
  for (const m of heights) assert.ok(Number.isInteger(m.height) && m.height > 200, JSON.stringify(m));
  await eventually(async () => {
    const fits = await page.evaluate(() =>
      [...document.querySelectorAll('iframe.replay-bank')].map((frame) => ({
        style: frame.style.height,
        client: frame.clientHeight,
        content: frame.contentDocument.documentElement.scrollHeight,
      })),
    );
    for (const fit of fits) {
      assert.match(fit.style, /^\d+px$/, 'sized by the host snippet');
      assert.ok(fit.content <= fit.client + 1, `content ${fit.content}px fits in ${fit.client}px`);
    }
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('panels, theme and unknown parameters: the chosen panels in order, dark, and a warning', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${env.url}?embed=1&panels=ledger,state&theme=dark&colour=red&storage=cloud`);
  await region(page, 'Event ledger').waitFor();
  const regions = await page.locator('main section.panel h2').allTextContents();
  assert.deepEqual(regions, ['Event ledger', 'Current state'], 'only those panels, in that order');
  assert.equal(await page.getByRole('button', { name: 'Deposit', exact: true }).count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(
    await page.locator('.panel').first().evaluate((el) => getComputedStyle(el).backgroundColor),
    'rgb(23, 30, 48)',
  );
  await eventually(async () => {
    assert.ok(warnings.some((w) => w.includes('ignored "colour": not a parameter of this page')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('ignored storage="cloud": expected local, session or memory')));
  });
  assert.deepEqual(problems, [], 'a typo in a parameter breaks nothing');
  await context.close();
});

test('storage=session keeps the ledger out of localStorage; storage=memory keeps nothing and says so', async () => {
  const session = await openApp(env);
  await session.page.goto(`${env.url}?storage=session&ns=lesson`);
  await openAccount(session.page, 'Ada');
  await eventually(async () => assert.equal((await currentState(session.page))['Events applied'], '1'));
  assert.deepEqual(await session.page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(await session.page.evaluate(() => Object.keys(sessionStorage).sort()), [
    'replay-bank.ledger@lesson',
    'replay-bank.ledger@lesson.chunk.0',
  ]);
  await session.page.reload();
  await eventually(async () => assert.equal((await currentState(session.page)).Owner, 'Ada'));
  await session.done();

  const memory = await openApp(env);
  await memory.page.goto(`${env.url}?storage=memory`);
  const notice = memory.page.getByRole('status').filter({ hasText: 'storage=memory' });
  await eventually(async () => assert.match(await notice.innerText(), /lives in memory and is lost on reload/));
  await openAccount(memory.page, 'Grace');
  await eventually(async () => assert.equal((await currentState(memory.page))['Events applied'], '1'));
  assert.deepEqual(await memory.page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]), [[], []]);
  await memory.page.reload();
  await eventually(async () => assert.equal((await currentState(memory.page))['Events applied'], '0'));
  await memory.done();
});

test('in a cross-site frame whose storage throws (as when a browser blocks it), the embed runs in memory and says so', async () => {
  const context = await env.browser.newContext();
  // Simulated: Chromium partitions third-party storage by default; a browser or a setting that
  // blocks it makes the frame's localStorage throw, as here.
  await context.addInitScript(() => {
    if (window === window.top) return;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // A host on another site: a page on localhost framing the demo served from 127.0.0.1.
  await page.goto(`${env.server.origin.replace('127.0.0.1', 'localhost')}/site/embed-example.html`);
  await page.setContent(
    `<iframe title="Replay Bank, third-party" src="${env.url}?embed=1" style="width:100%;height:700px"></iframe>`,
  );
  assert.notEqual(new URL(page.url()).hostname, new URL(env.url).hostname);
  const frame = page.frameLocator('iframe[title="Replay Bank, third-party"]');
  const notice = frame.getByRole('status').filter({ hasText: 'lives in memory' });
  await eventually(async () =>
    assert.match(await notice.innerText(), /The ledger lives in memory and is lost on reload: this browser gives the page no storage \(.*SecurityError.*\)\./),
  );
  await openAccount(frame, 'Ada');
  await moveMoney(frame, 'Deposit', '5');
  await eventually(async () => assert.equal((await currentState(frame)).Balance, '$5.00'));
  assert.equal(await frame.getByRole('alert').count(), 0, 'running in memory is not an error');
  assert.deepEqual(problems, []);
  await context.close();
});
