// Release builds only, called by the post-build hook (e2e/minify-glue.mjs) after Trunk's wasm-opt:
// changes that make the first load smaller without changing what the page does. Figures: gzip -9,
// release 0.4.0.
//
// 0. server_fn's stream exports (UNUSED_EXPORTS) go, with the code only they reach, and their
//    classes leave the glue: 1.6 KiB.
// 1. Function order. gzip finds repeats only in the last 32 KiB, and wasm-opt leaves the functions
//    in an order that has nothing to do with how alike they are. Each function gets a MinHash
//    signature of its 4-byte sequences; a greedy walk puts next the one most like the last few
//    placed (similarityOrder); wasm-opt then renumbers the functions in that order (a name
//    section written for the purpose, `--reorder-functions-by-name`, then `--strip-debug`):
//    14.5 KiB. Order changes no behaviour. The walk is a heuristic: how many placed functions it
//    compares with (its window) suits one build better than another (windows 4 to 16 gave 303.0
//    to 304.4 KiB for one build, and a one-line change moved a single walk's result by over a
//    KiB), so it walks with each of WINDOWS and keeps the order that gzips smallest. It takes
//    about 45 s.
// 2. Names. The wasm imports 190-odd functions from the glue under names like
//    `__wbg_createTextNode_2b48c3fc75dfcc67` and the glue calls exports like
//    `wasm_bindgen__convert__closures_____invoke__h412b34c3f1340a47`: the hashes do not compress and
//    both files carry them. They become `a`, `b`, ... in both: 6.9 KiB.
//
// Any surprise in the glue's shape (a name the glue uses in a way this does not expect, a class
// of a dropped export still named) fails the build with the reason: the build is never left
// half-shrunk or with a glue that no longer matches its wasm. A failing wasm-opt fails the build.
// Tested on small modules in e2e/tests/shrink-wasm.test.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// ---- the wasm binary format, as far as these changes need it ----

function reader(b, at = 0) {
  const r = { at };
  r.u32 = () => { let v = 0, shift = 0, x; do { x = b[r.at++]; v += (x & 127) * 2 ** shift; shift += 7; } while (x & 128); return v; };
  r.name = () => { const n = r.u32(); const s = b.subarray(r.at, r.at + n).toString(); r.at += n; return s; };
  return r;
}
const u32 = (n) => { const o = []; do { let x = n & 127; n = Math.floor(n / 128); if (n) x |= 128; o.push(x); } while (n); return Buffer.from(o); };
const name = (s) => { const x = Buffer.from(s); return Buffer.concat([u32(x.length), x]); };
const section = (id, body) => Buffer.concat([Buffer.from([id]), u32(body.length), body]);

