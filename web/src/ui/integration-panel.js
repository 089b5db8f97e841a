// The method integration: its type, endpoint, request templates and the
// integration responses (status code, selection pattern, parameters,
// templates). Re-rendered whole on structural edits; typing in an editor
// only updates the state.

import { h, icon, uid } from './dom.js';
import { kvEditor, rowsFromMap, rowsToMap } from './kv.js';
import { templateSet } from './template-set.js';
import { renameKey } from './store.js';
import { requestTemplateName, responseTemplateName } from './registry.js';
import { INTEGRATION_TYPES, isLambdaIntegration, switchIntegrationType } from './integration-types.js';

// What each passthrough behavior does with a request whose Content-Type
// has no template (AWS guide: integration-passthrough-behaviors.md).
const PASSTHROUGH = [
  ['WHEN_NO_MATCH', 'No template for the Content-Type: the body passes through unchanged.'],
  ['WHEN_NO_TEMPLATES', 'Passes through only when there are no templates at all; otherwise 415.'],
  ['NEVER', 'No template for the Content-Type: 415 Unsupported Media Type.'],
];
const CONTENT_HANDLING = [['', '(not set: passthrough)'], ['CONVERT_TO_TEXT', 'CONVERT_TO_TEXT'], ['CONVERT_TO_BINARY', 'CONVERT_TO_BINARY']];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/**
 * @param {object} app  {store, registry, scheduleCheck, onTemplateSelection}
 */
