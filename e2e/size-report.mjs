// Prints the size of every file a first load transfers, raw and gzip -9, as a table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
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
