// The size report is the build's size gate: it passes a first load within its budget and fails
// the build over it, saying by how much.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'size-report.mjs');

/** A folder with a 3,000-byte wasm that gzip cannot shrink, and a small page. */
function dist() {
  const dir = mkdtempSync(join(tmpdir(), 'size-report-'));
  writeFileSync(join(dir, 'app_bg.wasm'), randomBytes(3000));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  return dir;
}

const report = (...args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

test('a first load within its budget passes and says how much is left', () => {
  const run = report(dist(), '--budget-kib', '4');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\| app_bg\.wasm \| 3000 B/);
  assert.match(run.stdout, /within its budget of 4 KiB/);
});

test('a first load over its budget fails the build and says by how much', () => {
  const run = report(dist(), '--budget-kib', '2');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /gzip is 1\.\d KiB over its budget of 2 KiB/);
});

test('a budget that is not a positive number is refused', () => {
  assert.equal(report(dist(), '--budget-kib', 'lots').status, 2);
});
