// CodeMirror 6 editors: VTL (the legacy Velocity mode through
// StreamLanguage) for mapping templates, JSON for bodies and payloads.
// Diagnostics arrive asynchronously (from the worker), so they are pushed
// with setDiagnostics rather than pulled by a linter() source.

import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  Decoration, placeholder as placeholderExt,
} from '@codemirror/view';
import { EditorState, StateField, StateEffect, Compartment, Annotation } from '@codemirror/state';
import {
  StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput,
} from '@codemirror/language';
import { velocity } from '@codemirror/legacy-modes/mode/velocity';
// JSON through the legacy JavaScript mode's JSON flavour: @codemirror/lang-json
// is not among the page's packages.
import { json as jsonMode } from '@codemirror/legacy-modes/mode/javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
import { closeBrackets, closeBracketsKeymap, autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { vtlCompletions, vtlHover } from './completions.js';
import { tags as t } from '@lezer/highlight';
import { lineColumnToOffset } from './positions.js';

const velocityLanguage = StreamLanguage.define(velocity);
const jsonLanguage = StreamLanguage.define(jsonMode);
// Marks edits made by the page itself (state → editor), which must not
// echo back as user edits.
const programmatic = Annotation.define();

// Colours come from CSS variables so one style serves both themes.
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword], color: 'var(--tok-keyword)', fontWeight: '600' },
  { tag: [t.variableName, t.special(t.variableName)], color: 'var(--tok-variable)' },
  { tag: [t.propertyName, t.attributeName], color: 'var(--tok-property)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--tok-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--tok-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [t.operator, t.punctuation, t.bracket], color: 'var(--tok-punct)' },
  { tag: [t.function(t.variableName), t.definition(t.variableName)], color: 'var(--tok-function)' },
  { tag: t.meta, color: 'var(--tok-meta)' },
  { tag: t.standard(t.variableName), color: 'var(--tok-builtin)' },
]);

const baseTheme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'var(--editor-bg)', color: 'var(--fg)', minHeight: '72px', maxHeight: '420px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--accent)', padding: '6px 0' },
  '.cm-gutters': {
    backgroundColor: 'var(--editor-gutter)', color: 'var(--fg-faint)', border: 'none',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--fg-muted)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-1px' },
  '&.mg-compact': { minHeight: '64px', maxHeight: '240px' },
  '&.mg-compact .cm-content': { padding: '6px 4px' },
  '.cm-scroller': { overflow: 'auto' },
  '::selection': {
    backgroundColor: 'var(--editor-selection) !important',
  },
  '.cm-provenance': { backgroundColor: 'var(--provenance-bg)', borderRadius: '2px', boxShadow: '0 0 0 1px var(--provenance-border)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface-raised)', color: 'var(--fg)', border: '1px solid var(--border-strong)', borderRadius: '6px' },
  '.cm-tooltip-lint': { fontFamily: 'var(--sans)', fontSize: '12.5px' },
  '.cm-diagnostic': { padding: '4px 8px' },
  '.cm-placeholder': { color: 'var(--fg-faint)' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)', fontSize: '12.5px' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-completionInfo': { fontFamily: 'var(--sans)', fontSize: '12.5px', maxWidth: '320px', padding: '6px 8px' },
  '.mg-hover': { padding: '6px 8px', fontFamily: 'var(--sans)', fontSize: '12.5px', maxWidth: '340px' },
  '.mg-hover code': { fontFamily: 'var(--mono)', fontWeight: '600', display: 'block', marginBottom: '2px' },
  '.cm-completionDetail': { color: 'var(--fg-faint)', fontStyle: 'normal', marginLeft: '8px' },
});

