import { readFileSync } from 'node:fs';
import { openPlayground } from '../tests/browser/harness.mjs';
const OUT = '[data-testid="trace"]', STATUS = '[data-testid="response-status"]';
const pg = await openPlayground();
const { page } = pg;
await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), STATUS, { timeout: 60_000 });
await page.getByRole('button', { name: 'Import' }).click();
await page.getByTestId('import-text').fill(readFileSync('/work/shared/bench/photos-100.json', 'utf8'));
await page.getByTestId('import-submit').click();
await page.waitForFunction((sel) => /"photos"/.test(document.querySelector(sel)?.textContent || ''), OUT, { timeout: 60_000 });
const editor = page.locator('[data-testid="request-template"] .cm-content').first();
await editor.click();
await page.keyboard.press('Control+End');
await page.evaluate(() => {
  window.__calls = new Map();
  const where = (el) => { const t = el.closest?.('[data-testid]'); return (t?.dataset.testid ?? '?') + (el.closest?.('.cm-editor') ? ' cm' : ''); };
  for (const [proto, name] of [[Element.prototype, 'getBoundingClientRect'], [Element.prototype, 'getClientRects'], [Range.prototype, 'getClientRects'], [Range.prototype, 'getBoundingClientRect']]) {
    const orig = proto[name];
    proto[name] = function (...a) { const el = this instanceof Range ? this.startContainer.parentElement : this; const k = name + ' ' + (el ? where(el) : '?'); window.__calls.set(k, (window.__calls.get(k) || 0) + 1); return orig.apply(this, a); };
  }
  window.__views = [...document.querySelectorAll('.cm-editor')].map((e) => [e.closest('[data-testid]')?.dataset.testid, e.querySelectorAll('.cm-line').length, e.getBoundingClientRect().height|0]);
});
await page.waitForTimeout(300);
await page.evaluate(() => window.__calls.clear());
for (let i = 0; i < 10; i++) { await page.keyboard.type(i % 2 ? 'x' : ' '); await page.waitForTimeout(80); }
console.log(await page.evaluate(() => JSON.stringify({ views: window.__views, calls: [...window.__calls] }, null, 1)));
await pg.close();
