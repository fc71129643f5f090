import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

// Both projects share one server and its demo menus: each orders its own dishes, so the
// kitchen's counts are exact for each.
const dishesOf = (testInfo: TestInfo) =>
  hydrated(testInfo)
    ? { one: "Couscous aux légumes", two: "Tarte aux pommes", window: "12:15" }
    : { one: "Poulet yassa, riz", two: "Jus de bissap", window: "12:30" };

async function signIn(page: Page, testInfo: TestInfo, login: string, password: string) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(login);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}

async function newPhone(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  return { context, page: await context.newPage() };
}

/** YYYY-MM-DD of the first Tuesday at least `weeks` weeks from now. */
function tuesdayIn(weeks: number) {
  const day = new Date(Date.now() + weeks * 7 * 86_400_000);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

test("a customer pre-orders two dishes, sees the allergens, and the kitchen hands the order over", async ({ page, browser }, testInfo) => {
  // Two phones, four pages checked with axe: longer than one page's journey.
  test.setTimeout(60_000);
  const { one, two, window } = dishesOf(testInfo);
  await open(page, "/dejeuner", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Déjeuner" })).toBeVisible();
  const service = page.getByRole("article").first();
  // Each allergen with its French name (its pictogram is beside it).
  const couscous = service.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Couscous aux légumes" }) });
  await expect(couscous.getByRole("list", { name: "Allergènes" })).toContainText("Gluten");
  await expect(couscous.getByRole("list", { name: "Allergènes" })).toContainText("Céleri");
  // The app's own drawings, not emoji (which differ on each phone, or show as empty boxes).
  await expect(couscous.getByRole("list", { name: "Allergènes" }).locator("svg.pictogram")).toHaveCount(2);
  await expect(couscous.getByRole("list", { name: "Allergènes" }).locator("svg.pictogram").first()).toBeVisible();
  await expect(page.getByText("Paiement sur place").first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // Step 1 of 1 form: dishes, pickup time, name and phone.
  await service.getByRole("link", { name: "Commander à emporter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Commander à emporter/ })).toBeVisible();
  await expect(page.getByText("Paiement sur place").first()).toBeVisible();
  await page.getByRole("spinbutton", { name: one }).fill("1");
  await page.getByRole("spinbutton", { name: two }).fill("2");
  await page.getByRole("radio", { name: new RegExp(`^${window}`) }).check();
  const name = `Léa ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Téléphone").fill("06 12 34 56 78");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Valider la commande" }).click();

  // The private link: reference, what was ordered, pay on site, cancel possible.
  await expect(page).toHaveURL(/\/dejeuner\/commande\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Votre commande" })).toBeVisible();
  const reference = (await page.locator(".reference").innerText()).trim();
  expect(reference).toMatch(/^D-[A-Z0-9]{4}$/);
  await expect(page.getByText(`1 × ${one}`)).toBeVisible();
  await expect(page.getByText(`2 × ${two}`)).toBeVisible();
  await expect(page.getByText("Paiement sur place").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Annuler ma commande" })).toBeVisible();
  await expectAccessible(page);
  const privateLink = page.url();

  // The kitchen: a participant of the kitchen sector.
  const kitchen = await newPhone(browser, testInfo);
  await signIn(kitchen.page, testInfo, "06 55 66 77 88", "Jean-Roubaix-2026");
  await open(kitchen.page, "/cuisine", testInfo);
  await expect(kitchen.page.getByRole("heading", { level: 1, name: /Vue cuisine/ })).toBeVisible();
  await expect(kitchen.page.getByRole("row", { name: new RegExp(`^${one}`) }).getByRole("cell").first()).toHaveText("1");
  await expect(kitchen.page.getByRole("row", { name: new RegExp(`^${two}`) }).getByRole("cell").first()).toHaveText("2");
  await expectAccessible(kitchen.page);
  await expectNoHorizontalScroll(kitchen.page);
  const order = kitchen.page.getByRole("listitem").filter({ hasText: reference });
  await expect(order).toContainText(name);
  await order.getByRole("button", { name: "Prête" }).click();
  await expect(kitchen.page.getByRole("listitem").filter({ hasText: reference })).toContainText("État : Prête");
  const card = () => kitchen.page.getByRole("listitem").filter({ hasText: reference });
  await card().getByRole("button", { name: "Récupérée", exact: true }).click();
  await expect(card()).toContainText("État : Récupérée");
  // Tapped by mistake: undone, then collected for real.
  await card().getByRole("button", { name: "Pas encore récupérée (annuler)" }).click();
  await expect(card()).toContainText("État : Prête");
  await card().getByRole("button", { name: "Récupérée", exact: true }).click();
  await expect(card()).toContainText("État : Récupérée");
  await kitchen.context.close();

  // The customer sees it collected; it can no longer be cancelled.
  await page.goto(privateLink);
  await expect(page.getByText("Récupérée")).toBeVisible();
  await expect(page.getByRole("link", { name: "Annuler ma commande" })).toHaveCount(0);
});

test("ordering after the cut-off is refused", async ({ page, browser }, testInfo) => {
  // Staff open a service of their own (one per project) and reuse a demo menu.
  const staff = await newPhone(browser, testInfo);
  await signIn(staff.page, testInfo, "karim@coopmanau.example", "Blanchemaille-2026");
  await open(staff.page, "/equipe/dejeuner", testInfo);
  await staff.page.getByLabel("Date d'un nouveau service").fill(tuesdayIn(hydrated(testInfo) ? 10 : 12));
  await staff.page.getByRole("button", { name: "Créer le service" }).click();
  await expect(staff.page).toHaveURL(/\/equipe\/dejeuner\/\d+$/);
  const serviceId = staff.page.url().split("/").pop();
  await staff.page.getByRole("button", { name: "Copier ce menu" }).click();
  await expect(staff.page.getByText("Couscous aux légumes").first()).toBeVisible();

  // A customer fills the form in while orders are open...
  await open(page, `/dejeuner/${serviceId}/commander`, testInfo);
  await page.getByRole("spinbutton", { name: "Couscous aux légumes" }).fill("1");
  await page.getByRole("radio", { name: /^12:00/ }).check();
  await page.getByLabel("Nom", { exact: true }).fill(`Tom ${testInfo.project.name}`);
  await page.getByLabel("Téléphone").fill("07 12 34 56 78");

  // ...the cut-off passes before they send it...
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await open(staff.page, `/equipe/dejeuner/${serviceId}`, testInfo);
  await staff.page.getByLabel("Heure limite de commande").fill(`${yesterday}T10:30`);
  await staff.page.getByRole("button", { name: "Enregistrer" }).first().click();
  await expect(staff.page.getByRole("status").filter({ hasText: "Modifications enregistrées." })).toBeVisible();
  await staff.context.close();

  // ...and the order is refused, in French.
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(page.getByRole("alert")).toContainText("L'heure limite de commande est passée pour ce service.");
  await expect(page).not.toHaveURL(/\/dejeuner\/commande\//);
  await open(page, `/dejeuner/${serviceId}/commander`, testInfo);
  await expect(page.getByText("Les commandes à emporter sont closes pour ce service.")).toBeVisible();
});

test("the menus stay readable offline once seen", async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  await open(page, "/dejeuner", testInfo);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await open(page, "/dejeuner", testInfo);
  await expect.poll(() => page.evaluate(async () => !!(await caches.match("/dejeuner")))).toBe(true);
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByText("Couscous aux légumes").first()).toBeVisible();
  await page.context().setOffline(false);
});
