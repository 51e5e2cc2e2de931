// A Trunk post-build hook (see Trunk.toml): minifies the JavaScript glue that wasm-bindgen writes,
// in release builds only. The glue is a plain ES module of bindings; esbuild keeps its exports and
// drops whitespace, comments and long local names: 9.2 KiB of gzip becomes 7.0 KiB.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== 'release' || !staging) process.exit(0);
for (const name of readdirSync(staging).filter((n) => n.startsWith('replay-bank') && n.endsWith('.js'))) {
  const file = join(staging, name);
  buildSync({ entryPoints: [file], outfile: file, allowOverwrite: true, minify: true, format: 'esm', target: 'es2020', logLevel: 'warning' });
}
