// Long output text (a template's output in the trace, a body, a log) as
// blocks of lines. Each block is laid out on its own, and only when it is
// in view (content-visibility: auto, .text-chunk in app.css): the browser
// skips the blocks scrolled out of a scrolling <pre>, and when a keystroke
// changes one block (patch.js updates only the blocks whose text changed),
// only that one is laid out again. Short texts stay one text node.
//
// Every block keeps its line's newline, so the element's textContent is
// the text, unchanged.

import { h } from './dom.js';

export const LINES_PER_CHUNK = 40;

/** The children of a <pre> showing `text`. */
export function textChunks(text) {
  const chunks = [];
  let start = 0;
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines += 1;
    if (lines === LINES_PER_CHUNK) {
      chunks.push([text.slice(start, i + 1), lines]);
      start = i + 1;
      lines = 0;
    }
  }
  if (chunks.length === 0) return [document.createTextNode(text)];
  if (start < text.length) chunks.push([text.slice(start), lines + 1]);
  return chunks.map(([part, n]) => {
    const el = h('span', { class: 'text-chunk' }, part);
    // Its height while skipped (an estimate until it has been shown once).
    el.style.setProperty('--lines', String(n));
    return el;
  });
}