export function integrationPanel(app) {
  const root = h('section', { class: 'panel integration-panel', 'aria-labelledby': 'integration-heading' });
  let disposers = [];

  function render() {
    for (const d of disposers) d();
    disposers = [];
    const integration = app.store.get().integration;
    const type = integration.type || 'MOCK';
    const isProxy = type === 'HTTP_PROXY' || type === 'AWS_PROXY';
    // `focus`: a selector for what gets the focus after a structural
    // re-render, so keyboard users stay where they were working.
    const update = (fn, structural = false, focus = undefined) => app.store.update((s) => { fn(s.integration, s); }, { structural, source: 'integration', focus });

    // --- type switch -------------------------------------------------------
    const typeGroup = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Integration type' });
    INTEGRATION_TYPES.forEach((t) => {
      const id = uid('type');
      const input = h('input', {
        type: 'radio', name: 'integration-type', id, value: t.type, checked: t.type === type,
        class: 'visually-hidden-input',
        onchange: () => app.store.update((s) => switchIntegrationType(s, t.type), { structural: true, source: 'type', focus: 'input[name="integration-type"]:checked' }),
      });
      typeGroup.append(input, h('label', { for: id, title: t.hint }, t.label));
    });
    const typeInfo = INTEGRATION_TYPES.find((t) => t.type === type);

    const head = h('div', { class: 'panel-head' },
      h('h2', { id: 'integration-heading' }, 'Integration'),
      typeGroup);
    const hint = h('p', { class: 'panel-hint' }, typeInfo ? typeInfo.hint : '');

    // --- endpoint (non-MOCK) ----------------------------------------------
    let endpoint = null;
    if (type !== 'MOCK') {
      const mId = uid('m'); const uId = uid('u');
      endpoint = h('div', { class: 'endpoint-row' },
        h('label', { class: 'visually-hidden', for: mId }, 'Integration HTTP method'),
        h('select', {
          id: mId, class: 'select method-select',
          onchange: (e) => update((i) => { i.httpMethod = e.target.value; }),
        }, METHODS.map((m) => h('option', { value: m, selected: m === (integration.httpMethod || 'POST') }, m))),
        h('label', { class: 'visually-hidden', for: uId }, 'Integration URI'),
        h('input', {
          id: uId, class: 'input mono grow', type: 'text', value: integration.uri || '', spellcheck: 'false', 'data-focus': 'uri',
          placeholder: type.startsWith('HTTP') ? 'https://backend.example.com/{proxy}' : 'arn:aws:apigateway:…',
          oninput: (e) => update((i) => { i.uri = e.target.value; }),
          // Lambda vs other AWS services changes the backend form.
          onchange: () => app.store.update(() => {}, { structural: true, source: 'uri', focus: '[data-focus="uri"]' }),
        }));
    }

    // --- settings -----------------------------------------------------------
    const ptId = uid('pt'); const chId = uid('ch');
    const currentPt = integration.passthroughBehavior || 'WHEN_NO_MATCH';
    const ptHint = h('span', { class: 'field-hint', id: `${ptId}-hint` }, PASSTHROUGH.find(([v]) => v === currentPt)?.[1] || '');
    const settings = h('div', { class: 'settings-row' },
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: ptId }, 'Passthrough behavior'),
        h('select', {
          id: ptId, class: 'select mono-select', disabled: isProxy, 'aria-describedby': `${ptId}-hint`,
          onchange: (e) => {
            update((i) => { i.passthroughBehavior = e.target.value; });
            ptHint.textContent = PASSTHROUGH.find(([v]) => v === e.target.value)?.[1] || '';
          },
        }, PASSTHROUGH.map(([v]) => h('option', { value: v, selected: v === currentPt }, v))),
        ptHint),
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: chId }, 'Content handling'),
        h('select', {
          id: chId, class: 'select mono-select',
          onchange: (e) => update((i) => { if (e.target.value) i.contentHandling = e.target.value; else delete i.contentHandling; }),
        }, CONTENT_HANDLING.map(([v, label]) => h('option', { value: v, selected: v === (integration.contentHandling || '') }, label)))));

    const requestParameters = details(
      `Request parameters`, Object.keys(integration.requestParameters || {}).length,
      kvEditor({
        rows: rowsFromMap(integration.requestParameters),
        nameLabel: 'Integration request parameter', valueLabel: 'Mapped from',
        namePlaceholder: 'integration.request.header.X-Id', valuePlaceholder: "method.request.querystring.id or 'literal'",
        addLabel: 'Add mapping', warnDuplicates: true,
        onChange: (rows) => update((i) => { const m = rowsToMap(rows); if (m) i.requestParameters = m; else delete i.requestParameters; }),
      }), 'Maps method request values (or quoted literals) onto the integration request.');

    // --- request templates --------------------------------------------------
    const reqTemplates = templateSet({
      app,
      key: 'request',
      title: 'Request templates',
      templates: integration.requestTemplates || {},
      nameOf: requestTemplateName,
      testid: 'request-template',
      disabled: isProxy,
      emptyText: 'No request template. The body is passed through as is (subject to the passthrough behavior).',
      onEdit: (ct, text) => update((i) => { i.requestTemplates[ct] = text; }),
      onRename: (from, to) => update((i) => { i.requestTemplates = renameKey(i.requestTemplates, from, to); }, true, '[data-focus="ct:request"]'),
      onAdd: (ct) => update((i) => { i.requestTemplates = { ...(i.requestTemplates || {}), [ct]: '' }; }, true, '[data-focus="ct:request"]'),
      onRemove: (ct) => update((i) => { delete i.requestTemplates[ct]; }, true, '[data-focus="add:request"]'),
    });
    disposers.push(() => reqTemplates.dispose());

    const requestSection = h('div', { class: 'subsection' },
      h('div', { class: 'subsection-head' },
        h('h3', {}, 'Integration request'),
        h('span', { class: 'subsection-note' }, isProxy
          ? 'Not used: a proxy integration passes the request through unchanged.'
          : 'The template chosen by the request’s Content-Type builds the integration request body.')),
      reqTemplates.root, requestParameters);

    // --- integration responses ---------------------------------------------
    const responses = integration.integrationResponses || {};
    let added = null;
    const cards = Object.entries(responses).map(([code, resp]) => responseCard(app, integration, code, resp, update, disposers));
    const addResponse = h('button', {
      type: 'button', class: 'text-button',
      'data-focus': 'add-response',
      onclick: () => update((i) => {
        const taken = new Set(Object.keys(i.integrationResponses || {}));
        const code = ['400', '404', '500', '502', '403', '401', '409', '422', '504'].find((c) => !taken.has(c)) || String(600 + taken.size);
        i.integrationResponses = { ...(i.integrationResponses || {}) };
        i.integrationResponses[code] = {
          statusCode: code, selectionPattern: `${code[0]}\\d{2}`,
          responseTemplates: { 'application/json': `{"message": "${code}"}` },
        };
        added = code;
      }, true, () => `[data-focus="status:${added}"]`),
    }, icon('plus'), 'Add integration response');

    const responseSection = h('div', { class: 'subsection' },
      h('div', { class: 'subsection-head' },
        h('h3', {}, 'Integration responses'),
        h('span', { class: 'subsection-note' }, isProxy
          ? 'Not used: the backend’s response goes to the client as is.'
          : selectionNote(integration))),
      h('div', { class: `response-cards${isProxy ? ' is-disabled' : ''}` }, cards.length ? cards : h('p', { class: 'empty-note' }, 'No integration responses: API Gateway answers 500 "Internal server error" after the integration runs.')),
      addResponse);

    root.replaceChildren(...[head, hint, endpoint, settings, requestSection, responseSection].filter(Boolean));
  }

  render();
  app.store.subscribe((state, info) => {
    if (!info.structural) return;
    render();
    const focus = typeof info.focus === 'function' ? info.focus() : info.focus;
    if (focus) root.querySelector(focus)?.focus();
  });
  return { root, render };
}

function selectionNote(integration) {
  if (integration.type === 'MOCK') return 'The status code the request template printed is matched against each selection pattern; no match → the default response (empty pattern).';
  if (isLambdaIntegration(integration)) return 'Selection patterns match the Lambda function’s errorMessage; a successful invocation takes the default response.';
  return 'Selection patterns match the backend’s HTTP status code; no match → the default response.';
}

