// The playground's service worker: once the page has loaded, it keeps
// working offline (everything it runs is static: the page, the bundles,
// the wasm engine).
//
// web/build.mjs writes web/dist/sw.js as one line defining
// self.MOCKGATE_PRECACHE = {version, files} (version: a hash of the
// built files; files: every file of web/dist, relative) followed by this
// file. A new build is a new version: a new cache, filled on install; the
// old ones are deleted on activate.
//
// Cache-first for same-origin GETs: the files of one build never change,
// so the network is asked only for what is not cached (and that is cached
// too when it answers 200).

/* global self, caches */

const PRECACHE = self.MOCKGATE_PRECACHE || { version: 'dev', files: [] };
const PREFIX = 'mockgate-';
const CACHE = `${PREFIX}${PRECACHE.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `cache: 'reload'`: the HTTP cache may hold an older build's file.
    await cache.addAll(PRECACHE.files.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' })));
    // A new build takes over at once: the page holds no state the old
    // files would need (it is saved in localStorage / the URL).
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(cacheFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // A page's query string (index.html?x) does not change the file served.
  const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    cache.put(request, response.clone()).catch(() => {});
  }
  return response;
}
