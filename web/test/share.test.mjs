import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeState, decodeState, validateState, saveLocal, loadLocal,
  MAX_HASH_CHARS, MAX_STATE_BYTES, STORAGE_KEY,
} from '../src/state/share.js';

const state = {
  v: 1,
  integration: '{"type": "MOCK", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"}}',
  request: { httpMethod: 'GET', queryStringParameters: { scope: 'internal' } },
  exampleId: 'seed-mock',
  exportFormat: 'terraform',
  view: 'trace',
};

async function deflateRaw(text) {
  const s = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const b = new Uint8Array(await new Response(s).arrayBuffer());
  return Buffer.from(b).toString('base64url');
}

test('encode then decode gives the same state; the hash is base64url', async () => {
  const hash = await encodeState(state);
  assert.match(hash, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeState(hash), state);
  assert.deepEqual(await decodeState('#' + hash), state);
  assert.deepEqual(await decodeState('#s=' + hash), state);
});

test('unicode and templates with quotes survive', async () => {
  const s = { v: 1, integration: "#set($x = \"é ✓ 'q' ${a}\")\n$x\n" };
  assert.deepEqual(await decodeState(await encodeState(s)), s);
});

test('a hash over 64 KB is rejected before decoding', async () => {
  await assert.rejects(decodeState('A'.repeat(MAX_HASH_CHARS + 1)), /too large: 65537 characters/);
});

test('a small hash that expands past 1 MB is rejected (deflate bomb)', async () => {
  const bomb = await deflateRaw(JSON.stringify({ v: 1, integration: 'a'.repeat(MAX_STATE_BYTES + 10) }));
  assert.ok(bomb.length < MAX_HASH_CHARS, 'the bomb fits in a hash');
  await assert.rejects(decodeState(bomb), /expands past 1048576 bytes/);
});

test('encoding refuses state that would not fit', async () => {
  await assert.rejects(encodeState({ v: 1, integration: 'x'.repeat(MAX_STATE_BYTES + 1) }), /too large to share/);
  // Incompressible text: under 1 MB but the link would pass 64 KB.
  const bytes = crypto.getRandomValues(new Uint8Array(60000));
  const noise = Array.from(bytes, (b) => String.fromCharCode(33 + (b % 90))).join('');
  await assert.rejects(encodeState({ v: 1, integration: noise }), /link would be \d+ characters/);
});

test('malformed input gives clear errors', async () => {
  await assert.rejects(decodeState('not base64!'), /characters outside base64url/);
  await assert.rejects(decodeState(''), /empty/);
  await assert.rejects(decodeState('A'), /length is not valid/);
  await assert.rejects(decodeState('AAAAAAAA'), /not valid compressed state/);
  await assert.rejects(decodeState(Buffer.from('hello world, not deflate').toString('base64url')), /damaged/);
  await assert.rejects(decodeState(await deflateRaw('{"v": 1, ')), /not JSON/);
  await assert.rejects(decodeState(42), /expected text/);
});

test('decoded values are validated: version, unknown keys, types', async () => {
  await assert.rejects(decodeState(await deflateRaw('{"v": 2}')), /state\.v: expected version 1, got 2/);
  await assert.rejects(decodeState(await deflateRaw('[1]')), /state: expected an object/);
  await assert.rejects(decodeState(await deflateRaw('{"v": 1, "script": "alert(1)"}')), /unknown field "script"/);
  await assert.rejects(decodeState(await deflateRaw('{"v": 1, "exampleId": {"a": 1}}')), /state\.exampleId: expected a string/);
  await assert.rejects(decodeState(await deflateRaw('{"v": 1, "request": [1]}')), /state\.request: expected text or an object/);
  await assert.rejects(decodeState(await deflateRaw('{"v": 1, "request": {"__proto__": {"polluted": true}}}')), /"__proto__" is not allowed/);
  await assert.rejects(decodeState(await deflateRaw('{"__proto__": {"v": 1}}')), /unknown field "__proto__"/);
  const deep = '{"v": 1, "request": ' + '{"a":'.repeat(100) + '1' + '}'.repeat(101);
  await assert.rejects(decodeState(await deflateRaw(deep)), /nested more than 64 levels/);
  assert.equal({}.polluted, undefined);
});

test('script-bearing state is returned as inert text, never run', async () => {
  globalThis.__mockgateRan = false;
  const evil = {
    v: 1,
    integration: '<script>globalThis.__mockgateRan = true</script>',
    request: { body: '"); globalThis.__mockgateRan = true; ("', toString: 'globalThis.__mockgateRan = true' },
    view: 'javascript:globalThis.__mockgateRan=true',
  };
  const back = await decodeState(await encodeState(evil));
  assert.deepEqual(back, evil);
  assert.equal(typeof back.request.toString, 'string');
  assert.equal(globalThis.__mockgateRan, false);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
});

test('validateState rejects functions and non-finite numbers', () => {
  assert.throws(() => validateState({ v: 1, request: { f: () => 1 } }), /expected JSON data, got function/);
  assert.throws(() => validateState({ v: 1, request: { n: Infinity } }), /numbers must be finite/);
  assert.throws(() => validateState({ v: 1, request: new Date() }), /expected text or an object/);
});

// A Storage stand-in with the browser's surface.
class MemoryStorage {
  constructor() { this.map = new Map(); this.full = false; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { if (this.full) throw new Error('QuotaExceededError'); this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

beforeEach(() => { delete globalThis.localStorage; });

test('saveLocal/loadLocal round-trip through localStorage, versioned', () => {
  const mem = new MemoryStorage();
  globalThis.localStorage = mem;
  assert.equal(loadLocal(), null);
  assert.equal(saveLocal(state), true);
  assert.equal(JSON.parse(mem.getItem(STORAGE_KEY)).v, 1);
  assert.deepEqual(loadLocal(), state);
  mem.setItem(STORAGE_KEY, '{"v": 99}');
  assert.equal(loadLocal(), null, 'another version is ignored');
  mem.setItem(STORAGE_KEY, 'not json');
  assert.equal(loadLocal(), null);
  mem.full = true;
  assert.equal(saveLocal(state), false);
});

test('unavailable or throwing storage is handled', () => {
  assert.equal(saveLocal(state), false);
  assert.equal(loadLocal(), null);
  Object.defineProperty(globalThis, 'localStorage', { configurable: true, get() { throw new Error('SecurityError'); } });
  assert.equal(saveLocal(state), false);
  assert.equal(loadLocal(), null);
  delete globalThis.localStorage;
  assert.equal(saveLocal({ v: 1, nope: 1 }), false);
});
