// The method request a client sends, in the Lambda proxy event shape the
// contract takes: method, path, resource path, query string (multi-valued
// too), headers, path parameters, stage variables, body, and the $context
// values a user sets (stage, identity, authorizer claims).

import { h, uid } from './dom.js';
import { kvEditor, rowsFromSingleAndMulti, rowsToSingleAndMulti, rowsFromMap, rowsToMap } from './kv.js';
import { tabs } from './tabs.js';
import { createEditor } from './editor.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
let activeTab = 'query';

export function requestPanel(app) {
  const root = h('section', { class: 'panel request-panel', 'aria-labelledby': 'request-heading' });
  let disposers = [];

  const update = (fn) => app.store.update((s) => { fn(s.request, s); }, { structural: false, source: 'request' });

  function render() {
    for (const d of disposers) d();
    disposers = [];
    const r = app.store.get().request || {};
    const mId = uid('method'); const pId = uid('path'); const rpId = uid('rp');

    const urlBar = h('div', { class: 'url-bar' },
      h('label', { class: 'visually-hidden', for: mId }, 'HTTP method'),
      h('select', {
        id: mId, class: 'select method-select',
        onchange: (e) => update((q) => { q.httpMethod = e.target.value; }),
      }, METHODS.map((m) => h('option', { value: m, selected: m === (r.httpMethod || 'GET') }, m))),
      h('label', { class: 'visually-hidden', for: pId }, 'Path'),
      h('input', {
        id: pId, class: 'input mono grow', type: 'text', value: r.path || '/', spellcheck: 'false', autocomplete: 'off',
        oninput: (e) => update((q) => { q.path = e.target.value; }),
      }));
    const resource = h('div', { class: 'field inline-field' },
      h('label', { class: 'field-label', for: rpId }, 'Resource'),
      h('input', {
        id: rpId, class: 'input mono grow', type: 'text', value: r.resourcePath || '/', spellcheck: 'false',
        placeholder: '/pets/{petId}', autocomplete: 'off',
        oninput: (e) => update((q) => { q.resourcePath = e.target.value; }),
      }));

    const counts = {
      query: rowsFromSingleAndMulti(r.queryStringParameters, r.multiValueQueryStringParameters).length,
      headers: rowsFromSingleAndMulti(r.headers, r.multiValueHeaders).length,
      path: Object.keys(r.pathParameters || {}).length,
      stage: Object.keys(r.stageVariables || {}).length,
      body: r.body ? 1 : 0,
      context: 0,
    };
    const tabDisposers = [];
    disposers.push(() => { for (const d of tabDisposers.splice(0)) d(); });
    const badge = (n) => (n ? h('span', { class: 'count' }, String(n)) : null);
    const t = tabs({
      label: 'Request parts',
      className: 'request-tabs',
      active: activeTab,
      onSelect: (id) => { activeTab = id; },
      items: [
        { id: 'query', title: 'Query', badge: badge(counts.query) },
        { id: 'headers', title: 'Headers', badge: badge(counts.headers) },
        { id: 'path', title: 'Path', badge: badge(counts.path) },
        { id: 'stage', title: 'Stage vars', badge: badge(counts.stage) },
        { id: 'body', title: 'Body', badge: badge(counts.body) },
        { id: 'context', title: 'Context' },
      ],
      renderPanel: (id, panel) => {
        for (const d of tabDisposers.splice(0)) d();
        panel.append(renderTab(id));
      },
    });

    function renderTab(id) {
      const req = app.store.get().request || {};
      if (id === 'query') {
        return h('div', {},
          h('p', { class: 'panel-hint' }, 'Repeat a name for a multi-valued parameter: $input.params() sees the last value.'),
          kvEditor({
            rows: rowsFromSingleAndMulti(req.queryStringParameters, req.multiValueQueryStringParameters),
            nameLabel: 'Query parameter name', valueLabel: 'Query parameter value', addLabel: 'Add parameter',
            testid: 'request-query',
            onChange: (rows) => update((q) => {
              const { single, multi } = rowsToSingleAndMulti(rows);
              q.queryStringParameters = single;
              q.multiValueQueryStringParameters = multi;
            }),
          }));
      }
      if (id === 'headers') {
        return h('div', {},
          h('p', { class: 'panel-hint' }, 'Content-Type picks the request template; names match case-insensitively.'),
          kvEditor({
            rows: rowsFromSingleAndMulti(req.headers, req.multiValueHeaders),
            nameLabel: 'Header name', valueLabel: 'Header value', addLabel: 'Add header',
            namePlaceholder: 'Content-Type', valuePlaceholder: 'application/json',
            testid: 'request-headers',
            onChange: (rows) => update((q) => {
              const { single, multi } = rowsToSingleAndMulti(rows);
              q.headers = single;
              q.multiValueHeaders = multi;
            }),
          }));
      }
      if (id === 'path') {
        const wrap = h('div', {});
        const fill = h('button', {
          type: 'button', class: 'text-button',
          onclick: () => {
            const cur = app.store.get().request || {};
            const derived = derivePathParameters(cur.resourcePath || '', cur.path || '');
            if (!derived) { note.textContent = 'The path does not fit the resource path.'; return; }
            update((q) => { q.pathParameters = Object.keys(derived).length ? derived : null; });
            wrap.replaceChildren(renderTab('path'));
          },
        }, 'Fill from path and resource');
        const note = h('span', { class: 'field-error', role: 'status' });
        wrap.append(
          h('p', { class: 'panel-hint' }, 'Values of the {placeholders} in the resource path.'),
          kvEditor({
            rows: rowsFromMap(req.pathParameters),
            nameLabel: 'Path parameter name', valueLabel: 'Path parameter value', addLabel: 'Add path parameter',
            warnDuplicates: true,
            onChange: (rows) => update((q) => { q.pathParameters = rowsToMap(rows); }),
          }),
          h('div', { class: 'row-actions' }, fill, note));
        return wrap;
      }
      if (id === 'stage') {
        return h('div', {},
          h('p', { class: 'panel-hint' }, '$stageVariables in templates; also usable in the integration URI.'),
          kvEditor({
            rows: rowsFromMap(req.stageVariables),
            nameLabel: 'Stage variable name', valueLabel: 'Stage variable value', addLabel: 'Add stage variable',
            warnDuplicates: true,
            onChange: (rows) => update((q) => { q.stageVariables = rowsToMap(rows); }),
          }));
      }
      if (id === 'body') {
        const host = h('div', { class: 'editor-host editor-body' });
        const b64Id = uid('b64');
        const ct = Object.entries(req.headers || {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
        const wrap = h('div', {},
          h('p', { class: 'panel-hint' }, '$input.body, $input.json(\'$\') and $input.path(\'$\') read this. ',
            ct
              ? ['Sent with Content-Type ', h('code', { class: 'inline-code' }, ct), ', which picks the request template (change it under Headers).']
              // AWS guide (request-response-data-mappings): without a
              // Content-Type, API Gateway takes application/json.
              : 'No Content-Type header: API Gateway takes application/json to pick the request template.'),
          host,
          h('label', { class: 'check', for: b64Id },
            h('input', {
              id: b64Id, type: 'checkbox', checked: Boolean(req.isBase64Encoded),
              onchange: (e) => update((q) => { q.isBase64Encoded = e.target.checked; }),
            }), 'Body is base64-encoded'));
        const editor = createEditor({
          parent: host, doc: req.body == null ? '' : String(req.body), language: 'json', gutter: false, compact: true,
          label: 'Request body', testid: 'request-body', placeholder: '{"name": "Rex"}',
          onChange: (text) => update((q) => { q.body = text === '' ? null : text; }),
        });
        tabDisposers.push(() => editor.destroy());
        return wrap;
      }
      // context
      const ctx = req.requestContext || {};
      const field = (label, value, set, placeholder) => {
        const id = uid('ctx');
        return h('div', { class: 'field' },
          h('label', { class: 'field-label', for: id }, label),
          h('input', {
            id, class: 'input mono', type: 'text', value: value || '', placeholder, spellcheck: 'false', autocomplete: 'off',
            oninput: (e) => update((q) => { q.requestContext = q.requestContext || {}; set(q.requestContext, e.target.value); prune(q); }),
          }));
      };
      return h('div', {},
        h('p', { class: 'panel-hint' }, 'What $context holds for this request. Left empty, each has a realistic default.'),
        h('div', { class: 'field-grid' },
          field('$context.stage', ctx.stage, (c, v) => setOrDelete(c, 'stage', v), 'test'),
          field('$context.identity.sourceIp', ctx.identity?.sourceIp, (c, v) => setOrDelete((c.identity ||= {}), 'sourceIp', v), '203.0.113.7'),
          field('$context.identity.userAgent', ctx.identity?.userAgent, (c, v) => setOrDelete((c.identity ||= {}), 'userAgent', v), 'curl/8.5.0')),
        h('h4', { class: 'minor-heading' }, '$context.authorizer.claims'),
        kvEditor({
          rows: rowsFromMap(ctx.authorizer?.claims),
          nameLabel: 'Claim name', valueLabel: 'Claim value', addLabel: 'Add claim',
          namePlaceholder: 'sub', valuePlaceholder: 'a1b2c3',
          warnDuplicates: true,
          onChange: (rows) => update((q) => {
            q.requestContext = q.requestContext || {};
            const claims = rowsToMap(rows);
            if (claims) q.requestContext.authorizer = { ...(q.requestContext.authorizer || {}), claims };
            else if (q.requestContext.authorizer) delete q.requestContext.authorizer.claims;
            prune(q);
          }),
        }));
    }

    root.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { id: 'request-heading' }, 'Method request')),
      urlBar, resource, t.root);
  }

  render();
  app.store.subscribe((state, info) => { if (info.source === 'replace') render(); });
  return { root, render };
}

function setOrDelete(obj, key, value) {
  if (value === '') delete obj[key]; else obj[key] = value;
}

/** Drop empty objects from requestContext so the default $context shows through. */
function prune(q) {
  const c = q.requestContext;
  if (!c) return;
  if (c.identity && Object.keys(c.identity).length === 0) delete c.identity;
  if (c.authorizer && Object.keys(c.authorizer).length === 0) delete c.authorizer;
}

/** "/pets/{petId}" + "/pets/42" → {petId: "42"}; {proxy+} takes the rest. null when they don't fit. */
export function derivePathParameters(resourcePath, path) {
  const rs = resourcePath.split('/').filter(Boolean);
  const ps = path.split('?')[0].split('/').filter(Boolean);
  const out = {};
  for (let i = 0; i < rs.length; i += 1) {
    const greedy = /^\{(.+)\+\}$/.exec(rs[i]);
    if (greedy) { out[greedy[1]] = ps.slice(i).join('/'); return out; }
    if (i >= ps.length) return null;
    const m = /^\{(.+)\}$/.exec(rs[i]);
    if (m) out[m[1]] = decodeURIComponent(ps[i]);
    else if (rs[i] !== ps[i]) return null;
  }
  return ps.length === rs.length ? out : null;
}
