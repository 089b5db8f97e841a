// The embed's styles, adopted into its shadow root (a constructed
// stylesheet: no <style> element, so a page's Content-Security-Policy
// without 'unsafe-inline' styles still lets it render). Data only: the
// build replaces this module with its CSS minified (web/build.mjs).
//
// Isolation: page rules cannot reach inside the shadow root, but inherited
// properties (color, font-size, ...) flow in through the host element, and
// a page may style the host itself. So:
// - .mg resets everything it would inherit (`all: initial`) and sets its own;
// - the few host properties the embed cannot live without are !important
//   here, and in the cascade an !important declaration from inside a
//   shadow tree beats an !important one from the page around it.
// Colours are custom properties on :host, so a site can re-theme an embed
// with `mockgate-playground { --mg-accent: ... }`.

const LIGHT = `
  color-scheme: light;
  --mg-bg: #ffffff;
  --mg-bar: #f6f7f9;
  --mg-sunken: #f7f8fa;
  --mg-border: #dfe3e8;
  --mg-border-strong: #c9cfd8;
  --mg-fg: #17191d;
  --mg-muted: #555e6b;
  --mg-faint: #8a929e;
  --mg-accent: #4b55d6;
  --mg-accent-soft: #eceefd;
  --mg-ok: #1a7f37; --mg-ok-soft: #e6f4ea;
  --mg-warn: #9a6700; --mg-warn-soft: #fff5d6;
  --mg-err: #cf222e; --mg-err-soft: #fdecee;
  --mg-info: #0969da; --mg-info-soft: #e7f0fc;
  --mg-editor: #ffffff;
  --mg-selection: rgba(75, 85, 214, 0.2);
  --tok-keyword: #8a3ffc; --tok-variable: #0b57d0; --tok-property: #9a4d00;
  --tok-string: #0f7b3e; --tok-number: #b4005a; --tok-comment: #6e7781;
  --tok-punct: #57606a;
`;

const DARK = `
  color-scheme: dark;
  --mg-bg: #14171c;
  --mg-bar: #1a1e25;
  --mg-sunken: #101318;
  --mg-border: #2a303a;
  --mg-border-strong: #3a414d;
  --mg-fg: #e5e8ed;
  --mg-muted: #a0a8b5;
  --mg-faint: #6d7582;
  --mg-accent: #8c95ff;
  --mg-accent-soft: #23274a;
  --mg-ok: #3fb950; --mg-ok-soft: #12261a;
  --mg-warn: #d7a22a; --mg-warn-soft: #2b2210;
  --mg-err: #ff6b6b; --mg-err-soft: #33171a;
  --mg-info: #58a6ff; --mg-info-soft: #10233b;
  --mg-editor: #14171c;
  --mg-selection: rgba(140, 149, 255, 0.3);
  --tok-keyword: #c39bff; --tok-variable: #7cb7ff; --tok-property: #ffae57;
  --tok-string: #7ddc8a; --tok-number: #ff8fc6; --tok-comment: #8b949e;
  --tok-punct: #9aa3af;
`;

