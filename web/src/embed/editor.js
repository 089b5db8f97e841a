// The embed's editor: a <textarea> (the real editor: caret, selection,
// undo, IME, screen readers, spell-check off) whose text is transparent,
// over a highlighted copy of the same text built from text nodes and spans.
// Both sit in one grid cell of one scroll box and share every font metric,
// so they wrap alike and scroll together, and the caret lands on the
// highlighted characters. The playground keeps CodeMirror (web/src/ui/
// editor.js); an embed needs a small editor far more than a rich one.
//
//   const editor = createEditor({parent, doc, language: 'vtl'|'json', label, testid, onChange});
//   editor.setDiagnostics([{severity, line, column, endLine?, endColumn?, from?, to?, message}])
//   editor.reveal(diagnostic)  focus with the caret at its place
//   editor.focus(), editor.text(), editor.destroy()
//
// Keys: Tab indents (two spaces, or the selected lines), Shift+Tab
// unindents, Enter keeps the line's indentation; Escape then Tab moves
// focus on, so a keyboard user is never trapped.

import { h, uid } from '../ui/dom.js';
import { lineColumnToOffset } from '../ui/positions.js';
import { tokenizeVelocity, tokenizeJson } from './highlight.js';

const INDENT = '  ';
// Every keystroke tokenizes the whole text again (and rebuilds the lines
// that changed); past this size the copy is plain text, so typing stays
// quick (about 30 ms a keystroke at this size in Chromium).
const MAX_HIGHLIGHT = 100_000;

