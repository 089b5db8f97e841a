// The pipeline trace, step by step. The contract fixes only that each step
// has a `step` name; the other fields are shown generically (booleans as
// matched/not matched pills, long text as code, lists of objects as small
// tables), so new fields the gateway adds show up without UI changes.

import { h } from './dom.js';
import { textChunks } from './text-view.js';
import { patchAt, patchChildren } from './patch.js';
import { sameData } from './same-data.js';

const STEP_TITLES = {
  methodRequest: 'Method request',
  requestParameters: 'Request parameters',
  requestTemplate: 'Request template',
  passthrough: 'Passthrough',
  integrationRequest: 'Integration request',
  mockStatus: 'MOCK status code',
  backend: 'Backend response',
  integrationResponse: 'Integration response',
  selectionPattern: 'Selection pattern',
  selectionPatterns: 'Selection patterns',
  requestParameter: 'Request parameter mapping',
  responseParameter: 'Response parameter mapping',
  override: 'Override',
  gatewayResponse: 'Gateway response',
  lambdaProxyEvent: 'Lambda proxy event',
  lambdaProxyResponse: 'Lambda proxy response',
  httpProxyResponse: 'HTTP proxy response',
  responseTemplate: 'Response template',
  responseParameters: 'Response parameters',
  overrides: 'Overrides',
  methodResponse: 'Method response',
  error: 'Error',
};

const PROSE_KEYS = ['why', 'reason', 'because', 'explanation', 'detail', 'message', 'note', 'summary'];

export function humanize(name) {
  if (STEP_TITLES[name]) return STEP_TITLES[name];
  const words = String(name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * @param {object[]} trace
 * @param {{onTemplate?: (name: string) => void}} hooks
 */
export function traceView(trace, hooks = {}) {
  const items = traceItems(trace);
  if (!items) return h('p', { class: 'empty-note' }, 'No trace in this result.');
  return h('ol', { class: 'trace' }, items.map((item, i) => itemView(item, i, hooks)));
}

/** The trace's items: its steps, runs of the same tabular step as one. */
function traceItems(trace) {
  if (!Array.isArray(trace) || trace.length === 0) return null;
  // Runs of the same tabular step (each selection pattern tried, each
  // parameter mapped) read best as one table: which one matched, and why
  // the others did not, side by side.
  const items = [];
  for (const step of trace) {
    const last = items[items.length - 1];
    if (step && GROUPED[step.step] && last && last.group === step.step) last.steps.push(step);
    else if (step && GROUPED[step.step]) items.push({ group: step.step, steps: [step] });
    else items.push({ step });
  }
  return items;
}

function itemView(item, i, hooks) {
  return item.group && item.steps.length > 1
    ? groupStep(item.group, item.steps, i, hooks)
    : traceStep(item.step || item.steps[0], i, hooks);
}

// What each panel shows: its trace's items, for patchTrace.
const drawn = new WeakMap();

/**
 * Show `trace` in `panel` (which shows nothing else): as traceView would,
 * but an item whose data is the same as in the trace shown before is not
 * built and compared again. A keystroke mostly changes one step (the
 * template's output); building and patching every step was most of the
 * time a result took to show (Chromium profile, photos-100).
 */
export function patchTrace(panel, trace, hooks = {}) {
  listenForTemplateLinks(panel, hooks);
  const items = traceItems(trace);
  const before = drawn.get(panel);
  const list = panel.childNodes.length === 1 ? panel.firstChild : null;
  if (items && before && list?.nodeName === 'OL' && before.length === items.length && list.childNodes.length === items.length) {
    items.forEach((item, i) => {
      if (!sameData(item, before[i])) patchAt(list, i, itemView(item, i, hooks));
    });
  } else {
    patchChildren(panel, [traceView(trace, hooks)]);
  }
  drawn.set(panel, items);
}

// The hooks of the trace a panel shows last; its one click listener
// follows the template links drawn by valueView.
const panelHooks = new WeakMap();
function listenForTemplateLinks(panel, hooks) {
  if (!panelHooks.has(panel)) {
    panel.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('button[data-template]') : null;
      if (link && panel.contains(link)) panelHooks.get(panel).onTemplate?.(link.dataset.template);
    });
  }
  panelHooks.set(panel, hooks);
}

const GROUPED = {
  selectionPattern: 'Selection patterns, in order',
  requestParameter: 'Request parameter mappings',
  responseParameter: 'Response parameter mappings',
  override: 'Overrides',
};

function groupStep(name, steps, index, hooks) {
  if (name === 'selectionPattern') return selectionGroup(steps, index);
  const anyHit = steps.some((s) => s.matched === true);
  const cols = [...new Set(steps.flatMap((s) => Object.keys(s)))].filter((k) => k !== 'step');
  return h('li', { class: `trace-step${anyHit ? ' is-hit' : ''}` },
    h('div', { class: 'trace-marker', 'aria-hidden': 'true' }, String(index + 1)),
    h('div', { class: 'trace-content' },
      h('div', { class: 'trace-title' }, h('span', {}, GROUPED[name])),
      h('div', { class: 'table-scroll' }, h('table', { class: 'mini-table trace-table' },
        h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, humanize(c))))),
        h('tbody', {}, steps.map((row) => h('tr', { class: row.matched === true ? 'is-hit' : row.matched === false ? 'is-miss' : '' },
          cols.map((c) => h('td', { class: c === 'why' ? 'why-cell' : '' }, c === 'matched' && typeof row[c] === 'boolean'
            ? h('span', { class: `pill ${row[c] ? 'pill-hit' : 'pill-miss'}` }, row[c] ? 'matched' : 'no match')
            : c === 'why' && typeof row[c] === 'string' ? row[c] : valueView(c, row[c], hooks))))))))));
}

