// The post-build step that shrinks the release wasm and its glue (e2e/shrink-wasm.mjs), on small
// modules made here: what it drops from the wasm matches the glue, the names it shortens agree
// in both files (the result still runs), and any surprise fails instead of warning.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import binaryen from 'binaryen';
import { gzipSync } from 'node:zlib';
import { WINDOWS, reorderFunctions, shortenFiles, shortenNames, smallestGzipped, withoutStreamClasses } from '../shrink-wasm.mjs';

/** A module shaped like wasm-bindgen's: imports from one module, hashed names, a stream export. */
const WAT = `(module
  (import "./app_bg.js" "__wbg_log_0123456789abcdef" (func $log (param i32)))
  (memory (export "memory") 1)
  (func $add (export "add_h1a2b3c4d") (param i32 i32) (result i32)
    (call $log (local.get 0))
    (i32.add (local.get 0) (local.get 1)))
  (func $mul (export "mul_h5e6f7a8b") (param i32 i32) (result i32)
    (i32.mul (local.get 0) (local.get 1)))
  (func $square (export "square_h9c0d1e2f") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))
  (func $write (export "intounderlyingsink_write") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 7))))`;

const wasmBytes = () => Buffer.from(binaryen.parseText(WAT).emitBinary());

/** Glue as wasm-bindgen writes it: one imports object keyed by the wasm's import names. */
const GLUE = `let wasm;
const logged = [];
export function add(a, b) { return wasm.add_h1a2b3c4d(a, b); }
export function mul(a, b) { return wasm.mul_h5e6f7a8b(a, b); }
export function imports() {
  const imports = {};
  imports["./app_bg.js"] = {};
  imports["./app_bg.js"].__wbg_log_0123456789abcdef = function(x) { logged.push(x); };
  return imports;
}
`;
// The shape above uses dotted keys; wasm-bindgen writes an object literal, which this expects.
const GLUE_LITERAL = `let wasm;
const logged = [];
export function add(a, b) { return wasm.add_h1a2b3c4d(a, b); }
export function mul(a, b) { return wasm.mul_h5e6f7a8b(a, b); }
export function imports() {
  return { "./app_bg.js": { __wbg_log_0123456789abcdef: function(x) { logged.push(x); } } };
}
export function setWasm(exports) { wasm = exports; }
export function log() { return logged; }
`;

/** Loads glue text as a module and instantiates `wasm` with it; returns the glue's exports. */
async function run(wasm, js) {
  const dir = mkdtempSync(join(tmpdir(), 'shrink-glue-'));
  const file = join(dir, 'glue.mjs');
  writeFileSync(file, js);
  const glue = await import(file);
  const { instance } = await WebAssembly.instantiate(wasm, glue.imports());
  glue.setWasm(instance.exports);
  return { glue, exports: instance.exports };
}

test('shortened names agree in the wasm and its glue, and the pair still runs', async () => {
  const result = shortenNames(wasmBytes(), GLUE_LITERAL);
  assert.equal(typeof result, 'object', `left alone: ${result}`);
  const { wasm, js } = result;
  assert.ok(wasm.length < wasmBytes().length, 'the hashed names are gone');
  for (const long of ['__wbg_log_0123456789abcdef', 'add_h1a2b3c4d', 'mul_h5e6f7a8b', './app_bg.js']) {
    assert.ok(!js.includes(long), `${long} is renamed in the glue`);
    assert.ok(!wasm.includes(Buffer.from(long)), `${long} is renamed in the wasm`);
  }
  const { glue, exports } = await run(wasm, js);
  assert.equal(glue.add(2, 3), 5);
  assert.equal(glue.mul(4, 5), 20);
  assert.deepEqual(glue.log(), [2], 'the renamed import reaches the glue');
  assert.ok(exports.square_h9c0d1e2f, 'an export the glue does not read keeps its name');
});

