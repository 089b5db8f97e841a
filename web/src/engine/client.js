// The playground's handle on the engine (the wasm module in a Web Worker).
//
//   import { createEngine } from './engine/client.js';
//   const engine = createEngine({ timeoutMs: 2000 });
//   const result = await engine.evaluate(integration, request, options);
//       // the contract's result object: {statusCode, headers, body, log,
//       // trace, diagnostics, ...} (crates/wasm/src/types.rs has the types)
//   const diagnostics = await engine.checkTemplate(source, name?);
//       // [{severity: 'error'|'warning', kind: 'syntax'|'runtime'|'limit',
//       //   template, line, column, endLine, endColumn, from, to, message}]
//       // line/column 1-based (column in characters); from/to: UTF-16
//       // offsets into source (CodeMirror positions); [] when all is well
//   const { text, diagnostics } = await engine.renderTemplate(source, variables, name?);
//       // Velocity alone; variables: a JSON object or its text, each key a
//       // variable; text is null when parsing or rendering failed
//   const v = await engine.version();               // "0.1.0"
//   engine.terminate();                             // stop for good
//
// Every method returns a Promise. Arguments must be structured-cloneable
// plain data. Calls run one at a time, in call order; each call's time
// limit starts when it reaches the worker.
//
// Errors (always `Error` instances, with a `.code`):
//   'TIMEOUT'  the call ran longer than timeoutMs: the worker was
//              terminated and a fresh one started; the message is
//              "Rendering took longer than 2 s and was stopped (an endless
//              #foreach?)".
//   'CRASH'    the module trapped (a mockgate bug); the worker was replaced.
//   'LOAD'     the module could not be loaded.
//   'ENGINE'   the engine rejected the input (e.g. a malformed integration);
//              the message says why.
//   'STOPPED'  terminate() was called while the call was queued/running.

const DEFAULT_TIMEOUT_MS = 2000;

function engineError(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

/** Put back the trace fields the worker sent once (worker.js, `share`). */
function restoreShared(value, shared) {
  for (const [index, field, path] of shared) {
    const text = path === 'body' ? value.body : value.integrationRequest?.body;
    const step = value.trace?.[index];
    if (step && typeof step === 'object') step[field] = text;
  }
  return value;
}

function uniqueId() {
  if (globalThis.crypto?.getRandomValues) return [...crypto.getRandomValues(new Uint32Array(4))].map((n) => n.toString(36)).join('');
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

function timeoutMessage(timeoutMs) {
  const limit = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
  return `Rendering took longer than ${limit} and was stopped (an endless #foreach?)`;
}

export function createEngine({
  timeoutMs = DEFAULT_TIMEOUT_MS,
  workerUrl = new URL('./worker.js', import.meta.url),
} = {}) {
  const queue = []; // calls not yet sent: {fn, args, resolve, reject}
  let current = null; // the call in the worker: {..., id, timer}
  let worker = null;
  let replies = null; // the worker's BroadcastChannel (see worker.js)
  let workerReady = false;
  let nextId = 1;
  let stopped = false;
  let loadError = null; // set once the module failed to load: every call gets it

  function startWorker() {
    workerReady = false;
    // The worker answers on a channel of this name (worker.js says why);
    // unique, so no other tab or worker shares it.
    const name = typeof BroadcastChannel === 'function' ? `mockgate-engine-${uniqueId()}` : undefined;
    const own = new Worker(workerUrl, { type: 'module', name });
    worker = own;
    replies = name ? new BroadcastChannel(name) : null;
    const onAnswer = ({ data }) => {
      if (worker === own) answer(data); // else from a worker already replaced
    };
    if (replies) replies.onmessage = onAnswer;
    own.onmessage = onAnswer;
    own.onerror = (event) => {
      event.preventDefault?.();
      if (worker !== own) return;
      const detail = event.message ?? 'worker error';
      if (!workerReady) {
        // The worker script itself failed (404, syntax error, blocked).
        failLoad(detail);
        return;
      }
      // An uncaught error inside a running worker: treat it like a trap.
      if (current) {
        clearTimeout(current.timer);
        current.reject(engineError('CRASH', `The engine crashed (a bug in mockgate): ${detail}`));
        current = null;
      }
      restartWorker();
    };
  }

  function answer(data) {
    if ('ready' in data) {
      if (data.ready) {
        workerReady = true;
        pump();
      } else {
        failLoad(data.error.message);
      }
      return;
    }
    if (!current || data.id !== current.id) return;
    const call = current;
    clearTimeout(call.timer);
    current = null;
    if (data.ok) {
      call.resolve(data.shared ? restoreShared(data.value, data.shared) : data.value);
    } else if (data.error.fatal) {
      call.reject(engineError('CRASH', `The engine crashed (a bug in mockgate): ${data.error.message}`));
      restartWorker();
    } else {
      call.reject(engineError('ENGINE', data.error.message));
    }
    pump();
  }

  function stopWorker() {
    worker.terminate();
    replies?.close();
  }

  function restartWorker() {
    stopWorker();
    startWorker();
  }

  function failLoad(detail) {
    loadError = engineError('LOAD', `The engine could not be loaded: ${detail}`);
    failAll(loadError);
  }

  function failAll(error) {
    for (const call of queue.splice(0)) call.reject(error);
  }

  function pump() {
    if (stopped || current || !workerReady || queue.length === 0) return;
    current = queue.shift();
    current.id = nextId++;
    const call = current;
    call.timer = setTimeout(() => {
      if (current !== call) return;
      current = null;
      call.reject(engineError('TIMEOUT', timeoutMessage(timeoutMs)));
      restartWorker();
    }, timeoutMs);
    worker.postMessage({ id: call.id, fn: call.fn, args: call.args });
  }

  function call(fn, args) {
    if (stopped) return Promise.reject(engineError('STOPPED', 'The engine was stopped'));
    if (loadError) return Promise.reject(loadError);
    return new Promise((resolve, reject) => {
      queue.push({ fn, args, resolve, reject });
      pump();
    });
  }

  startWorker();

  return {
    evaluate: (integration, request, options) =>
      call('evaluate', options === undefined ? [integration, request] : [integration, request, options]),
    checkTemplate: (source, name) => call('checkTemplate', name === undefined ? [source] : [source, name]),
    renderTemplate: (source, variables, name) =>
      call('renderTemplate', name === undefined ? [source, variables ?? null] : [source, variables ?? null, name]),
    version: () => call('version', []),
    terminate() {
      stopped = true;
      stopWorker();
      const error = engineError('STOPPED', 'The engine was stopped');
      if (current) {
        clearTimeout(current.timer);
        current.reject(error);
        current = null;
      }
      failAll(error);
    },
  };
}
