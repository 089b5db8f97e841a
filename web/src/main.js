// Entry point of the playground page (bundled to web/dist/main.js; the CSS
// imported here lands in web/dist/main.css).

import './styles/app.css';
import { createEngine } from './engine/client.js';
import { startApp } from './ui/app.js';

// 2 s: long enough for any real template, short enough that a runaway
// #foreach is reported while the user still remembers the keystroke.
const engine = createEngine({ timeoutMs: 2000 });

startApp(document.getElementById('app'), engine).catch((error) => {
  const p = document.createElement('p');
  p.className = 'fatal';
  p.textContent = `The playground failed to start: ${error.message}`;
  document.getElementById('app').replaceChildren(p);
});

// Offline once loaded: the service worker (web/src/sw.js) caches the page,
// its bundles and the engine. Only over http(s): file: pages cannot have
// one, and a browser without service workers simply stays online-only.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error) => {
      console.warn(`mockgate: no offline mode (${error.message})`);
    });
  });
}
