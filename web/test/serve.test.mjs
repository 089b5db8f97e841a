// web/scripts/serve.mjs: what `make play` and the browser tests serve with.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';

const SERVE = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));

let root;
let server;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockgate-serve-'));
  root = join(dir, 'site');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(root, 'a.js'), 'export {}');
  writeFileSync(join(root, 'sub', 'index.html'), 'sub');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  server = await startServer({ root, port: 0 });
});
after(async () => {
  await server?.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

// Raw requests, so that "/../" reaches the server as written.
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('listens on 127.0.0.1 only', () => {
  assert.equal(server.server.address().address, '127.0.0.1');
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
});

test('serves files with their MIME types, wasm included', async () => {
  assert.deepEqual(await get('/'), { status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>t</title>' });
  assert.equal((await get('/m.wasm')).type, 'application/wasm');
  assert.equal((await get('/a.js?v=1')).type, 'text/javascript; charset=utf-8');
  assert.equal((await get('/sub/')).body, 'sub');
});

test('nothing outside the root, missing files are 404, only GET and HEAD', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/../../secret.txt', '/nope.js', '/%E0%A4%A']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(res.body, /outside the root/);
  }
  assert.equal((await get('/', 'POST')).status, 405);
  assert.equal((await get('/', 'HEAD')).status, 200);
});

test('as a command: prints the URL, and Ctrl-C (SIGINT) stops it with status 0', async () => {
  const child = spawn(process.execPath, [SERVE, root], { env: { ...process.env, PORT: '0' } });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/mockgate playground: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const res = await fetch(url);
  assert.equal(res.status, 200);
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 0);
});

test('a bad PORT is refused with a message', async () => {
  const child = spawn(process.execPath, [SERVE, root], { env: { ...process.env, PORT: 'eighty' } });
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 2);
  assert.match(err, /PORT must be a port number/);
});
