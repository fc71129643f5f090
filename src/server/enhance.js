// Small enhancements, written here rather than as WASM islands: as islands they cost 7 KB
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
  showTotals();
});
// - Running totals (ui::stepper::RunningTotal): quantity × price of the form's priced fields.
const money = new Intl.NumberFormat(document.documentElement.lang || "fr", { style: "currency", currency: "EUR" });
function showTotals() {
  for (const total of document.querySelectorAll("[data-total]")) {
    let cents = 0;
    let onQuote = false;
    for (const field of total.closest("form").querySelectorAll("input[data-price]")) {
      const quantity = Math.max(0, parseInt(field.value, 10) || 0);
      cents += quantity * Number(field.dataset.price);
      onQuote ||= quantity > 0 && field.hasAttribute("data-quote");
    }
    total.querySelector("output").textContent = money.format(cents / 100) + (onQuote ? ` + ${total.dataset.quote}` : "");
    total.hidden = false;
  }
}
showTotals();
document.addEventListener("input", showTotals);
// - Asking once (ui::forms::AskOnce): the question opens in a dialog rather than a new page.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-ask]");
  const dialog = link && document.getElementById(link.dataset.ask);
  if (!dialog || !dialog.showModal) return;
  event.preventDefault();
  dialog.showModal();
});
// - A screen that keeps up (the kitchen's, ui::KeepFresh): reload while shown and idle.
const fresh = document.querySelector("[data-keep-fresh]");
if (fresh) {
  setInterval(() => {
    if (!document.hidden && document.activeElement === document.body) location.reload();
  }, Number(fresh.dataset.keepFresh) * 1000);
}
