// Takes docs/screenshot.png (the README's picture) of the built playground
// in headless Chromium: `make screenshot`, or `node web/scripts/screenshot.mjs
// [OUT.png] [PATH]` after `make web`. PATH (default "/") may carry a
// share-link hash to show a particular example.

import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPlayground } from '../../tests/browser/harness.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = resolve(process.argv[2] ?? join(repo, 'docs', 'screenshot.png'));
const path = process.argv[3] ?? '/';

const pg = await openPlayground({ path, viewport: { width: 1440, height: 900 } });
try {
  await pg.page.waitForLoadState('networkidle');
  // The page renders its first result after the engine answers; wait for
  // the loading placeholder to go, then for fonts and layout to settle.
  await pg.page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 10_000 }).catch(() => {});
  await pg.page.evaluate(() => document.fonts.ready);
  await pg.page.waitForTimeout(500);
  mkdirSync(dirname(out), { recursive: true });
  await pg.page.screenshot({ path: out });
  const errors = pg.errors();
  if (errors.length > 0) console.warn(`screenshot: the page logged errors:\n  ${errors.join('\n  ')}`);
  console.log(`screenshot: ${out}`);
} finally {
  await pg.close();
}
