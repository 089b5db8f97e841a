// Which editor shows which template, by the contract's template names
// ("request:application/json", "response:200:application/json"), and the
// diagnostics each one carries: from checkTemplate (syntax, as you type)
// and from the last evaluate result (runtime errors, warnings).

export function requestTemplateName(contentType) {
  return `request:${contentType}`;
}

export function responseTemplateName(statusCode, contentType) {
  return `response:${statusCode}:${contentType}`;
}

export function createRegistry() {
  const editors = new Map();
  const applied = new WeakMap(); // editor -> the diagnostics it shows, as a key
  const checked = new Map();
  let fromResult = [];
  const listeners = new Set();

  function merged(name) {
    const out = [];
    const seen = new Set();
    for (const d of [...(checked.get(name) || []), ...fromResult.filter((r) => r.template === name)]) {
      const key = `${d.line}:${d.column}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
    return out;
  }

  // Every result and every check re-applies the diagnostics; an editor is
  // only told when its list changed, since each update is an editor
  // transaction (and reads the DOM selection, forcing a layout).
  function apply(name) {
    const editor = editors.get(name);
    if (!editor) return;
    const list = merged(name);
    const key = JSON.stringify(list);
    if (applied.get(editor) === key) return;
    applied.set(editor, key);
    editor.setDiagnostics(list);
  }

  let notified = null;
  function notify() {
    // Listeners (the tabs' severity dots) only need to hear of a change.
    const key = JSON.stringify([[...checked], fromResult]);
    if (key === notified) return;
    notified = key;
    for (const l of listeners) l();
  }

  return {
    register(name, editor) {
      editors.set(name, editor);
      apply(name);
      return () => {
        if (editors.get(name) === editor) editors.delete(name);
      };
    },
    editor: (name) => editors.get(name),
    names: () => [...editors.keys()],
    setChecked(name, diags) {
      checked.set(name, diags);
      apply(name);
      notify();
    },
    setFromResult(diags) {
      fromResult = diags || [];
      for (const name of editors.keys()) apply(name);
      notify();
    },
    diagnostics: merged,
    /** Worst severity for a template name: 'error' | 'warning' | null. */
    severity(name) {
      const ds = merged(name);
      if (ds.some((d) => d.severity !== 'warning' && d.severity !== 'info')) return 'error';
      if (ds.length) return 'warning';
      return null;
    },
    forget(name) {
      checked.delete(name);
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    clearHighlights() {
      for (const e of editors.values()) e.highlight([]);
    },
  };
}
