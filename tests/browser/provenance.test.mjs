// Hover links between output and template, both ways, in headless
// Chromium: hovering a span of the response body marks the template text
// that produced it, and the cursor in a template marks the output it
// produced. The ranges come from evaluate's `provenance` (docs/provenance.md).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './harness.mjs';

let pg;
before(async () => {
  pg = await openPlayground();
});
after(async () => {
  await pg?.close();
});

const BODY = '[data-testid="response-body"]';
const RESPONSE = '.editor-host[data-template="response:200:application/json"]';
// `$n` (template characters 27..29) writes "42" into the body.
const TEMPLATE = '#set($n = 6 * 7){"answer": $n}';

async function showAnswer(page) {
  await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), '[data-testid="response-status"]', { timeout: 20_000 });
  await page.locator(`${RESPONSE} .cm-content`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(TEMPLATE);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"answer": 42}', BODY, { timeout: 15_000 });
}

test('hovering the body marks the template text that produced it', async () => {
  const { page } = pg;
  await showAnswer(page);
  assert.equal(await page.locator(`${RESPONSE} .cm-provenance`).count(), 0);
  await page.locator(`${BODY} .prov`, { hasText: /^42$/ }).hover();
  const marked = page.locator(`${RESPONSE} .cm-provenance`);
  await marked.first().waitFor({ timeout: 5_000 });
  assert.deepEqual(await marked.allTextContents(), ['$n']);
  // A literal span links to the literal text.
  await page.locator(`${BODY} .prov`, { hasText: /^\{"answer": $/ }).hover();
  await page.waitForFunction((sel) => {
    const marks = [...document.querySelector(sel).shadowRoot.querySelectorAll('.cm-provenance')];
    return marks.map((m) => m.textContent).join('') === '{"answer": ';
  }, RESPONSE, { timeout: 5_000 });
  // Leaving the body clears the mark.
  await page.locator('#output-heading').hover();
  await page.waitForFunction((sel) => !document.querySelector(sel).shadowRoot.querySelector('.cm-provenance'), RESPONSE, { timeout: 5_000 });
});

test('the cursor in a template marks the output it produced', async () => {
  const { page } = pg;
  await showAnswer(page);
  // The cursor ends after the closing brace; two steps left is inside `$n`.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const linked = page.locator(`${BODY} .prov.is-linked`);
  await linked.first().waitFor({ timeout: 5_000 });
  assert.deepEqual(await linked.allTextContents(), ['42']);
  // Into the literal text: the body's literal span lights up instead.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} .prov.is-linked`)].map((s) => s.textContent).join('|') === '{"answer": ', BODY, { timeout: 5_000 });
  // Selecting the whole template lights up every span of the body.
  await page.keyboard.press('Control+A');
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} .prov.is-linked`)].map((s) => s.textContent).join('') === '{"answer": 42}', BODY, { timeout: 5_000 });
  // Typing re-runs the template; the output under the cursor stays lit.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText('$n'); // {"answer": $n$n}
  await page.keyboard.press('ArrowLeft'); // inside the second $n
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"answer": 4242}', BODY, { timeout: 15_000 });
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} .prov.is-linked`)].map((s) => s.textContent).join('|') === '42', BODY, { timeout: 5_000 });
  // Leaving the template clears the link.
  await page.locator('#output-heading').click();
  await page.waitForFunction((sel) => !document.querySelector(`${sel} .prov.is-linked`), BODY, { timeout: 5_000 });
});

test('nothing logged an error', () => {
  assert.deepEqual(pg.errors(), []);
});
