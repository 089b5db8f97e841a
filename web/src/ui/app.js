// The playground: wires the state, the editors, the engine and the output.

import { h, icon, setProp } from './dom.js';
import { createStore } from './store.js';
import { createRegistry } from './registry.js';
import { createRunner, createChecker } from './runner.js';
import { requestPanel } from './request-panel.js';
import { backendPanel } from './backend-panel.js';
import { integrationPanel } from './integration-panel.js';
import { outputPanel } from './output-panel.js';
import { referencePanel } from './reference-panel.js';
import { selectTemplateTab, contentTypeDatalist } from './template-set.js';
import { seedState } from './seed.js';
import { initTheme, themeToggle } from './theme.js';
import { exportDialog, importDialog } from './dialogs.js';
import { lineColumnToOffset } from './positions.js';
import { effectiveBackend } from './integration-types.js';
import { EditorView } from '@codemirror/view';
import {
  encodeState, decodeState, saveLocal, loadLocal, toCanonical, parsePasted, EXAMPLES,
} from './services.js';

export async function startApp(mount, engine) {
  initTheme();
  const { state: initial, notice, exampleId } = await loadInitialState();
  const store = createStore(initial);
  let currentExample = exampleId;
  const registry = createRegistry();

  const app = {
    store,
    registry,
    scheduleCheck: null,
    templateSource,
    focusTemplate,
    highlightTemplate,
    outlineTemplate,
    onTemplateSelection: (name, from, to) => output.linkFromTemplate(name, from, to),
    onTemplateFocus: (name) => { lastTemplate = name; },
    insertIntoTemplate,
  };
  let lastTemplate = null;
  app.scheduleCheck = createChecker({
    engine,
    onDiagnostics: (name, diags) => registry.setChecked(name, diags),
  });

  const request = requestPanel(app);
  const backend = backendPanel(app);
  const integration = integrationPanel(app);
  const output = outputPanel(app);
  const reference = referencePanel(app);

  // ---- header --------------------------------------------------------------
  const examplePicker = h('select', {
    class: 'select example-select', testid: 'example-picker', 'aria-label': 'Load an example',
    onchange: (e) => loadExample(e.target.value),
  },
  h('option', { value: '' }, 'Examples…'),
  EXAMPLES.map((ex) => h('option', { value: ex.id, selected: ex.id === currentExample }, ex.title)));
  const exampleNote = h('div', { class: 'example-note', role: 'note', hidden: true });

  const shareOut = h('div', { class: 'share-popover', hidden: true, role: 'status' });
  const shareButton = h('button', {
    type: 'button', class: 'button button-primary', testid: 'share-button', onclick: share,
  }, icon('share'), 'Share');

  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '{}'),
      h('div', {},
        h('h1', { class: 'brand-name' }, 'mockgate'),
        h('p', { class: 'brand-tag' }, 'API Gateway mapping template playground'))),
    h('div', { class: 'topbar-actions' },
      examplePicker,
      h('button', { type: 'button', class: 'button', onclick: () => importDialog({ onImport: importIntegration }) }, icon('upload'), 'Import'),
      h('button', { type: 'button', class: 'button', onclick: () => exportDialog({ ...store.get(), options: { ...(store.get().options || {}), backend: effectiveBackend(store.get()) } }) }, icon('download'), 'Export'),
      h('div', { class: 'share-wrap' }, shareButton, shareOut),
      // The guided lessons (learn.html), built from the same engine.
      h('a', { class: 'button learn-link', href: './learn.html', testid: 'learn-link' }, icon('book'), 'Learn'),
      themeToggle()));

  const workspace = h('main', { class: 'workspace', id: 'main' },
    h('div', { class: 'col col-inputs' }, request.root, backend.root, reference.root),
    h('div', { class: 'col col-integration' }, integration.root),
    h('div', { class: 'col col-output' }, output.root));

  const versionText = h('span', {}, 'mockgate');
  const footer = h('footer', { class: 'footer' },
    versionText,
    h('span', {}, 'Runs entirely in your browser: templates and requests never leave this page.'));
  engine.version().then((v) => { versionText.textContent = `mockgate ${v}`; }).catch(() => {});

  const skip = h('a', { class: 'skip-link', href: '#main' }, 'Skip to the playground');
  const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
  // Declared before the first showToast (a damaged share link's notice,
  // just below): a later `let` made that call throw and the page not start.
  let toastTimer = null;
  mount.replaceChildren(skip, header, exampleNote, workspace, footer, contentTypeDatalist(), toast, output.mobileBar);
  showExampleNote();
  if (notice) showToast(notice);

  // ---- running -------------------------------------------------------------
  const runner = createRunner({
    engine,
    getInput: () => {
      const s = store.get();
      // The backend answer only means something to non-MOCK integrations.
      const backend = effectiveBackend(s);
      const options = backend ? { ...(s.options || {}), backend } : {};
      // The page links output and templates through the result's
      // provenance list only: the engine need not build the trace steps'
      // copy of it (docs/provenance.md), most of what a big #foreach's
      // evaluate hands back.
      options.traceProvenance = false;
      return { integration: s.integration, request: s.request, options };
    },
    onStart: () => output.setBusy(true),
    onResult: (result) => {
      output.setBusy(false);
      // toggle(…, false) leaves the attribute alone when the class is not
      // there; remove() would write it (a DOM change on every result).
      document.body.classList.toggle('is-stale', false);
      output.renderResult(result);
      registry.setFromResult(result.diagnostics || []);
      const limit = (result.diagnostics || []).find((d) => /limit|budget|too (many|long|deep)|exceed/i.test(d.message || ''));
      if (limit) {
        const msg = String(limit.message).replace(/\.?\s*$/, '.');
        const loop = /foreach|loop|range|iteration|step/i.test(msg) ? ' An endless #foreach?' : '';
        output.showBanner('warn', 'Stopped by the engine’s budget:', `${msg}${loop}`);
      } else {
        output.hideBanner();
      }
      markChosenResponse(result);
    },
    onFailure: (error) => {
      output.setBusy(false);
      document.body.classList.add('is-stale');
      if (error?.code === 'TIMEOUT') {
        output.showBanner('warn', stoppedTitle(error), 'The worker was restarted and the tab stays responsive; the output below is from the last run that finished. Edit the template to run again.');
      } else if (error?.code === 'LOAD') {
        output.showBanner('error', 'The engine could not be loaded.', error.message);
      } else if (error?.code === 'CRASH') {
        output.showBanner('error', 'The engine crashed: a bug in mockgate, not in your template.', error.message.replace(/^The engine crashed \(a bug in mockgate\): /, ''));
      } else if (error?.code === 'ENGINE') {
        output.showBanner('error', 'The integration or request was rejected:', error.message);
      } else {
        output.showBanner('error', 'Something went wrong:', error?.message || String(error));
      }
    },
  });

  let saveTimer = null;
  store.subscribe((state, info) => {
    runner.schedule();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveLocal(toSaved(store.get(), currentExample)), 300);
    setProp(shareOut, 'hidden', true);
    // Once changed, the page no longer is the shared state: drop the hash
    // so a reload shows the latest state (from localStorage), not the link.
    if (location.hash.startsWith('#s=')) history.replaceState(null, '', `${location.pathname}${location.search}`);
  });
  runner.schedule();

  // ---- helpers ---------------------------------------------------------------
  function templateSource(name) {
    const { integration: i } = store.get();
    const [kind, ...rest] = name.split(':');
    if (kind === 'request') return i.requestTemplates?.[rest.join(':')];
    if (kind === 'response') return i.integrationResponses?.[rest[0]]?.responseTemplates?.[rest.slice(1).join(':')];
    return undefined;
  }

  function focusTemplate(name, line, column) {
    const [kind, ...rest] = String(name).split(':');
    if (kind === 'request') selectTemplateTab('request', rest.join(':'));
    else if (kind === 'response') selectTemplateTab(`response:${rest[0]}`, rest.slice(1).join(':'));
    if (!registry.editor(name)) integration.render();
    const editor = registry.editor(name);
    if (!editor) return;
    const view = editor.view;
    const text = view.state.doc.toString();
    const pos = line ? lineColumnToOffset(text, line, column || 1) : 0;
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    view.dom.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    view.focus();
  }

  /** Insert text at the cursor of the template last edited (else the request template in view). */
  function insertIntoTemplate(text) {
    const editor = (lastTemplate && registry.editor(lastTemplate))
      || registry.editor(registry.names().find((n) => n.startsWith('request:')));
    if (!editor) return;
    const { view } = editor;
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  }

  /** Outline the editor of a template (template-level provenance). */
  function outlineTemplate(name, on) {
    for (const el of integration.root.querySelectorAll('.editor-host[data-template]')) {
      el.classList.toggle('is-source', Boolean(on) && el.dataset.template === name);
    }
  }

  function highlightTemplate(name, ranges) {
    registry.clearHighlights();
    if (name) registry.editor(name)?.highlight(ranges);
  }

  function markChosenResponse(result) {
    // The trace names the chosen integration response when the gateway says
    // so; otherwise the card whose status code the client got is marked.
    let code = null;
    for (const step of result.trace || []) {
      if (step && /integrationResponse|selection/i.test(step.step || '') && step.matched !== false
        && (step.selected ?? step.statusCode) != null) {
        code = String(step.selected ?? step.statusCode);
      }
    }
    // A gateway error (template failure, 415, …) comes from no integration response.
    const gatewayError = (result.trace || []).some((st) => st && st.step === 'gatewayResponse');
    if (code == null && result.statusCode != null && !gatewayError) code = String(result.statusCode);
    // Proxy integrations use no integration response at all.
    if (/_PROXY$/.test(store.get().integration?.type || '')) code = null;
    for (const card of integration.root.querySelectorAll('.response-card')) {
      const on = card.dataset.statusCode === code;
      card.classList.toggle('is-chosen', on);
      const pill = card.querySelector('.chosen-pill');
      if (pill) setProp(pill, 'hidden', !on);
    }
    // The templates the pipeline rendered, ticked on their tabs.
    const used = new Set((result.trace || []).map((st) => st && st.template).filter((t) => typeof t === 'string'));
    for (const tab of integration.root.querySelectorAll('.ct-tab[data-template]')) {
      const on = used.has(tab.dataset.template);
      tab.classList.toggle('is-used', on);
      if (on) setProp(tab, 'title', 'Rendered for this request');
    }
  }

  function loadExample(id) {
    const ex = EXAMPLES.find((e) => e.id === id);
    if (!ex) return;
    currentExample = id;
    store.replace(normalizeState(ex), { structural: true, source: 'replace' });
    showExampleNote();
  }

  function showExampleNote() {
    const ex = EXAMPLES.find((e) => e.id === currentExample);
    if (!ex || !ex.explanation) { exampleNote.hidden = true; return; }
    exampleNote.hidden = false;
    const text = h('div', { class: 'example-note-text is-clamped' }, h('strong', {}, ex.title), h('span', {}, ` — ${ex.explanation}`));
    const more = h('button', {
      type: 'button', class: 'text-button', hidden: true, 'aria-expanded': 'false',
      onclick: () => {
        const open = text.classList.toggle('is-clamped') === false;
        more.textContent = open ? 'Less' : 'More';
        more.setAttribute('aria-expanded', String(open));
      },
    }, 'More');
    exampleNote.replaceChildren(
      icon('book'),
      h('div', { class: 'example-note-body' }, text, more),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Hide the explanation', onclick: () => { exampleNote.hidden = true; } }, icon('x')));
    // Long explanations start folded to three lines.
    requestAnimationFrame(() => { more.hidden = text.scrollHeight <= text.clientHeight + 1; });
  }

  function importIntegration(text) {
    const pasted = parsePasted(text);
    // A `mockgate eval` input ({integration, request, backend}) brings its
    // request and backend along; anything else is an integration.
    const evalInput = pasted && typeof pasted === 'object' && !Array.isArray(pasted)
      && pasted.integration && typeof pasted.integration === 'object';
    const { integration: imported, warnings, origin } = toCanonical(evalInput ? pasted.integration : pasted);
    currentExample = undefined;
    examplePicker.value = '';
    exampleNote.hidden = true;
    store.update((s) => {
      s.integration = imported;
      if (evalInput && pasted.request && typeof pasted.request === 'object') s.request = pasted.request;
      if (evalInput && pasted.backend && typeof pasted.backend === 'object') s.options = { ...(s.options || {}), backend: pasted.backend };
      if (origin?.httpMethod && origin.httpMethod !== 'ANY') s.request.httpMethod = origin.httpMethod;
      if (origin?.resourcePath) { s.request.resourcePath = origin.resourcePath; if (!/[{}]/.test(origin.resourcePath)) s.request.path = origin.resourcePath; }
    }, { structural: true, source: 'replace' });
    showToast(warnings?.length ? `Imported, with notes: ${warnings.join(' ')}` : 'Integration imported.');
    return warnings || [];
  }

  async function share() {
    try {
      const hash = await encodeState(toSaved(store.get(), currentExample));
      const url = `${location.origin}${location.pathname}${location.search}#s=${hash}`;
      history.replaceState(null, '', url);
      let copied = false;
      try { await navigator.clipboard.writeText(url); copied = true; } catch { /* no permission: show the link */ }
      const input = h('input', { class: 'input mono', type: 'text', readonly: true, value: url, testid: 'share-link', 'aria-label': 'Share link' });
      shareOut.replaceChildren(
        h('p', {}, copied ? 'Link copied. It holds the whole playground state:' : 'The link holds the whole playground state:'),
        input,
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => { shareOut.hidden = true; shareButton.focus(); } }, icon('x')));
      shareOut.hidden = false;
      input.focus();
      input.select();
    } catch (error) {
      showToast(`Could not make a share link: ${error.message}`);
    }
  }

  function showToast(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 6000);
  }

  return { store, engine };
}

