// An editable list of name/value rows (headers, query string, mappings).
// Rows are the source of truth while the user types, so a half-typed name
// or a repeated name (a multi-valued query string) never loses a row.

import { h, icon } from './dom.js';

/**
 * @param {object} opts
 * @param {[string, string][]} opts.rows
 * @param {(rows: [string, string][]) => void} opts.onChange
 * @param {string} opts.nameLabel   e.g. "Header name"
 * @param {string} opts.valueLabel  e.g. "Header value"
 * @param {string} [opts.namePlaceholder]
 * @param {string} [opts.valuePlaceholder]
 * @param {string} [opts.addLabel]
 * @param {boolean} [opts.warnDuplicates]  mark repeated names (maps, where the last one wins)
 * @param {string} [opts.testid]
 */
export function kvEditor(opts) {
  let rows = opts.rows.map(([k, v]) => [k, v]);
  const list = h('div', { class: 'kv-rows', role: 'list' });
  const root = h('div', { class: 'kv', testid: opts.testid }, list);

  const emit = () => opts.onChange(rows.filter(([k]) => k.trim() !== '').map(([k, v]) => [k.trim(), v]));

  function markDuplicates() {
    if (!opts.warnDuplicates) return;
    const seen = new Map();
    rows.forEach(([k], i) => seen.set(k.trim(), (seen.get(k.trim()) || []).concat(i)));
    list.querySelectorAll('.kv-row').forEach((rowEl, i) => {
      const k = rows[i][0].trim();
      const dup = k !== '' && seen.get(k).length > 1;
      rowEl.classList.toggle('kv-dup', dup);
      rowEl.title = dup ? `"${k}" appears more than once: the last one wins` : '';
    });
  }

  function renderRows(focusIndex) {
    list.replaceChildren();
    rows.forEach((row, i) => {
      const name = h('input', {
        class: 'input mono', type: 'text', value: row[0], spellcheck: 'false', autocomplete: 'off',
        'aria-label': `${opts.nameLabel} ${i + 1}`, placeholder: opts.namePlaceholder || 'name',
        oninput: (e) => { rows[i][0] = e.target.value; markDuplicates(); emit(); },
      });
      const value = h('input', {
        class: 'input mono', type: 'text', value: row[1], spellcheck: 'false', autocomplete: 'off',
        'aria-label': `${opts.valueLabel} ${i + 1}`, placeholder: opts.valuePlaceholder || 'value',
        oninput: (e) => { rows[i][1] = e.target.value; emit(); },
      });
      const remove = h('button', {
        class: 'icon-button', type: 'button', 'aria-label': `Remove ${opts.nameLabel.toLowerCase()} ${i + 1}`,
        title: 'Remove',
        onclick: () => {
          rows.splice(i, 1);
          renderRows(Math.min(i, rows.length - 1));
          emit();
        },
      }, icon('x'));
      list.appendChild(h('div', { class: 'kv-row', role: 'listitem' }, name, value, remove));
    });
    if (rows.length === 0) list.appendChild(h('p', { class: 'kv-empty' }, 'None'));
    markDuplicates();
    if (focusIndex != null && focusIndex >= 0) {
      const inputs = list.querySelectorAll('.kv-row input:first-child');
      if (inputs[focusIndex]) inputs[focusIndex].focus();
      else addButton.focus();
    }
  }

  const addButton = h('button', {
    class: 'text-button', type: 'button',
    onclick: () => { rows.push(['', '']); renderRows(rows.length - 1); },
  }, icon('plus'), opts.addLabel || 'Add');
  root.appendChild(addButton);
  renderRows();
  return root;
}

/** {a: "1"} + {a: ["1", "2"]} → [["a","1"],["a","2"]] (multi-value wins, as in the Lambda event). */
export function rowsFromSingleAndMulti(single, multi) {
  const rows = [];
  const seen = new Set();
  for (const [k, vs] of Object.entries(multi || {})) {
    seen.add(k);
    for (const v of Array.isArray(vs) ? vs : [vs]) rows.push([k, v == null ? '' : String(v)]);
  }
  for (const [k, v] of Object.entries(single || {})) {
    if (!seen.has(k)) rows.push([k, v == null ? '' : String(v)]);
  }
  return rows;
}

/**
 * Rows → the Lambda proxy event's pair: the single-value map holds the last
 * value of each name (as API Gateway fills queryStringParameters), the
 * multi-value map holds all of them. Empty → null, as in a real event.
 */
export function rowsToSingleAndMulti(rows) {
  if (rows.length === 0) return { single: null, multi: null };
  const single = {};
  const multi = {};
  for (const [k, v] of rows) {
    single[k] = v;
    (multi[k] ||= []).push(v);
  }
  return { single, multi };
}

export function rowsFromMap(map) {
  return Object.entries(map || {}).map(([k, v]) => [k, v == null ? '' : String(v)]);
}

export function rowsToMap(rows) {
  if (rows.length === 0) return null;
  const out = {};
  for (const [k, v] of rows) out[k] = v;
  return out;
}
