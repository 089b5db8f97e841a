// web/src/engine/client.js against a stand-in Worker (Node has no Web
// Workers): call order, time limit, worker replacement, error codes. The
// real worker and wasm module are covered in tests/browser/.

import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

// Each stand-in worker answers per `behaviour[fn]`: a function returning
// the value, throwing (an engine error), returning HANG (never answers) or
// CRASH (the module trapped).
const HANG = Symbol('hang');
const CRASH = Symbol('crash');
let behaviour = {};
let workers = [];
let loadFailure = null;
// Answer on the BroadcastChannel named by the worker's name, as
// worker.js does, instead of as the worker's own messages.
let answerOnChannel = false;

class StandInWorker {
  constructor(url, options) {
    this.url = String(url);
    this.options = options;
    this.terminated = false;
    this.received = [];
    workers.push(this);
    queueMicrotask(() => this.#send(loadFailure ? { ready: false, error: { name: 'CompileError', message: loadFailure } } : { ready: true }));
  }
  #send(data) {
    if (answerOnChannel && !('ready' in data)) {
      if (!this.channel) {
        this.channel = new BroadcastChannel(this.options.name);
        this.channel.unref?.(); // a failing test must end, not hang
      }
      if (!this.terminated) this.channel.postMessage(data);
      return;
    }
    if (!this.terminated) setTimeout(() => !this.terminated && this.onmessage?.({ data }), 0);
  }
  postMessage({ id, fn, args }) {
    this.received.push({ fn, args });
    let outcome;
    try {
      outcome = behaviour[fn](...args);
    } catch (error) {
      this.#send({ id, ok: false, error: { name: 'Error', message: error.message, fatal: false } });
      return;
    }
    if (outcome === HANG) return;
    if (outcome === CRASH) {
      this.#send({ id, ok: false, error: { name: 'RuntimeError', message: 'unreachable', fatal: true } });
      return;
    }
    // `__reply`: the whole answer as the worker would send it.
    if (outcome && outcome.__reply) this.#send({ id, ok: true, ...outcome.__reply });
    else this.#send({ id, ok: true, value: outcome });
  }
  terminate() {
    this.terminated = true;
    this.channel?.close();
  }
}
globalThis.Worker = StandInWorker;

const { createEngine } = await import('../src/engine/client.js');

beforeEach(() => {
  workers = [];
  loadFailure = null;
  answerOnChannel = false;
  behaviour = {
    version: () => '0.1.0',
    evaluate: (integration, request) => ({ statusCode: integration.status, echo: request }),
    checkTemplate: (source) => (source.includes('#end') ? [{ message: 'unexpected #end' }] : []),
  };
});

test('calls reach the worker module and resolve with its answers', async () => {
  const engine = createEngine();
  assert.equal(await engine.version(), '0.1.0');
  assert.deepEqual(await engine.evaluate({ status: 200 }, { path: '/' }), { statusCode: 200, echo: { path: '/' } });
  assert.deepEqual(await engine.checkTemplate('#end'), [{ message: 'unexpected #end' }]);
  assert.equal(workers.length, 1);
  assert.equal(workers[0].options.type, 'module');
  assert.match(workers[0].url, /\/worker\.js$/);
  engine.terminate();
});

test('a call that runs past the limit is a TIMEOUT; a fresh worker serves the next call', async () => {
  behaviour.evaluate = () => HANG;
  const engine = createEngine({ timeoutMs: 20 });
  await assert.rejects(engine.evaluate({}, {}), (error) => {
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(error.message, 'Rendering took longer than 20 ms and was stopped (an endless #foreach?)');
    return true;
  });
  assert.equal(workers.length, 2);
  assert.equal(workers[0].terminated, true);
  assert.equal(await engine.version(), '0.1.0');
  assert.equal(workers[1].received.at(-1).fn, 'version');
  engine.terminate();
});

test('the default limit is 2 s and the message says so', async () => {
  behaviour.evaluate = () => HANG;
  const engine = createEngine();
  await assert.rejects(engine.evaluate({}, {}), {
    code: 'TIMEOUT',
    message: 'Rendering took longer than 2 s and was stopped (an endless #foreach?)',
  });
  engine.terminate();
});

