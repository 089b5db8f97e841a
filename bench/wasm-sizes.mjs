// Where the bytes of a wasm module go: each function body's size, by the
// crate its (demangled-enough) name starts with, plus the data segments.
// Needs the module's "name" section (the raw cargo output has it; wasm-opt
// and wasm-bindgen keep it unless told otherwise).
//
//   node bench/wasm-sizes.mjs target/wasm32-unknown-unknown/wasm-release/mockgate_wasm.wasm [N]

import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const top = Number(process.argv[3] ?? 25);
let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return result >>> 0;
};
const sections = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  sections.push({ id, start: pos, size });
  pos += size;
}
let imported = 0;
const bodies = [];
const names = new Map();
let dataBytes = 0;
for (const s of sections) {
  pos = s.start;
  if (s.id === 2) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      pos += u32(); pos += u32(); // module, field
      const kind = bytes[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = bytes[pos++]; u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = bytes[pos++]; u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; }
    }
  } else if (s.id === 10) {
    const n = u32();
    for (let i = 0; i < n; i++) { const len = u32(); bodies.push(len); pos += len; }
  } else if (s.id === 11) {
    dataBytes += s.size;
  } else if (s.id === 0) {
    const nameLen = u32();
    const name = bytes.subarray(pos, pos + nameLen).toString();
    pos += nameLen;
    if (name !== 'name') continue;
    const end = s.start + s.size;
    while (pos < end) {
      const sub = bytes[pos++]; const len = u32(); const next = pos + len;
      if (sub === 1) {
        const n = u32();
        for (let i = 0; i < n; i++) { const idx = u32(); const l = u32(); names.set(idx, bytes.subarray(pos, pos + l).toString()); pos += l; }
      }
      pos = next;
    }
  }
}
const byCrate = new Map();
const fns = [];
bodies.forEach((len, i) => {
  const name = names.get(i + imported) ?? `func${i + imported}`;
  const m = name.match(/^_?<?(?:_ZN\d+)?([a-zA-Z_][a-zA-Z0-9_]*)/);
  let crate = m ? m[1] : '?';
  const generic = name.match(/^<([a-z_0-9]+)::/);
  if (generic) crate = generic[1];
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + len);
  fns.push([len, name]);
});
const total = bodies.reduce((a, b) => a + b, 0);
console.log(`code ${total} bytes in ${bodies.length} functions; data ${dataBytes} bytes; file ${bytes.length}`);
for (const [crate, n] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(n).padStart(9)}  ${crate}`);
console.log('largest functions:');
for (const [n, name] of fns.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${String(n).padStart(9)}  ${name.slice(0, 140)}`);
