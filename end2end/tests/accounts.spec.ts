import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

const staffEmail = "claire@coopmanau.example";
const staffPassword = "Blanchemaille-2026";

async function signInAsStaff(page: Page, testInfo: TestInfo) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(staffEmail);
  await page.getByLabel("Mot de passe").fill(staffPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
}

test("staff sign in and out", async ({ page }, testInfo) => {
  await open(page, "/connexion", testInfo);
  await expectAccessible(page);
  // A wrong password: a French message, still signed out.
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(staffEmail);
  await page.getByLabel("Mot de passe").fill("pas le bon");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toContainText("Identifiant ou mot de passe incorrect.");

  await signInAsStaff(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Équipe" })).toBeVisible();
  await expectAccessible(page);
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await nav.getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByText("Claire Dubois")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
  await expect(page).toHaveURL(/\/connexion\?sortie=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Vous êtes déconnecté." })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Connexion" })).toBeVisible();
  expect((await page.goto("/equipe"))?.status()).toBe(401);
});

test("staff create a participant, print the card, and the participant's phone signs in with it", async ({ page, browser }, testInfo) => {
  await signInAsStaff(page, testInfo);
  await page.getByRole("link", { name: "Coopératrices et coopérateurs" }).click();
  await expectNoHorizontalScroll(page);
  // Both projects share one server: names and phone numbers must not clash.
  const unique = String(Date.now() % 100_000_000).padStart(8, "0");
  const firstName = `Fatou${unique.slice(-5)}`;
  const phoneNumber = `${hydrated(testInfo) ? "06" : "07"}${unique}`;
  await page.getByLabel("Prénom").fill(firstName);
  await page.getByLabel("Nom", { exact: true }).fill("Sow");
  await page.getByLabel("Téléphone (facultatif)").fill(phoneNumber);
  await page.getByRole("checkbox", { name: "Cuisine" }).check();
  await page.getByRole("button", { name: "Créer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${firstName} Sow` })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Créer une carte de connexion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Carte de connexion de ${firstName} Sow` })).toBeVisible();
  await expect(page.getByRole("img", { name: "Code QR du lien de connexion" })).toBeVisible();
  await expectAccessible(page);
  const link = await page.getByRole("link", { name: /\/invitation\// }).getAttribute("href");
  expect(link).toBeTruthy();

  // The participant's own phone: another browser, same kind (JavaScript on or off).
  const phone = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  const phonePage = await phone.newPage();
  await open(phonePage, new URL(link!).pathname, testInfo);
  await expect(phonePage.getByRole("heading", { level: 1, name: `Bonjour ${firstName}` })).toBeVisible();
  await expectAccessible(phonePage);
  await phonePage.getByRole("button", { name: "C'est moi, me connecter" }).click();
  // A participant lands on their shifts; the account shows who is signed in.
  await expect(phonePage).toHaveURL(/\/planning$/);
  await expect(phonePage.getByRole("heading", { level: 1, name: "Mon planning" })).toBeVisible();
  await open(phonePage, "/compte", testInfo);
  await expect(phonePage.getByText(`${firstName} Sow`)).toBeVisible();

  // The card works once.
  const again = await phonePage.goto(new URL(link!).pathname);
  expect(again?.status()).toBe(404);
  await expect(phonePage.getByText("Ce lien n'est plus valable")).toBeVisible();
  await phone.close();
});

test("signing out clears what the service worker kept", async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  await signInAsStaff(page, testInfo);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await open(page, "/compte", testInfo);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(async () => !!(await caches.match("/compte")))).toBe(true);

  await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
  await expect(page).toHaveURL(/\/connexion\?sortie=1$/);
  await expect.poll(() => page.evaluate(async () => !!(await caches.match("/compte")))).toBe(false);
});
