// The engine's Web Worker: loads the wasm module and answers the page's
// calls, so a runaway template can be stopped by terminating this worker
// (see client.js) without freezing the tab.
//
// Protocol (client.js is the only other side):
//   worker -> page  {ready: true}                        module loaded
//                   {ready: false, error: {name, message}} module failed to load
//   page -> worker  {id, fn, args}                       fn in EXPORTS
//   worker -> page  {id, ok: true, value}
//                   {id, ok: false, error: {name, message, fatal}}
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

const channel = self.name && typeof BroadcastChannel === 'function' ? new BroadcastChannel(self.name) : null;
const reply = channel ? (message) => channel.postMessage(message) : (message) => self.postMessage(message);

self.onmessage = async ({ data }) => {
  const { id, fn, args = [] } = data ?? {};
  try {
    await ready;
    if (!EXPORTS.has(fn) || typeof wasm[fn] !== 'function') {
      throw new Error(`The engine has no function "${fn}"`);
    }
    reply({ id, ok: true, value: slim(fn, wasm[fn](...args)) });
  } catch (error) {
    reply({ id, ok: false, error: describe(error) });
  }
};
