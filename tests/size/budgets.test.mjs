// Size budgets, gzip -9 (sizes are deterministic for a given build, so
// these are ordinary tests): the wasm module at most 280 KB (issue #5: the
// embed's JS and the module together under 300 KB), and the
// playground's first load (index.html, everything it references, and what
// those reference through `new URL(..., import.meta.url)`: the worker and
// the module) at most 600 KB. Run by `make test` after the page is built.
//
// What the module's bytes are made of, and what was cut: docs/performance.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(root, 'web/dist');
const KB = 1024;
const WASM_BUDGET = 280 * KB;
const FIRST_LOAD_BUDGET = 600 * KB;

const gzipped = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

test('the wasm module is at most 280 KB gzipped', (t) => {
  const wasm = join(DIST, 'mockgate_wasm_bg.wasm');
  assert.ok(existsSync(wasm), `${wasm} is missing: build the page first (make web)`);
  const size = gzipped(wasm);
  t.diagnostic(`mockgate_wasm_bg.wasm: ${kb(size)} gzipped (${kb(readFileSync(wasm).length)} raw)`);
  assert.ok(size <= WASM_BUDGET, `the wasm module is ${kb(size)} gzipped, over its ${kb(WASM_BUDGET)} budget`);
});

/** Files a page or script pulls in on load, relative to `file`. */
function references(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  if (file.endsWith('.html')) {
    for (const m of text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)) found.push(m[1]);
  }
  if (file.endsWith('.js')) {
    for (const m of text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) found.push(m[1]);
    for (const m of text.matchAll(/\bimport\s*(?:[^'"()]*from\s*)?["'](\.[^"']+)["']/g)) found.push(m[1]);
  }
  return found
    .filter((u) => !/^[a-z]+:/i.test(u) && !u.startsWith('//'))
    .map((u) => normalize(join(dirname(file), u.split(/[?#]/)[0])));
}

test('the playground\'s first load is at most 600 KB gzipped', (t) => {
  const seen = new Set();
  const queue = [join(DIST, 'index.html')];
  while (queue.length) {
    const f = queue.shift();
    if (seen.has(f)) continue;
    assert.ok(existsSync(f), `${f} (referenced on first load) is missing`);
    seen.add(f);
    if (/\.(html|js)$/.test(f)) queue.push(...references(f));
  }
  const sizes = [...seen].map((f) => [f.slice(DIST.length + 1), gzipped(f)]);
  const total = sizes.reduce((a, [, n]) => a + n, 0);
  t.diagnostic(`first load ${kb(total)}: ${sizes.map(([f, n]) => `${f} ${kb(n)}`).join(', ')}`);
  assert.ok(sizes.some(([f]) => f === 'mockgate_wasm_bg.wasm'), 'the wasm module is part of the first load');
  assert.ok(total <= FIRST_LOAD_BUDGET, `the first load is ${kb(total)} gzipped, over its ${kb(FIRST_LOAD_BUDGET)} budget`);
});
