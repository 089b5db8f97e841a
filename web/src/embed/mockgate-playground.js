// mockgate's embed for documentation pages: one module, loaded with
//
//   <script type="module" src="https://…/embed/mockgate-playground.js"></script>
//
// that defines <mockgate-playground>. Every embed on the page shares one
// engine (one worker, the wasm module fetched once). How to write one:
// docs/embed.md; the attributes: ATTRIBUTES in config.js.

import { defineMockgatePlayground, MockgatePlayground } from './element.js';

export { MockgatePlayground, defineMockgatePlayground };
export { ATTRIBUTES } from './config.js';

defineMockgatePlayground();
