// One state object for the page: {integration, request, options}, the
// shapes evaluate() takes (shared/CONTRACT.md). Components mutate a copy
// through update(); subscribers learn whether the change was structural
// (added/removed/renamed parts: panels re-render) or an edit in place
// (text typed: only the output refreshes).

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    /**
     * @param {(draft: object) => void | object} fn  mutate the draft, or return a new state
     * @param {{structural?: boolean, source?: string}} [info]
     */
    update(fn, info = {}) {
      const draft = structuredClone(state);
      const returned = fn(draft);
      state = returned || draft;
      for (const l of listeners) l(state, info);
    },
    replace(next, info = { structural: true, source: 'replace' }) {
      state = next;
      for (const l of listeners) l(state, info);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Rename a key of a plain object, keeping the other keys' order. */
export function renameKey(obj, from, to) {
  const out = {};
  for (const [k, v] of Object.entries(obj || {})) out[k === from ? to : k] = v;
  return out;
}
