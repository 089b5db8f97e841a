// What the integration endpoint answers (options.backend in the contract),
// so selection patterns can be tried against status codes and Lambda
// errors: status/headers/body for HTTP and AWS services, payload or
// errorMessage/errorType for a Lambda function.

import { h, uid } from './dom.js';
import { kvEditor, rowsFromMap, rowsToMap } from './kv.js';
import { createEditor } from './editor.js';
import { isLambdaIntegration, defaultBackend, effectiveBackend } from './integration-types.js';

export function backendPanel(app) {
  const root = h('section', { class: 'panel backend-panel', 'aria-labelledby': 'backend-heading' });
  let disposers = [];
  const update = (fn, structural = false, focus = undefined) => app.store.update((s) => {
    s.options = s.options || {};
    s.options.backend = effectiveBackend(s);
    fn(s.options.backend, s);
  }, { structural, source: 'backend', focus });

  function render() {
    for (const d of disposers.splice(0)) d();
    const { integration, options } = app.store.get();
    if (!integration || integration.type === 'MOCK') {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    root.hidden = false;
    const lambda = isLambdaIntegration(integration);
    const backend = effectiveBackend({ integration, options });
    const head = h('div', { class: 'panel-head' },
      h('h2', { id: 'backend-heading' }, lambda ? 'Lambda function answers' : 'Backend answers'));

    if (lambda) {
      const fails = 'errorMessage' in backend || 'errorType' in backend;
      const name = uid('lambda');
      const okId = uid('ok'); const errId = uid('err');
      const mode = h('div', { class: 'segmented small', role: 'radiogroup', 'aria-label': 'Lambda outcome' },
        h('input', {
          type: 'radio', id: okId, name, class: 'visually-hidden-input', checked: !fails, 'data-focus': 'lambda-mode',
          onchange: () => update((b, s) => { s.options.backend = { payload: defaultBackend(s.integration).payload }; }, true, '[data-focus="lambda-mode"]:checked'),
        }), h('label', { for: okId }, 'Returns'),
        h('input', {
          type: 'radio', id: errId, name, class: 'visually-hidden-input', checked: fails, 'data-focus': 'lambda-mode',
          onchange: () => update((b, s) => { s.options.backend = { errorMessage: 'Not found: pet 42', errorType: 'NotFound' }; }, true, '[data-focus="lambda-mode"]:checked'),
        }), h('label', { for: errId }, 'Throws'));
      head.append(mode);
      let bodyPart;
      if (fails) {
        const mId = uid('em'); const tId = uid('et');
        bodyPart = h('div', { class: 'field-grid' },
          h('div', { class: 'field' },
            h('label', { class: 'field-label', for: mId }, 'errorMessage'),
            h('input', {
              id: mId, class: 'input mono', type: 'text', value: backend.errorMessage || '', spellcheck: 'false',
              oninput: (e) => update((b) => { b.errorMessage = e.target.value; }),
            })),
          h('div', { class: 'field' },
            h('label', { class: 'field-label', for: tId }, 'errorType'),
            h('input', {
              id: tId, class: 'input mono', type: 'text', value: backend.errorType || '', spellcheck: 'false',
              oninput: (e) => update((b) => { b.errorType = e.target.value; }),
            })));
      } else {
        const host = h('div', { class: 'editor-host editor-body' });
        const error = h('p', { class: 'field-error', role: 'status' });
        bodyPart = h('div', {}, h('p', { class: 'field-label' }, 'Payload (JSON)'), host, error);
        const editor = createEditor({
          parent: host, doc: JSON.stringify(backend.payload ?? null, null, 2), language: 'json', gutter: false, compact: true,
          label: 'Lambda payload (JSON)', testid: 'backend-payload',
          onChange: (text) => {
            try {
              const payload = JSON.parse(text);
              error.textContent = '';
              update((b) => { b.payload = payload; });
            } catch (e) {
              error.textContent = `Not JSON yet: ${e.message}`;
            }
          },
        });
        disposers.push(() => editor.destroy());
      }
      root.replaceChildren(head,
        h('p', { class: 'panel-hint' }, fails
          ? 'A failed invocation: selection patterns are matched against errorMessage.'
          : integration.type === 'AWS_PROXY'
            ? 'A proxy function returns {statusCode, headers, body}; API Gateway sends exactly that to the client.'
            : 'A successful invocation: the default integration response maps the payload.'),
        bodyPart);
      return;
    }

    const sId = uid('bs');
    const host = h('div', { class: 'editor-host editor-body' });
    const editor = createEditor({
      parent: host, doc: backend.body == null ? '' : String(backend.body), language: 'json', gutter: false, compact: true,
      label: 'Backend response body', testid: 'backend-body',
      onChange: (text) => update((b) => { b.body = text; }),
    });
    disposers.push(() => editor.destroy());
    root.replaceChildren(head,
      h('p', { class: 'panel-hint' }, 'Selection patterns are matched against this status code.'),
      h('div', { class: 'field inline-field' },
        h('label', { class: 'field-label', for: sId }, 'Status'),
        h('input', {
          id: sId, class: 'input mono status-input', type: 'text', inputmode: 'numeric', value: String(backend.statusCode ?? 200),
          oninput: (e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n)) update((b) => { b.statusCode = n; });
          },
        })),
      h('p', { class: 'field-label' }, 'Headers'),
      kvEditor({
        rows: rowsFromMap(backend.headers), nameLabel: 'Backend header name', valueLabel: 'Backend header value',
        addLabel: 'Add header', warnDuplicates: true,
        onChange: (rows) => update((b) => { b.headers = rowsToMap(rows) || {}; }),
      }),
      h('p', { class: 'field-label' }, 'Body'),
      host);
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
