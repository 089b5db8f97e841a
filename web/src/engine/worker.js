// The engine's Web Worker: loads the wasm module and answers the page's
// calls, so a runaway template can be stopped by terminating this worker
// (see client.js) without freezing the tab.
//
// Protocol (client.js is the only other side):
//   worker -> page  {ready: true}                        module loaded
//                   {ready: false, error: {name, message}} module failed to load
//   page -> worker  {id, fn, args}                       fn in EXPORTS
//   worker -> page  {id, ok: true, value, shared?}
//                   {id, ok: false, error: {name, message, fatal}}
// `shared`: [[step index, field, "body" | "integrationRequest.body"], ...],
// trace fields left out of `value` because they are the same text as that
// field of the result; client.js puts them back (see `share` below).
// `fatal` means the module trapped (a bug in mockgate: panics abort on
// wasm); its memory may be inconsistent, so the client replaces the worker.
//
// Answers go back on the BroadcastChannel named by the worker's name (set
// by client.js, unique per worker), else as the worker's own messages.
// Why: after a keystroke Chromium holds the page's posted-message tasks
// (a worker's messages among them) until the frame showing the keystroke
// is on screen, so an answer ready before that frame was painted one
// frame later; a BroadcastChannel message is not held back (Chromium 156,
// bench/browser.mjs: keystroke to output painted, median about 33 ms with
// the worker's messages, about 19 ms on the channel).

import init, * as wasm from '../../pkg/mockgate_wasm.js';

const EXPORTS = new Set(['evaluate', 'checkTemplate', 'renderTemplate', 'version']);

function describe(error) {
  return {
    name: error?.name ?? 'Error',
    message: error?.message ?? String(error),
    fatal: error instanceof WebAssembly.RuntimeError,
  };
}

const ready = init({ module_or_path: new URL('./mockgate_wasm_bg.wasm', import.meta.url) });

ready.then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: describe(error) }),
);

// The trace's requestTemplate/responseTemplate steps repeat, for the
// template's own output, the spans the result's top-level `provenance`
// already links (docs/provenance.md): one object per span, thousands for a
// #foreach over a list, which the page would copy and never read. Dropped
// here, before the result is copied to the page, when the top-level list
// is there (the page falls back to the trace's only without it).
function slim(fn, value) {
  if (fn !== 'evaluate' || !Array.isArray(value?.provenance) || !Array.isArray(value.trace)) return value;
  for (const step of value.trace) {
    if (step && typeof step === 'object' && 'provenance' in step) delete step.provenance;
  }
  return value;
}

// The trace repeats big texts of the result: a request template's output
// is the integration request's body, a response template's output and the
// method response's body are the client's body. Each is copied to the
// page once: the trace's copies are left out here (a 1 MB body otherwise
// crossed three times) and client.js restores them from the result.
const SHARED_MIN_LENGTH = 1024;
function share(value) {
  const shared = [];
  if (!Array.isArray(value?.trace)) return shared;
  const texts = [['body', value.body], ['integrationRequest.body', value.integrationRequest?.body]]
    .filter(([, text]) => typeof text === 'string' && text.length >= SHARED_MIN_LENGTH);
  if (!texts.length) return shared;
  value.trace.forEach((step, index) => {
    if (!step || typeof step !== 'object') return;
    for (const [field, text] of Object.entries(step)) {
      if (typeof text !== 'string' || text.length < SHARED_MIN_LENGTH) continue;
      const same = texts.find(([, t]) => t === text);
      if (same) {
        shared.push([index, field, same[0]]);
        step[field] = null;
      }
    }
  });
  return shared;
}

const channel = self.name && typeof BroadcastChannel === 'function' ? new BroadcastChannel(self.name) : null;
const reply = channel ? (message) => channel.postMessage(message) : (message) => self.postMessage(message);

self.onmessage = async ({ data }) => {
  const { id, fn, args = [] } = data ?? {};
  try {
    await ready;
    if (!EXPORTS.has(fn) || typeof wasm[fn] !== 'function') {
      throw new Error(`The engine has no function "${fn}"`);
    }
    const value = slim(fn, wasm[fn](...args));
    const shared = fn === 'evaluate' ? share(value) : [];
    reply(shared.length ? { id, ok: true, value, shared } : { id, ok: true, value });
  } catch (error) {
    reply({ id, ok: false, error: describe(error) });
  }
};
