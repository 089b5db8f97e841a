// The mapping templates of one place (the integration request, or one
// integration response), keyed by content type: one tab per content type,
// the selected one editable (its key too), add and remove.

import { h, icon, uid } from './dom.js';
import { createEditor } from './editor.js';

const COMMON_TYPES = [
  'application/json', 'application/xml', 'text/plain', 'text/html',
  'application/x-www-form-urlencoded', 'text/xml',
];

// The selected tab survives re-renders (structural edits rebuild panels).
const selected = new Map();

/** Show `contentType` next time the set with `key` renders (e.g. "go to diagnostic"). */
export function selectTemplateTab(key, contentType) {
  selected.set(key, contentType);
}

/**
 * @param {object} o
 * @param {object} o.app          {registry, scheduleCheck(name, text), onSelectionInTemplate}
 * @param {string} o.key          stable key for remembering the selected tab
 * @param {string} o.title        heading, e.g. "Request templates"
 * @param {Record<string,string>} o.templates
 * @param {(ct: string) => string} o.nameOf   template name for diagnostics
 * @param {string} [o.testid]     data-testid of the editor in view
 * @param {string} o.emptyText
 * @param {(ct: string, text: string) => void} o.onEdit
 * @param {(from: string, to: string) => void} o.onRename
 * @param {(ct: string) => void} o.onAdd
 * @param {(ct: string) => void} o.onRemove
 * @param {boolean} [o.disabled]  shown but not used (proxy integrations)
 */
export function templateSet(o) {
  const types = Object.keys(o.templates || {});
  let active = selected.get(o.key);
  if (!types.includes(active)) active = types[0];
  const disposers = [];
  const root = h('div', { class: `template-set${o.disabled ? ' is-disabled' : ''}` });
  const tabList = h('div', { class: 'ct-tabs', role: 'tablist', 'aria-label': `${o.title}: content types` });
  const body = h('div', { class: 'ct-body' });

  const tabButtons = types.map((ct, i) => {
    const dot = h('span', { class: 'sev-dot', 'aria-hidden': 'true' });
    const b = h('button', {
      type: 'button', role: 'tab', class: 'ct-tab mono', id: uid('ct'),
      'aria-selected': String(ct === active), tabindex: ct === active ? '0' : '-1',
      onclick: () => { selected.set(o.key, ct); rerender(); },
      onkeydown: (e) => {
        let j = i;
        if (e.key === 'ArrowRight') j = (i + 1) % types.length;
        else if (e.key === 'ArrowLeft') j = (i - 1 + types.length) % types.length;
        else return;
        e.preventDefault();
        selected.set(o.key, types[j]);
        rerender();
        root.querySelectorAll('.ct-tab')[j]?.focus();
      },
    }, ct, dot);
    b._dot = dot;
    b._name = o.nameOf(ct);
    b.dataset.template = b._name;
    return b;
  });
  tabList.append(...tabButtons);
  const addButton = h('button', {
    type: 'button', class: 'icon-button', 'data-focus': `add:${o.key}`, 'aria-label': `${o.title}: add a template for another content type`,
    title: 'Add a template for another content type',
    onclick: () => {
      const ct = COMMON_TYPES.find((t) => !types.includes(t)) || `text/x-${types.length + 1}`;
      selected.set(o.key, ct);
      o.onAdd(ct);
    },
  }, icon('plus'));

  const header = h('div', { class: 'ct-header' }, tabList, addButton);
  root.append(header, body);

  function refreshDots() {
    for (const b of tabButtons) {
      const sev = o.app.registry.severity(b._name);
      b._dot.className = `sev-dot${sev ? ` sev-${sev}` : ''}`;
      b.title = sev ? `${sev === 'error' ? 'Has errors' : 'Has warnings'}` : '';
    }
  }
  disposers.push(o.app.registry.onChange(refreshDots));

  if (!active) {
    body.append(h('p', { class: 'empty-note' }, o.emptyText));
  } else {
    const ctId = uid('ctinput');
    const error = h('span', { class: 'field-error', role: 'alert' });
    const ctInput = h('input', {
      id: ctId, class: 'input mono ct-input', type: 'text', value: active, spellcheck: 'false', 'data-focus': `ct:${o.key}`,
      autocomplete: 'off', list: 'mg-content-types',
      onchange: (e) => {
        const next = e.target.value.trim();
        error.textContent = '';
        if (next === active) return;
        if (!next) { error.textContent = 'A content type is required.'; e.target.value = active; return; }
        if (types.includes(next)) { error.textContent = `There is already a ${next} template.`; e.target.value = active; return; }
        selected.set(o.key, next);
        o.onRename(active, next);
      },
      onkeydown: (e) => { if (e.key === 'Enter') e.target.dispatchEvent(new Event('change')); },
    });
    const name = o.nameOf(active);
    const remove = h('button', {
      type: 'button', class: 'text-button danger', onclick: () => o.onRemove(active),
      'aria-label': `Remove the ${active} template`,
    }, icon('x'), 'Remove');
    const editorHost = h('div', { class: 'editor-host' });
    body.append(
      h('div', { class: 'ct-row' },
        h('label', { class: 'field-label', for: ctId }, 'Content-Type'), ctInput, remove, error),
      editorHost,
    );
    const editor = createEditor({
      parent: editorHost,
      doc: o.templates[active],
      language: 'vtl',
      label: `${o.title}: ${active}`,
      testid: o.testid,
      onChange: (text) => { o.onEdit(active, text); o.app.scheduleCheck(name, text); },
      onSelect: (from, to) => o.app.onTemplateSelection?.(name, from, to),
      onFocus: () => o.app.onTemplateFocus?.(name),
      // The output stays lit only while the cursor is in the template.
      onBlur: () => o.app.onTemplateSelection?.(null),
    });
    editorHost.dataset.template = name;
    disposers.push(o.app.registry.register(name, editor));
    disposers.push(() => editor.destroy());
    o.app.scheduleCheck(name, o.templates[active]);
  }
  refreshDots();

  function rerender() {
    const next = templateSet(o);
    dispose();
    root.replaceWith(next.root);
    Object.assign(api, next);
  }
  function dispose() { for (const d of disposers.splice(0)) d(); }
  // After a re-render, Object.assign points api at the newest instance,
  // so the parent's dispose() reaches the editors actually on the page.
  const api = { root, dispose };
  return api;
}

/** A shared <datalist> of common content types, for the key inputs. */
export function contentTypeDatalist() {
  return h('datalist', { id: 'mg-content-types' }, COMMON_TYPES.map((t) => h('option', { value: t })));
}
