// Offline once loaded: the service worker (web/src/sw.js, registered by
// main.js under the page's Content-Security-Policy) precaches the page,
// its bundles and the wasm engine, so a reload with the network gone
// still runs the seed example.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './harness.mjs';

// The policy the page is meant to run under (as in playground.test.mjs):
// a service worker needs worker-src 'self'.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "worker-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

let pg;
before(async () => {
  // The first tab opens a file that is not the page, so the service
  // worker is first registered by the tab below, under the CSP.
  pg = await openPlayground({ path: '/favicon.svg' });
});
after(async () => {
  await pg?.context.setOffline(false).catch(() => {});
  await pg?.close();
});

const STATUS = '[data-testid="response-status"]';
const BODY = '[data-testid="response-body"]';

async function expectSeedAnswer(page) {
  await page.waitForFunction(([s, b]) => document.querySelector(s)?.textContent.trim() === '200'
    && /Go ahead without me\./.test(document.querySelector(b)?.textContent || ''), [STATUS, BODY], { timeout: 20_000 });
}

test('after one visit the page reloads and answers with the network gone', async () => {
  const page = await pg.context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.goto(new URL('/', pg.url).href);
  await expectSeedAnswer(page);
  // The worker installs (precaching every file) and claims the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('mockgate-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const file of ['/', '/index.html', '/main.js', '/main.css', '/worker.js', '/mockgate_wasm_bg.wasm', '/learn.html', '/embed/mockgate-playground.js']) {
    assert.ok(cached.includes(file), `${file} is not precached: ${cached.join(' ')}`);
  }
  await page.unroute('**/*');

  await pg.context.setOffline(true);
  const response = await page.reload();
  assert.equal(response?.status(), 200);
  await expectSeedAnswer(page);
  // The lessons page too.
  const learn = await page.goto(new URL('/learn.html', pg.url).href);
  assert.equal(learn?.status(), 200);
  await pg.context.setOffline(false);
  await page.close();
});

test('nothing logged an error', () => {
  assert.deepEqual(pg.errors(), []);
});
