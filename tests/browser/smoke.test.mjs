// The built page loads in Chromium, its engine worker loads the wasm
// module and answers, and nothing logs an error on the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPlayground, callWorker } from './harness.mjs';

const cargoVersion = readFileSync(join(import.meta.dirname, '..', '..', 'Cargo.toml'), 'utf8').match(
  /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/,
)[1];

let pg;
before(async () => {
  pg = await openPlayground();
});
after(async () => {
  await pg?.close();
});

test('the page loads with a title', async () => {
  await pg.page.waitForLoadState('load');
  assert.match(await pg.page.title(), /mockgate/i);
});

test('the wasm module answers version() from its worker', async () => {
  const reply = await callWorker(pg.page, 'version');
  assert.deepEqual(reply, { id: 1, ok: true, value: cargoVersion });
});

test('the wasm module locates a template syntax error', async () => {
  const reply = await callWorker(pg.page, 'checkTemplate', ['{\n  #if($a\n}']);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.ok(reply.value.length > 0, 'at least one diagnostic');
  const [first] = reply.value;
  assert.equal(first.severity, 'error');
  assert.ok(first.line >= 2, `line ${first.line}`);
  assert.equal(typeof first.message, 'string');
  assert.deepEqual(await callWorker(pg.page, 'checkTemplate', ['#set($a = 1)$a']), { id: 1, ok: true, value: [] });
});

// The AWS guide's mock integration ("Set up mock integrations in API
// Gateway"): ?scope=internal makes the request template print status 200.
const SEED_MOCK = {
  type: 'MOCK',
  requestTemplates: {
    'application/json':
      '{\n  #if( $input.params(\'scope\') == "internal" )\n    "statusCode": 200\n  #else\n    "statusCode": 500\n  #end\n}',
  },
  integrationResponses: {
    200: {
      statusCode: '200',
      responseTemplates: { 'application/json': '{\n    "statusCode": 200,\n    "message": "Go ahead without me."\n}' },
    },
    500: {
      statusCode: '500',
      selectionPattern: '5\\d{2}',
      responseTemplates: {
        'application/json': '{\n    "statusCode": 500,\n    "message": "The invoked method is not supported on the API resource."\n}',
      },
    },
  },
};

test('the wasm module evaluates the guide\'s MOCK example: scope=internal -> 200', async () => {
  const request = { httpMethod: 'GET', headers: { 'Content-Type': 'application/json' } };
  const internal = await callWorker(pg.page, 'evaluate', [
    SEED_MOCK,
    { ...request, queryStringParameters: { scope: 'internal' } },
  ]);
  assert.equal(internal.ok, true, JSON.stringify(internal));
  assert.equal(internal.value.statusCode, 200);
  assert.match(internal.value.body, /Go ahead without me\./);
  assert.ok(Array.isArray(internal.value.trace) && internal.value.trace.length > 0);

  const other = await callWorker(pg.page, 'evaluate', [
    SEED_MOCK,
    { ...request, queryStringParameters: { scope: 'public' } },
  ]);
  assert.equal(other.value.statusCode, 500);
  assert.match(other.value.body, /not supported on the API resource/);
});

test('the worker sends a big text the trace repeats once, and says where it goes', async () => {
  const backendBody = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => `item ${i}`) });
  const reply = await callWorker(pg.page, 'evaluate', [
    { type: 'HTTP', httpMethod: 'POST', uri: 'https://example.com/items', requestTemplates: { 'application/json': '#foreach($i in [1..400])$i,#end' }, integrationResponses: { 200: { statusCode: '200' } } },
    { httpMethod: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body: '{}' },
    { backend: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: backendBody } },
  ]);
  assert.equal(reply.ok, true);
  const { value, shared } = reply;
  // The request template's output is the integration request's body; the
  // backend's body passes through as the client's (no response template).
  assert.match(value.integrationRequest.body, /^1,2,3,.*,400,$/);
  assert.equal(value.body, backendBody);
  const step = (name) => value.trace.findIndex((st) => st.step === name);
  assert.deepEqual(shared, [[step('requestTemplate'), 'output', 'integrationRequest.body'], [step('methodResponse'), 'body', 'body']]);
  assert.equal(value.trace[step('requestTemplate')].output, null);
  assert.equal(value.trace[step('methodResponse')].body, null);
});

test('the worker refuses a function the engine does not export', async () => {
  const reply = await callWorker(pg.page, 'constructor');
  assert.equal(reply.ok, false);
  assert.match(reply.error.message, /no function "constructor"/);
});

test('the wasm file is served as application/wasm', async () => {
  const { type, magic } = await pg.page.evaluate(async () => {
    const response = await fetch('/mockgate_wasm_bg.wasm');
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { type: response.headers.get('content-type'), magic: [...bytes.slice(0, 4)] };
  });
  assert.equal(type, 'application/wasm');
  assert.deepEqual(magic, [0x00, 0x61, 0x73, 0x6d]); // "\0asm"
});

test('nothing logged an error', async () => {
  // Give late console messages (worker start-up) a moment to arrive.
  await pg.page.waitForLoadState('networkidle');
  assert.deepEqual(pg.errors(), []);
});
