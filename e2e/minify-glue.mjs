// A Trunk post-build hook (see Trunk.toml), release builds only. After Trunk's wasm-opt it drops
// server_fn's unused stream exports, reorders the wasm's functions so that gzip finds more
// repeats and gives the names the wasm and its glue share short ones (e2e/shrink-wasm.mjs), then
// minifies the JavaScript glue that wasm-bindgen writes: esbuild keeps its exports and drops
// whitespace, comments and long local names.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { reorderFunctions, shortenFiles } from './shrink-wasm.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== 'release' || !staging) process.exit(0);
const files = readdirSync(staging);
for (const js of files.filter((n) => n.startsWith('replay-bank') && n.endsWith('.js'))) {
  const file = join(staging, js);
  const wasm = js.replace(/\.js$/, '_bg.wasm');
  if (files.includes(wasm)) {
    reorderFunctions(join(staging, wasm));
    shortenFiles(join(staging, wasm), file);
  }
  buildSync({ entryPoints: [file], outfile: file, allowOverwrite: true, minify: true, format: 'esm', target: 'es2020', logLevel: 'warning' });
}
