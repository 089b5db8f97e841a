// Playground state in a shareable URL hash and in localStorage.
//
// API
//   encodeState(state) -> Promise<string>   JSON -> deflate-raw -> base64url (no padding)
//   decodeState(hash) -> Promise<state>     the reverse; a leading "#" or "#s=" is ignored.
//       Throws an Error with a clear message for: a hash over MAX_HASH_CHARS,
//       characters outside base64url, data that is not deflate-raw, a
//       decompressed size over MAX_STATE_BYTES, text that is not JSON, or a
//       value that is not a valid state (validateState).
//   validateState(value) -> state           checks the shape; throws naming the field
//   saveLocal(state) -> boolean             false when storage is unavailable or full
//   loadLocal() -> state | null             null when absent, unavailable or invalid
//   STATE_VERSION = 1, MAX_HASH_CHARS = 65536, MAX_STATE_BYTES = 1048576, STORAGE_KEY
//
// State (every field but v optional):
//   { v: 1,
//     integration: string | object   the integration editor's text, or its data
//     request: string | object       the request editor's text, or its data
//     options: string | object       options (backend) text or data
//     exampleId: string              the example the state started from
//     exportFormat: string           the selected export tab
//     view: string                   the selected result tab }
// Object values must be plain JSON data (objects, arrays, strings, numbers,
// booleans, null), at most MAX_DEPTH deep, with no "__proto__" keys.
// Decoding only ever runs JSON.parse: nothing in a hash is executed.

export const STATE_VERSION = 1;
export const MAX_HASH_CHARS = 64 * 1024;
export const MAX_STATE_BYTES = 1024 * 1024;
export const STORAGE_KEY = 'mockgate.state.v1';
const MAX_DEPTH = 64;

const STRING_OR_DATA = ['integration', 'request', 'options'];
const STRING_ONLY = ['exampleId', 'exportFormat', 'view'];
const KNOWN = new Set(['v', ...STRING_OR_DATA, ...STRING_ONLY]);

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
  && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function checkData(value, field, depth) {
  if (depth > MAX_DEPTH) throw new Error(`state.${field}: nested more than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`state.${field}: numbers must be finite`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkData(v, `${field}[${i}]`, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const k of Object.keys(value)) {
      if (k === '__proto__') throw new Error(`state.${field}: the key "__proto__" is not allowed`);
      checkData(value[k], `${field}.${k}`, depth + 1);
    }
    return;
  }
  throw new Error(`state.${field}: expected JSON data, got ${typeof value}`);
}

/** Validate a state object's shape; returns a fresh copy holding only data. */
export function validateState(value) {
  if (!isPlainObject(value)) throw new Error('state: expected an object');
  for (const k of Object.keys(value)) {
    if (!KNOWN.has(k)) throw new Error(`state: unknown field ${JSON.stringify(k)}`);
  }
  if (value.v !== STATE_VERSION) {
    throw new Error(`state.v: expected version ${STATE_VERSION}, got ${JSON.stringify(value.v)}`);
  }
  const out = { v: STATE_VERSION };
  for (const k of STRING_OR_DATA) {
    if (value[k] === undefined) continue;
    const v = value[k];
    if (typeof v !== 'string' && !isPlainObject(v)) throw new Error(`state.${k}: expected text or an object`);
    checkData(v, k, 0);
    out[k] = typeof v === 'string' ? v : structuredCloneData(v);
  }
  for (const k of STRING_ONLY) {
    if (value[k] === undefined) continue;
    if (typeof value[k] !== 'string') throw new Error(`state.${k}: expected a string`);
    out[k] = value[k];
  }
  return out;
}

function structuredCloneData(v) {
  return JSON.parse(JSON.stringify(v));
}

// ---------------------------------------------------------------- base64url

function bytesToBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlToBytes(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('Share link is damaged: it contains characters outside base64url');
  if (s.length % 4 === 1) throw new Error('Share link is damaged: its length is not valid base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// ---------------------------------------------------------------- compression

async function deflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Inflate, stopping as soon as the output passes `limit` bytes (a small hash
// can expand enormously; never hold more than the limit).
async function inflateLimited(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        throw new Error(`Share link is too large: its state expands past ${limit} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    if (e instanceof Error && e.message.startsWith('Share link')) throw e;
    throw new Error('Share link is damaged: its data is not valid compressed state');
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

// ---------------------------------------------------------------- public

export async function encodeState(state) {
  const clean = validateState(state);
  const json = JSON.stringify(clean);
  const bytes = new TextEncoder().encode(json);
  if (bytes.length > MAX_STATE_BYTES) throw new Error(`State is too large to share: ${bytes.length} bytes (limit ${MAX_STATE_BYTES})`);
  const hash = bytesToBase64url(await deflate(bytes));
  if (hash.length > MAX_HASH_CHARS) throw new Error(`State is too large to share: the link would be ${hash.length} characters (limit ${MAX_HASH_CHARS})`);
  return hash;
}

export async function decodeState(hash) {
  if (typeof hash !== 'string') throw new Error('Share link is damaged: expected text');
  let s = hash.startsWith('#') ? hash.slice(1) : hash;
  if (s.startsWith('s=')) s = s.slice(2);
  if (s.length > MAX_HASH_CHARS) throw new Error(`Share link is too large: ${s.length} characters (limit ${MAX_HASH_CHARS})`);
  if (s === '') throw new Error('Share link is empty');
  const bytes = await inflateLimited(base64urlToBytes(s), MAX_STATE_BYTES);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('Share link is damaged: its state is not UTF-8 text');
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`Share link is damaged: its state is not JSON (${e.message})`);
  }
  return validateState(value);
}

function storage() {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    return s;
  } catch {
    // Accessing localStorage throws in some privacy modes and sandboxed frames.
    return null;
  }
}

export function saveLocal(state) {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(STORAGE_KEY, JSON.stringify(validateState(state)));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled
  }
}

export function loadLocal() {
  const s = storage();
  if (!s) return null;
  try {
    const raw = s.getItem(STORAGE_KEY);
    if (raw === null || raw.length > MAX_STATE_BYTES) return null;
    return validateState(JSON.parse(raw));
  } catch {
    return null;
  }
}