function stoppedTitle(error) {
  const m = /(\d+(?:\.\d+)?\s*m?s)/.exec(error.message || '');
  return `Stopped after ${m ? m[1] : '2 s'}: an endless #foreach?`;
}

function toSaved(state, exampleId) {
  const saved = { v: 1, integration: state.integration, request: state.request, options: state.options || {} };
  if (exampleId) saved.exampleId = exampleId;
  return saved;
}

/** A saved/shared/example state → the page's state (text fields parsed). */
function normalizeState(saved) {
  const seed = seedState();
  const parse = (v, fallback) => {
    if (v == null) return fallback;
    if (typeof v === 'string') { try { return JSON.parse(v); } catch { return fallback; } }
    return structuredClone(v);
  };
  let integration = parse(saved.integration, seed.integration);
  try { integration = toCanonical(integration).integration; } catch { /* keep it as given: evaluate() explains what is wrong */ }
  return {
    integration,
    request: parse(saved.request, seed.request),
    options: parse(saved.options, {}),
  };
}

async function loadInitialState() {
  const hash = location.hash;
  if (hash && hash.length > 1) {
    try {
      const saved = await decodeState(hash);
      return { state: normalizeState(saved), exampleId: saved.exampleId };
    } catch (error) {
      const local = loadLocal();
      return {
        state: local ? normalizeState(local) : seedState(),
        exampleId: local?.exampleId,
        notice: `The link’s state could not be read (${error.message}); showing ${local ? 'your last state' : 'the starting example'} instead.`,
      };
    }
  }
  const local = loadLocal();
  if (local) return { state: normalizeState(local), exampleId: local.exampleId };
  return { state: seedState(), exampleId: EXAMPLES[0]?.id };
}
