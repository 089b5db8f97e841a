// The playground as a user drives it, in headless Chromium: the seed MOCK
// example answers, edits re-render live, errors are underlined, share links
// round-trip, and a runaway template is stopped without freezing the tab.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './harness.mjs';

// Set while the Velocity engine is not on main: every test below
// needs a real evaluate() answer. Cleared as soon as the core lands.
const CORE_PENDING = 'needs the Velocity engine (Template::parse/render) on main';

let pg;
before(async () => {
  pg = await openPlayground();
});
after(async () => {
  await pg?.close();
});

const STATUS = '[data-testid="response-status"]';
const BODY = '[data-testid="response-body"]';

async function expectStatus(page, code) {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
    [STATUS, String(code)],
    { timeout: 15_000 },
  ).catch(async () => {
    const got = await page.textContent(STATUS).catch(() => '(no status element)');
    const banner = await page.textContent('[data-testid="run-status"]').catch(() => '');
    assert.fail(`expected status ${code}, the page shows ${JSON.stringify(got)} ${banner}`);
  });
}

/** Replace the whole text of the CodeMirror editor under `selector`. */
async function setEditorText(page, selector, text) {
  const content = page.locator(`${selector} .cm-content`).first();
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function setQueryScope(page, value) {
  await page.getByRole('tab', { name: /^Query/ }).click();
  await page.getByLabel('Query parameter value 1').fill(value);
}

test('the first load shows the seed MOCK example and answers 200', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  await expectStatus(page, 200);
  assert.match(await page.textContent(BODY), /Go ahead without me\./);
  const template = await page.textContent('[data-testid="request-template"] .cm-content');
  assert.match(template, /#if\( \$input\.params\('scope'\) == "internal" \)/);
  assert.equal(await page.getByLabel('Query parameter value 1').inputValue(), 'internal');
});

test('editing a response template changes the output', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  await expectStatus(page, 200);
  await setEditorText(page, '[data-template="response:200:application/json"]', '{"greeting": "hello from the playground"}');
  await page.waitForFunction((sel) => /hello from the playground/.test(document.querySelector(sel)?.textContent || ''), BODY, { timeout: 15_000 });
  assert.doesNotMatch(await page.textContent(BODY), /Go ahead without me/);
});

test('switching the scope query parameter flips 200 to 500 and back', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  await setQueryScope(page, 'external');
  await expectStatus(page, 500);
  assert.match(await page.textContent(BODY), /not supported on the API resource/);
  await setQueryScope(page, 'internal');
  await expectStatus(page, 200);
});

test('a syntax error is underlined on its line', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  const editor = '[data-testid="request-template"]';
  await setEditorText(page, editor, '{\n  "statusCode": 200,\n  #set( $x = )\n  "ok": true\n}');
  const range = page.locator(`${editor} .cm-lintRange-error`).first();
  await range.waitFor({ timeout: 15_000 });
  // The underline sits inside the third line, where the broken #set is.
  const lineText = await range.evaluate((el) => el.closest('.cm-line')?.textContent);
  assert.match(lineText, /#set\( \$x = \)/);
  // And the problems list names the template and the line.
  await page.waitForFunction(() => /request:application\/json:3/.test(document.querySelector('[data-testid="diagnostics"]')?.textContent || ''), null, { timeout: 15_000 });
});

test('a share link reopens the same state in a new page', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  await setEditorText(page, '[data-testid="request-template"]', '{"statusCode": 500}');
  await expectStatus(page, 500);
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  // Change the state afterwards, so the new page can only get 500 (and
  // this template) from the link, not from localStorage.
  await setEditorText(page, '[data-testid="request-template"]', '{"statusCode": 200}');
  await expectStatus(page, 200);
  await page.waitForTimeout(500); // the debounced localStorage save

  const other = await pg.newPage(new URL(link).pathname + new URL(link).hash);
  try {
    await expectStatus(other, 500);
    assert.match(await other.textContent('[data-testid="request-template"] .cm-content'), /\{"statusCode": 500\}/);
  } finally {
    await other.close();
  }
});

test('an endless #foreach is stopped with a message and the page stays responsive', { todo: CORE_PENDING }, async () => {
  const { page } = pg;
  const editor = '[data-testid="request-template"]';
  await setEditorText(page, editor, '#foreach($i in [1..100000000])#foreach($j in [1..100000000])x#end#end');
  // Either the page's time limit (TIMEOUT) or the engine's own budget
  // stops it; both must be said on the page.
  await page.waitForFunction(() => {
    const banner = document.querySelector('[data-testid="run-status"]');
    const diags = document.querySelector('[data-testid="diagnostics"]')?.textContent || '';
    return (banner && !banner.hidden && /stopped|limit/i.test(banner.textContent)) || /limit|budget|exceed/i.test(diags);
  }, null, { timeout: 20_000 });
  // Still responsive: a fixed template renders again.
  await setEditorText(page, editor, '{"statusCode": 500}');
  await expectStatus(page, 500);
  await page.locator('[data-testid="run-status"]').waitFor({ state: 'hidden', timeout: 15_000 });
});

test('nothing logged an error', { todo: CORE_PENDING }, async () => {
  // Engine crashes (todo!() panics before the core lands) show up here too.
  const errors = pg.errors().filter((e) => !/TIMEOUT|took longer/.test(e));
  assert.deepEqual(errors, []);
});
