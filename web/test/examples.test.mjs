import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EXAMPLES, getExample, makeRequest } from '../src/examples/index.js';
import { toCanonical, INTEGRATION_TYPES } from '../src/export/shapes.js';
import { EXPORT_FORMATS } from '../src/export/index.js';
import { parsePasted } from '../src/export/shapes.js';
import { encodeState, decodeState } from '../src/state/share.js';

const REQUEST_KEYS = new Set(['httpMethod', 'path', 'resourcePath', 'headers', 'multiValueHeaders', 'queryStringParameters',
  'multiValueQueryStringParameters', 'pathParameters', 'stageVariables', 'body', 'isBase64Encoded', 'requestContext']);

test('examples have unique ids and the documented fields', () => {
  assert.ok(EXAMPLES.length >= 10);
  assert.equal(new Set(EXAMPLES.map((e) => e.id)).size, EXAMPLES.length);
  assert.equal(EXAMPLES[0].id, 'mock-scope', 'the seed MOCK loads first');
  for (const ex of EXAMPLES) {
    assert.match(ex.id, /^[a-z0-9-]+$/, ex.id);
    assert.equal(typeof ex.title, 'string');
    assert.equal(typeof ex.source, 'string');
    // 2-4 sentences of plain text (no markup).
    const sentences = ex.explanation.match(/[.!?](?=\s|$)/g) ?? [];
    assert.ok(sentences.length >= 2 && sentences.length <= 4, `${ex.id}: ${sentences.length} sentences`);
    assert.doesNotMatch(ex.explanation, /<[a-z]|\*\*|`/, `${ex.id}: plain text`);
    assert.equal(typeof ex.expected.statusCode, 'number');
  }
});

test('every example integration is valid canonical input for the contract', () => {
  for (const ex of EXAMPLES) {
    const { integration, warnings } = toCanonical(ex.integration);
    assert.deepEqual(integration, ex.integration, `${ex.id}: already canonical`);
    assert.deepEqual(warnings, [], ex.id);
    assert.ok(INTEGRATION_TYPES.includes(integration.type));
    assert.ok(integration.integrationResponses, `${ex.id}: has integration responses`);
    const defaults = Object.values(integration.integrationResponses).filter((r) => r.selectionPattern === undefined);
    assert.equal(defaults.length, 1, `${ex.id}: exactly one default response`);
    if (integration.type !== 'MOCK') {
      assert.ok(integration.httpMethod && integration.uri, `${ex.id}: non-MOCK needs httpMethod and uri`);
    }
    for (const r of Object.values(integration.integrationResponses)) {
      if (r.selectionPattern !== undefined) new RegExp(r.selectionPattern); // throws if invalid
    }
  }
});

test('every example request has the contract request shape', () => {
  for (const ex of EXAMPLES) {
    for (const k of Object.keys(ex.request)) assert.ok(REQUEST_KEYS.has(k), `${ex.id}: request.${k}`);
    assert.match(ex.request.httpMethod, /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/);
    assert.ok(ex.request.body === null || typeof ex.request.body === 'string');
    for (const [k, v] of Object.entries(ex.request.headers)) {
      assert.deepEqual(ex.request.multiValueHeaders[k], [v]);
    }
    if (ex.request.resourcePath.includes('{')) assert.ok(ex.request.pathParameters, `${ex.id}: path parameters given`);
    if (ex.integration.type !== 'MOCK') assert.ok(ex.options?.backend, `${ex.id}: non-MOCK examples say what the backend answers`);
  }
});

// fixtures/seed-000-templates.txt: seed 000's request template, 200 body and
// 500 body, copied verbatim from its code blocks, separated by "---" lines.
test('the seed example is the guide page text', () => {
  const seed = readFileSync(new URL('./fixtures/seed-000-templates.txt', import.meta.url), 'utf8');
  const ex = getExample('mock-scope');
  const blocks = seed.split('\n---\n');
  assert.equal(ex.integration.requestTemplates['application/json'], blocks[0]);
  assert.equal(ex.integration.integrationResponses[200].responseTemplates['application/json'], blocks[1]);
  assert.equal(ex.integration.integrationResponses[500].responseTemplates['application/json'], blocks[2].replace(/\n$/, ''));
  assert.equal(ex.integration.integrationResponses[500].selectionPattern, '5\\d{2}');
  assert.deepEqual(ex.request.queryStringParameters, { scope: 'internal' });
  assert.equal(ex.request.httpMethod, 'GET');
});

test('photos example carries the guide\'s models and templates', () => {
  const ex = getExample('photos');
  assert.deepEqual(Object.keys(ex.models), ['PhotosInputModel', 'PhotosOutputModel']);
  const body = JSON.parse(ex.request.body);
  assert.equal(body.photos.photo.length, 2);
  assert.ok(ex.integration.requestTemplates['application/json'].startsWith("#set($inputRoot = $input.path('$'))"));
  assert.ok(ex.integration.integrationResponses[200].responseTemplates['application/json'].includes('#foreach($elem in $inputRoot.photos.photo)'));
});

test('getExample returns a copy; makeRequest fills the multi-value twins', () => {
  const a = getExample('mock-scope');
  a.integration.type = 'HTTP';
  assert.equal(getExample('mock-scope').integration.type, 'MOCK');
  assert.equal(getExample('nope'), undefined);
  const r = makeRequest({ query: { a: '1' }, headers: { H: 'v' } });
  assert.deepEqual(r.multiValueQueryStringParameters, { a: ['1'] });
  assert.deepEqual(r.multiValueHeaders, { H: ['v'] });
});

test('every example exports in every format and survives a share link', async () => {
  for (const ex of EXAMPLES) {
    for (const f of EXPORT_FORMATS) {
      const text = f.generate(ex.integration, ex.request);
      if (f.id.startsWith('openapi') || f.id === 'cloudformation' || f.id === 'getIntegration') {
        assert.deepEqual(toCanonical(parsePasted(text)).integration, ex.integration, `${ex.id} via ${f.id}`);
      }
    }
    const state = { v: 1, integration: ex.integration, request: ex.request, options: ex.options ?? {}, exampleId: ex.id };
    assert.deepEqual(await decodeState(await encodeState(state)), state);
  }
});

// ---------------------------------------------------------------- the real engine
// Runs each example through the wasm module's evaluate() when it has been
// built (make wasm -> web/pkg); MOCKGATE_WASM_PKG points elsewhere.

const PKG_DIR = process.env.MOCKGATE_WASM_PKG ?? fileURLToPath(new URL('../pkg/', import.meta.url));
const PKG_JS = `${PKG_DIR.replace(/\/$/, '')}/mockgate_wasm.js`;
const PKG_WASM = `${PKG_DIR.replace(/\/$/, '')}/mockgate_wasm_bg.wasm`;

async function loadEngine() {
  if (!existsSync(PKG_JS) || !existsSync(PKG_WASM)) return { skip: `the wasm module is not built (${PKG_JS}); run make wasm` };
  const mod = await import(pathToFileURL(PKG_JS).href);
  await mod.default({ module_or_path: readFileSync(PKG_WASM) });
  if (typeof mod.evaluate !== 'function') return { skip: 'the wasm module has no evaluate()' };
  return { evaluate: mod.evaluate };
}

const engine = await loadEngine();

function headerValue(headers, name) {
  const k = Object.keys(headers ?? {}).find((h) => h.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : headers[k];
}

function runs(ex, request = ex.request) {
  return engine.evaluate(ex.integration, request, ex.options ?? {});
}

test('examples give their documented status through the real evaluate()', { skip: engine.skip }, () => {
  for (const ex of EXAMPLES) {
    const result = runs(ex);
    assert.equal(result.statusCode, ex.expected.statusCode, `${ex.id}: ${JSON.stringify(result.body)} ${JSON.stringify(result.diagnostics)}`);
    for (const [name, value] of Object.entries(ex.expected.headers ?? {})) {
      assert.equal(headerValue(result.headers, name), value, `${ex.id}: header ${name}`);
    }
    if (ex.expected.bodyIncludes) assert.ok(result.body.includes(ex.expected.bodyIncludes), `${ex.id}: body ${result.body}`);
  }
});

test('seed example: scope=public takes the 500 branch', { skip: engine.skip }, () => {
  const ex = getExample('mock-scope');
  const request = makeRequest({ headers: { Accept: 'application/json' }, query: { scope: 'public' } });
  const result = runs(ex, request);
  assert.equal(result.statusCode, 500);
  assert.ok(result.body.includes('The invoked method is not supported on the API resource.'));
  assert.equal(runs(ex).statusCode, 200);
});

test('photos example: the client gets the guide\'s transformed data', { skip: engine.skip }, () => {
  const ex = getExample('photos');
  const result = runs(ex);
  assert.deepEqual(JSON.parse(result.body), {
    photos: [
      { id: '12345678901', owner: '23456789@A12', title: 'Sample photo 1', ispublic: 1, isfriend: 0, isfamily: 0 },
      { id: '23456789012', owner: '34567890@B23', title: 'Sample photo 2', ispublic: 1, isfriend: 0, isfamily: 0 },
    ],
  });
});

test('JSON-building examples produce valid JSON bodies', { skip: engine.skip }, () => {
  for (const id of ['mock-scope', 'util-functions', 'override-response', 'foreach-array', 'lambda-errors']) {
    const result = runs(getExample(id));
    assert.doesNotThrow(() => JSON.parse(result.body), `${id}: ${result.body}`);
  }
  const foreach = JSON.parse(runs(getExample('foreach-array')).body);
  assert.deepEqual(foreach.names.map((n) => n.name), ['Kettle', 'Toaster "Deluxe"', 'Mug']);
});
