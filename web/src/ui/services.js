// The playground's seams to helper "exports"' modules: share links and
// localStorage (state/share.js), export formats and paste import
// (export/index.js), and the examples list (examples/index.js).

export { encodeState, decodeState, saveLocal, loadLocal } from '../state/share.js';
export { EXPORT_FORMATS, parsePasted, toCanonical, PASTE_FORMATS } from '../export/index.js';
export { EXAMPLES } from '../examples/index.js';
