// Import (paste an integration in any shape the contract accepts) and
// export (GetIntegration JSON, OpenAPI, CloudFormation, Terraform, aws CLI)
// dialogs, on the native <dialog> element (focus trap, Escape to close).

import { h, icon } from './dom.js';
import { tabs } from './tabs.js';
import { EXPORT_FORMATS, PASTE_FORMATS } from './services.js';

function modal(title, ...content) {
  const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close' }, icon('x'));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
    h('div', { class: 'dialog-head' }, h('h2', { id: 'dialog-title' }, title), closeButton),
    ...content);
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  // A click on the backdrop (the dialog element itself) closes it.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}

// Besides the deployable formats: the whole case as `mockgate eval` input,
// to run the same request from the command line or a test.
const EVAL_FORMAT = {
  id: 'mockgate-eval', label: 'mockgate eval', language: 'json',
  generate: (integration, request, options) => `${JSON.stringify({
    integration, request, ...(integration.type !== 'MOCK' && options?.backend ? { backend: options.backend } : {}),
  }, null, 2)}\n`,
};
const FORMATS = [...EXPORT_FORMATS, EVAL_FORMAT];

let lastFormat = FORMATS[0]?.id;

export function exportDialog(state) {
  const t = tabs({
    label: 'Export format',
    className: 'export-tabs',
    active: lastFormat,
    onSelect: (id) => { lastFormat = id; },
    items: FORMATS.map((f) => ({ id: f.id, title: f.label })),
    renderPanel: (id, panel) => {
      const format = FORMATS.find((f) => f.id === id);
      let text;
      try {
        text = format.generate(state.integration, state.request, state.options);
      } catch (error) {
        panel.append(h('p', { class: 'field-error' }, `Cannot export: ${error.message}`));
        return;
      }
      const status = h('span', { class: 'copy-status', role: 'status' });
      const ext = { json: 'json', yaml: 'yaml', hcl: 'tf', shell: 'sh' }[format.language] || 'txt';
      panel.append(
        h('div', { class: 'dialog-actions' },
          h('button', {
            type: 'button', class: 'button',
            onclick: async () => {
              try { await navigator.clipboard.writeText(text); status.textContent = 'Copied'; } catch { status.textContent = 'Copy failed: select the text instead'; }
            },
          }, icon('copy'), 'Copy'),
          h('button', {
            type: 'button', class: 'button',
            onclick: () => {
              const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
              const a = h('a', { href: url, download: `integration.${ext}` });
              document.body.appendChild(a);
              a.click();
              a.remove();
              setTimeout(() => URL.revokeObjectURL(url), 1000);
            },
          }, icon('download'), 'Download'),
          status),
        h('pre', { class: 'code-block export-code', tabindex: '0', testid: 'export-output', 'aria-label': `${format.label} export` }, text));
    },
  });
  modal('Export the integration', t.root);
}

export function importDialog({ onImport }) {
  const area = h('textarea', {
    class: 'textarea mono', rows: '16', spellcheck: 'false', testid: 'import-text',
    'aria-label': 'Integration to import',
    placeholder: '{ "type": "MOCK", "requestTemplates": { … }, "integrationResponses": { … } }',
  });
  const error = h('p', { class: 'field-error', role: 'alert' });
  const dialog = modal('Import an integration',
    h('p', { class: 'panel-hint' },
      'Paste what you already have: the output of aws apigateway get-integration, an OpenAPI x-amazon-apigateway-integration, a CloudFormation AWS::ApiGateway::Method Integration, or a mockgate eval input (integration, request and backend together). ',
      `Accepted: ${PASTE_FORMATS}.`),
    area, error,
    h('div', { class: 'dialog-actions' },
      h('button', {
        type: 'button', class: 'button button-primary', testid: 'import-submit',
        onclick: () => {
          try {
            onImport(area.value);
            dialog.close();
          } catch (e) {
            error.textContent = e.message;
          }
        },
      }, 'Import')));
  area.focus();
}
