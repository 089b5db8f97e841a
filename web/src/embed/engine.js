// The one engine every <mockgate-playground> on a page shares: one Web
// Worker, so the wasm module is fetched and instantiated once however many
// embeds the page holds. Calls queue in the worker (client.js runs them one
// at a time), which is also what keeps a runaway template in one embed from
// freezing the page: the worker is stopped and replaced after the time limit.

import { createEngine } from '../engine/client.js';

// The embed's bundle sits in dist/embed/; the worker and the wasm module
// next to the playground's in dist/, so a reader who opens the playground
// after a docs page gets both from the cache.
const WORKER_URL = new URL('../worker.js', import.meta.url);

let shared = null;

/** The page's engine, started on first use. */
export function sharedEngine() {
  shared ??= createEngine({ timeoutMs: 2000, workerUrl: workerUrl() });
  return shared;
}

// A worker script must have the page's origin. When a docs site loads the
// embed from elsewhere (a CDN, the project's site), start the worker from a
// same-origin blob that imports the real one: the import is an ordinary
// CORS module fetch, and import.meta.url inside it stays the real address,
// so the wasm module is found next to it.
function workerUrl() {
  if (typeof location === 'undefined' || WORKER_URL.origin === location.origin) return WORKER_URL;
  const source = `import ${JSON.stringify(WORKER_URL.href)};`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}
