// Which template span produced which output span. evaluate's result
// carries `provenance` (docs/provenance.md): entries that index the final
// client body or integration request body, present only when that body is
// exactly the template's output. Results without it (older engines) fall
// back to the trace steps' own provenance, which indexes the template's
// output (the same text unless a later step replaced it).
//
// Accepted, per entry (UTF-8 byte offsets, as Rust produces them):
//   {template: "response:200:application/json", target?: "body",
//    output: [s, e] | {start, end}, source|templateRange|span: [s, e] | {start, end}}

import { byteToUtf16Mapper } from './positions.js';

function range(r) {
  if (Array.isArray(r) && r.length === 2) return [Number(r[0]), Number(r[1])];
  if (r && typeof r === 'object' && 'start' in r && 'end' in r) return [Number(r.start), Number(r.end)];
  return null;
}

/** Raw entries: [{template, target, output: [s,e], source: [s,e]}] in bytes. */
export function collectProvenance(result) {
  const out = [];
  const push = (e, templateFallback, targetFallback) => {
    if (!e || typeof e !== 'object') return;
    const template = typeof e.template === 'string' ? e.template : e.name || templateFallback;
    const output = range(e.output ?? e.outputRange);
    const source = range(e.source ?? e.templateRange ?? e.span ?? (typeof e.template !== 'string' ? e.template : null));
    if (!template || !output || !source) return;
    out.push({ template, target: e.target || targetFallback || 'body', output, source });
  };
  if (Array.isArray(result?.provenance)) {
    for (const e of result.provenance) push(e);
    return out;
  }
  if (Array.isArray(result?.trace)) {
    for (const step of result.trace) {
      if (step && Array.isArray(step.provenance)) {
        const target = /request/i.test(step.step || '') ? 'integrationRequest.body' : 'body';
        for (const e of step.provenance) push(e, step.template, e.target || target);
      }
    }
  }
  return out;
}

/**
 * Provenance for one output text, converted to UTF-16 offsets.
 * @param {object[]} entries   from collectProvenance
 * @param {string} target      "body" | "integrationRequest.body"
 * @param {string} outputText
 * @param {(name: string) => string | undefined} templateText  source of a template by name
 */
export function provenanceFor(entries, target, outputText, templateText) {
  const outMap = byteToUtf16Mapper(outputText);
  const maps = new Map();
  return entries
    .filter((e) => e.target === target)
    .map((e) => {
      const src = templateText(e.template);
      if (src == null) return null;
      if (!maps.has(e.template)) maps.set(e.template, byteToUtf16Mapper(src));
      const m = maps.get(e.template);
      return {
        template: e.template,
        output: [outMap(e.output[0]), outMap(e.output[1])],
        source: [m(e.source[0]), m(e.source[1])],
      };
    })
    .filter((e) => e && e.output[1] > e.output[0])
    .sort((a, b) => a.output[0] - b.output[0]);
}
