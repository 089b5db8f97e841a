// Tiny DOM builder. User text only ever goes through textContent or
// attribute values, never through innerHTML (a strict CSP comes later and
// the page renders whatever a pasted template produces).

// Elements carrying listeners (or other JS state): patch.js replaces them
// rather than reusing them, since a reused element would keep listeners
// that close over the previous values.
const live = new WeakSet();
export const markLive = (el) => { live.add(el); return el; };
export const isLive = (el) => live.has(el);

/**
 * h('div', {class: 'x', onclick: fn, dataset: {testid: 'y'}}, child, ...)
 * Children: Node, string (as text), number, null/false (skipped), arrays.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'testid') el.setAttribute('data-testid', value);
      else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
        live.add(el);
      } else if (key === 'value' && 'value' in el) el.value = value;
      else if (key === 'checked' && 'checked' in el) el.checked = Boolean(value);
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/**
 * `el[key] = value`, unless it already is: every result sets the same
 * flags again (hidden, title), and each write, even of the same value,
 * is a DOM change the browser styles and draws again in the keystroke's
 * frame.
 */
export function setProp(el, key, value) {
  if (el[key] !== value) el[key] = value;
}

/** Replace all children of `el`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let idCounter = 0;
/** A page-unique id, for label/aria wiring. */
export function uid(prefix = 'mg') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Small inline SVG icons (static markup, no user data). */
const ICONS = {
  external: 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 01-1 1H5a1 1 0 01-1-1V7a1 1 0 011-1h5',
  plus: 'M12 5v14M5 12h14',
  x: 'M6 6l12 12M18 6L6 18',
  share: 'M4 12v7a1 1 0 001 1h14a1 1 0 001-1v-7M16 6l-4-4-4 4M12 2v13',
  download: 'M4 17v2a1 1 0 001 1h14a1 1 0 001-1v-2M7 11l5 5 5-5M12 4v12',
  upload: 'M4 17v2a1 1 0 001 1h14a1 1 0 001-1v-2M7 9l5-5 5 5M12 4v12',
  sun: 'M12 4V2M12 22v-2M4 12H2M22 12h-2M5.6 5.6L4.2 4.2M19.8 19.8l-1.4-1.4M5.6 18.4l-1.4 1.4M19.8 4.2l-1.4 1.4M12 8a4 4 0 100 8 4 4 0 000-8z',
  moon: 'M21 12.8A9 9 0 1111.2 3a7 7 0 009.8 9.8z',
  check: 'M5 12l5 5L20 7',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  alert: 'M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 001.7 3h17a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z',
  info: 'M12 16v-4M12 8h.01M12 2a10 10 0 100 20 10 10 0 000-20z',
  book: 'M4 19.5A2.5 2.5 0 016.5 17H20V3H6.5A2.5 2.5 0 004 5.5v14zM4 19.5A2.5 2.5 0 006.5 22H20v-5',
  reset: 'M3 12a9 9 0 109-9 9.75 9.75 0 00-6.74 2.74L3 8M3 3v5h5',
};

export function icon(name, label) {
  const svgNS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('class', 'icon');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const path = document.createElementNS(svgNS, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.info);
  svg.appendChild(path);
  return svg;
}
