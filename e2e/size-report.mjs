// Prints the size of every file a first load transfers, raw and gzip -9, as a table, and fails
// (exit 1) when their gzip total is over the budget: `node e2e/size-report.mjs dist --budget-kib 300`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget-kib');
const budgetKib = budgetAt >= 0 ? Number(args.splice(budgetAt, 2)[1]) : null;
if (budgetKib !== null && !(budgetKib > 0)) {
  console.error('--budget-kib takes a positive number of KiB');
  process.exit(2);
}
const dir = args[0] ?? 'dist';
const rows = readdirSync(dir)
  .filter((name) => /\.(html|js|wasm|css|svg)$/.test(name))
  .map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('| file | raw | gzip -9 |');
console.log('| --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name.replace(/-[0-9a-f]{12,16}(?=[_.])/, '')} | ${r.raw} B (${kib(r.raw)}) | ${r.gzip} B (${kib(r.gzip)}) |`);
console.log(`| total | ${total.raw} B (${kib(total.raw)}) | ${total.gzip} B (${kib(total.gzip)}) |`);
if (budgetKib !== null) {
  const over = total.gzip - budgetKib * 1024;
  if (over > 0) {
    console.error(`First load ${kib(total.gzip)} gzip is ${kib(over)} over its budget of ${budgetKib} KiB.`);
    process.exit(1);
  }
  console.log(`First load ${kib(total.gzip)} gzip, within its budget of ${budgetKib} KiB (${kib(-over)} to spare).`);
}
