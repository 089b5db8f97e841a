// `make bench`, in the browser: the playground (web/dist) in headless
// Chromium (/usr/bin/chromium, via tests/browser/harness.mjs).
//
//   page load -> first output   navigation start to the seed example's
//                               response status on screen (several loads)
//   keystroke -> output painted photos-100 imported (its evaluate input,
//                               through the Import dialog), then a space
//                               typed at the end of the request template, N
//                               times: from the keydown to the frame after
//                               the trace (with the template's output) changed
//
// Reports median and p95. Numbers, not a test: nothing asserts on time.
//
//   node bench/browser.mjs [keystrokes=40] [loads=5]

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openPlayground } from '../tests/browser/harness.mjs';

const dir = process.env.MOCKGATE_BENCH_DIR ?? '/work/shared/bench';
const KEYSTROKES = Number(process.argv[2] ?? 40);
const LOADS = Number(process.argv[3] ?? 5);
const STATUS = '[data-testid="response-status"]';
// The trace shows the MOCK integration's request template output (what
// photos-100 renders; a MOCK sends it nowhere else).
const OUT = '[data-testid="trace"]';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${s.length})`;
};

const pg = await openPlayground();
try {
  // Page load to first output.
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await pg.newPage('/');
    await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), STATUS, { timeout: 60_000 });
    loads.push(await page.evaluate(() => performance.now()));
    await page.close();
  }

  // Keystroke to output painted, photos-100.
  const { page } = pg;
  await page.waitForFunction((sel) => /^\d{3}$/.test(document.querySelector(sel)?.textContent.trim() || ''), STATUS, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-text').fill(readFileSync(`${dir}/photos-100.json`, 'utf8'));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction((sel) => /"photos"/.test(document.querySelector(sel)?.textContent || ''), OUT, { timeout: 60_000 });
  const editor = page.locator('[data-testid="request-template"] .cm-content').first();
  await editor.click();
  await page.keyboard.press('Control+End');
  // In the page: a keydown listener stamps the time; an observer on the
  // response body stamps the next frame after it changed.
  await page.evaluate((sel) => {
    window.__bench = { down: 0, painted: [] };
    addEventListener('keydown', () => { window.__bench.down = performance.now(); }, true);
    new MutationObserver(() => {
      const down = window.__bench.down;
      if (!down) return;
      window.__bench.down = 0;
      requestAnimationFrame(() => setTimeout(() => window.__bench.painted.push(performance.now() - down), 0));
    }).observe(document.querySelector(sel), { childList: true, subtree: true, characterData: true });
  }, OUT);
  for (let i = 0; i < KEYSTROKES; i++) {
    const before = await page.evaluate(() => window.__bench.painted.length);
    await page.keyboard.type(i % 2 ? 'x' : ' ');
    await page.waitForFunction((n) => window.__bench.painted.length > n, before, { timeout: 30_000 });
  }
  const keys = await page.evaluate(() => window.__bench.painted);
  console.log(`\nmake bench (browser): Chromium headless, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  page load -> first output:             ${stats(loads)}`);
  console.log(`  keystroke -> output painted, photos-100: ${stats(keys)}`);
} finally {
  await pg.close();
}