/** The sections of a module: { id, custom (a custom section's name), start, body, end }. */
function sections(b) {
  if (b.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const r = reader(b, 8); const out = [];
  while (r.at < b.length) {
    const start = r.at; const id = b[r.at++]; const size = r.u32(); const body = r.at;
    const custom = id === 0 ? reader(b, body).name() : null;
    out.push({ id, custom, start, body, end: body + size });
    r.at = body + size;
  }
  return out;
}

/** Reads an import's description (function, table, memory, global or tag) and returns its bytes. */
function importDesc(b, r) {
  const from = r.at; const kind = b[r.at++];
  const limits = () => { const flags = b[r.at++]; r.u32(); if (flags & 1) r.u32(); };
  if (kind === 0) r.u32();
  else if (kind === 1) { r.at++; limits(); }
  else if (kind === 2) limits();
  else if (kind === 3) r.at += 2;
  else if (kind === 4) { r.at++; r.u32(); }
  else throw new Error(`unknown import kind ${kind}`);
  return { kind, bytes: b.subarray(from, r.at) };
}

// ---- 1. function order ----

/**
 * The order in which to place the module's own functions (indexes into the code section): a
 * greedy walk that each time takes the function most like the last `window` placed, the latest
 * weighing most. "Alike" counts the MinHash slots (`hashes` of them, over `k`-byte sequences) a
 * function shares with them; a slot value that more than `common` functions share (the bytes of
 * every small function) says nothing and is skipped.
 */
function similarityOrder(bodies, { k = 4, hashes = 512, window = 8, common = 100 } = {}) {
  const n = bodies.length;
  const seeds = Uint32Array.from({ length: hashes }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);
  const sig = new Uint32Array(n * hashes).fill(0xffffffff);
  for (let f = 0; f < n; f++) {
    const code = bodies[f];
    for (let i = 0; i + k <= code.length; i++) {
      let h = 2166136261;
      for (let j = 0; j < k; j++) h = Math.imul(h ^ code[i + j], 16777619);
      for (let s = 0; s < hashes; s++) {
        let x = Math.imul(h ^ seeds[s], 0x85ebca6b); x ^= x >>> 13; x = Math.imul(x, 0xc2b2ae35); x ^= x >>> 16; x >>>= 0;
        if (x < sig[f * hashes + s]) sig[f * hashes + s] = x;
      }
    }
  }
  // For each slot, the functions with each value.
  const sharing = Array.from({ length: hashes }, () => new Map());
  for (let f = 0; f < n; f++) {
    for (let t = 0; t < hashes; t++) {
      const v = sig[f * hashes + t]; let list = sharing[t].get(v);
      if (!list) sharing[t].set(v, (list = []));
      list.push(f);
    }
  }
  const used = new Uint8Array(n); const order = []; const score = new Float64Array(n);
  const counted = new Int32Array(n * hashes).fill(-1); // a slot of a function counts once a step
  let cur = 0;
  for (let f = 1; f < n; f++) if (bodies[f].length > bodies[cur].length) cur = f;
  for (let step = 0; cur >= 0; step++) {
    used[cur] = 1; order.push(cur);
    score.fill(0);
    const recent = order.slice(-window).reverse();
    recent.forEach((r, i) => {
      for (let t = 0; t < hashes; t++) {
        const list = sharing[t].get(sig[r * hashes + t]);
        if (list.length > common) continue;
        for (const f of list) {
          const slot = f * hashes + t;
          if (counted[slot] === step) continue;
          counted[slot] = step; score[f] += window - i;
        }
      }
    });
    let best = -1;
    for (let f = 0; f < n; f++) {
      if (used[f]) continue;
      if (best < 0 || score[f] > score[best] || (score[f] === score[best] && Math.abs(bodies[f].length - bodies[cur].length) < Math.abs(bodies[best].length - bodies[cur].length))) best = f;
    }
    cur = best;
  }
  return order;
}

/** The module with a name section that sorts its functions into similarity order. */
function withOrderNames(b, walk) {
  let imported = 0; const bodies = []; const kept = [b.subarray(0, 8)];
  for (const s of sections(b)) {
    if (s.custom === 'name') continue;
    kept.push(b.subarray(s.start, s.end));
    const r = reader(b, s.body);
    if (s.id === 2) {
      for (let i = r.u32(); i > 0; i--) { r.name(); r.name(); if (importDesc(b, r).kind === 0) imported++; }
    } else if (s.id === 10) {
      for (let i = r.u32(); i > 0; i--) { const size = r.u32(); bodies.push(b.subarray(r.at, r.at + size)); r.at += size; }
    }
  }
  const order = similarityOrder(bodies, walk);
  const names = order.map((f, i) => Buffer.concat([u32(imported + f), name(`f${String(i).padStart(7, '0')}`)]));
  const functionNames = Buffer.concat([u32(names.length), ...names]);
  kept.push(section(0, Buffer.concat([name('name'), Buffer.from([1]), u32(functionNames.length), functionNames])));
  return Buffer.concat(kept);
}

function wasmOpt() {
  const local = join(here, 'node_modules', '.bin', 'wasm-opt');
  return existsSync(local) ? local : 'wasm-opt';
}

// server_fn's browser streams: #[wasm_bindgen] exports that Leptos links in and this app never
// calls (no server functions). Their code goes with them, and their classes leave the glue.
export const UNUSED_EXPORTS = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;

/** The module without the exports whose names match `pattern`. */
export function withoutExports(b, pattern) {
  const parts = [b.subarray(0, 8)];
  for (const s of sections(b)) {
    if (s.id !== 7) { parts.push(b.subarray(s.start, s.end)); continue; }
    const r = reader(b, s.body); const kept = [];
    for (let i = r.u32(); i > 0; i--) { const from = r.at; const field = r.name(); r.at++; r.u32(); if (!pattern.test(field)) kept.push(b.subarray(from, r.at)); }
    parts.push(section(7, Buffer.concat([u32(kept.length), ...kept])));
  }
  return Buffer.concat(parts);
}

/** The similarity walk's windows tried; see 1. above. */
export const WINDOWS = [8, 12, 16];

/**
 * Of `candidates` (modules), the one that gzips smallest; the first of equals. They are compared
 * before step 2 shortens the names, which changes every candidate's names alike.
 */
export function smallestGzipped(candidates) {
  if (candidates.length === 0) throw new Error('shrink-wasm: no candidate to choose from');
  const sizes = candidates.map((bytes) => gzipSync(bytes, { level: 9 }).length);
  return candidates[sizes.indexOf(Math.min(...sizes))];
}

/**
 * Drops the unused exports and reorders the functions of the module in `file`, in place: of the
 * orders the walk finds with each of `windows`, the one whose module gzips smallest.
 */
export function reorderFunctions(file, windows = WINDOWS) {
  if (windows.length === 0) throw new Error('shrink-wasm: no window to walk with');
  const module = withoutExports(readFileSync(file), UNUSED_EXPORTS);
  const named = `${file}.named.wasm`;
  const ordered = `${file}.ordered.wasm`;
  const candidates = [];
  try {
    for (const window of windows) {
      writeFileSync(named, withOrderNames(module, { window }));
      // -ol 2 -s 2 run no passes but let the writer optimize as -Oz's did (StackIR); the
      // features come from the target_features section, which goes last.
      execFileSync(wasmOpt(), [named, '-o', ordered, '-ol', '2', '-s', '2', '--remove-unused-module-elements', '--reorder-functions-by-name', '--strip-debug', '--strip-target-features'], { stdio: 'inherit' });
      candidates.push(readFileSync(ordered));
    }
  } finally {
    rmSync(named, { force: true });
    rmSync(ordered, { force: true });
  }
  writeFileSync(file, smallestGzipped(candidates));
}

// ---- 2. names ----

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** a, b, ..., Z, aa, ba, ...: short identifiers that are never a keyword or `__proto__`. */
const shortName = (n) => { let s = LETTERS[n % 52]; n = Math.floor(n / 52); while (n > 0) { n -= 1; s += LETTERS[n % 52]; n = Math.floor(n / 52); } return s; };
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matches = (text, re) => (text.match(re) ?? []).length;

/**
 * Renames the wasm's imports and the exports the glue reads, in both. Returns { wasm, js }, or a
 * string saying why it left them alone.
 */
export function shortenNames(b, js) {
  const rewritten = new Map();
  for (const s of sections(b)) {
    const r = reader(b, s.body);
    if (s.id === 2) {
      const imports = [];
      for (let i = r.u32(); i > 0; i--) imports.push({ module: r.name(), field: r.name(), desc: importDesc(b, r).bytes });
      const modules = new Set(imports.map((i) => i.module));
      if (modules.size !== 1) return `imports from ${modules.size} modules`;
      const moduleKey = new RegExp(`(["'])${escape([...modules][0])}\\1`, 'g');
      if (matches(js, moduleKey) !== 1) return 'the glue names the import module more than once';
      js = js.replace(moduleKey, '"a"');
      for (const [i, imp] of imports.entries()) {
        // Each import is one key of the glue's imports object; its name occurs nowhere else.
        const key = new RegExp(`(?<![\\w$"'\`.])${escape(imp.field)}(?=\\s*:)`, 'g');
        const any = new RegExp(`(?<![\\w$])${escape(imp.field)}(?![\\w$])`, 'g');
        if (matches(js, key) !== 1 || matches(js, any) !== 1) return `import ${imp.field} is not one key of the imports object`;
        js = js.replace(key, shortName(i));
      }
      rewritten.set(s.start, Buffer.concat([u32(imports.length), ...imports.map((imp, i) => Buffer.concat([name('a'), name(shortName(i)), imp.desc]))]));
    } else if (s.id === 7) {
      const exports = [];
      for (let i = r.u32(); i > 0; i--) { const field = r.name(); const from = r.at; r.at++; r.u32(); exports.push({ field, desc: b.subarray(from, r.at) }); }
      let next = 0;
      for (const exp of exports) {
        exp.renamed = exp.field;
        if (exp.field === 'memory') continue;
        // The glue reads exports as `wasm.name` (a property of the instance's exports).
        const read = new RegExp(`(?<=[\\w$]\\.)${escape(exp.field)}(?![\\w$])`, 'g');
        if (matches(js, read) === 0) continue; // not the glue's: leave it as it is
        const quoted = new RegExp(`["'\`]${escape(exp.field)}["'\`]`);
        if (quoted.test(js)) return `export ${exp.field} is named in a string`;
        let renamed;
        do renamed = shortName(next++); while (exports.some((e) => e.field === renamed));
        js = js.replace(read, renamed);
        exp.renamed = renamed;
      }
      rewritten.set(s.start, Buffer.concat([u32(exports.length), ...exports.map((exp) => Buffer.concat([name(exp.renamed), exp.desc]))]));
    }
  }
  const parts = [b.subarray(0, 8)];
  for (const s of sections(b)) parts.push(rewritten.has(s.start) ? section(s.id, rewritten.get(s.start)) : b.subarray(s.start, s.end));
  return { wasm: Buffer.concat(parts), js };
}

/**
 * The glue without the classes of the exports dropped above (UNUSED_EXPORTS): each is a class,
 * a `Symbol.dispose` line and a FinalizationRegistry. Throws if any trace would remain, or if
 * the glue still calls a dropped export: the glue must match its wasm.
 */
export function withoutStreamClasses(js) {
  for (const c of ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource']) {
    js = js
      .replace(new RegExp(`^export class ${c} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'), '')
      .replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'm'), '')
      .replace(new RegExp(`^const ${c}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)[^;]*;\\n`, 'm'), '');
    if (new RegExp(`\\b${c}`).test(js)) throw new Error(`shrink-wasm: the glue still names ${c}, whose exports were dropped`);
  }
  const called = js.match(/(?<=[\w$]\.)(__wbg_)?intounderlying(bytesource|sink|source)_\w*/);
  if (called) throw new Error(`shrink-wasm: the glue still calls the dropped export ${called[0]}`);
  return js;
}

/**
 * Drops server_fn's stream classes from the glue and shortens the names shared by `wasmFile` and
 * `jsFile`, in place (both, or neither).
 */
export function shortenFiles(wasmFile, jsFile) {
  const result = shortenNames(readFileSync(wasmFile), withoutStreamClasses(readFileSync(jsFile, 'utf8')));
  if (typeof result === 'string') throw new Error(`shrink-wasm: the glue is not shaped as expected: ${result}`);
  new WebAssembly.Module(result.wasm); // still a valid module
  writeFileSync(wasmFile, result.wasm);
  writeFileSync(jsFile, result.js);
}