function responseCard(app, integration, code, resp, update, disposers) {
  const scId = uid('sc'); const spId = uid('sp');
  const isDefault = resp.selectionPattern == null || resp.selectionPattern === '';
  const error = h('span', { class: 'field-error', role: 'alert' });
  const statusInput = h('input', {
    id: scId, class: 'input mono status-input', type: 'text', inputmode: 'numeric', value: code, maxlength: '3', 'data-focus': `status:${code}`,
    onchange: (e) => {
      const next = e.target.value.trim();
      error.textContent = '';
      if (next === code) return;
      if (!/^[1-5]\d\d$/.test(next)) { error.textContent = 'A status code is three digits, 100–599.'; e.target.value = code; return; }
      if ((integration.integrationResponses || {})[next]) { error.textContent = `There is already a ${next} response.`; e.target.value = code; return; }
      update((i) => {
        const r = i.integrationResponses[code];
        delete i.integrationResponses[code];
        r.statusCode = next;
        i.integrationResponses[next] = r;
      }, true, `[data-focus="status:${next}"]`);
    },
    onkeydown: (e) => { if (e.key === 'Enter') e.target.dispatchEvent(new Event('change')); },
  });
  const defaultPill = h('span', { class: `pill pill-default${isDefault ? '' : ' hidden'}` }, 'default');
  const chosenPill = h('span', { class: 'pill pill-hit chosen-pill', hidden: true }, 'selected for this request');
  const patternInput = h('input', {
    id: spId, class: 'input mono grow', type: 'text', value: resp.selectionPattern || '', spellcheck: 'false',
    placeholder: '(empty: the default response)',
    oninput: (e) => {
      const v = e.target.value;
      defaultPill.classList.toggle('hidden', v !== '');
      update((i) => { if (v === '') delete i.integrationResponses[code].selectionPattern; else i.integrationResponses[code].selectionPattern = v; });
    },
  });
  const remove = h('button', {
    type: 'button', class: 'icon-button', 'aria-label': `Remove the ${code} integration response`, title: 'Remove this response',
    onclick: () => update((i) => { delete i.integrationResponses[code]; }, true, '[data-focus="add-response"]'),
  }, icon('x'));

  const params = details('Response parameters', Object.keys(resp.responseParameters || {}).length, kvEditor({
    rows: rowsFromMap(resp.responseParameters),
    nameLabel: 'Method response parameter', valueLabel: 'Mapped from',
    namePlaceholder: 'method.response.header.X-Id', valuePlaceholder: "integration.response.header.x or 'literal'",
    addLabel: 'Add mapping', warnDuplicates: true,
    onChange: (rows) => update((i) => { const m = rowsToMap(rows); const r = i.integrationResponses[code]; if (m) r.responseParameters = m; else delete r.responseParameters; }),
  }), 'Headers for the client: from the integration response, or quoted literals.');

  const templates = templateSet({
    app,
    key: `response:${code}`,
    title: `Response templates for ${code}`,
    templates: resp.responseTemplates || {},
    nameOf: (ct) => responseTemplateName(code, ct),
    emptyText: 'No response template: the backend body passes through unchanged.',
    onEdit: (ct, text) => update((i) => { i.integrationResponses[code].responseTemplates[ct] = text; }),
    onRename: (from, to) => update((i) => { const r = i.integrationResponses[code]; r.responseTemplates = renameKey(r.responseTemplates, from, to); }, true, `[data-focus="ct:response:${code}"]`),
    onAdd: (ct) => update((i) => { const r = i.integrationResponses[code]; r.responseTemplates = { ...(r.responseTemplates || {}), [ct]: '' }; }, true, `[data-focus="ct:response:${code}"]`),
    onRemove: (ct) => update((i) => { delete i.integrationResponses[code].responseTemplates[ct]; }, true, `[data-focus="add:response:${code}"]`),
  });
  disposers.push(() => templates.dispose());

  const card = h('article', { class: 'response-card', 'aria-label': `Integration response ${code}` },
    h('div', { class: 'response-card-head' },
      h('div', { class: 'field field-status' },
        h('label', { class: 'field-label', for: scId }, 'Status'), statusInput),
      h('div', { class: 'field grow' },
        h('label', { class: 'field-label', for: spId }, 'Selection pattern', defaultPill), patternInput),
      remove),
    chosenPill,
    error,
    templates.root,
    params);
  card.dataset.statusCode = code;
  return card;
}

/** A <details> section with a count badge. */
export function details(title, count, content, note) {
  return h('details', { class: 'mini-details' },
    h('summary', {}, title, count ? h('span', { class: 'count' }, String(count)) : null),
    note ? h('p', { class: 'panel-hint' }, note) : null,
    content);
}