test('a glue shaped otherwise leaves the names alone and says why, and the build step fails', () => {
  const named_twice = `${GLUE_LITERAL}\nconst again = "__wbg_log_0123456789abcdef";\n`;
  const why = shortenNames(wasmBytes(), named_twice);
  assert.equal(typeof why, 'string');
  assert.match(why, /__wbg_log_0123456789abcdef/);

  const dir = mkdtempSync(join(tmpdir(), 'shrink-files-'));
  const wasmFile = join(dir, 'app_bg.wasm');
  const jsFile = join(dir, 'app.js');
  writeFileSync(wasmFile, wasmBytes());
  writeFileSync(jsFile, named_twice);
  assert.throws(() => shortenFiles(wasmFile, jsFile), /not shaped as expected/);
  assert.deepEqual(readFileSync(wasmFile), wasmBytes(), 'the wasm is untouched');
  assert.equal(readFileSync(jsFile, 'utf8'), named_twice, 'the glue is untouched');
  // The dotted-key shape is not the object literal it expects either.
  assert.equal(typeof shortenNames(wasmBytes(), GLUE), 'string');
});

test('the dropped stream exports leave the wasm, their classes leave the glue, and any trace left fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrink-reorder-'));
  const file = join(dir, 'app_bg.wasm');
  writeFileSync(file, wasmBytes());
  reorderFunctions(file);
  const reordered = readFileSync(file);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(reordered)).map((e) => e.name);
  assert.ok(!names.includes('intounderlyingsink_write'), `dropped: ${names}`);
  assert.ok(names.includes('add_h1a2b3c4d') && names.includes('square_h9c0d1e2f'));
  // Reordered, every function still computes what it did.
  const { glue, exports } = await run(reordered, GLUE_LITERAL);
  assert.equal(glue.add(20, 22), 42);
  assert.equal(exports.square_h9c0d1e2f(9), 81);

  const classes = `export class IntoUnderlyingSink {
  write(x) { return wasm.intounderlyingsink_write(x); }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined') ? {} : new FinalizationRegistry(() => {});
export function keep() { return 1; }
`;
  assert.equal(withoutStreamClasses(classes), 'export function keep() { return 1; }\n');
  assert.throws(
    () => withoutStreamClasses(`${classes}const s = new IntoUnderlyingSink();\n`),
    /still names IntoUnderlyingSink/,
  );
  assert.throws(
    () => withoutStreamClasses('export function w(x) { return wasm.intounderlyingsink_write(x); }\n'),
    /still calls the dropped export intounderlyingsink_write/,
  );
});

test('of the orders the walk finds with each window, the one that gzips smallest is kept, and it runs', async () => {
  // The choice itself, on modules that gzip to different sizes: the smallest, the first of equals.
  const noisy = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
  const plain = Buffer.alloc(4096, 7);
  assert.equal(smallestGzipped([noisy, plain, noisy]), plain);
  assert.equal(smallestGzipped([plain, Buffer.from(plain)]), plain, 'the first of equals');
  assert.throws(() => smallestGzipped([]), /no candidate/);
  assert.throws(() => reorderFunctions('unused.wasm', []), /no window/);

  // And in the build step: the kept module is as small as the smallest window's alone, and runs.
  const dir = mkdtempSync(join(tmpdir(), 'shrink-windows-'));
  try {
    const gzipped = (windows) => {
      const file = join(dir, `app_${windows.join('-')}_bg.wasm`);
      writeFileSync(file, wasmBytes());
      reorderFunctions(file, windows);
      const bytes = readFileSync(file);
      return { bytes, size: gzipSync(bytes, { level: 9 }).length };
    };
    const each = WINDOWS.map((window) => gzipped([window]).size);
    const kept = gzipped(WINDOWS);
    assert.equal(kept.size, Math.min(...each), `the smallest of ${each.join(', ')} bytes`);
    const { glue } = await run(kept.bytes, GLUE_LITERAL);
    assert.equal(glue.add(20, 22), 42);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
