// Stand-in page (until web/index.html + web/src/main.js land): proves the
// bundle, the worker and the wasm module load.
import { createEngine } from '../src/engine/client.js';

const engine = createEngine();
const out = document.getElementById('version');
engine.version().then(
  (version) => {
    out.textContent = version;
  },
  (error) => {
    out.textContent = `error: ${error.message}`;
    console.error(error);
  },
);
