// Throwaway: a CPU profile of slider jumps at 100,000 events, self time by function.
import { launch } from './tests/support.mjs';
const env = await launch();
const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
await page.goto(env.url + (process.env.Q ?? '?tab=crud&pin=questions'));
await page.getByLabel('Owner', { exact: true }).fill('Ada Lovelace');
await page.getByRole('button', { name: 'Open account' }).click();
const menu = page.getByRole('button', { name: 'Menu', exact: true });
await menu.click();
await page.getByLabel('Events to generate').fill('99999');
await page.getByRole('button', { name: 'Generate history' }).click();
await page.waitForFunction(() => document.querySelector('#time-travel')?.max === '100000', null, { timeout: 600000, polling: 500 });
await menu.click();
await page.waitForTimeout(1000);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const total = await page.evaluate(async () => {
  const slider = document.querySelector('#time-travel');
  const head = Number(slider.max);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const t0 = performance.now();
  for (let i = 0; i < 300; i += 1) {
    slider.value = String(Math.floor(random() * head));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
  }
  return performance.now() - t0;
});
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const node = byId.get(profile.samples[i]);
  const name = node.callFrame.functionName || `(${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber})`;
  self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45);
console.log(`300 jumps in ${total.toFixed(0)} ms`);
for (const [name, us] of rows) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const chains = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const node = byId.get(profile.samples[i]);
  if (!node.callFrame.functionName.includes('shift_remove')) continue;
  let id = node.id; const names = [];
  for (let d = 0; d < 9 && parent.has(id); d += 1) { id = parent.get(id); names.push(byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 90)); }
  const key = names.join(' <- ');
  chains.set(key, (chains.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
for (const [k, us] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`${(us / 1000).toFixed(1)} ms\n   ${k.split(' <- ').join('\n   <- ')}`);
await env.close();
