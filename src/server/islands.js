// Loads the WebAssembly bundle when the browser is idle and wakes each island on the page (see
// `IslandScripts` in shell.rs for why the app renders this itself). An island's server-rendered
// children may hold islands of their own: those wake after their parent, which leaves a
// callback on its <leptos-children> element for them.
((jsUrl, wasmUrl) => {
  const childrenCallbacks = [];
  async function wake(node, mod) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName.toLowerCase();
    if (tag === "leptos-island") {
      const island = mod[node.dataset.component || ""];
      if (island) {
        const parentCallback = childrenCallbacks[childrenCallbacks.length - 1];
        if (parentCallback) parentCallback();
        await island(node);
      } else {
        console.warn(`No island named ${node.dataset.component} in the bundle.`);
      }
    } else if (tag === "leptos-children") {
      childrenCallbacks.push(node.$$on_hydrate);
      for (const child of node.children) await wake(child, mod);
      childrenCallbacks.pop();
      return;
    }
    for (const child of node.children) await wake(child, mod);
  }
  const start = () =>
    import(jsUrl).then((mod) =>
      mod.default({ module_or_path: wasmUrl }).then(() => {
        mod.hydrate();
        wake(document.body, mod);
      }),
    );
  if ("requestIdleCallback" in window) window.requestIdleCallback(start);
  else start();
})
