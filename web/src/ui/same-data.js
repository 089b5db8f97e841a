// Whether two pieces of plain data (what the engine's results are made of:
// objects, arrays, strings, numbers, booleans, null) are the same. The page
// asks after every result whether a part of it changed, to leave the part
// drawn alone; this answers without writing either side out as JSON text
// (a template output of a megabyte was turned into text twice a keystroke).

export function sameData(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData(a[k], b[k]));
}
