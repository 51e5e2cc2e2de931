// Prints the native benchmarks' medians (from criterion's estimates) as one table.
//   node e2e/criterion-table.mjs [target/criterion]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? 'target/criterion';

/** Every `new/benchmark.json` under `dir`: the results of the latest run. */
function* latest(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'new' && existsSync(join(path, 'benchmark.json'))) yield path;
    else if (entry.name !== 'base' && entry.name !== 'report') yield* latest(path);
  }
}

const time = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`;

const rows = [...latest(root)]
  .map((dir) => {
    const { full_id: name } = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8'));
    const { median } = JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8'));
    return { name, median };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

console.log('| native benchmark | median | 95 % interval |');
console.log('| --- | ---: | ---: |');
for (const { name, median } of rows) {
  const { lower_bound: low, upper_bound: high } = median.confidence_interval;
  console.log(`| ${name} | ${time(median.point_estimate)} | ${time(low)} to ${time(high)} |`);
}
