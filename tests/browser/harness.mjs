// Test harness for the playground in headless Chromium.
//
//   import { openPlayground } from './harness.mjs';
//   const pg = await openPlayground();      // serves web/dist on 127.0.0.1:<free port>
//   await pg.page.getByRole(...)...          // a playwright-core Page at pg.url
//   const other = await pg.newPage('/#...'); // another tab, same server and browser
//   assert.deepEqual(pg.errors(), []);       // console errors + uncaught page errors
//                                            // + failed requests, of every page
//   await pg.close();                        // browser, profile dir, server
//
// web/dist must be built (`make test` does it; by hand: `make web`).
// The browser is Debian's /usr/bin/chromium (CHROMIUM=/path overrides),
// never a downloaded one, with a fresh profile directory per call.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/scripts/serve.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(repo, 'web', 'dist');

// playwright-core is one of the page's devDependencies (web/node_modules),
// not a package of its own up here.
const { chromium } = createRequire(join(repo, 'web', 'package.json'))('playwright-core');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Offline and quiet: no first-run UI, no background fetches, no QUIC.
// --no-sandbox: tests run as root in containers.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openPlayground({ path = '/', viewport = { width: 1280, height: 800 } } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the page first (make web)`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (make test does it)`);
  }
  const server = await startServer({ root: DIST, port: 0 });
  const profile = await mkdtemp(join(tmpdir(), 'mockgate-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const errors = [];
  const watched = new WeakSet();
  function watch(page) {
    if (watched.has(page)) return page;
    watched.add(page);
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url;
        errors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    // Console output of the page's workers (the engine) arrives here too.
    return page;
  }
  context.on('page', watch);

  async function newPage(pagePath = '/') {
    const page = await context.newPage();
    await page.goto(new URL(pagePath, server.url).href);
    return page;
  }

  // A persistent context opens with one blank tab; use it.
  const first = context.pages()[0] ?? (await context.newPage());
  watch(first);
  await first.goto(new URL(path, server.url).href);

  return {
    page: first,
    url: server.url,
    context,
    newPage,
    errors: () => [...errors],
    async close() {
      await context.close().catch(() => {});
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Call the engine's worker (web/dist/worker.js) from inside `page`, the
 * way the page does: `await callWorker(page, 'version')`. Resolves to the
 * worker's reply {ok, value} or {ok: false, error}.
 */
export function callWorker(page, fn, args = []) {
  return page.evaluate(
    ([fn, args]) =>
      new Promise((resolve, reject) => {
        const worker = new Worker('/worker.js', { type: 'module' });
        const timer = setTimeout(() => {
          worker.terminate();
          reject(new Error(`worker did not answer ${fn} within 10 s`));
        }, 10_000);
        worker.onerror = (event) => {
          clearTimeout(timer);
          worker.terminate();
          reject(new Error(`worker error: ${event.message}`));
        };
        worker.onmessage = ({ data }) => {
          if ('ready' in data) {
            if (data.ready) worker.postMessage({ id: 1, fn, args });
            else {
              clearTimeout(timer);
              worker.terminate();
              resolve({ ok: false, error: data.error });
            }
            return;
          }
          clearTimeout(timer);
          worker.terminate();
          resolve(data);
        };
      }),
    [fn, args],
  );
}
