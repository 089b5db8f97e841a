// Hostile input in the playground: user text is only ever text, the page
// runs under its own Content-Security-Policy, crafted share links show an
// error and never run script or freeze, and a limit error says what the
// Rust core and the CLI say.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './harness.mjs';
import { encodeState, MAX_HASH_CHARS } from '../../web/src/state/share.js';

const STATUS = '[data-testid="response-status"]';

// Each sets window.__pwned if it ever runs; none should create an element.
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>',
];
const P = PAYLOADS.join(' ');

let pg;
before(async () => {
  pg = await openPlayground();
});
after(async () => {
  await pg?.close();
});

/** Open `hash` in a new tab, recording dialogs; resolves once it answered. */
async function openState(hash) {
  const page = await pg.context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(new URL(`/${hash}`, pg.url).href);
  await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), STATUS, { timeout: 20_000 });
  return { page, dialogs };
}

/** Elements a payload would create, anywhere (shadow roots included). */
function injected(page) {
  return page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'img' && el.getAttribute('src') === 'x') found.push('img');
        if (tag === 'svg' && el.hasAttribute('onload')) found.push('svg');
        if (tag === 'iframe' && el.hasAttribute('srcdoc')) found.push('iframe');
        if (tag === 'script' && !el.src) found.push('inline script');
        for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { found, pwned: window.__pwned ?? null };
  });
}

test('hostile text in templates, headers, body and example stays text', async () => {
  const before = pg.errors().length;
  const integration = {
    type: 'MOCK',
    requestTemplates: { 'application/json': `{"statusCode": 200} ## ${P}` },
    integrationResponses: {
      200: {
        statusCode: '200',
        responseParameters: { 'method.response.header.X-Evil': `'${PAYLOADS[0]}'` },
        // Echo the payloads into the body, a header and a diagnostic.
        responseTemplates: { 'application/json': `${P}\n$input.params('X-Evil')\n#set($x = $nosuch.call())${PAYLOADS[1]}` },
      },
    },
  };
  const request = {
    httpMethod: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/json', 'X-Evil': P },
    queryStringParameters: { q: P },
    body: P,
  };
  const hash = `#s=${await encodeState({ v: 1, integration, request, exampleId: P, view: P, exportFormat: P })}`;
  const { page, dialogs } = await openState(hash);
  try {
    // The payloads made it onto the page, as text.
    await page.waitForFunction((needle) => document.body.innerText.includes(needle), 'window.__pwned=2', { timeout: 15_000 });
    // Every result tab and the export dialog render them too.
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click().catch(() => {});
    }
    await page.getByRole('button', { name: /export/i }).first().click().catch(() => {});
    await page.waitForTimeout(300);
    const { found, pwned } = await injected(page);
    assert.deepEqual(found, []);
    assert.equal(pwned, null);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pg.errors().slice(before), []);
  } finally {
    await page.close();
  }
});

test('the page sets its own Content-Security-Policy: self and wasm-unsafe-eval only', async () => {
  const { page } = await openState('');
  try {
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /default-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);
    // data: only for images (the editors' CSS icons), never for scripts.
    assert.match(csp, /img-src 'self' data:(;|$)/);
    assert.equal(csp.match(/data:/g).length, 1);
    // An inline script and an inline handler are refused.
    const ran = await page.evaluate(async () => {
      window.__inline = 0;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__inline = 2');
      img.src = 'data:,nope';
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 200));
      s.remove();
      img.remove();
      return window.__inline;
    });
    assert.equal(ran, 0);
  } finally {
    await page.close();
  }
});

for (const [name, hash] of [
  ['huge', `#s=${'A'.repeat(MAX_HASH_CHARS + 10)}`],
  ['malformed base64', '#s=%%%not-base64%%%'],
  ['not deflate', '#s=AAAAAAAAAAAAAAAA'],
  ['script-bearing', `#s=${encodeURIComponent('<script>window.__pwned=9</script>')}`],
  ['javascript: URL', '#s=javascript:window.__pwned=10'],
]) {
  test(`a ${name} share link shows an error and runs nothing`, async () => {
    const { page, dialogs } = await openState(hash);
    try {
      await page.waitForFunction(() => /could not be read/.test(document.body.innerText), null, { timeout: 10_000 });
      const { found, pwned } = await injected(page);
      assert.deepEqual(found, []);
      assert.equal(pwned, null);
      assert.deepEqual(dialogs, []);
      // Not frozen: the page still answers an edit-free evaluation.
      assert.equal(await page.evaluate(() => 1 + 1), 2);
    } finally {
      await page.close();
    }
  });
}

test('a share link whose state decompresses to 32 MB is refused, not inflated', async () => {
  // Under 64 KB of deflate that inflates (to 32 MB) far past the 1 MB state limit.
  const bomb = await (async () => {
    const zeros = new Uint8Array(32 << 20);
    const stream = new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return Buffer.from(bytes).toString('base64url');
  })();
  assert.ok(bomb.length < MAX_HASH_CHARS, `bomb is ${bomb.length} chars`);
  const { page, dialogs } = await openState(`#s=${bomb}`);
  try {
    await page.waitForFunction(() => /could not be read/.test(document.body.innerText), null, { timeout: 10_000 });
    assert.match(await page.evaluate(() => document.body.innerText), /too large|limit|1048576/i);
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
  }
});

test('a limit error on the page is the message evaluate gives', async () => {
  const integration = {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: { 200: { statusCode: '200', responseTemplates: { 'application/json': '#set($r = [1..2000000])' } } },
  };
  const { page } = await openState(`#s=${await encodeState({ v: 1, integration, request: { httpMethod: 'GET', path: '/' } })}`);
  try {
    // The same words as crates/gateway/tests/limits.rs range_length and
    // crates/cli/tests/limits_cli.rs (mockgate eval).
    await page.waitForFunction(
      () => /template exceeded the range length limit \(1000000\)/.test(document.querySelector('[data-testid="diagnostics"]')?.textContent || ''),
      null,
      { timeout: 15_000 },
    );
    assert.equal((await page.textContent(STATUS)).trim(), '500');
  } finally {
    await page.close();
  }
});

test('an embed whose playground attribute is a javascript: URL links to the real playground', async () => {
  const page = await pg.context.newPage();
  try {
    await page.goto(new URL('/learn.html', pg.url).href);
    await page.evaluate(() => {
      const el = document.createElement('mockgate-playground');
      el.id = 'evil';
      el.setAttribute('playground', 'javascript:window.__pwned=11//');
      document.body.append(el);
    });
    await page.waitForFunction(() => document.querySelector('#evil').playgroundHref, null, { timeout: 15_000 });
    const href = await page.evaluate(() => document.querySelector('#evil').playgroundHref);
    assert.match(href, /^http:\/\/127\.0\.0\.1:\d+\/index\.html#s=/);
  } finally {
    await page.close();
  }
});
