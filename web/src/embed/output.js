// The embed's output column: the response the client gets (status, body),
// what a non-MOCK integration would send its backend, diagnostics, and the
// pipeline trace (collapsed). Text only ever through textContent.

import { h } from '../ui/dom.js';

// Reason phrases API Gateway's clients commonly see; anything else shows
// the code alone.
const REASONS = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content',
  301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

// Headers every API Gateway answer carries (request and trace ids): noise
// in a docs example. Content-Type is shown beside the status instead.
const QUIET_HEADERS = new Set(['content-type', 'x-amzn-requestid', 'x-amz-apigw-id', 'x-amzn-trace-id', 'date', 'content-length', 'connection']);

const STEP_LABELS = {
  requestTemplate: 'Request template',
  mockStatus: 'MOCK status',
  selectionPattern: 'Selection pattern',
  integrationResponse: 'Integration response',
  responseTemplate: 'Response template',
  gatewayResponse: 'Gateway response',
  passthrough: 'Passthrough',
};

function headerValue(headers, name) {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers || {})) if (k.toLowerCase() === lower) return String(v);
  return null;
}

export function createOutput({ onDiagnosticClick }) {
  const code = h('span', { class: 'code', part: 'status', testid: 'embed-status' }, '…');
  const reason = h('span', { class: 'reason' });
  const ctype = h('span', { class: 'ctype' });
  const busy = h('span', { class: 'busy', hidden: true, 'aria-hidden': 'true' });
  const statusRow = h('div', { class: 'status-row', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'sr' }, 'Response status'), code, reason, busy, ctype);
  const body = h('pre', { class: 'body empty', part: 'body', testid: 'embed-body', tabindex: '0', 'aria-label': 'Response body' }, 'Running…');
  const sentBody = h('pre', { class: 'body', testid: 'embed-integration-body', tabindex: '0', 'aria-label': 'Integration request body' });
  const sentLabel = h('span', { class: 'label' }, 'Sent to the backend');
  const sent = h('div', { class: 'section', hidden: true }, sentLabel, sentBody);
  const banner = h('div', { class: 'banner', hidden: true, role: 'alert' });
  const diags = h('ul', { class: 'diags', testid: 'embed-diagnostics', hidden: true });
  const steps = h('ol', { class: 'steps' });
  const traceSummary = h('summary', {}, 'Trace');
  const trace = h('details', { class: 'trace', testid: 'embed-trace' }, traceSummary, steps);

  const headers = h('div', { class: 'headers', testid: 'embed-headers', hidden: true });

  // Pipeline order: what the backend receives (non-MOCK), then what the
  // client receives.
  const root = h('section', { class: 'out', 'aria-label': 'Output' },
    sent,
    h('div', { class: 'section' }, h('span', { class: 'label' }, 'Response'), statusRow, headers, body),
    banner, diags, trace);

  function setBody(pre, text) {
    const empty = text === '' || text == null;
    pre.classList.toggle('empty', empty);
    pre.textContent = empty ? '(empty body)' : String(text);
  }

  function showDiagnostics(all) {
    const list = all.filter((d) => d && d.message);
    diags.hidden = list.length === 0;
    diags.replaceChildren(...list.map((d) => {
      const where = [d.template, d.line ? `${d.line}:${d.column ?? 1}` : null].filter(Boolean).join(' ');
      const li = h('li', { class: d.severity === 'warning' ? 'warning' : 'error' },
        where ? h('span', { class: 'where' }, where) : null, d.message);
      if (d.template) {
        li.dataset.tab = d.template;
        li.addEventListener('click', () => onDiagnosticClick(d));
      }
      return li;
    }));
  }

  return {
    root,
    showDiagnostics,
    setBusy(on) { busy.hidden = !on; },
    showBanner(kind, text) {
      banner.className = `banner${kind === 'error' ? ' error' : ''}`;
      banner.textContent = text;
      banner.hidden = false;
    },
    hideBanner() { banner.hidden = true; },
    render(result, { showIntegrationRequest }) {
      const status = Number(result.statusCode);
      code.textContent = Number.isFinite(status) ? String(status) : '?';
      code.className = `code s${String(status)[0]}`;
      reason.textContent = REASONS[status] ?? '';
      ctype.textContent = headerValue(result.headers, 'Content-Type') ?? '';
      setBody(body, result.body);
      // Headers besides Content-Type (shown beside the status) are what
      // templates and parameter mappings add: worth seeing.
      const extra = Object.entries(result.headers || {}).filter(([k]) => !QUIET_HEADERS.has(k.toLowerCase()));
      headers.hidden = extra.length === 0;
      headers.replaceChildren(...extra.map(([k, v]) => h('div', {}, h('span', { class: 'hname' }, `${k}:`), ` ${v}`)));

      const ir = result.integrationRequest;
      sent.hidden = !(showIntegrationRequest && ir);
      if (!sent.hidden) {
        sentLabel.textContent = `Sent to the backend${ir.method ? ` · ${ir.method}` : ''}`;
        setBody(sentBody, ir.body);
      }

      showDiagnostics(result.diagnostics || []);

      const items = (result.trace || []).filter((s) => s && typeof s === 'object');
      traceSummary.textContent = `Trace · ${items.length} step${items.length === 1 ? '' : 's'}`;
      steps.replaceChildren(...items.map(traceItem));
    },
  };
}

function traceItem(step) {
  const label = STEP_LABELS[step.step] ?? String(step.step ?? 'step').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  const facts = [];
  for (const [k, v] of Object.entries(step)) {
    if (k === 'step' || k === 'why' || v == null) continue;
    if (typeof v === 'object') continue;
    const text = String(v);
    if (text.length > 60 || text.includes('\n')) continue;
    facts.push(`${k}: ${text}`);
  }
  return h('li', {},
    h('span', { class: 'step' }, label),
    step.why ? h('span', {}, String(step.why)) : null,
    facts.length ? h('div', { class: 'facts' }, facts.join(' · ')) : null);
}
