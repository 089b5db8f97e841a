// The playground as a user drives it, in headless Chromium: the seed MOCK
// example answers, edits re-render live, errors are underlined, share links
// round-trip, and a runaway template is stopped without freezing the tab.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './harness.mjs';
import { byteToUtf16Mapper, lineColumnToOffset } from '../../web/src/ui/positions.js';
import { rowsToSingleAndMulti, rowsFromSingleAndMulti } from '../../web/src/ui/kv.js';

// ---- pure helpers the page relies on (no browser needed) -------------------

test('engine positions map onto editor offsets (UTF-8 bytes, code-point columns, UTF-16)', () => {
  const text = 'h\u00e9\n\ud83d\ude00x'; // "hé", newline, an emoji (4 UTF-8 bytes, 2 UTF-16 units), "x"
  const map = byteToUtf16Mapper(text);
  assert.equal(map(0), 0);
  assert.equal(map(1), 1); // é starts at byte 1
  assert.equal(map(2), 1); // inside é: snaps to its start
  assert.equal(map(3), 2); // the newline
  assert.equal(map(4), 3); // the emoji
  assert.equal(map(8), 5); // x after the 4-byte emoji
  assert.equal(map(99), text.length);
  // Line 2, column 2 (the character after the emoji) is UTF-16 offset 5.
  assert.equal(lineColumnToOffset(text, 2, 2), 5);
  assert.equal(lineColumnToOffset(text, 1, 3), 2);
  assert.equal(lineColumnToOffset(text, 9, 1), text.length);
});

test('query rows become the Lambda event pair: the last value single, all values multi', () => {
  assert.deepEqual(rowsToSingleAndMulti([['tag', 'a'], ['tag', 'b'], ['scope', 'x']]), {
    single: { tag: 'b', scope: 'x' },
    multi: { tag: ['a', 'b'], scope: ['x'] },
  });
  assert.deepEqual(rowsToSingleAndMulti([]), { single: null, multi: null });
  assert.deepEqual(rowsFromSingleAndMulti({ tag: 'b', only: '1' }, { tag: ['a', 'b'] }), [['tag', 'a'], ['tag', 'b'], ['only', '1']]);
});

// ---- the page in Chromium ------------------------------------------------------

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

