// The one piece of export/shapes.js an embed uses, alone, so the chunk the
// element imports on demand holds toCanonical and what it calls, not the
// paste and YAML readers next to it.
export { toCanonical } from '../export/shapes.js';
