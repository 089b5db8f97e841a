// The playground's seams to helper "exports"' modules (share links,
// localStorage, export formats, paste import, examples). Until those land
// on main, small stand-ins with the same names keep the page working.

import { seedState } from './seed.js';

// ---- state/share.js stand-in: same API (encodeState/decodeState async,
// saveLocal/loadLocal), plain base64url JSON without compression.
const STORAGE_KEY = 'mockgate.state.v1';
function b64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function unb64url(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
export async function encodeState(state) { return b64url(JSON.stringify(state)); }
export async function decodeState(hash) {
  let s = hash.startsWith('#') ? hash.slice(1) : hash;
  if (s.startsWith('s=')) s = s.slice(2);
  if (!s) throw new Error('Share link is empty');
  return JSON.parse(unb64url(s));
}
export function saveLocal(state) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); return true; } catch { return false; }
}
export function loadLocal() {
  try { const raw = localStorage.getItem(STORAGE_KEY); return raw ? JSON.parse(raw) : null; } catch { return null; }
}

// ---- export/index.js stand-in.
export const EXPORT_FORMATS = [
  { id: 'getIntegration', label: 'GetIntegration JSON', language: 'json', generate: (i) => JSON.stringify(i, null, 2) },
];
export function parsePasted(text) { return JSON.parse(text); }
export function toCanonical(obj) {
  if (!obj || typeof obj !== 'object' || !obj.type) throw new Error('Expected a GetIntegration object with a "type" field');
  return { integration: obj, warnings: [], origin: {} };
}
export const PASTE_FORMATS = 'JSON';

// ---- examples/index.js stand-in.
export const EXAMPLES = [
  {
    id: 'mock-scope',
    title: 'MOCK: pick 200 or 500 from a query parameter',
    explanation: 'The request template prints {"statusCode": 200} or 500 depending on ?scope=; the 5\\d{2} selection pattern catches the 500.',
    ...seedState(),
  },
];