test('the first load shows the seed MOCK example and answers 200', async () => {
  const { page } = pg;
  await expectStatus(page, 200);
  assert.match(await page.textContent(BODY), /Go ahead without me\./);
  const template = await page.textContent('[data-testid="request-template"] .cm-content');
  assert.match(template, /#if\( \$input\.params\('scope'\) == "internal" \)/);
  assert.equal(await page.getByLabel('Query parameter value 1').inputValue(), 'internal');
});

test('editing a response template changes the output', async () => {
  const { page } = pg;
  await expectStatus(page, 200);
  await setEditorText(page, '[data-template="response:200:application/json"]', '{"greeting": "hello from the playground"}');
  await page.waitForFunction((sel) => /hello from the playground/.test(document.querySelector(sel)?.textContent || ''), BODY, { timeout: 15_000 });
  assert.doesNotMatch(await page.textContent(BODY), /Go ahead without me/);
});

test('switching the scope query parameter flips 200 to 500 and back', async () => {
  const { page } = pg;
  await setQueryScope(page, 'external');
  await expectStatus(page, 500);
  assert.match(await page.textContent(BODY), /not supported on the API resource/);
  await setQueryScope(page, 'internal');
  await expectStatus(page, 200);
});

test('a syntax error is underlined on its line', async () => {
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

test('a share link reopens the same state in a new page', async () => {
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

test('an endless #foreach is stopped with a message and the page stays responsive', async () => {
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

test('the export dialog turns the integration into Terraform and the aws CLI', async () => {
  const { page } = pg;
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the integration' });
  await dialog.getByRole('tab', { name: 'Terraform' }).click();
  assert.match(await dialog.getByTestId('export-output').textContent(), /resource "aws_api_gateway_integration"/);
  await dialog.getByRole('tab', { name: 'AWS CLI' }).click();
  assert.match(await dialog.getByTestId('export-output').textContent(), /aws apigateway put-integration/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('pasting an OpenAPI integration switches the page to it', async () => {
  const { page } = pg;
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-text').fill(JSON.stringify({
    type: 'http', httpMethod: 'GET', uri: 'https://backend.example.com/pets',
    requestTemplates: { 'application/json': '{"from": "openapi"}' },
    responses: { default: { statusCode: '200' }, '4\\d{2}': { statusCode: '404' } },
  }));
  await page.getByTestId('import-submit').click();
  assert.equal(await page.getByRole('radio', { name: 'HTTP', exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('Integration URI').inputValue(), 'https://backend.example.com/pets');
  assert.match(await page.textContent('[data-testid="request-template"] .cm-content'), /"from": "openapi"/);
  // The backend answer editor appears for a non-MOCK integration.
  await page.getByRole('heading', { name: 'Backend answers' }).waitFor();
  // Back to the seed for the tests that follow.
  await page.getByTestId('example-picker').selectOption('mock-scope');
  assert.equal(await page.getByRole('radio', { name: 'MOCK' }).isChecked(), true);
});

test('a mockgate eval input round-trips through export and import', async () => {
  const { page } = pg;
  await expectStatus(page, 200);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the integration' });
  await dialog.getByRole('tab', { name: 'mockgate eval' }).click();
  const text = await dialog.getByTestId('export-output').textContent();
  const evalInput = JSON.parse(text);
  assert.equal(evalInput.integration.type, 'MOCK');
  assert.deepEqual(evalInput.request.queryStringParameters, { scope: 'internal' });
  await page.keyboard.press('Escape');
  await setQueryScope(page, 'public');
  await expectStatus(page, 500);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-submit').click();
  await expectStatus(page, 200);
  assert.equal(await page.getByLabel('Query parameter value 1').inputValue(), 'internal');
});

test('the variable reference inserts a reference at the cursor of the template being edited', async () => {
  const { page } = pg;
  const editor = '[data-testid="request-template"]';
  await setEditorText(page, editor, '{"stage": ""}');
  await page.locator(`${editor} .cm-content`).click();
  await page.keyboard.press('End');
  for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowLeft'); // between the quotes
  await page.getByText('Template variables').click();
  await page.getByLabel('Filter the variables').fill('stage');
  await page.getByRole('button', { name: 'Insert $context.stage' }).click();
  assert.match(await page.textContent(`${editor} .cm-content`), /\{"stage": "\$context\.stage"\}/);
  await page.getByText('Template variables').click(); // fold it again
  await page.getByTestId('example-picker').selectOption('mock-scope');
});

test('pasting something that is not an integration says why and changes nothing', async () => {
  const { page } = pg;
  const before = await page.textContent('[data-testid="request-template"] .cm-content');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-text').fill('{"type": "SOAP"}');
  await page.getByTestId('import-submit').click();
  const dialog = page.getByRole('dialog', { name: 'Import an integration' });
  const error = dialog.getByRole('alert');
  await error.waitFor();
  assert.match(await error.textContent(), /type/i);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.textContent('[data-testid="request-template"] .cm-content'), before);
});

test('the theme toggle switches between light and dark and is remembered', async () => {
  const { page } = pg;
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.getByTestId('theme-toggle').click();
  const after = await theme();
  assert.notEqual(after, before);
  assert.ok(['light', 'dark'].includes(after));
  const other = await pg.newPage('/');
  try {
    await other.waitForSelector('[data-testid="theme-toggle"]');
    assert.equal(await other.evaluate(() => document.documentElement.dataset.theme), after);
  } finally {
    await other.close();
  }
  await page.getByTestId('theme-toggle').click();
  assert.equal(await theme(), before);
});

test('at phone width the panels stack in one column', async () => {
  const phone = await pg.newPage('/');
  try {
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.waitForSelector('.col-output');
    const boxes = await phone.evaluate(() => ['.col-inputs', '.col-integration', '.col-output']
      .map((sel) => document.querySelector(sel).getBoundingClientRect())
      .map((r) => ({ left: Math.round(r.left), top: Math.round(r.top), width: Math.round(r.width) })));
    // Same left edge, each below the previous, none wider than the screen.
    assert.equal(new Set(boxes.map((b) => b.left)).size, 1, JSON.stringify(boxes));
    assert.ok(boxes[0].top < boxes[1].top && boxes[1].top < boxes[2].top, JSON.stringify(boxes));
    for (const b of boxes) assert.ok(b.width <= 390, JSON.stringify(boxes));
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'the page scrolls sideways at 390 px');
  } finally {
    await phone.close();
  }
});

test('every control a keyboard reaches has an accessible name', async () => {
  const { page } = pg;
  const unnamed = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('button, input, select, textarea, [role="tab"], .cm-content')];
    return controls.filter((el) => {
      if (el.type === 'radio' || el.offsetParent === null && el.type !== 'radio') return false;
      const label = el.getAttribute('aria-label') || (el.labels && el.labels.length && el.labels[0].textContent.trim())
        || el.textContent.trim() || el.getAttribute('title');
      return !label;
    }).map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, []);
});

test('the header links to the lessons, and the keyboard gets there', async () => {
  const page = await pg.newPage('/');
  try {
    const link = page.getByRole('link', { name: 'Learn' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), './learn.html');
    // Tab from the Share button lands on it; Enter follows it.
    await page.getByTestId('share-button').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Learn');
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/learn.html');
    assert.equal(response?.status(), 200);
  } finally {
    await page.close();
  }
});

test('keyboard alone: Tab indents in an editor, Escape then Tab moves on', async () => {
  const { page } = pg;
  const host = '[data-testid="request-template"]';
  await page.locator(`${host} .cm-content`).click();
  const inEditor = () => page.evaluate((sel) => document.activeElement === document.querySelector(sel), host);
  assert.equal(await inEditor(), true);
  await page.keyboard.press('Tab'); // indents, focus stays
  assert.equal(await inEditor(), true);
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await inEditor(), false, 'focus is still in the editor after Escape, Tab');
  // The focused control shows a focus ring.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');

  // Adding an integration response from the keyboard puts the focus on
  // its status code, and removing it puts the focus back on the button.
  await page.getByRole('button', { name: 'Add integration response' }).focus();
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => ({ label: document.activeElement.labels?.[0]?.textContent, value: document.activeElement.value }));
  assert.equal(focused.label, 'Status');
  assert.match(focused.value, /^[1-5]\d\d$/);
  await page.getByRole('button', { name: `Remove the ${focused.value} integration response` }).click();
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Add integration response');
});

test('the page runs under a strict Content-Security-Policy', async () => {
  // No inline scripts, styles or handlers: the CSP that comes later must
  // not break the page. wasm needs 'wasm-unsafe-eval'; nothing else is let in.
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    + "worker-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
  // The service worker earlier pages registered would answer this page's
  // requests itself, past the route below that adds the policy: remove it
  // (this page registers it again, under the policy).
  await pg.page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  });
  const page = await pg.context.newPage();
  try {
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
      });
    });
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await page.goto(new URL('/', pg.url).href);
    await page.waitForFunction(() => /^\d{3}$/.test(document.querySelector('[data-testid="response-status"]')?.textContent.trim() || ''), null, { timeout: 15_000 });
    // The editors got their styles (CodeMirror adds them at run time,
    // inside each editor's shadow root).
    const gutterDisplay = await page.locator('[data-testid="request-template"] .cm-gutters').evaluate((el) => getComputedStyle(el).display);
    assert.equal(gutterDisplay, 'flex');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  } finally {
    await page.close();
  }
});

