// What the client gets back, and why: status, headers, body, diagnostics,
// then the trace, the integration request and the execution log.

import { h, icon, setProp } from './dom.js';
import { patchChildren } from './patch.js';
import { textChunks } from './text-view.js';
import { tabs } from './tabs.js';
import { patchTrace } from './trace-view.js';
import { sameData } from './same-data.js';
import { collectProvenance, provenanceFor } from './provenance.js';

const REASONS = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

let activeTab = 'trace';
const BUSY_AFTER_MS = 150;

/**
 * @param {object} app {store, registry, focusTemplate(name, line?, column?)}
 */
export function outputPanel(app) {
  const banner = h('div', { class: 'run-status', testid: 'run-status', role: 'status', 'aria-live': 'polite', hidden: true });
  const status = h('span', { class: 'status-badge status-none', testid: 'response-status' }, '…');
  const reason = h('span', { class: 'status-reason' }, '');
  const busy = h('span', { class: 'busy-dot', 'aria-hidden': 'true' });
  const headers = h('div', { class: 'headers', testid: 'response-headers' });
  const body = h('pre', { class: 'body-view', testid: 'response-body', tabindex: '0', 'aria-label': 'Response body' });
  // Invalid JSON out of a template is the most common mapping bug (a
  // trailing comma after a #foreach); say so next to the body.
  const jsonPill = h('span', { class: 'pill json-pill', hidden: true });
  const producedBy = h('span', { class: 'produced-by', hidden: true });
  const diagnostics = h('div', { class: 'diagnostics', testid: 'diagnostics', 'aria-live': 'polite' });

  const tracePanel = h('div', { testid: 'trace', class: 'trace-panel' });
  const integrationPanel = h('div', { class: 'integration-request', testid: 'integration-request' });
  const logPanel = h('div', { class: 'log-panel', testid: 'log' });
  const panels = { trace: tracePanel, integration: integrationPanel, log: logPanel };
  // The result on screen, and the tabs not yet redrawn for it: a hidden
  // tab is drawn when it is selected, not on every run.
  let shown = null;
  const outdated = new Set();
  const t = tabs({
    label: 'How the response came about',
    className: 'output-tabs',
    active: activeTab,
    onSelect: (id) => { activeTab = id; drawPanel(id); },
    items: [
      { id: 'trace', title: 'Trace' },
      { id: 'integration', title: 'Integration request' },
      { id: 'log', title: 'Execution log' },
    ],
    // All three stay in the DOM (hidden when not selected), so their
    // data-testids are always there to read; a hidden one shows the last
    // result only once selected (drawPanel).
    renderPanel: (id, panel) => {
      panel.append(...Object.values(panels));
      for (const [key, el] of Object.entries(panels)) el.hidden = key !== id;
    },
  });

  const root = h('section', { class: 'panel output-panel', 'aria-labelledby': 'output-heading' },
    h('div', { class: 'panel-head' },
      h('h2', { id: 'output-heading' }, 'Response'),
      h('div', { class: 'status-line', 'aria-live': 'polite' }, busy, h('span', { class: 'visually-hidden' }, 'Status code'), status, reason)),
    banner,
    h('div', { class: 'output-block' }, h('h3', { class: 'block-title' }, 'Headers'), headers),
    h('div', { class: 'output-block' },
      h('div', { class: 'block-title-row' },
        h('h3', { class: 'block-title' }, 'Body', jsonPill),
        h('span', { class: 'provenance-note', hidden: true }, 'Hover the body to see which template text produced it'),
        producedBy),
      body),
    h('div', { class: 'output-block' }, h('h3', { class: 'block-title' }, 'Problems'), diagnostics),
    t.root);
  const provenanceNote = root.querySelector('.provenance-note');
  // The phone bar is only needed while the response is out of view.
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(([entry]) => mobileBar.classList.toggle('is-away', !entry.isIntersecting), { threshold: 0.05 })
      .observe(root);
  }

  let bodySegments = [];

  // Template-level provenance, from the trace (always there): which
  // template rendered the body. Hovering the body outlines that editor.
  let bodyTemplate = null;
  body.addEventListener('mouseenter', () => { if (bodyTemplate && !bodySegments.length) app.outlineTemplate(bodyTemplate, true); });
  body.addEventListener('mouseleave', () => { if (bodyTemplate) app.outlineTemplate(bodyTemplate, false); });

  // Phones: the response sits below the editors, so a bar at the bottom of
  // the screen keeps the status in view and jumps to the response.
  const miniStatus = h('span', { class: 'status-badge status-none' }, '…');
  const miniText = h('span', { class: 'mobile-status-text' }, 'Response');
  const mobileBar = h('a', { class: 'mobile-status', href: '#output-heading', 'aria-label': 'Jump to the response' },
    miniStatus, miniText, h('span', { class: 'mobile-status-go', 'aria-hidden': 'true' }, '↓'));

  // The dot pulses only for runs long enough to notice: most take a few
  // ms, and switching it on and off for each would repaint on every key.
  let busyTimer = null;
  function setBusy(on) {
    clearTimeout(busyTimer);
    if (on) busyTimer = setTimeout(() => busy.classList.add('is-busy'), BUSY_AFTER_MS);
    else busy.classList.toggle('is-busy', false);
  }

  function showBanner(kind, title, text) {
    miniText.textContent = title;
    banner.hidden = false;
    banner.className = `run-status run-status-${kind}`;
    banner.replaceChildren(icon(kind === 'info' ? 'info' : 'alert'), h('div', {}, h('strong', {}, title), text ? h('span', {}, ` ${text}`) : null));
  }
  function hideBanner() {
    if (banner.hidden && !banner.firstChild) return;
    banner.hidden = true;
    banner.replaceChildren();
  }

  function renderResult(result) {
    shown = result;
    const code = Number(result.statusCode);
    setText(status, Number.isFinite(code) ? String(code) : String(result.statusCode ?? '?'));
    setClass(status, `status-badge status-${Number.isFinite(code) ? Math.floor(code / 100) : 'none'}xx`);
    setText(reason, REASONS[code] || '');
    setText(miniStatus, status.textContent);
    setClass(miniStatus, status.className);
    setText(miniText, `${REASONS[code] || 'Response'}${(result.diagnostics || []).length ? ` · ${(result.diagnostics || []).length} problem${result.diagnostics.length > 1 ? 's' : ''}` : ''}`);

    const hs = Object.entries(result.headers || {});
    const mv = result.multiValueHeaders || {};
    patchChildren(headers, [!hs.length && !Object.keys(mv).length
      ? h('p', { class: 'empty-note' }, 'No headers')
      : h('table', { class: 'kv-table' }, h('tbody', {},
        hs.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, String(v)))),
        Object.entries(mv).filter(([k]) => !(k in (result.headers || {})))
          .map(([k, vs]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, [].concat(vs).join(', ')))))),
    ]);

    // Body, linked to the template spans that produced it when the result
    // carries provenance.
    const text = result.body == null ? '' : String(result.body);
    const entries = collectProvenance(result);
    bodySegments = provenanceFor(entries, 'body', text, (name) => app.templateSource(name));
    renderLinkedText(body, text, bodySegments, result.isBase64Encoded);
    const contentType = Object.entries(result.headers || {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] || '';
    if (/json/i.test(contentType) && text.trim() !== '' && !result.isBase64Encoded) {
      setProp(jsonPill, 'hidden', false);
      try {
        JSON.parse(text);
        setText(jsonPill, 'valid JSON');
        setClass(jsonPill, 'pill json-pill pill-hit');
        setProp(jsonPill, 'title', '');
      } catch (e) {
        setText(jsonPill, 'not valid JSON');
        setClass(jsonPill, 'pill json-pill pill-warn');
        setProp(jsonPill, 'title', e.message);
      }
    } else setProp(jsonPill, 'hidden', true);
    setProp(provenanceNote, 'hidden', bodySegments.length === 0);
    const step = [...(result.trace || [])].reverse().find((st) => st && st.step === 'responseTemplate');
    if (bodyTemplate) app.outlineTemplate(bodyTemplate, false);
    bodyTemplate = step && typeof step.template === 'string' ? step.template : null;
    setProp(producedBy, 'hidden', !step);
    body.classList.toggle('has-source', Boolean(bodyTemplate));
    if (bodyTemplate) {
      patchChildren(producedBy, [document.createTextNode('rendered by '), h('button', {
        type: 'button', class: 'link-button mono', onclick: () => app.focusTemplate(bodyTemplate),
        onmouseenter: () => app.outlineTemplate(bodyTemplate, true),
        onmouseleave: () => app.outlineTemplate(bodyTemplate, false),
      }, bodyTemplate)]);
    } else {
      patchChildren(producedBy, step ? [document.createTextNode('passed through (no response template applied)')] : []);
    }

    renderDiagnostics(result.diagnostics || []);
    applyTemplateLink();

    outdated.add('trace').add('integration').add('log');
    for (const id of ['trace', 'integration', 'log']) if (id === activeTab) drawPanel(id);
  }

  /** Draw a tab of the last result, if it has not been drawn for it yet. */
  function drawPanel(id) {
    if (!shown || !outdated.delete(id)) return;
    const result = shown;
    if (id === 'trace') {
      patchTrace(tracePanel, result.trace, { onTemplate: (name) => app.focusTemplate(name) });
    } else if (id === 'integration') {
      patchChildren(integrationPanel, integrationRequestView(result));
      applyTemplateLink();
    } else if (id === 'log') {
      const log = Array.isArray(result.log) ? result.log : [];
      patchChildren(logPanel, [!log.length
        ? h('p', { class: 'empty-note' }, 'No log lines.')
        : h('ol', { class: 'log-lines mono' }, log.map((line) => h('li', {}, typeof line === 'string' ? line : JSON.stringify(line))))]);
    }
  }

  function integrationRequestView(result) {
    const ir = result.integrationRequest;
    const type = app.store.get().integration?.type;
    if (!ir || type === 'MOCK') {
      return [h('p', { class: 'empty-note' }, type === 'MOCK'
        ? 'A MOCK integration sends nothing anywhere: the request template’s output only picks the status code (see the trace).'
        : 'No integration request in this result (the pipeline stopped before it).')];
    }
    const irText = ir.body == null ? '' : String(ir.body);
    const irSegments = provenanceFor(collectProvenance(result), 'integrationRequest.body', irText, (name) => app.templateSource(name));
    const irBody = h('pre', { class: 'body-view', tabindex: '0', 'aria-label': 'Integration request body' });
    renderLinkedText(irBody, irText, irSegments, false);
    return [
      h('div', { class: 'request-line mono' }, h('span', { class: 'method-pill' }, ir.method || ir.httpMethod || ''), h('span', {}, ir.uri || ir.url || '')),
      h('h4', { class: 'minor-heading' }, 'Headers'),
      Object.keys(ir.headers || {}).length
        ? h('table', { class: 'kv-table' }, h('tbody', {}, Object.entries(ir.headers).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, String(v))))))
        : h('p', { class: 'empty-note' }, 'No headers'),
      h('h4', { class: 'minor-heading' }, 'Body'),
      irBody,
    ];
  }

  let diagnosticsShown = null; // the list drawn
  function renderDiagnostics(list) {
    // The same problems again (most keystrokes): nothing to redraw. Their
    // "go to" buttons would otherwise be made anew each time (controls are
    // never patched in place: patch.js).
    if (diagnosticsShown && sameData(list, diagnosticsShown)) return;
    diagnosticsShown = list;
    if (!list.length) {
      patchChildren(diagnostics, [h('p', { class: 'ok-note' }, icon('check'), 'No problems')]);
      return;
    }
    patchChildren(diagnostics, [h('ul', { class: 'diag-list' }, list.map((d) => {
      const sev = d.severity === 'warning' || d.severity === 'info' ? d.severity : 'error';
      const where = d.template ? `${d.template}${d.line ? `:${d.line}:${d.column || 1}` : ''}` : '';
      return h('li', { class: `diag diag-${sev}` },
        h('span', { class: `sev-tag sev-${sev}` }, sev),
        h('span', { class: 'diag-message' }, d.message || String(d)),
        where ? h('button', {
          type: 'button', class: 'link-button mono diag-where',
          onclick: () => app.focusTemplate(d.template, d.line, d.column),
          'aria-label': `Go to ${where}`,
        }, where) : null);
    }))]);
  }

  /**
   * Text into `el`, spans for provenance segments (text nodes only),
   * patched: an unchanged body is not touched. Without segments, long
   * text goes in blocks of lines (text-view.js).
   */
  function renderLinkedText(el, text, segments, base64) {
    el.classList.toggle('is-empty', text === '');
    const nodes = [];
    if (text === '') {
      nodes.push(h('span', { class: 'muted' }, '(empty body)'));
    } else {
      if (base64) nodes.push(h('span', { class: 'pill' }, 'base64'), document.createTextNode(' '));
      let pos = 0;
      segments.forEach((seg, i) => {
        const [s, e] = seg.output;
        if (s < pos) return; // overlapping entries: keep the first
        if (s > pos) nodes.push(document.createTextNode(text.slice(pos, s)));
        const span = h('span', {
          class: 'prov', dataset: { seg: String(i) },
          onmouseenter: () => app.highlightTemplate(seg.template, [seg.source]),
          onmouseleave: () => app.highlightTemplate(null),
        }, text.slice(s, e));
        span._seg = seg;
        nodes.push(span);
        pos = e;
      });
      if (pos === 0) nodes.push(...textChunks(text));
      else if (pos < text.length) nodes.push(document.createTextNode(text.slice(pos)));
    }
    patchChildren(el, nodes);
  }

  /**
   * The reverse link: the cursor or selection in a template (UTF-16
   * offsets) lights up the output it produced; `name` null clears it. It
   * is kept across runs, so typing in a template keeps its output lit.
   */
  let templateLink = null;
  function linkFromTemplate(name, from, to) {
    templateLink = name ? { name, from, to } : null;
    applyTemplateLink();
  }
  function applyTemplateLink() {
    const l = templateLink;
    for (const span of root.querySelectorAll('.prov')) {
      const seg = span._seg;
      const on = l && seg && seg.template === l.name && seg.source[0] < Math.max(l.to, l.from + 1) && seg.source[1] > l.from;
      span.classList.toggle('is-linked', Boolean(on));
    }
  }

  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function setClass(el, name) { if (el.className !== name) el.className = name; }

  return { root, mobileBar, renderResult, showBanner, hideBanner, setBusy, linkFromTemplate, renderDiagnostics };
}