function traceStep(step, index, hooks) {
  if (step == null || typeof step !== 'object') {
    return h('li', { class: 'trace-step' }, h('div', { class: 'trace-title' }, String(step)));
  }
  const name = step.step || step.name || step.kind || `Step ${index + 1}`;
  const matched = typeof step.matched === 'boolean' ? step.matched : null;
  const prose = PROSE_KEYS.map((k) => step[k]).find((v) => typeof v === 'string' && v);
  // `provenance` is byte ranges for the hover links, not something to read.
  const rest = Object.entries(step).filter(([k]) => !['step', 'name', 'kind', 'matched', 'provenance', ...PROSE_KEYS].includes(k));
  const status = matched === true ? 'is-hit' : matched === false ? 'is-miss' : step.error ? 'is-error' : '';
  return h('li', { class: `trace-step ${status}` },
    h('div', { class: 'trace-marker', 'aria-hidden': 'true' }, String(index + 1)),
    h('div', { class: 'trace-content' },
      h('div', { class: 'trace-title' },
        h('span', {}, humanize(name)),
        matched === true ? h('span', { class: 'pill pill-hit' }, 'matched') : null,
        matched === false ? h('span', { class: 'pill pill-miss' }, 'no match') : null),
      prose ? h('p', { class: 'trace-prose' }, prose) : null,
      rest.length ? h('dl', { class: 'trace-fields' }, rest.map(([k, v]) => field(k, v, hooks))) : null));
}

function field(key, value, hooks) {
  return [h('dt', {}, humanize(key)), h('dd', {}, valueView(key, value, hooks))];
}

function valueView(key, value, hooks) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, 'none');
  if (typeof value === 'boolean') {
    return h('span', { class: `pill ${value ? 'pill-hit' : 'pill-miss'}` }, value ? 'yes' : 'no');
  }
  if (typeof value === 'string') {
    // Template names link to their editor.
    // The button carries its template's name, not a listener (patchTrace
    // listens for the panel): a listener would make it a new button on
    // every redraw of its step (patch.js never reuses elements with
    // listeners), and each keystroke redraws the template's step.
    if (/^(request|response):/.test(value) && hooks.onTemplate && /template/i.test(key)) {
      return h('button', { type: 'button', class: 'link-button mono', dataset: { template: value } }, value);
    }
    if (value.includes('\n') || value.length > 80) return h('pre', { class: 'code-block' }, textChunks(value));
    return h('code', { class: 'inline-code' }, value === '' ? '""' : value);
  }
  if (typeof value === 'number') return h('code', { class: 'inline-code' }, String(value));
  if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    const cols = [...new Set(value.flatMap((v) => Object.keys(v)))];
    return h('div', { class: 'table-scroll' }, h('table', { class: 'mini-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, humanize(c))))),
      h('tbody', {}, value.map((row) => h('tr', { class: row.matched === true ? 'is-hit' : row.matched === false ? 'is-miss' : '' },
        cols.map((c) => h('td', {}, valueView(c, row[c], hooks))))))));
  }
  return h('pre', { class: 'code-block' }, textChunks(JSON.stringify(value, null, 2)));
}

/**
 * Each integration response's pattern against the value it was matched
 * with (status code or Lambda errorMessage), in the order API Gateway
 * tried them: the matched one, and why each of the others did not match.
 */
function selectionGroup(steps, index) {
  const anyHit = steps.some((s) => s.matched === true);
  return h('li', { class: `trace-step${anyHit ? ' is-hit' : ''}` },
    h('div', { class: 'trace-marker', 'aria-hidden': 'true' }, String(index + 1)),
    h('div', { class: 'trace-content' },
      h('div', { class: 'trace-title' }, h('span', {}, GROUPED.selectionPattern)),
      h('ul', { class: 'selection-list' }, steps.map((st) => h('li', { class: st.matched ? 'is-hit' : 'is-miss' },
        h('div', { class: 'selection-head' },
          h('span', { class: `pill ${st.matched ? 'pill-hit' : 'pill-miss'}` }, st.matched ? 'matched' : 'no match'),
          st.pattern == null
            ? h('span', { class: 'pill pill-default' }, 'default')
            : h('code', { class: 'inline-code' }, `/${st.pattern}/`),
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
          h('span', { class: 'selection-status' }, st.statusCode != null ? `integration response ${st.statusCode}` : '')),
        typeof st.why === 'string' ? h('p', { class: 'trace-prose' }, st.why) : null)))));
}