// ---- live evaluation: no fixed delay, newest wins -----------------------------

const REQUEST = '[data-testid="request-template"]';
const RESPONSE_200 = '.editor-host[data-template="response:200:application/json"]';

/**
 * A new tab whose page logs, in order, what it sends the engine's worker
 * ("post:evaluate", "post:checkTemplate"), each answer ("reply") and each
 * worker started ("worker"), in window.__engine.
 */
async function openLogged() {
  const page = await pg.context.newPage();
  await page.addInitScript(() => {
    const log = (window.__engine = []);
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...args) { super(...args); log.push('worker'); }
      postMessage(message, ...rest) {
        if (message && message.fn) log.push(`post:${message.fn}`);
        return super.postMessage(message, ...rest);
      }
    };
    // The answers come on a BroadcastChannel (engine/worker.js says why).
    const slot = Object.getOwnPropertyDescriptor(BroadcastChannel.prototype, 'onmessage');
    Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
      ...slot,
      set(handler) { slot.set.call(this, handler && ((event) => { log.push('reply'); return handler.call(this, event); })); },
    });
  });
  await page.goto(new URL('/', pg.url).href);
  await page.waitForFunction(() => /^\d{3}$/.test(document.querySelector('[data-testid="response-status"]')?.textContent.trim() || ''), null, { timeout: 15_000 });
  return page;
}

