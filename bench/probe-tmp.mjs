import { readFileSync } from 'node:fs';
import { openPlayground } from '../tests/browser/harness.mjs';
const N = Number(process.argv[2] ?? 30);
const OUT = '[data-testid="trace"]', STATUS = '[data-testid="response-status"]';
const pg = await openPlayground();
const { page } = pg;
await page.addInitScript(() => {
  const T = (window.__t = { ev: [] });
  const stamp = (k) => T.ev.push([k, performance.now()]);
  window.__stamp = stamp;
  const W = window.Worker;
  window.Worker = class extends W { postMessage(m, ...r) { stamp('post:' + (m?.fn ?? '?')); return super.postMessage(m, ...r); } };
  const B = window.BroadcastChannel;
  window.BroadcastChannel = class extends B { constructor(n) { super(n); this.addEventListener('message', (e) => stamp('reply' + (e.data && 'ok' in e.data ? '' : ':other'))); } };
  const frame = () => { stamp('frame'); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  addEventListener('keydown', () => stamp('keydown'), true);
  addEventListener('input', () => stamp('input'), true);
});
await page.reload();
await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), STATUS, { timeout: 60_000 });
await page.getByRole('button', { name: 'Import' }).click();
await page.getByTestId('import-text').fill(readFileSync('/work/shared/bench/photos-100.json', 'utf8'));
await page.getByTestId('import-submit').click();
await page.waitForFunction((sel) => /"photos"/.test(document.querySelector(sel)?.textContent || ''), OUT, { timeout: 60_000 });
const editor = page.locator('[data-testid="request-template"] .cm-content').first();
await editor.click();
await page.keyboard.press('Control+End');
await page.evaluate((sel) => {
  new MutationObserver(() => window.__stamp('mutation')).observe(document.querySelector(sel), { childList: true, subtree: true, characterData: true });
}, OUT);
await page.waitForTimeout(500);
const rows = [];
for (let i = 0; i < N; i++) {
  await page.evaluate(() => { window.__t.ev = []; });
  await page.keyboard.type(i % 2 ? 'x' : ' ');
  await page.waitForTimeout(120);
  const ev = await page.evaluate(() => window.__t.ev);
  const k = ev.find((e) => e[0] === 'keydown')?.[1];
  if (k === undefined) continue;
  const rel = ev.filter((e) => e[1] >= k - 20).map(([n, t]) => `${n}@${(t - k).toFixed(1)}`);
  // compress frames: only keep first 3 after key
  let f = 0; const out = [];
  for (const r of rel) { if (r.startsWith('frame')) { if (r.includes('@-')) continue; if (++f > 3) continue; } out.push(r); }
  rows.push(out.join(' '));
}
console.log(rows.join('\n'));
await pg.close();
