// Forms that wait on the phone when there is no connection (ui::offline::WaitingForms). A form
// marked `data-offline` (its words for the list) is sent by fetch; when the network fails, it is
// kept in IndexedDB as typed, photos included, listed as "pas encore envoyé", and sent again as
// soon as the phone is back online. Rules:
// - a kept form names who filled it (the signed-in person, or "public"); only that person's
//   pages send it, so a phone passed to someone else never sends it under their session;
// - its page (a private link, a refusal) opens only in the tab that filled it: on a shared phone
//   another visitor's tab sends it but shows only its words;
// - every such form carries its idempotency key: sent twice (a reply lost on the way), it is
//   written once; tapped twice, it is kept once.
// Without JavaScript the forms are plain posts. Not an island: the first load's budget.
(() => {
  const notice = document.querySelector("[data-waiting]");
  if (!notice || !window.indexedDB || !window.fetch) return;
  const owner = notice.dataset.waiting;
  const list = notice.querySelector("ul");
  const hint = notice.querySelector(".hint");
  const idleHint = hint.textContent;
  const sentNotice = document.querySelector("[data-sent]");
  let tab = sessionStorage.getItem("coop-manau-tab");
  if (!tab) {
    tab = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    sessionStorage.setItem("coop-manau-tab", tab);
  }

  let database;
  const open = () =>
    (database ||= new Promise((resolve, reject) => {
      const request = indexedDB.open("coop-manau-forms", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("pending", { keyPath: "id", autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
  const run = async (mode, use) => {
    const store = (await open()).transaction("pending", mode).objectStore("pending");
    return new Promise((resolve, reject) => {
      const request = use(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  const mine = async () => (await run("readonly", (s) => s.getAll())).filter((item) => item.owner === owner);
  const forget = (id) => run("readwrite", (s) => s.delete(id));
  // The same form: its idempotency key, or (forms without one) the same fields.
  const identity = (item) =>
    item.action + JSON.stringify(item.fields.find(([name]) => name === "idempotency_key") || item.fields.filter(([, v]) => typeof v === "string"));

  let retrying;
  const show = async () => {
    const items = await mine();
    list.replaceChildren(
      ...items.map((item) => {
        const line = document.createElement("li");
        const drop = document.createElement("button");
        drop.type = "button";
        drop.className = "button-link";
        drop.textContent = notice.dataset.dontSend;
        drop.onclick = () => forget(item.id).then(show);
        line.append(`${item.label} `, drop);
        return line;
      }),
    );
    notice.hidden = items.length === 0;
    // A bad connection is not always "offline": while forms wait, try again every few seconds.
    if (items.length && !retrying) retrying = setInterval(replay, 10_000);
    if (!items.length && retrying) retrying = clearInterval(retrying);
  };

  const keep = async (item) => {
    for (const other of await mine()) if (identity(other) === identity(item)) await forget(other.id);
    await run("readwrite", (s) => s.add(item));
    await show();
    notice.scrollIntoView({ block: "center" });
  };

  // Sends a kept form as the browser would have; the address of the page to show next.
  const send = async (item) => {
    const body = item.multipart ? new FormData() : new URLSearchParams();
    for (const [name, value] of item.fields) body.append(name, value);
    const response = await fetch(item.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      // The server sends a refusal back to the page the form was on.
      referrer: item.page,
      headers: { Accept: "text/html" },
      // A connection that hangs is a failure too: the form waits (its key makes a late one harmless).
      signal: AbortSignal.timeout ? AbortSignal.timeout(120_000) : undefined,
    });
    // A server that cannot write now (a full disk: 503) or asks to wait (429) keeps nothing:
    // the form waits on the phone and is tried again, like a failed network.
    if (!response.redirected && (response.status >= 500 || response.status === 429)) {
      throw new Error(`try again later (${response.status})`);
    }
    const next = new URL(response.redirected ? response.url : item.page);
    // A refusal opens at its summary (a fetch drops the redirect's #erreurs).
    if (next.searchParams.has("__err")) next.hash = "erreurs";
    return next.href;
  };

  // To a page: the same address as this one (a refusal again) reloads it, at its summary.
  const go = (url) => {
    if (url.split("#")[0] !== location.href.split("#")[0]) return location.assign(url);
    location.hash = new URL(url).hash;
    location.reload();
  };

  let replaying = false;
  const replay = async () => {
    if (replaying || !navigator.onLine) return;
    replaying = true;
    let next;
    const sentElsewhere = [];
    try {
      for (const item of await mine()) {
        hint.textContent = notice.dataset.sending;
        let url;
        try {
          url = await send(item);
        } catch {
          break;
        }
        await forget(item.id);
        if (item.tab === tab) next = url;
        else sentElsewhere.push(item.label);
      }
    } finally {
      replaying = false;
      hint.textContent = idleHint;
    }
    await show();
    if (sentElsewhere.length) {
      sentNotice.textContent = `${sentNotice.dataset.sent} ${sentElsewhere.join(" · ")}`;
      sentNotice.hidden = false;
    }
    if (next) go(next);
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("form[data-offline]") || event.defaultPrevented) return;
    event.preventDefault();
    if (form.classList.contains("sending")) return; // a second tap while the first is on its way
    const item = {
      owner,
      tab,
      at: Date.now(),
      action: form.action,
      page: location.href.split("#")[0],
      label: form.dataset.offline,
      multipart: form.enctype === "multipart/form-data",
      fields: [...new FormData(form, event.submitter)],
    };
    form.classList.add("sending");
    send(item)
      .then(go)
      .catch(() => keep(item).catch(() => form.submit()))
      .finally(() => form.classList.remove("sending"));
  });
  show().then(replay, () => {});
  addEventListener("online", replay);
})();
