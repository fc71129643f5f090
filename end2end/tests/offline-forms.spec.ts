import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, hydrated, open, sqlValue } from "./support";

// The public forms without a connection: filled, kept on the phone as "pas encore envoyé", sent
// by themselves once the network is back, and written exactly once (each carries its
// idempotency key). JavaScript only: without it a form is a plain post, and a phone without a
// connection shows the browser's own page (the back button keeps what was typed).

test.beforeEach(({}, testInfo) => {
  test.skip(!hydrated(testInfo), "keeping a form on the phone needs JavaScript");
});

const photo = {
  name: "fermeture.png",
  mimeType: "image/png",
  buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
};
const waiting = (page: Page) => page.getByRole("status").filter({ hasText: "Pas encore envoyé" });
const unique = (testInfo: TestInfo) => `${testInfo.project.name}${Date.now() % 1_000_000}`;

/**
 * The demo's second lunch service. One address has 4 orders a service, and every journey comes
 * from 127.0.0.1: with the privacy journey's two, this file's two orders fill that share.
 */
async function fillLunchOrder(page: Page, testInfo: TestInfo, name: string) {
  await open(page, "/dejeuner", testInfo);
  await page.getByRole("article").nth(1).getByRole("link", { name: "Commander à emporter" }).click();
  await page.getByRole("spinbutton").first().fill("2");
  await page.getByRole("radio").first().check();
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Téléphone").fill("06 11 22 33 44");
}

test("a lunch order sent without a connection waits on the phone, then arrives once", async ({ page, context }, testInfo) => {
  const name = `Hors ligne ${unique(testInfo)}`;
  await fillLunchOrder(page, testInfo, name);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(waiting(page)).toBeVisible();
  await expect(waiting(page)).toContainText("Commander à emporter");
  // Tapped again: still one form waiting.
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(waiting(page).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue(name);
  await expectAccessible(page);
  expect(sqlValue("SELECT count(*) FROM lunch_order WHERE name = ?", name)).toBe(0);

  await context.setOffline(false);
  await expect(page).toHaveURL(/\/dejeuner\/commande\/[A-Za-z0-9_-]{43}$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Votre commande" })).toBeVisible();
  await expect(waiting(page)).toBeHidden();
  expect(sqlValue("SELECT count(*) FROM lunch_order WHERE name = ?", name)).toBe(1);
});

test("an order whose reply was lost is sent again by itself and written once", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const name = `Réponse perdue ${unique(testInfo)}`;
  await fillLunchOrder(page, testInfo, name);
  // The order reaches the server, the reply never reaches the phone (a tunnel, a lift).
  await page.route(
    "**/api/place_lunch_order",
    async (route) => {
      await route.fetch({ maxRedirects: 0 });
      await route.abort("internetdisconnected");
    },
    { times: 1 },
  );
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(waiting(page)).toBeVisible();
  expect(sqlValue("SELECT count(*) FROM lunch_order WHERE name = ?", name)).toBe(1);
  // Still online: tried again a few seconds later, answered with the same order.
  await expect(page).toHaveURL(/\/dejeuner\/commande\/[A-Za-z0-9_-]{43}$/, { timeout: 30_000 });
  expect(sqlValue("SELECT count(*) FROM lunch_order WHERE name = ?", name)).toBe(1);
});

test("an alteration request with its photo waits on the phone, then arrives once with the photo", async ({ page, context }, testInfo) => {
  await open(page, "/retouches?q1=1", testInfo);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.locator("#item_note_0").fill("Ourlet fait sans réseau");
  await page.locator("#item_photo_0").setInputFiles(photo);
  await page.getByLabel("Jour de dépôt").selectOption({ index: 1 });
  const name = `Samia ${unique(testInfo)}`;
  await page.getByLabel("Nom").fill(name);
  await page.getByLabel("Téléphone").fill("06 22 33 44 55");
  await page.getByRole("checkbox", { name: /J'accepte que Coop'Manau me contacte/ }).check();
  await context.setOffline(true);
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(waiting(page)).toContainText("Ma demande de retouche");
  expect(sqlValue("SELECT count(*) FROM alteration_request WHERE contact_name = ?", name)).toBe(0);

  await context.setOffline(false);
  await expect(page).toHaveURL(/\/retouches\/suivi\/[A-Za-z0-9_-]{43}\?envoyee=1$/, { timeout: 15_000 });
  await expect(page.getByText("Ourlet fait sans réseau")).toBeVisible();
  await expect(page.getByText("Photo jointe")).toBeVisible();
  expect(sqlValue("SELECT count(*) FROM alteration_request WHERE contact_name = ?", name)).toBe(1);
});

async function fillHemBooking(page: Page, testInfo: TestInfo, name: string) {
  await open(page, "/ourlets", testInfo);
  await page.getByLabel("Code d'invitation").fill("ourlets-lhil");
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("link", { name: /places? libres?/ }).last().click();
  await page.getByRole("radio", { disabled: false }).first().check();
  await page.getByLabel("Prénom et nom").fill(name);
  await page.getByLabel("Classe ou groupe").fill("2de B");
  await page.getByLabel(/Nombre de vêtements/).fill("1");
  await page.getByLabel("Téléphone ou e-mail").fill(`${unique(testInfo)}@lycee.example`);
}

test("a hem booking waits on the phone, then arrives once", async ({ page, context }, testInfo) => {
  const name = `Yanis ${unique(testInfo)}`;
  await fillHemBooking(page, testInfo, name);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();
  await expect(waiting(page)).toBeVisible();
  expect(sqlValue("SELECT count(*) FROM campaign_booking WHERE name = ?", name)).toBe(0);

  await context.setOffline(false);
  await expect(page.getByRole("heading", { level: 1, name: "C'est réservé !" })).toBeVisible({ timeout: 15_000 });
  expect(sqlValue("SELECT count(*) FROM campaign_booking WHERE name = ?", name)).toBe(1);
});

test("a server that cannot write for now (a full disk) keeps the form waiting, sent again once", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const name = `Disque plein ${unique(testInfo)}`;
  await fillHemBooking(page, testInfo, name);
  // The first answer is the 503 a full disk gives; the next ones are the server's own.
  await page.route("**/api/book_campaign_slot", (route) => route.fulfill({ status: 503, body: "" }), { times: 1 });
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();
  await expect(waiting(page)).toBeVisible();
  expect(sqlValue("SELECT count(*) FROM campaign_booking WHERE name = ?", name)).toBe(0);
  await expect(page.getByRole("heading", { level: 1, name: "C'est réservé !" })).toBeVisible({ timeout: 30_000 });
  expect(sqlValue("SELECT count(*) FROM campaign_booking WHERE name = ?", name)).toBe(1);
});