export function createEditor({ parent, doc, language, label, testid, onChange }) {
  const tokenize = language === 'json' ? tokenizeJson : tokenizeVelocity;
  const noteId = uid('mg-ed');
  const view = h('div', { class: 'ed-view', 'aria-hidden': 'true' });
  const note = h('span', { class: 'sr', id: noteId });
  const area = h('textarea', {
    class: 'ed-input', testid, rows: '1', spellcheck: 'false', autocapitalize: 'off',
    autocomplete: 'off', autocorrect: 'off', 'aria-label': `${label} (Tab indents; Escape then Tab moves on)`,
  });
  area.value = doc;
  const root = h('div', { class: 'ed' }, view, area, note);
  parent.append(root);

  let marks = []; // {from, to, severity, line}
  let shown = []; // a key per line of the copy, to see which lines changed
  let escaped = false;

  function render() {
    const text = area.value;
    const tokens = text.length > MAX_HIGHLIGHT ? [['', text]] : tokenize(text);
    const cuts = marks.flatMap((m) => [m.from, m.to]);
    // Every line a block of its own: its number comes from a CSS counter
    // and its diagnostics mark it. A line is [class names, text] pieces.
    const rows = [[]];
    let pos = 0;
    const piece = (cls, from, to) => {
      if (to <= from) return;
      const mark = marks.find((m) => m.from <= from && from < m.to);
      const names = [cls && `t-${cls}`, mark && `u-${mark.severity}`].filter(Boolean).join(' ');
      rows[rows.length - 1].push([names, text.slice(from, to)]);
    };
    const segment = (cls, from, to) => {
      let start = from;
      for (const cut of cuts) {
        if (cut > start && cut < to) {
          piece(cls, start, cut);
          start = cut;
        }
      }
      piece(cls, start, to);
    };
    for (const [cls, t] of tokens) {
      let start = 0;
      for (;;) {
        const nl = t.indexOf('\n', start);
        segment(cls, pos + start, pos + (nl < 0 ? t.length : nl));
        if (nl < 0) break;
        rows.push([]);
        start = nl + 1;
      }
      pos += t.length;
    }
    const marked = new Map();
    for (const m of marks) if (m.severity === 'error' || !marked.has(m.line)) marked.set(m.line, `has-${m.severity}`);
    const keys = rows.map((row, i) => `${marked.get(i) ?? ''}|${i < rows.length - 1}|${row.join('\u0001')}`);

    // Rebuild only the lines between the unchanged first and last ones:
    // typing changes a line or two, and a long template stays quick.
    let head = 0;
    while (head < keys.length && head < shown.length && keys[head] === shown[head]) head += 1;
    let tail = 0;
    while (tail < keys.length - head && tail < shown.length - head
      && keys[keys.length - 1 - tail] === shown[shown.length - 1 - tail]) tail += 1;
    for (let i = shown.length - tail - 1; i >= head; i -= 1) view.children[i].remove();
    const next = view.children[head] ?? null;
    for (let i = head; i < rows.length - tail; i += 1) {
      const line = h('div', { class: marked.get(i) });
      for (const [names, t] of rows[i]) line.append(names ? h('span', { class: names }, t) : t);
      // The newline keeps an empty line one line tall.
      if (i < rows.length - 1) line.append('\n');
      view.insertBefore(line, next);
    }
    shown = keys;
    // Room for the widest line number.
    root.style.setProperty('--digits', String(String(rows.length).length));
  }

  function setDiagnostics(list) {
    const text = area.value;
    marks = (list || []).map((d) => {
      let from; let to;
      if (Number.isInteger(d.from) && Number.isInteger(d.to) && d.from >= 0 && d.to >= d.from && d.to <= text.length) {
        ({ from, to } = d);
      } else {
        from = lineColumnToOffset(text, d.line || 1, d.column || 1);
        to = d.endLine ? lineColumnToOffset(text, d.endLine, d.endColumn || 1) : from;
      }
      to = Math.max(from, Math.min(to, text.length));
      // A point: underline the character there, or the one before it at
      // the end of a line; an empty line only gets its line marked.
      if (from === to) {
        if (from < text.length && text[from] !== '\n') to += 1;
        else if (from > 0 && text[from - 1] !== '\n') from -= 1;
      }
      const line = text.slice(0, from).split('\n').length - 1;
      return { from, to, line, severity: d.severity === 'warning' ? 'warning' : 'error', message: d.message };
    });
    note.textContent = marks.map((m) => `Line ${m.line + 1}: ${m.message}`).join('. ');
    if (marks.length) area.setAttribute('aria-describedby', noteId);
    else area.removeAttribute('aria-describedby');
    area.toggleAttribute('aria-invalid', marks.some((m) => m.severity === 'error'));
    render();
  }

  /** Replace [from, to) with `text` as typing would (so Ctrl+Z undoes it). */
  function replace(from, to, text) {
    area.setSelectionRange(from, to);
    // execCommand keeps the textarea's own undo history; where it is gone,
    // setRangeText does the same edit without it.
    if (!document.execCommand?.('insertText', false, text)) {
      area.setRangeText(text, from, to, 'end');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  function indent(outdent) {
    const { selectionStart: s, selectionEnd: e, value } = area;
    const first = value.lastIndexOf('\n', s - 1) + 1;
    if (!outdent && !value.slice(s, e).includes('\n')) {
      replace(s, e, INDENT);
      return;
    }
    // Whole lines: from the first selected line's start to the end of the
    // last (a selection ending at a line's start leaves that line alone).
    const end = e > s && value[e - 1] === '\n' ? e - 1 : e;
    let last = value.indexOf('\n', end);
    if (last < 0) last = value.length;
    const lines = value.slice(first, last).split('\n');
    const changed = lines.map((l) => (outdent ? l.replace(/^ {1,2}|^\t/, '') : INDENT + l)).join('\n');
    if (changed === value.slice(first, last)) return;
    replace(first, last, changed);
    if (s === e) {
      // Shift+Tab at a caret: the caret stays on its character.
      const at = Math.max(first, s - (lines[0].length - changed.split('\n')[0].length));
      area.setSelectionRange(at, at);
    } else {
      area.setSelectionRange(first, first + changed.length);
    }
  }

  area.addEventListener('keydown', (event) => {
    if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    const leave = escaped;
    escaped = false;
    if (event.key === 'Tab' && !leave) {
      event.preventDefault();
      indent(event.shiftKey);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      const s = area.selectionStart;
      const start = area.value.lastIndexOf('\n', s - 1) + 1;
      const keep = /^[ \t]*/.exec(area.value.slice(start, s))[0];
      replace(s, area.selectionEnd, `\n${keep}`);
    }
  });
  area.addEventListener('input', () => {
    // Diagnostics were for the old text; the next run brings new ones.
    marks = [];
    render();
    onChange?.(area.value);
  });
  render();

  return {
    root,
    text: () => area.value,
    focus: () => area.focus(),
    setDiagnostics,
    reveal(d) {
      const text = area.value;
      const offset = Number.isInteger(d.from) && d.from <= text.length ? d.from : lineColumnToOffset(text, d.line || 1, d.column || 1);
      area.focus();
      area.setSelectionRange(offset, offset);
    },
    destroy: () => root.remove(),
  };
}
