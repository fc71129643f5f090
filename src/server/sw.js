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

// Whose a page is: the server says it in `Offline-Session` ("none", or "<key> <expiry>": a key
// derived from the session that saw the page, and when that session ends). A page of a session
// is shown offline only while that same session is the current one and has not expired; once a
// response names another session, or none (signed out, expired, ended from another device),
// every page of the previous sessions is deleted. Pages marked `Offline-Keep: never` (a sign-in
// card, an invitation, a form's one-time key) are never kept.
const CURRENT_SESSION = "/__current-session__";

function owner(response) {
  const [key, expires] = (response.headers.get("Offline-Session") || "none").split(" ");
  return { key, expires: Number(expires) || 0 };
}

async function currentSession() {
  const saved = await caches.match(CURRENT_SESSION);
  return saved ? saved.json() : { key: "none", expires: 0 };
}

// The session the server just answered for; when it changed, forget the others' pages.
async function noteSession(response) {
  if (!response.headers.has("Offline-Session")) return;
  const now = owner(response);
  const before = await currentSession();
  if (before.key === now.key && before.expires === now.expires) return;
  const cache = await caches.open(PAGES);
  await cache.put(CURRENT_SESSION, new Response(JSON.stringify(now)));
  if (before.key === now.key) return;
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname === CURRENT_SESSION) continue;
    const kept = await cache.match(request);
    const { key } = kept ? owner(kept) : { key: "none" };
    if (key !== "none" && key !== now.key) await cache.delete(request);
  }
}

// A kept page may be shown now: public, or its session's and that session still current.
async function mayShow(saved) {
  const { key, expires } = owner(saved);
  if (key === "none") return true;
  const current = await currentSession();
  return key === current.key && Date.now() / 1000 < expires;
}

function keepable(response) {
  return response.ok && response.type === "basic" && response.headers.get("Offline-Keep") !== "never";
}

async function keepPage(url, response) {
  await noteSession(response);
  const cache = await caches.open(PAGES);
  if (keepable(response)) {
    await cache.put(url, response.clone());
  } else {
    await cache.delete(url);
  }
  return response;
}

async function savedCopy(request) {
  const saved =
    (await caches.match(request, { ignoreVary: true })) ||
    (request.mode === "navigate" && (await caches.match(request, { ignoreVary: true, ignoreSearch: true })));
  return saved && (await mayShow(saved)) ? saved : undefined;
}

// Pages and read-only data: network first, the saved copy when the network fails.
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    return await keepPage(request.url, response);
  } catch (error) {
    // The same page kept under another query (a tracking link first seen as "…?envoyee=1").
    const saved = await savedCopy(request);
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
