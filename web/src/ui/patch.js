// Bring a rendered subtree up to date with a freshly built one, touching
// only what differs: text nodes get new data, attributes are set or
// removed, and elements are reused. Each run re-renders the whole output
// (a few hundred nodes, cheap to build), but replacing them made the
// browser lay out and paint every one again, a long template output
// included; a patched page redoes only what changed, and keeps the
// scroll positions of the blocks inside it.
//
// Elements marked live (listeners, JS state: see dom.js) and form
// controls (state in properties) are never reused: the new one replaces
// them. A button is not among those controls: all its state is
// attributes (type, disabled), and one with a listener is live anyway.

import { isLive } from './dom.js';

/** Make `parent`'s children equal to `next` (nodes from a new build). */
export function patchChildren(parent, next) {
  const old = parent.childNodes;
  for (let i = 0; i < next.length; i++) {
    const o = old[i];
    const n = next[i];
    if (!o) parent.appendChild(n);
    else if (!patchNode(o, n)) parent.replaceChild(n, o);
  }
  while (old.length > next.length) parent.removeChild(parent.lastChild);
}

/** Make `parent`'s child at `index` equal to `node` (from a new build). */
export function patchAt(parent, index, node) {
  const o = parent.childNodes[index];
  if (!patchNode(o, node)) parent.replaceChild(node, o);
}

function patchNode(o, n) {
  if (o.nodeType !== n.nodeType) return false;
  if (o.nodeType === Node.TEXT_NODE) {
    if (o.data !== n.data) o.data = n.data;
    return true;
  }
  if (o.nodeType !== Node.ELEMENT_NODE || o.namespaceURI !== n.namespaceURI || o.tagName !== n.tagName) return false;
  if (isLive(o) || isLive(n) || CONTROLS.has(o.tagName)) return false;
  patchAttributes(o, n);
  patchChildren(o, [...n.childNodes]);
  return true;
}

const CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'DETAILS', 'DIALOG']);

function patchAttributes(o, n) {
  for (const { name } of [...o.attributes]) {
    if (!n.hasAttribute(name)) o.removeAttribute(name);
  }
  for (const { name, value } of n.attributes) {
    if (o.getAttribute(name) === value) continue;
    // Through the CSSOM: a strict CSP refuses style attributes set as text.
    if (name === 'style') o.style.cssText = n.style.cssText;
    else o.setAttribute(name, value);
  }
}