/**
 * Wait until the engine has nothing to do: every call sent answered, no
 * run busy, for three frames in a row (a check starts on a timer after
 * its run, so one quiet moment is not enough).
 */
async function engineIdle(page) {
  const log = await page.evaluate(async () => {
    const quiet = () => {
      // Calls to a worker that was replaced (a time limit) get no answer.
      const log = window.__engine.slice(window.__engine.lastIndexOf('worker'));
      return log.filter((e) => e.startsWith('post:')).length === log.filter((e) => e === 'reply').length
        && !document.querySelector('.busy-dot.is-busy');
    };
    for (let i = 0, calm = 0; i < 2000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      calm = quiet() ? calm + 1 : 0;
      if (calm === 3) return null;
    }
    return window.__engine.join(' ');
  });
  assert.equal(log, null, 'the engine never went idle');
}

test('an edit reaches the engine at once when it is idle, before any timer could fire', async () => {
  const page = await openLogged();
  try {
    // The state earlier tests left may pick another response: this one.
    await setEditorText(page, REQUEST, '{"statusCode": 200}');
    await setEditorText(page, RESPONSE_200, '{"edit": 1}');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"edit": 1}', BODY, { timeout: 15_000 });
    await engineIdle(page);
    // The next input event, and a zero-delay timer set from it.
    await page.evaluate(() => {
      document.addEventListener('input', () => {
        window.__engine.push('input');
        setTimeout(() => window.__engine.push('timer'), 0);
      }, { capture: true, once: true });
    });
    await page.keyboard.type('2');
    await page.waitForFunction(() => window.__engine.includes('timer'), null, { timeout: 15_000 });
    const log = await page.evaluate(() => window.__engine);
    const input = log.indexOf('input');
    const sent = log.indexOf('post:evaluate', input);
    assert.ok(input >= 0 && sent > input, `no evaluate after the input: ${log.slice(input).join(' ')}`);
    assert.ok(sent < log.indexOf('timer'), `the evaluation waited for a timer: ${log.slice(input).join(' ')}`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"edit": 1}2', BODY, { timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('typing faster than the engine never shows the output of an outdated text, and ends on the newest', async () => {
  const page = await openLogged();
  try {
    // A request template slow enough (tens of ms) that keys arrive while
    // a run is in flight; the response template's output is its own text.
    await setEditorText(page, REQUEST, '#set($s = "x")#foreach($i in [1..14])#set($s = "$s$s")#end#foreach($i in [1..2000])#set($t = $s.replace("x", "y"))#end{"statusCode": 200}');
    await setEditorText(page, RESPONSE_200, '{"typed": "');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"typed": "', BODY, { timeout: 15_000 });
    await engineIdle(page);
    // Each time the body changes: the body, and the template's text then.
    await page.evaluate(([body, editor]) => {
      window.__painted = [];
      const content = document.querySelector(editor).shadowRoot.querySelector('.cm-content');
      new MutationObserver(() => {
        window.__painted.push([document.querySelector(body).textContent, content.textContent]);
      }).observe(document.querySelector(body), { childList: true, subtree: true, characterData: true });
      window.__engine.push('typing');
    }, [BODY, RESPONSE_200]);
    const typed = 'abcdefghijklmnop';
    await page.keyboard.type(typed);
    const final = `{"typed": "${typed}`;
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [BODY, final], { timeout: 15_000 });
    await engineIdle(page);
    const painted = await page.evaluate(() => window.__painted);
    for (const [body, template] of painted) {
      assert.equal(body, template, 'a result was painted after its template had changed');
    }
    assert.equal(painted.at(-1)[0], final);
    // The keys did overlap runs: fewer results painted than runs made.
    const runs = await page.evaluate(() => window.__engine.slice(window.__engine.indexOf('typing')).filter((e) => e === 'post:evaluate').length);
    assert.ok(new Set(painted.map(([b]) => b)).size < runs || runs < typed.length, `runs ${runs}, painted ${painted.length}`);
  } finally {
    await page.close();
  }
});