// Provenance highlight: template ranges that produced the hovered output.
const setHighlightEffect = StateEffect.define();
const highlightField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHighlightEffect)) {
        const len = tr.state.doc.length;
        const marks = e.value
          .map(([from, to]) => [Math.max(0, Math.min(from, len)), Math.max(0, Math.min(to, len))])
          .filter(([from, to]) => to > from)
          .sort((a, b) => a[0] - b[0])
          .map(([from, to]) => Decoration.mark({ class: 'cm-provenance' }).range(from, to));
        deco = Decoration.set(marks, true);
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * @param {object} opts
 * @param {HTMLElement} opts.parent
 * @param {string} opts.doc
 * @param {'vtl'|'json'|'text'} [opts.language]
 * @param {(text: string) => void} [opts.onChange]
 * @param {(from: number, to: number, view: EditorView) => void} [opts.onSelect]
 * @param {boolean} [opts.readOnly]
 * @param {string} opts.label   accessible name of the text area
 * @param {string} [opts.testid]
 * @param {string} [opts.placeholder]
 * @param {boolean} [opts.gutter]  line numbers + lint gutter (default true)
 * @param {boolean} [opts.compact] a smaller editor (bodies, payloads)
 * @param {() => void} [opts.onFocus]
 * @param {() => void} [opts.onBlur]
 */
export function createEditor(opts) {
  const language = opts.language || 'vtl';
  const readOnly = new Compartment();
  const extensions = [
    history(),
    // No drawSelection(): the browser's own caret and selection, in the
    // theme's colours (caretColor, ::selection above). CodeMirror's drawn
    // cursor is a blinking layer of its own that it measures, moves and
    // restarts on every keystroke: a forced layout in the keystroke's
    // frame and the page's layers composited again (Chromium trace,
    // docs/performance.md "Where the time goes now").
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(highlightStyle),
    baseTheme,
    highlightField,
    EditorView.lineWrapping,
    // Tab indents, Escape then Tab leaves the editor (CodeMirror's
    // documented escape hatch), so keyboard users are never trapped.
    keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.contentAttributes.of({
      'aria-label': opts.readOnly ? opts.label : `${opts.label} (Tab indents; Escape then Tab moves on)`,
      'aria-multiline': 'true',
    }),
    readOnly.of([EditorState.readOnly.of(Boolean(opts.readOnly)), EditorView.editable.of(!opts.readOnly)]),
    EditorView.focusChangeEffect.of((state, focusing) => {
      if (focusing && opts.onFocus) opts.onFocus();
      if (!focusing && opts.onBlur) opts.onBlur();
      return null;
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && opts.onChange && !update.transactions.some((tr) => tr.annotation(programmatic))) {
        opts.onChange(update.state.doc.toString());
      }
      if (update.selectionSet && opts.onSelect) {
        const { from, to } = update.state.selection.main;
        opts.onSelect(from, to, update.view);
      }
    }),
  ];
  if (opts.gutter !== false) {
    extensions.push(lineNumbers(), highlightActiveLineGutter(), lintGutter());
  }
  if (language === 'vtl') extensions.push(velocityLanguage, autocompletion({ override: [vtlCompletions] }), vtlHover);
  else if (language === 'json') extensions.push(jsonLanguage);
  if (opts.placeholder) extensions.push(placeholderExt(opts.placeholder));

  // Each editor lives in its own shadow root: CodeMirror then adopts its
  // styles as constructed style sheets instead of injecting a <style>
  // element, so the page runs under a CSP without style-src 'unsafe-inline'.
  // The theme's CSS variables inherit through the shadow boundary.
  const shadow = opts.parent.shadowRoot || opts.parent.attachShadow({ mode: 'open' });
  const view = new EditorView({
    state: EditorState.create({ doc: opts.doc || '', extensions }),
    parent: shadow,
    root: shadow,
  });
  if (opts.compact) view.dom.classList.add('mg-compact');
  // On the host, in the light DOM, so document.querySelector finds it too.
  if (opts.testid) opts.parent.setAttribute('data-testid', opts.testid);

  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replace the text without firing onChange (state → editor sync). */
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: programmatic.of(true),
      });
    },
    /**
     * @param {{severity: string, line?: number, column?: number,
     *   endLine?: number, endColumn?: number, message: string}[]} diags
     */
    setDiagnostics(diags) {
      view.dispatch(setDiagnostics(view.state, diags.map((d) => toCmDiagnostic(view.state.doc, d))));
    },
    /** Highlight template ranges ([from, to] in UTF-16 offsets). */
    highlight(ranges) {
      view.dispatch({ effects: setHighlightEffect.of(ranges || []) });
      if (ranges && ranges.length) {
        view.dispatch({ effects: EditorView.scrollIntoView(ranges[0][0], { y: 'nearest' }) });
      }
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

/** A contract diagnostic (1-based line, 1-based column in characters) to a CodeMirror one. */
export function toCmDiagnostic(doc, d) {
  const severity = d.severity === 'warning' || d.severity === 'info' ? d.severity : 'error';
  // checkTemplate gives UTF-16 offsets directly (from/to); prefer them.
  if (Number.isInteger(d.from) && Number.isInteger(d.to) && d.from >= 0 && d.to >= d.from && d.to <= doc.length) {
    let { from, to } = d;
    if (from === to && to < doc.length && doc.sliceString(from, from + 1) !== '\n') to += 1;
    return { from, to, severity, message: d.message || String(d) };
  }
  const text = doc.toString();
  const line = Math.max(1, Math.min(d.line || 1, doc.lines));
  let from = lineColumnToOffset(text, line, d.column || 1);
  let to;
  if (d.endLine) {
    to = lineColumnToOffset(text, Math.min(d.endLine, doc.lines), d.endColumn || 1);
  } else {
    // No end given: underline the token at the column (to the end of the
    // word, or one character), so the squiggle is visible but precise.
    const lineInfo = doc.line(line);
    if (from >= lineInfo.to) from = Math.max(lineInfo.from, lineInfo.to - 1);
    to = from;
    while (to < lineInfo.to && /[\w$#!{.]/.test(text[to])) to += 1;
    if (to === from) to = Math.min(lineInfo.to, from + 1);
    if (to === from && lineInfo.to === lineInfo.from) to = from; // empty line: zero-width mark
  }
  if (to < from) [from, to] = [to, from];
  return { from, to, severity, message: d.message || String(d), source: d.source };
}
