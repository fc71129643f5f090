// Two small enhancements, written here rather than as WASM islands: as islands they cost 7 KB
// brotli of the first load (measured, BENCHMARKS.md), past the 100 KB budget; as this script,
// a few hundred bytes. Without JavaScript the pages work the same, a tap or a reload further.
// - Steppers (ui::stepper): the − / + buttons appear and move their number field.
for (const button of document.querySelectorAll("button[data-step]")) button.hidden = false;
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-step]");
  const field = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!field) return;
  const value = (parseInt(field.value, 10) || 0) + Number(button.dataset.step);
  field.value = String(Math.min(Number(field.max || 99), Math.max(Number(field.min || 0), value)));
});
// - A screen that keeps up (the kitchen's, ui::KeepFresh): reload while shown and idle.
const fresh = document.querySelector("[data-keep-fresh]");
if (fresh) {
  setInterval(() => {
    if (!document.hidden && document.activeElement === document.body) location.reload();
  }, Number(fresh.dataset.keepFresh) * 1000);
}
