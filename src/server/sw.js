// Coop'Manau service worker. Served by the app (src/server/assets.rs) with this build's version and
// precache list filled in, so the list is generated from the build and can never go stale.
const VERSION = "__VERSION__";
const PRECACHE = [] /* __PRECACHE__ */;
const SHELL = `shell-${VERSION}`;
const PAGES = `pages-${VERSION}`;
const OFFLINE_URL = "/offline";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

// A new build removes every cache of older builds: their pages point at assets that are gone.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Messages from pages: keep the page just opened (it was fetched before this worker controlled
// it), or forget everything (sign-out: nothing of one person may be shown to the next).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "cache-page" && typeof data.url === "string") {
    const url = new URL(data.url, self.location.origin);
    if (url.origin === self.location.origin) {
      event.waitUntil(fetch(url, { credentials: "same-origin" }).then((r) => keepPage(url, r)).catch(() => {}));
    }
  } else if (data.type === "clear") {
    event.waitUntil(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  }
});

function cacheable(response) {
  const cacheControl = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !cacheControl.includes("no-store");
}

async function keepPage(url, response) {
  if (cacheable(response)) {
    const cache = await caches.open(PAGES);
    await cache.put(url, response.clone());
  }
  return response;
}

// Pages and read-only data: network first, the saved copy when the network fails.
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    return await keepPage(request.url, response);
  } catch (error) {
    // The same page kept under another query (a tracking link first seen as "…?envoyee=1").
    const saved =
      (await caches.match(request, { ignoreVary: true })) ||
      (request.mode === "navigate" && (await caches.match(request, { ignoreVary: true, ignoreSearch: true })));
    if (saved) return saved;
    if (request.mode === "navigate") {
      const offline = await caches.match(OFFLINE_URL);
      if (offline) return offline;
    }
    throw error;
  }
}

// Built assets have hashed names: a saved copy is always right.
async function cacheFirst(request) {
  const saved = await caches.match(request);
  return saved || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" || url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirst(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
