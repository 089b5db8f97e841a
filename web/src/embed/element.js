// <mockgate-playground>: one runnable, editable mapping-template example
// for documentation pages. Configuration: config.js; output: output.js;
// the engine every embed on the page shares: engine.js.
//
// Properties and events (for pages that script it):
//   el.state          the current {integration, request, options}
//   el.result         the last evaluate() result, or null
//   el.playgroundHref the "Open in playground" address (once computed)
//   'mockgate-result' event after each run (detail: the result); bubbles,
//                     composed

import { h, icon } from '../ui/dom.js';
import { createEditor } from './editor.js';
import { encodeState, decodeState } from '../state/share.js';
import { buildConfig, needsShapes, tabText, withTabText, tabLabel, ATTRIBUTES } from './config.js';
import { CSS } from './styles.js';
import { createOutput } from './output.js';
import { sharedEngine } from './engine.js';

const RUN_DELAY_MS = 150;
const LINK_DELAY_MS = 400;
// The playground page, next to the embed's directory (dist/embed/ ->
// dist/index.html) unless the author's `playground` attribute says where.
const DEFAULT_PLAYGROUND = new URL('../index.html', import.meta.url).href;

let sheet = null;

/** The embed's stylesheet: one object, adopted by every embed on the page. */
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

export class MockgatePlayground extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES.filter((a) => a !== 'theme');
  }

  constructor() {
    super();
    this._shadow = this.attachShadow({ mode: 'open' });
    this._shadow.adoptedStyleSheets = [styleSheet()];
    this._frame = h('div', { class: 'mg', part: 'frame' });
    this._shadow.append(this._frame);
    this._generation = 0; // bumps on every (re)configuration
    this._runSeq = 0;
    this._editors = new Map();
    // Syntax diagnostics of edited templates, from checkTemplate: a
    // template off the path a request takes never runs, so evaluate alone
    // would not report its errors. tab -> diagnostics (null: to check).
    this._checked = new Map();
    this.state = null;
    this.result = null;
    this.playgroundHref = null;
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    // Children (the JSON, the templates) are parsed after the element's
    // start tag: when the element upgrades while the parser is still inside
    // it, wait for the document to finish.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this._configure(), { once: true });
    } else {
      this._configure();
    }
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (this._started && this._configured && oldValue !== newValue) this._configure();
  }

  disconnectedCallback() {
    clearTimeout(this._runTimer);
    clearTimeout(this._linkTimer);
  }

  /** Read attributes and children, then build the editor and run. */
  async _configure() {
    const generation = ++this._generation;
    this._configured = true;
    let config;
    try {
      config = await this._readConfig();
    } catch (error) {
      if (generation === this._generation) this._showProblem(error);
      return;
    }
    if (generation !== this._generation) return;
    this.state = config.state;
    this._tabs = config.tabs;
    this._build(config);
    this._schedule(0);
  }

  async _readConfig() {
    const attrs = {};
    for (const name of ATTRIBUTES) {
      if (this.hasAttribute(name)) attrs[name] = this.getAttribute(name);
    }
    let shared = null;
    if (attrs.state) shared = await decodeState(attrs.state);
    let json = null;
    const templates = [];
    for (const child of this.children) {
      if (child.localName !== 'script') continue;
      const type = (child.getAttribute('type') || '').trim().toLowerCase();
      if (type === 'application/json') {
        if (json) throw new Error('more than one <script type="application/json"> child');
        try {
          json = JSON.parse(child.textContent);
        } catch (e) {
          throw new Error(`the <script type="application/json"> child is not valid JSON: ${e.message}`);
        }
      } else if (type === 'text/x-velocity' || type === 'text/x-vtl') {
        templates.push({ spec: child.dataset.template || 'request', text: child.textContent });
      }
    }
    const input = { attrs, json, templates, shared };
    // OpenAPI and CloudFormation integrations are read by the playground's
    // export/shapes.js: a chunk of its own, fetched by the examples that
    // need it only.
    if (needsShapes(input)) input.toCanonical = (await import('./shapes.js')).toCanonical;
    return buildConfig(input);
  }

  _showProblem(error) {
    for (const e of this._editors.values()) e.destroy();
    this._editors.clear();
    this._frame.replaceChildren(h('div', { class: 'problem', role: 'alert', testid: 'embed-problem' },
      h('strong', {}, 'This mockgate example could not be set up.'),
      String(error?.message ?? error)));
  }

  _build(config) {
    for (const e of this._editors.values()) e.destroy();
    this._editors.clear();
    this._checked.clear();
    this._lastDiagnostics = null;

    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Example parts' });
    this._tabButtons = new Map();
    for (const tab of this._tabs) {
      const button = h('button', {
        type: 'button', class: 'tab', role: 'tab', 'aria-selected': 'false', dataset: { tab },
        onclick: () => this._select(tab, true),
      }, tabLabel(this.state, tab, this._tabs));
      button.addEventListener('keydown', (event) => this._tabKey(event, tab));
      this._tabButtons.set(tab, button);
      tabs.append(button);
    }
    tabs.hidden = this._tabs.length < 2 && !this._tabs[0]?.startsWith('request:');

    this._open = h('a', {
      class: 'open', part: 'open-link', testid: 'embed-open', target: '_blank', rel: 'noopener',
      href: this.getAttribute('playground') || DEFAULT_PLAYGROUND,
      'aria-label': 'Open in the playground (new tab)',
    }, h('span', {}, 'Open'), h('span', { class: 'wide' }, 'in playground'));
    this._open.append(icon('external'));

    this._editorsBox = h('div', { class: 'editors' });
    this._output = createOutput({ onDiagnosticClick: (d) => this._reveal(d) });
    const caption = this.getAttribute('caption');
    this._frame.replaceChildren(
      caption ? h('div', { class: 'caption' }, caption) : '',
      h('div', { class: 'bar' }, tabs, this._open),
      h('div', { class: 'main' }, this._editorsBox, this._output.root),
    );
    this._current = null;
    if (this._tabs.length) this._select(this._tabs[0], false);
    this._scheduleLink(0);
  }

  _tabKey(event, tab) {
    const i = this._tabs.indexOf(tab);
    let next = null;
    if (event.key === 'ArrowRight') next = this._tabs[(i + 1) % this._tabs.length];
    else if (event.key === 'ArrowLeft') next = this._tabs[(i - 1 + this._tabs.length) % this._tabs.length];
    if (next) {
      event.preventDefault();
      this._select(next, false);
      this._tabButtons.get(next).focus();
    }
  }

  _select(tab, focus) {
    this._current = tab;
    for (const [t, b] of this._tabButtons) {
      b.setAttribute('aria-selected', String(t === tab));
      b.tabIndex = t === tab ? 0 : -1;
    }
    let editor = this._editors.get(tab);
    if (!editor) editor = this._makeEditor(tab);
    for (const [t, e] of this._editors) e.host.hidden = t !== tab;
    if (focus) editor.focus();
  }

  _makeEditor(tab) {
    const json = tab === 'input' || tab === 'backend';
    const label = tabLabel(this.state, tab, this._tabs);
    const host = h('div', { class: 'editor-host', dataset: { tab } });
    this._editorsBox.append(host);
    const editor = createEditor({
      parent: host,
      doc: tabText(this.state, tab),
      language: json ? 'json' : 'vtl',
      label: `${label} (editable)`,
      testid: 'embed-editor',
      onChange: (text) => this._edited(tab, text),
    });
    editor.host = host;
    this._editors.set(tab, editor);
    if (this._lastDiagnostics) editor.setDiagnostics(this._lastDiagnostics.filter((d) => d.template === tab));
    return editor;
  }

  _edited(tab, text) {
    try {
      this.state = withTabText(this.state, tab, text);
      this._inputProblem = null;
    } catch (error) {
      // Keep the last good state; say what is wrong with the text.
      this._inputProblem = error.message;
      this._output?.showBanner('error', error.message);
      return;
    }
    this._schedule(RUN_DELAY_MS);
    this._scheduleLink(LINK_DELAY_MS);
    if (tab !== 'input' && tab !== 'backend') this._checked.set(tab, null);
  }

  _reveal(d) {
    if (!this._tabs.includes(d.template)) return;
    this._select(d.template, false);
    this._editors.get(d.template).reveal(d);
  }

  _schedule(delay) {
    clearTimeout(this._runTimer);
    this._runTimer = setTimeout(() => this._run(), delay);
  }

  async _run() {
    const seq = ++this._runSeq;
    const { integration, request, options } = this.state;
    this._output.setBusy(true);
    let result;
    try {
      result = await sharedEngine().evaluate(integration, request, options);
    } catch (error) {
      if (seq !== this._runSeq) return;
      this._output.setBusy(false);
      this._output.showBanner('error', engineMessage(error));
      return;
    }
    if (seq !== this._runSeq) return;
    this._output.setBusy(false);
    this.result = result;
    if (this._inputProblem) this._output.showBanner('error', this._inputProblem);
    else this._output.hideBanner();
    this._output.render(result, {
      showIntegrationRequest: integration.type !== 'MOCK' && integration.type !== 'HTTP_PROXY' && integration.type !== 'AWS_PROXY',
    });
    await this._checkEdited(seq);
    if (seq !== this._runSeq) return;
    this._applyDiagnostics(result.diagnostics || []);
    this.dispatchEvent(new CustomEvent('mockgate-result', { detail: result, bubbles: true, composed: true }));
  }

  async _checkEdited(seq) {
    for (const [tab, diags] of this._checked) {
      if (diags !== null) continue;
      try {
        const found = await sharedEngine().checkTemplate(tabText(this.state, tab), tab);
        if (seq !== this._runSeq) return;
        this._checked.set(tab, (found || []).map((d) => ({ ...d, template: tab })));
      } catch {
        this._checked.delete(tab); // the engine restarted: evaluate's diagnostics still show
      }
    }
  }

  _applyDiagnostics(fromResult) {
    // evaluate's diagnostics, plus the syntax check's for templates the
    // request did not run (one message per place).
    const diagnostics = [...fromResult];
    const seen = new Set(diagnostics.map((d) => `${d.template}|${d.line}|${d.column}|${d.message}`));
    for (const list of this._checked.values()) {
      for (const d of list || []) {
        const key = `${d.template}|${d.line}|${d.column}|${d.message}`;
        if (seen.has(key) || fromResult.some((r) => r.template === d.template && r.line === d.line)) continue;
        seen.add(key);
        diagnostics.push(d);
      }
    }
    if (diagnostics.length !== fromResult.length) this._output.showDiagnostics(diagnostics);
    this._lastDiagnostics = diagnostics.filter((d) => d && d.template && d.line);
    for (const [tab, editor] of this._editors) {
      editor.setDiagnostics(this._lastDiagnostics.filter((d) => d.template === tab));
    }
    for (const [tab, button] of this._tabButtons) {
      const mine = diagnostics.filter((d) => d && d.template === tab);
      button.querySelector('.dot')?.remove();
      if (mine.length) {
        const worst = mine.some((d) => d.severity !== 'warning') ? 'error' : 'warning';
        button.append(h('span', { class: `dot ${worst}`, title: worst === 'error' ? 'has an error' : 'has a warning' }));
      }
    }
  }

  _scheduleLink(delay) {
    clearTimeout(this._linkTimer);
    this._linkTimer = setTimeout(() => this._updateLink(), delay);
  }

  async _updateLink() {
    const generation = this._generation;
    const base = this.getAttribute('playground') || DEFAULT_PLAYGROUND;
    try {
      // Exactly what the playground's Share button writes and what it reads
      // on load (web/src/ui/app.js): index.html#s=<encodeState(...)>.
      const { integration, request, options } = this.state;
      const hash = await encodeState({ v: 1, integration, request, options });
      if (generation !== this._generation) return;
      let url = new URL(base, document.baseURI);
      // Only a web address: a `javascript:` (or `data:`) playground
      // attribute would run script when the link is followed.
      if (url.protocol !== 'https:' && url.protocol !== 'http:') url = new URL(DEFAULT_PLAYGROUND);
      url.hash = `s=${hash}`;
      this.playgroundHref = url.href;
      this._open.href = url.href;
      this._open.removeAttribute('title');
    } catch (error) {
      this._open.title = `The state is too large to carry: ${error.message}`;
    }
  }
}

function engineMessage(error) {
  if (error?.code === 'TIMEOUT') return `${error.message}. The engine was restarted; edit the template to run again.`;
  if (error?.code === 'LOAD') return error.message;
  if (error?.code === 'ENGINE') return `The example was rejected: ${error.message}`;
  if (error?.code === 'CRASH') return error.message;
  return `Something went wrong: ${error?.message ?? error}`;
}

/** Define the element (once; a page may load the module twice). */
export function defineMockgatePlayground(name = 'mockgate-playground') {
  if (!customElements.get(name)) customElements.define(name, class extends MockgatePlayground {});
  return customElements.get(name);
}
