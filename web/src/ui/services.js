// The playground's seams to helper "exports"' modules: share links and
// localStorage (state/share.js), export formats and paste import
// (export/index.js), and the examples list.

import { seedState } from './seed.js';

export { encodeState, decodeState, saveLocal, loadLocal } from '../state/share.js';
export { EXPORT_FORMATS, parsePasted, toCanonical, PASTE_FORMATS } from '../export/index.js';

// examples/index.js stand-in until it lands: the seed example alone.
export const EXAMPLES = [
  {
    id: 'mock-scope',
    title: 'MOCK: pick 200 or 500 from a query parameter',
    explanation: 'The request template prints {"statusCode": 200} or 500 depending on ?scope=; the 5\\d{2} selection pattern catches the 500.',
    ...seedState(),
  },
];