test("on a shared phone, a form kept in one tab is sent from another without showing it there", async ({ page, context }, testInfo) => {
  const name = `Autre onglet ${unique(testInfo)}`;
  await fillHemBooking(page, testInfo, name);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();
  await expect(waiting(page)).toBeVisible();
  const label = (await waiting(page).getByRole("listitem").innerText()).replace("Ne pas envoyer", "").trim();
  await page.close();

  // Someone else opens the site on the same phone, once the network is back.
  await context.setOffline(false);
  const other = await context.newPage();
  await open(other, "/", testInfo);
  await expect(other.getByRole("status").filter({ hasText: "Envoyé :" })).toContainText(label);
  await expect(other).toHaveURL(/\/$/);
  await expect(other.getByText(name)).toHaveCount(0);
  expect(sqlValue("SELECT count(*) FROM campaign_booking WHERE name = ?", name)).toBe(1);
});

test("a form kept on the phone can be taken back before it is sent", async ({ page, context }, testInfo) => {
  const name = `Repris ${unique(testInfo)}`;
  await fillLunchOrder(page, testInfo, name);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await waiting(page).getByRole("button", { name: "Ne pas envoyer" }).click();
  await expect(waiting(page)).toBeHidden();
  await context.setOffline(false);
  await open(page, "/", testInfo);
  await expect(page.getByRole("status").filter({ hasText: "Envoyé :" })).toBeHidden();
  expect(sqlValue("SELECT count(*) FROM lunch_order WHERE name = ?", name)).toBe(0);
});