test('a long evaluation in flight does not hold up typing, and the newest text is evaluated after it', async () => {
  const page = await openLogged();
  try {
    await setEditorText(page, REQUEST, '{"statusCode": 200}');
    await setEditorText(page, RESPONSE_200, '{"after": "the long run"}');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"after": "the long run"}', BODY, { timeout: 15_000 });
    await engineIdle(page);
    await page.evaluate(() => {
      window.__banners = [];
      const banner = document.querySelector('[data-testid="run-status"]');
      new MutationObserver(() => { if (!banner.hidden) window.__banners.push(banner.textContent); })
        .observe(banner, { attributes: true, childList: true, subtree: true });
    });
    // As long a run as the engine's step budget allows (a million rounds,
    // about 0.4 s in the module under Node; the busy dot shows after 0.15 s).
    await setEditorText(page, REQUEST, '#foreach($i in [1..1000000])#set($x = $i * $i)#set($y = "$x")#end');
    await page.locator('.busy-dot.is-busy').waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      window.__typedWhileBusy = [];
      document.addEventListener('input', () => {
        window.__typedWhileBusy.push(document.querySelector('.busy-dot').classList.contains('is-busy'));
      }, { capture: true });
    });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{"statusCode": 200}');
    // The keys landed while the long run was still going.
    const whileBusy = await page.evaluate(() => window.__typedWhileBusy);
    assert.equal(whileBusy[0], true, 'the first key waited for the run to end');
    assert.equal(await page.textContent(`${REQUEST} .cm-content`), '{"statusCode": 200}');
    // Then the newest text ran, and the long run's fate was not shown.
    await expectStatus(page, 200);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '{"after": "the long run"}', BODY, { timeout: 15_000 });
    await engineIdle(page);
    assert.deepEqual(await page.evaluate(() => window.__banners), []);
  } finally {
    await page.close();
  }
});

test('a tab hidden during a run shows that run once selected', async () => {
  const { page } = pg;
  await setEditorText(page, REQUEST, '{"statusCode": 200}');
  await expectStatus(page, 200);
  await page.getByRole('tab', { name: 'Execution log' }).click();
  assert.match(await page.textContent('[data-testid="log"]'), /Method completed with status: 200/);
  await page.getByRole('tab', { name: 'Trace' }).click();
  // While the trace is shown, a run changes the status; the log, hidden,
  // catches up when it is selected.
  await setEditorText(page, REQUEST, '{"statusCode": 500}');
  await expectStatus(page, 500);
  await page.getByRole('tab', { name: 'Execution log' }).click();
  assert.match(await page.textContent('[data-testid="log"]'), /Method completed with status: 500/);
  await page.getByRole('tab', { name: 'Trace' }).click();
  assert.match(await page.textContent('[data-testid="trace"]'), /"statusCode": 500/);
});

