// A static server for dist/ on loopback, mounted under a sub-path (as a docs site would host it),
// so the tests prove the build uses only relative URLs. Anything outside the prefix is a 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Serves `root` at http://127.0.0.1:<port><prefix>, and each of `mounts` ({ prefix, root }: a host
 * page's folder, say) at its own prefix; the longest matching prefix wins. Resolves to
 * { url, origin, requests, close }.
 */
export async function serveDist({ root, prefix = '/docs/demo/', port = 0, mounts = [] }) {
  const folders = [{ prefix, root }, ...mounts]
    .map((m) => ({ prefix: m.prefix, base: resolve(m.root) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    requests.push(path);
    const folder = folders.find((f) => path.startsWith(f.prefix));
    if (!folder) {
      res.writeHead(404).end('outside the app prefix');
      return;
    }
    const base = folder.base;
    const relative = path.slice(folder.prefix.length) || 'index.html';
    const file = normalize(join(base, relative));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const target = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(target);
      res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}${prefix}`, origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

// `node e2e/serve.mjs [dist] [prefix] [port]` serves a release build by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', prefix = '/', port = '8080'] = process.argv.slice(2);
  const { url } = await serveDist({ root, prefix, port: Number(port) });
  console.log(`Serving ${root} at ${url}`);
}
