import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
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

/** Staff create a participant of the carpentry sector; their own phone signs in with the card. */
async function newParticipant(page: Page, browser: Browser, testInfo: TestInfo) {
  await open(page, "/equipe/personnes", testInfo);
  const unique = String(Date.now() % 100_000_000).padStart(8, "0");
  const firstName = `Moussa${unique.slice(-5)}${hydrated(testInfo) ? "h" : "n"}`;
  await page.getByLabel("Prénom").fill(firstName);
  await page.getByLabel("Nom", { exact: true }).fill("Koné");
  await page.getByRole("checkbox", { name: "Menuiserie" }).check();
  await page.getByRole("button", { name: "Créer" }).click();
  await page.getByRole("button", { name: "Créer une carte de connexion" }).click();
  const link = await page.getByRole("link", { name: /\/invitation\// }).getAttribute("href");
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  const phone = await context.newPage();
  await open(phone, new URL(link!).pathname, testInfo);
  await phone.getByRole("button", { name: "C'est moi, me connecter" }).click();
  await expect(phone).toHaveURL(/\/planning$/);
  return { name: `${firstName} Koné`, context, phone };
}

/** YYYY-MM-DD, `days` from today (UTC date: the shifts are in the morning, Paris time). */
function inDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function createShift(page: Page, testInfo: TestInfo, day: string, starts: string, ends: string, person: string) {
  await open(page, `/equipe/planning?semaine=${day}`, testInfo);
  await page.getByText("Créer un créneau").click();
  await page.getByLabel("Secteur").selectOption({ label: "Menuiserie" });
  await page.getByLabel("Jour").fill(day);
  await page.getByLabel("Début").fill(starts);
  await page.getByLabel("Fin", { exact: true }).fill(ends);
  await page.getByLabel("Nombre de personnes").fill("2");
  await page.getByLabel("Lieu").fill("Atelier palettes");
  await page.getByRole("button", { name: "Créer le créneau" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le créneau est créé" })).toBeVisible();
  await page.getByLabel("Personne", { exact: true }).selectOption({ label: `${person} · Menuiserie` });
  await page.getByRole("button", { name: "Inscrire" }).click();
  await expect(page.getByRole("status").filter({ hasText: "La personne est inscrite" })).toBeVisible();
  await expect(page.getByText("1 / 2 places")).toBeVisible();
}

test("staff plan a shift, the participant declares an absence, staff approve it", async ({ page, browser }, testInfo) => {
  // Two phones, a dozen pages.
  test.setTimeout(90_000);
  await signInAsStaff(page, testInfo);
  const { name, context, phone } = await newParticipant(page, browser, testInfo);
  // Each project on its own days (both share one server).
  const day = inDays(hydrated(testInfo) ? 1 : 2);

  await open(page, "/equipe", testInfo);
  await page.getByRole("link", { name: "Planning des participants" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Planning · semaine du/ })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await createShift(page, testInfo, day, "09:00", "12:00", name);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The participant's phone: the shift in "Mon planning", with its pictogram and place.
  await phone.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mon planning" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Mon planning" })).toBeVisible();
  const card = phone.locator(".shift-card").filter({ hasText: "Menuiserie" }).filter({ hasText: "09:00–12:00" });
  await expect(card).toBeVisible();
  await expect(card.locator("svg.pictogram")).toBeVisible();
  await expect(card).toContainText("Atelier palettes");
  await expect(phone.getByText(/Mis à jour le/)).toBeVisible();
  await expectAccessible(phone);
  await expectNoHorizontalScroll(phone);

  await card.getByText("Je ne pourrai pas venir").click();
  await card.getByRole("radio", { name: "Problème de transport" }).check();
  await card.getByLabel("Un mot pour l'équipe (facultatif)").fill("Plus de bus ce matin-là");
  await card.getByRole("button", { name: "Prévenir l'équipe" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Votre absence est envoyée" })).toBeVisible();
  await expect(phone.locator(".shift-card").filter({ hasText: "09:00–12:00" })).toContainText("Absence en attente de réponse");

  // Staff approve it.
  await open(page, "/equipe/planning/absences", testInfo);
  const request = page.locator(".absences li").filter({ hasText: name });
  await expect(request).toContainText("Problème de transport — Plus de bus ce matin-là");
  await expectAccessible(page);
  await request.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Réponse enregistrée" })).toBeVisible();

  await open(phone, "/planning", testInfo);
  await expect(phone.locator(".shift-card").filter({ hasText: "09:00–12:00" })).toContainText("Absence acceptée");
  await context.close();
});

test("Mon planning shows offline after a visit, and an absence declared offline is sent when back online", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  test.skip(!hydrated(testInfo), "the service worker and the offline queue need JavaScript");
  await signInAsStaff(page, testInfo);
  const { name, context, phone } = await newParticipant(page, browser, testInfo);
  const day = inDays(3);
  await createShift(page, testInfo, day, "13:00", "16:00", name);

  await open(phone, "/planning", testInfo);
  await phone.evaluate(() => navigator.serviceWorker.ready);
  await open(phone, "/planning", testInfo);
  await expect.poll(() => phone.evaluate(() => caches.match("/planning").then((r) => !!r))).toBe(true);

  await context.setOffline(true);
  await phone.reload();
  await expect(phone.getByRole("status").filter({ hasText: "Pas de connexion" })).toBeVisible();
  const card = phone.locator(".shift-card").filter({ hasText: "13:00–16:00" });
  await expect(card).toContainText("Menuiserie");
  await expect(phone.getByText(/Mis à jour le/)).toBeVisible();
  await expect(phone.locator("html")).toHaveAttribute("data-hydrated", "true");

  // Declared without a connection: kept on the phone, shown as waiting.
  await card.getByText("Je ne pourrai pas venir").click();
  await card.getByRole("radio", { name: "Malade" }).check();
  await card.getByRole("button", { name: "Prévenir l'équipe" }).click();
  const waiting = phone.getByRole("status").filter({ hasText: "Pas encore envoyé" });
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText("Absence : Menuiserie");

  // Back online: sent by itself, once.
  await context.setOffline(false);
  await expect(phone.locator(".shift-card").filter({ hasText: "13:00–16:00" })).toContainText("Absence en attente de réponse", { timeout: 15_000 });
  await expect(phone.getByRole("status").filter({ hasText: "Pas encore envoyé" })).toBeHidden();
  await open(page, "/equipe/planning/absences", testInfo);
  await expect(page.locator(".absences li").filter({ hasText: name })).toHaveCount(1);
  await context.close();
});