test('calls queued behind a runaway one still run, each with its own limit', async () => {
  let first = true;
  behaviour.evaluate = () => (first ? ((first = false), HANG) : { statusCode: 200 });
  const engine = createEngine({ timeoutMs: 20 });
  const runaway = engine.evaluate({}, {});
  const next = engine.evaluate({}, {});
  await assert.rejects(runaway, { code: 'TIMEOUT' });
  assert.deepEqual(await next, { statusCode: 200 });
  engine.terminate();
});

test('engine errors reject with code ENGINE and keep the worker', async () => {
  behaviour.evaluate = () => {
    throw new Error('integration: unknown type "SOAP"');
  };
  const engine = createEngine();
  await assert.rejects(engine.evaluate({}, {}), { code: 'ENGINE', message: 'integration: unknown type "SOAP"' });
  assert.equal(workers.length, 1);
  engine.terminate();
});

test('a trapped module is a CRASH and the worker is replaced', async () => {
  behaviour.evaluate = () => CRASH;
  const engine = createEngine();
  await assert.rejects(engine.evaluate({}, {}), (error) => error.code === 'CRASH' && /a bug in mockgate/.test(error.message));
  assert.equal(workers.length, 2);
  assert.equal(workers[0].terminated, true);
  assert.equal(await engine.version(), '0.1.0');
  engine.terminate();
});

test('omitted options are not sent as an explicit undefined', async () => {
  const engine = createEngine();
  await engine.evaluate({ status: 200 }, {});
  assert.equal(workers[0].received.at(-1).args.length, 2);
  await engine.evaluate({ status: 200 }, {}, { backend: { statusCode: 404 } });
  assert.equal(workers[0].received.at(-1).args.length, 3);
  engine.terminate();
});

test('terminate() rejects what is pending and refuses new calls', async () => {
  behaviour.evaluate = () => HANG;
  const engine = createEngine({ timeoutMs: 10_000 });
  const pending = engine.evaluate({}, {});
  const queued = engine.version();
  await new Promise((resolve) => setTimeout(resolve, 5));
  engine.terminate();
  await assert.rejects(pending, { code: 'STOPPED' });
  await assert.rejects(queued, { code: 'STOPPED' });
  await assert.rejects(engine.version(), { code: 'STOPPED' });
  assert.equal(workers[0].terminated, true);
});

test('a module that cannot load fails every call with LOAD, now and later', async () => {
  loadFailure = 'WebAssembly.instantiate(): expected magic word';
  const engine = createEngine();
  await assert.rejects(engine.version(), { code: 'LOAD', message: /could not be loaded: WebAssembly\.instantiate/ });
  await assert.rejects(engine.checkTemplate('x'), { code: 'LOAD' });
  assert.equal(workers.length, 1);
  engine.terminate();
});

test('answers on the BroadcastChannel the worker is named after resolve calls; each worker has a channel of its own', async () => {
  answerOnChannel = true;
  let first = true;
  behaviour.evaluate = () => (first ? ((first = false), HANG) : { statusCode: 200 });
  const engine = createEngine({ timeoutMs: 20 });
  try {
    assert.equal(await engine.version(), '0.1.0');
    assert.match(workers[0].options.name, /^mockgate-engine-\w+$/);
    await assert.rejects(engine.evaluate({}, {}), { code: 'TIMEOUT' });
    assert.deepEqual(await engine.evaluate({}, {}), { statusCode: 200 });
    assert.equal(workers.length, 2);
    assert.notEqual(workers[1].options.name, workers[0].options.name);
  } finally {
    engine.terminate();
  }
});

test('trace fields the worker sent once are put back from the result', async () => {
  const body = 'x'.repeat(2000);
  const sent = 'y'.repeat(2000);
  behaviour.evaluate = () => ({
    __reply: {
      value: {
        body, integrationRequest: { body: sent },
        trace: [{ step: 'requestTemplate', output: null }, { step: 'responseTemplate', output: null }, { step: 'methodResponse', body: null }],
      },
      shared: [[0, 'output', 'integrationRequest.body'], [1, 'output', 'body'], [2, 'body', 'body']],
    },
  });
  const engine = createEngine();
  try {
    const result = await engine.evaluate({}, {});
    assert.equal(result.trace[0].output, sent);
    assert.equal(result.trace[1].output, body);
    assert.equal(result.trace[2].body, body);
  } finally {
    engine.terminate();
  }
});