export const CSS = `
:host {
  display: block !important;
  visibility: visible !important;
  box-sizing: border-box !important;
  max-width: 100%;
  margin: 1.25em 0;
  ${LIGHT}
}
:host([hidden]) { display: none !important; }
:host([theme="dark"]) { ${DARK} }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { ${DARK} }
}

.mg {
  all: initial;
  display: block;
  box-sizing: border-box;
  container-type: inline-size;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 14px;
  line-height: 1.45;
  color: var(--mg-fg);
  background: var(--mg-bg);
  border: 1px solid var(--mg-border);
  border-radius: 10px;
  overflow: hidden;
  text-align: left;
  -webkit-text-size-adjust: 100%;
  --mono: ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.mg *, .mg *::before, .mg *::after { box-sizing: border-box; }
.mg [hidden] { display: none !important; }

/* ---- bar: tabs + open link ---- */
.bar {
  display: flex; align-items: stretch; gap: 8px;
  background: var(--mg-bar);
  border-bottom: 1px solid var(--mg-border);
  padding: 0 6px 0 4px;
  min-height: 36px;
}
.tabs { display: flex; align-items: stretch; gap: 2px; overflow-x: auto; scrollbar-width: none; flex: 1 1 auto; min-width: 0; }
.tabs::-webkit-scrollbar { display: none; }
.tab {
  all: unset; box-sizing: border-box; cursor: pointer;
  display: inline-flex; align-items: center; gap: 6px;
  padding: 0 10px; white-space: nowrap;
  font: 500 12.5px/1 var(--sans); color: var(--mg-muted);
  border-bottom: 2px solid transparent; margin-bottom: -1px;
}
.tab:hover { color: var(--mg-fg); }
.tab[aria-selected="true"] { color: var(--mg-fg); border-bottom-color: var(--mg-accent); }
.tab:focus-visible { outline: 2px solid var(--mg-accent); outline-offset: -2px; border-radius: 4px; }
.tab .dot { width: 6px; height: 6px; border-radius: 50%; background: var(--mg-err); }
.tab .dot.warning { background: var(--mg-warn); }
.open {
  all: unset; box-sizing: border-box; cursor: pointer; flex: none;
  display: inline-flex; align-items: center; gap: 4px; align-self: center;
  font: 500 12px/1 var(--sans); color: var(--mg-accent);
  padding: 6px 8px; border-radius: 6px; white-space: nowrap;
}
.open:hover { background: var(--mg-accent-soft); }
.open:focus-visible { outline: 2px solid var(--mg-accent); outline-offset: 1px; }
.open svg { width: 12px; height: 12px; }
@container (max-width: 480px) {
  .open .wide { display: none; }
  /* Tabs that do not fit scroll; fade the edge so it shows. */
  .tabs { mask-image: linear-gradient(to right, #000 calc(100% - 20px), transparent); }
}

/* ---- main: editor | output, stacked when narrow ---- */
.main { display: grid; grid-template-columns: minmax(0, 1fr); }
@container (min-width: 640px) {
  .main { grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); }
  .out { border-top: none; border-left: 1px solid var(--mg-border); }
}
/* The editor fills its column, so a click anywhere beside the output
   lands in it. */
.editors { min-width: 0; background: var(--mg-editor); display: flex; flex-direction: column; }
.editor-host { flex: 1 1 auto; display: flex; flex-direction: column; }

/* ---- editor (editor.js): a transparent textarea over its highlighted
   copy. Everything that places a character (font, size, line height,
   padding, wrapping, tab size) is set once on .ed and inherited by both. */
.ed {
  flex: 1 1 auto; display: grid; grid-template: minmax(max-content, 1fr) / minmax(0, 1fr);
  min-height: 72px; max-height: 420px; overflow: auto;
  font: 13px/1.5 var(--mono); letter-spacing: 0; word-spacing: 0; tab-size: 2;
  font-variant-ligatures: none; font-kerning: none;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal;
  --gutter: calc(var(--digits, 1) * 1ch + 22px);
}
.ed:focus-within { outline: 2px solid var(--mg-accent); outline-offset: -2px; }
.ed-view, .ed-input {
  grid-area: 1 / 1; margin: 0; border: 0; min-width: 0;
  padding: 6px 10px 6px var(--gutter);
  font: inherit; letter-spacing: inherit; word-spacing: inherit; tab-size: inherit;
  font-variant-ligatures: inherit; font-kerning: inherit; text-transform: none; text-indent: 0;
  white-space: inherit; overflow-wrap: inherit; word-break: inherit;
}
.ed-view { color: var(--mg-fg); pointer-events: none; user-select: none; counter-reset: ln; }
.ed-view > div { position: relative; counter-increment: ln; }
/* Line numbers, in the gutter left of each line. */
.ed-view > div::before {
  content: counter(ln); position: absolute; right: calc(100% + 10px);
  color: var(--mg-faint); font-size: 11.5px;
}
/* A line with a diagnostic: a dot for its number, the line tinted. */
.ed-view > .has-warning::before, .ed-view > .has-error::before { content: "\\25CF"; color: var(--mg-warn); }
.ed-view > .has-error::before { color: var(--mg-err); }
.ed-view > .has-warning, .ed-view > .has-error { background: var(--mg-err-soft); }
.ed-view > .has-warning { background: var(--mg-warn-soft); }
.ed-input {
  display: block; width: 100%; height: 100%; z-index: 1;
  overflow: hidden; resize: none; outline: none; background: transparent;
  color: transparent; caret-color: var(--mg-fg);
}
.ed-input::selection { background: var(--mg-selection); color: transparent; }
.t-k { color: var(--tok-keyword); }
.t-v { color: var(--tok-variable); }
.t-p { color: var(--tok-property); }
.t-s { color: var(--tok-string); }
.t-n { color: var(--tok-number); }
.t-o { color: var(--tok-punct); }
.t-c { color: var(--tok-comment); }
.u-error, .u-warning { text-decoration: wavy underline var(--mg-err) 1px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
.u-warning { text-decoration-color: var(--mg-warn); }

.out {
  min-width: 0; display: flex; flex-direction: column; gap: 8px;
  padding: 10px 12px 12px;
  border-top: 1px solid var(--mg-border);
  background: var(--mg-sunken);
}
.status-row { display: flex; align-items: center; flex-wrap: wrap; gap: 6px 8px; min-height: 22px; }
.label { font: 600 11px/1.2 var(--sans); letter-spacing: 0.04em; text-transform: uppercase; color: var(--mg-faint); }
.code {
  font: 700 12px/1 var(--mono); padding: 4px 7px; border-radius: 5px;
  background: var(--mg-border); color: var(--mg-fg);
}
.code.s2 { background: var(--mg-ok-soft); color: var(--mg-ok); }
.code.s3 { background: var(--mg-info-soft); color: var(--mg-info); }
.code.s4 { background: var(--mg-warn-soft); color: var(--mg-warn); }
.code.s5 { background: var(--mg-err-soft); color: var(--mg-err); }
.reason { font-size: 12.5px; color: var(--mg-muted); }
.ctype { font: 12px/1 var(--mono); color: var(--mg-faint); margin-left: auto; }
.busy { width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--mg-border-strong); border-top-color: var(--mg-accent); animation: spin 0.8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .busy { animation: none; } }

pre.body {
  margin: 0; padding: 8px 10px; min-height: 2.4em; max-height: 22em; overflow: auto;
  font: 12.5px/1.5 var(--mono); color: var(--mg-fg);
  white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--mg-bg); border: 1px solid var(--mg-border); border-radius: 6px;
  tab-size: 2;
}
pre.body.empty { color: var(--mg-faint); font-style: italic; }
.section { display: flex; flex-direction: column; gap: 6px; }
.headers { font: 12px/1.5 var(--mono); color: var(--mg-muted); overflow-wrap: anywhere; }
.headers .hname { color: var(--mg-fg); }
.caption { padding: 7px 12px 0; font: 600 12.5px/1.3 var(--sans); color: var(--mg-fg); background: var(--mg-bar); }

.banner {
  font-size: 12.5px; padding: 7px 9px; border-radius: 6px;
  background: var(--mg-warn-soft); color: var(--mg-fg); border: 1px solid color-mix(in srgb, var(--mg-warn) 35%, transparent);
}
.banner.error { background: var(--mg-err-soft); border-color: color-mix(in srgb, var(--mg-err) 35%, transparent); }

.diags { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.diags li {
  all: unset; display: block; font-size: 12.5px; padding: 5px 8px; border-radius: 6px; cursor: default;
  background: var(--mg-err-soft); border-left: 3px solid var(--mg-err); overflow-wrap: anywhere;
}
.diags li.warning { background: var(--mg-warn-soft); border-left-color: var(--mg-warn); }
.diags li[data-tab] { cursor: pointer; }
.diags .where { font: 11.5px var(--mono); color: var(--mg-muted); margin-right: 6px; }

details.trace { font-size: 12.5px; color: var(--mg-muted); }
details.trace > summary { cursor: pointer; list-style: none; display: inline-flex; align-items: center; gap: 5px; user-select: none; }
details.trace > summary::-webkit-details-marker { display: none; }
details.trace > summary::before { content: ""; width: 0; height: 0; border: 4px solid transparent; border-left: 5px solid currentColor; margin-right: 1px; transition: transform 0.1s; }
details.trace[open] > summary::before { transform: rotate(90deg) translateX(2px); }
details.trace > summary:focus-visible { outline: 2px solid var(--mg-accent); outline-offset: 2px; border-radius: 3px; }
ol.steps { margin: 6px 0 0; padding: 0 0 0 4px; list-style: none; display: flex; flex-direction: column; gap: 4px; }
ol.steps li { display: block; padding-left: 10px; border-left: 2px solid var(--mg-border); }
ol.steps .step { font-weight: 600; color: var(--mg-fg); margin-right: 6px; }
ol.steps .facts { font-family: var(--mono); font-size: 11.5px; color: var(--mg-faint); }

.problem { padding: 12px 14px; font-size: 13px; color: var(--mg-fg); background: var(--mg-err-soft); }
.problem strong { display: block; margin-bottom: 4px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