test('a long output in the trace keeps its scroll position when the template is edited', async () => {
  const { page } = pg;
  await setEditorText(page, REQUEST, '#foreach($i in [1..300])line $i\n#end');
  const block = page.locator('[data-testid="trace"] .code-block').first();
  await page.waitForFunction(() => /line 300/.test(document.querySelector('[data-testid="trace"] .code-block')?.textContent || ''), null, { timeout: 15_000 });
  await block.evaluate((el) => { el.scrollTop = 1000; el.__original = true; });
  await page.locator(`${REQUEST} .cm-content`).click();
  await page.keyboard.press('Control+End');
  // A line more: the last block of lines grows (its size is set through
  // the CSSOM, which the page's CSP allows; see "nothing logged an error").
  await page.keyboard.insertText('the\nend');
  await page.waitForFunction(() => /the\nend$/.test(document.querySelector('[data-testid="trace"] .code-block')?.textContent || ''), null, { timeout: 15_000 });
  // Still the element the user scrolled, still where they left it.
  assert.deepEqual(await block.evaluate((el) => [el.__original, el.scrollTop]), [true, 1000]);
});

test('after edits, the trace reads exactly as a fresh page draws it, and steps an edit did not change are left alone', async () => {
  const { page } = pg;
  const TRACE = '[data-testid="trace"]';
  const traceHtml = (p) => p.evaluate((sel) => document.querySelector(sel).innerHTML, TRACE);
  const LINK = '[data-testid="share-link"]';
  const sameAsFreshPage = async () => {
    // The share link of the state now: a new link, since the state changed
    // (sharing is asynchronous; until then the field shows an older one).
    const older = await page.evaluate((sel) => document.querySelector(sel)?.value ?? '', LINK);
    await page.getByTestId('share-button').click();
    await page.waitForFunction(([sel, last]) => {
      const value = document.querySelector(sel)?.value;
      return value && value !== last;
    }, [LINK, older], { timeout: 15_000 });
    const link = new URL(await page.getByTestId('share-link').inputValue());
    const other = await pg.newPage(link.pathname + link.hash);
    try {
      await other.waitForFunction((sel) => document.querySelector(sel)?.querySelector('ol.trace'), TRACE, { timeout: 15_000 });
      assert.equal(await traceHtml(page), await traceHtml(other));
    } finally {
      await other.close();
    }
  };
  await setEditorText(page, REQUEST, '{"statusCode": 200, "n": 1}');
  await page.waitForFunction((sel) => /"n": 1/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  // Count changes under each step while one edit is shown.
  await page.evaluate((sel) => {
    const steps = [...document.querySelectorAll(`${sel} ol.trace > li`)];
    window.__touched = steps.map(() => 0);
    window.__stepObserver = new MutationObserver((records) => {
      for (const r of records) {
        const i = steps.findIndex((li) => li.contains(r.target));
        if (i >= 0) window.__touched[i] += 1;
      }
    });
    window.__stepObserver.observe(document.querySelector(sel), { subtree: true, childList: true, characterData: true, attributes: true });
  }, TRACE);
  await setEditorText(page, REQUEST, '{"statusCode": 200, "n": 2}');
  await page.waitForFunction((sel) => /"n": 2/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  const touched = await page.evaluate(() => { window.__stepObserver.disconnect(); return window.__touched; });
  // The request template's step (and what carries its output on) changed;
  // the method request and the integration response steps did not.
  assert.ok(touched.some((n) => n > 0), `${touched}`);
  assert.ok(touched.filter((n) => n === 0).length >= 2, `${touched}`);
  await sameAsFreshPage();
  // A different outcome changes which steps there are: drawn whole again.
  await setEditorText(page, REQUEST, '{"statusCode": 500}');
  await expectStatus(page, 500);
  await sameAsFreshPage();
});

test('an edit that changes only the template output leaves the rest of the page as it was', async () => {
  const { page } = pg;
  const TRACE = '[data-testid="trace"]';
  // A template whose output is not JSON: a warning and an error stay on
  // screen (with their "go to" buttons) while it is edited.
  await setEditorText(page, REQUEST, 'not json 1');
  await page.waitForFunction((sel) => /not json 1/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostics"] li').length >= 1, null, { timeout: 15_000 });
  await page.waitForTimeout(400); // the debounced save and any late answer
  await page.evaluate((sel) => {
    window.__outside = [];
    window.__outsideObserver = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        // The editor being typed in and the trace showing the output change.
        if (el.closest('.cm-editor') || el.closest(sel)) continue;
        window.__outside.push(`${r.type} ${r.attributeName ?? ''} ${el.tagName} ${el.className}`);
      }
    });
    window.__outsideObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, TRACE);
  await page.locator(`${REQUEST} .cm-content`).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('2');
  await page.waitForFunction((sel) => /not json 12/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  await page.waitForTimeout(400);
  const outside = await page.evaluate(() => { window.__outsideObserver.disconnect(); return window.__outside; });
  assert.deepEqual(outside, []);
});

test('the trace keeps its template link through edits of the output, and the link still goes to the template', async () => {
  const { page } = pg;
  const TRACE = '[data-testid="trace"]';
  const LINK = `${TRACE} button.link-button[data-template^="request:"]`;
  await setEditorText(page, REQUEST, 'output 1');
  await page.waitForFunction((sel) => /output 1/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  // Mark the link the page shows now; an edit of the output patches the
  // step in place, so the same element stays (a new button each keystroke
  // was laid out and painted again, and lost keyboard focus).
  await page.evaluate((sel) => { document.querySelector(sel).__marked = true; }, LINK);
  await page.locator(`${REQUEST} .cm-content`).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('2');
  await page.waitForFunction((sel) => /output 12/.test(document.querySelector(sel)?.textContent || ''), TRACE, { timeout: 15_000 });
  assert.equal(await page.evaluate((sel) => document.querySelector(sel)?.__marked, LINK), true);
  // The link has no listener of its own: the trace panel follows it.
  await page.locator(`${REQUEST} .cm-content`).blur();
  await page.locator(LINK).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.cm-editor.cm-focused'), REQUEST, { timeout: 15_000 });
});

test('the template editor shows the browser caret and selection in the theme colours, with no drawn cursor layer', async () => {
  const { page } = pg;
  await page.locator(`${REQUEST} .cm-content`).click();
  const look = await page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const content = root.querySelector('.cm-content');
    const line = root.querySelector('.cm-line');
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();
    // The accent as the browser writes colours (rgb(...)), to compare.
    const probe = document.createElement('span');
    probe.style.color = accent;
    document.body.append(probe);
    const accentRgb = getComputedStyle(probe).color;
    probe.remove();
    return {
      caret: getComputedStyle(content).caretColor,
      accentRgb,
      selection: getComputedStyle(line, '::selection').backgroundColor,
      // CodeMirror's drawn cursor: a layer measured, moved and composited
      // again on every keystroke (docs/performance.md).
      drawnCursor: root.querySelectorAll('.cm-cursorLayer, .cm-cursor').length,
    };
  }, REQUEST);
  assert.equal(look.caret, look.accentRgb);
  assert.equal(look.selection, 'rgba(75, 85, 214, 0.18)');
  assert.equal(look.drawnCursor, 0);
});

test('each panel is painted on its own, and stays out of the stacking order the editor tooltips rely on', async () => {
  const { page } = pg;
  const panels = await page.evaluate(() => [...document.querySelectorAll('.panel')].map((el) => {
    const style = getComputedStyle(el);
    return `${style.position} z=${style.zIndex} isolation=${style.isolation} contain=${style.contain}`;
  }));
  assert.ok(panels.length >= 3, `${panels}`);
  // Positioned: a paint layer Chromium reuses while nothing in it changed.
  // No z-index, isolation or paint containment: a tooltip (position:
  // fixed, z-index 100) inside a panel would otherwise be stacked, or
  // clipped, inside it, under the next column.
  for (const p of panels) assert.equal(p, 'relative z=auto isolation=auto contain=none');
});

test('nothing logged an error', async () => {
  // Engine crashes (todo!() panics before the core lands) show up here too.
  const errors = pg.errors().filter((e) => !/TIMEOUT|took longer/.test(e));
  assert.deepEqual(errors, []);
});
