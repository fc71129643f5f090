import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

// A 1×1 PNG: a real photo as far as the server can tell.
const photo = {
  name: "ourlet.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
};

async function staffPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill("claire@coopmanau.example");
  await page.getByLabel("Mot de passe").fill("Blanchemaille-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
  return page;
}

/** From the price list to the tracking page: two alterations, one photo. Returns the reference. */
async function requestTwoAlterations(page: Page, testInfo: TestInfo, name: string) {
  await open(page, "/", testInfo);
  await page.getByRole("link", { name: "Demander une retouche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Retouches et repassage" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole("spinbutton", { name: "Ourlet de pantalon" }).fill("2");
  await page.getByRole("spinbutton", { name: "Changement de fermeture éclair" }).fill("1");
  await page.getByRole("button", { name: "Continuer" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ma demande de retouche" })).toBeVisible();
  // 2 × 9,00 € + 15,00 €, before anything is sent.
  await expect(page.getByText("Total estimé : 33,00 €")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.locator("#item_note_0").fill("Pantalons bleus, raccourcir de 3 cm");
  await page.locator("#item_photo_0").setInputFiles(photo);
  await page.getByLabel("Nom").fill(name);
  await page.getByLabel("Jour de dépôt").selectOption({ index: 1 });
  await page.getByLabel("Téléphone").fill("06 98 76 54 32");
  await page.getByRole("checkbox", { name: /J'accepte que Coop'Manau me contacte/ }).check();
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();

  await expect(page).toHaveURL(/\/retouches\/suivi\/[A-Za-z0-9_-]{43}\?envoyee=1$/);
  await expect(page.getByText("Demande envoyée !")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Suivi de ma retouche" })).toBeVisible();
  await expect(page.locator(".badge")).toHaveText("Envoyée");
  await expect(page.getByText("Photo jointe")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  const reference = (await page.locator(".reference strong").textContent())!.trim();
  expect(reference).toMatch(/^R-[0-9A-Z]{4}$/);
  return reference;
}

test("a resident requests two alterations with a photo; staff accept it and make it ready", async ({ page, browser }, testInfo) => {
  // Two people, seven pages, each checked with axe: longer than one page's journey.
  test.setTimeout(90_000);
  const name = `Fatou ${testInfo.project.name} ${Date.now() % 100000}`;
  const reference = await requestTwoAlterations(page, testInfo, name);
  const tracking = page.url();

  const staff = await staffPage(browser, testInfo);
  await staff.getByRole("link", { name: "Demandes de retouche" }).click();
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await staff.getByRole("link", { name: `${reference} · ${name}` }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Demande ${reference}` })).toBeVisible();
  await expect(staff.getByRole("img", { name: /Photo : Ourlet de pantalon/ })).toBeVisible();
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await staff.getByLabel("Prix", { exact: true }).fill("30");
  await staff.getByRole("button", { name: "Accepter" }).click();
  await expect(staff.locator(".badge")).toHaveText("Acceptée");
  await staff.getByLabel("Étagère").fill("A1");
  await staff.getByRole("button", { name: "Vêtements déposés" }).click();
  await expect(staff.locator(".badge")).toHaveText("Déposée");
  await staff.getByRole("button", { name: "Prête" }).click();
  await expect(staff.locator(".badge")).toHaveText("Prête");

  // The day sheet lists it among the clothes to collect.
  await staff.goto("/equipe/retouches/jour");
  await expect(staff.getByRole("row").filter({ hasText: reference })).toBeVisible();
  await staff.context().close();

  await page.goto(tracking.replace("?envoyee=1", ""));
  await expect(page.locator(".badge")).toHaveText("Prête");
  await expect(page.getByText("Prix confirmé : 30,00 €")).toBeVisible();
  await expect(page.getByText("Vos vêtements sont prêts !")).toBeVisible();
});

test("a file that is not a photo is refused next to its field, in French", async ({ page }, testInfo) => {
  await open(page, "/retouches?q1=1", testInfo);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.locator("#item_photo_0").setInputFiles({ name: "facture.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7 pas une photo") });
  await page.getByLabel("Nom").fill("Jean Test");
  await page.getByLabel("Jour de dépôt").selectOption({ index: 1 });
  await page.getByLabel("Téléphone").fill("06 11 11 11 11");
  await page.getByRole("checkbox", { name: /J'accepte/ }).check();
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(page.getByText("Ce fichier n'est pas une photo JPEG, PNG ou WebP.").first()).toBeVisible();
  await expect(page.locator("#item_photo_0")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("the tracking page still shows the request offline after a visit", async ({ page, context }, testInfo) => {
  test.setTimeout(60_000);
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  const reference = await requestTwoAlterations(page, testInfo, `Awa hors-ligne ${Date.now() % 100000}`);
  const link = page.url().replace("?envoyee=1", "");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await open(page, link, testInfo);
  await expect.poll(() => page.evaluate((url) => caches.match(url).then((r) => !!r), link)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator(".reference strong")).toHaveText(reference);
  await expect(page.getByRole("status").filter({ hasText: "Pas de connexion" })).toBeVisible();
  await context.setOffline(false);
});
