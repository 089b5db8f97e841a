// A tiny static file server for the built playground, on 127.0.0.1 only.
//
//   node web/scripts/serve.mjs [DIR]     DIR defaults to web/dist
//   PORT=NNNN (default 8080); PORT=0 picks a free port.
//
// Also importable: `startServer({root, port})` resolves to
// {server, port, url, close()} (the browser tests use it).
// No dependencies on purpose; SIGINT/SIGTERM close the server and exit 0.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null; // outside root
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      const index = join(file, 'index.html');
      return (await stat(index)).isFile() ? index : null;
    }
    return info.isFile() ? file : null;
  } catch {
    return null;
  }
}

export function startServer({ root, port = 0 } = {}) {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await resolveFile(root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const actual = server.address().port;
      resolvePromise({
        server,
        port: actual,
        url: `http://${HOST}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ?? join(here, '..', 'dist');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, got "${process.env.PORT}"`);
    process.exit(2);
  }
  let running;
  try {
    running = await startServer({ root, port });
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is taken; try PORT=${port + 1} make play)` : '';
    console.error(`serve: ${error.message}${hint}`);
    process.exit(1);
  }
  console.log(`mockgate playground: ${running.url}`);
  console.log('Press Ctrl-C to stop.');
  const stop = async () => {
    await running.close();
    console.log('\nmockgate playground: stopped');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
