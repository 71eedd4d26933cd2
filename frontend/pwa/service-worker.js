/* SISO's service worker: makes the SPA start without a connection, nothing more.
 *
 * - The application shell (index.html, the built scripts, styles, fonts, icons) is stored at install
 *   time; the list and the version are written into this file by the build (vite.config.ts).
 * - Screens (navigations) come from the network when it answers, from the stored shell otherwise.
 * - /graphql is never touched: personal data is not kept in any cache; activities written offline
 *   are kept by the page in its own queue and sent with an idempotency key.
 */
const VERSION = '__SISO_VERSION__';
const PRECACHE = __SISO_PRECACHE__;
const CACHE = `siso-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('siso-') && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

async function fromNetworkOrShell(request) {
  try {
    return await fetch(request);
  } catch {
    const shell = await caches.match('/', { cacheName: CACHE, ignoreVary: true });
    return shell ?? Response.error();
  }
}

async function fromCacheOrNetwork(request) {
  // ignoreVary: the server varies on Origin (CORS), which a module script request sends and the
  // install did not; the files are content-addressed, so the URL alone identifies them
  const hit = await caches.match(request, { cacheName: CACHE, ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/graphql') || url.pathname.startsWith('/readyz') || url.pathname.startsWith('/metrics'))
    return;
  if (request.mode === 'navigate') {
    event.respondWith(fromNetworkOrShell(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(fromCacheOrNetwork(request));
  }
});
