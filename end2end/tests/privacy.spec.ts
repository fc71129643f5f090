import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { hydrated, newAdmin, open, sql } from "./support";

// The admin: no other journey signs in as her, so ending all her sessions disturbs nobody.
const adminEmail = "nadia@coopmanau.example";
const password = "Blanchemaille-2026";

async function signIn(page: Page, testInfo: TestInfo) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(adminEmail);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
}

const kept = (page: Page, path: string) => page.evaluate((p) => caches.match(p).then((r) => !!r), path);

async function newDevice(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL: testInfo.project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("a staff session ended from another device leaves nothing readable offline on the shared computer", async ({ browser }, testInfo) => {
  test.setTimeout(60_000);
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  const shared = await newDevice(browser, testInfo);
  const page = shared.page;
  await signIn(page, testInfo);
  await page.evaluate(() => navigator.serviceWorker.ready);

  // A participant's sign-in card: a live secret, never kept.
  await open(page, "/equipe/personnes", testInfo);
  const unique = String(Date.now() % 100_000).padStart(5, "0");
  await page.getByLabel("Prénom").fill(`Inès${unique}`);
  await page.getByLabel("Nom", { exact: true }).fill("Haddad");
  await page.getByRole("checkbox", { name: "Menuiserie" }).check();
  await page.getByRole("button", { name: "Créer" }).click();
  await page.getByRole("button", { name: "Créer une carte de connexion" }).click();
  await expect(page).toHaveURL(/\/equipe\/invitation\//);
  const card = new URL(page.url()).pathname;

  // The staff pages seen are kept for this session (readable offline while it lasts)…
  await open(page, "/equipe/personnes", testInfo);
  await expect.poll(() => kept(page, "/equipe/personnes")).toBe(true);
  expect(await kept(page, card)).toBe(false);
  const response = await page.request.get("/equipe/personnes");
  expect(response.headers()["cache-control"]).toBe("private, no-store");

  // …until the session is ended from another device.
  const other = await newDevice(browser, testInfo);
  await signIn(other.page, testInfo);
  await open(other.page, "/compte", testInfo);
  await other.page.getByRole("button", { name: "Se déconnecter de tous les appareils" }).click();
  await expect(other.page).toHaveURL(/\/connexion/);
  await other.context.close();

  // The next person on the shared computer opens the site: its pages of that session are gone.
  await open(page, "/", testInfo);
  await expect.poll(() => kept(page, "/equipe/personnes")).toBe(false);
  await shared.context.setOffline(true);
  await page.goto("/equipe/personnes");
  await expect(page.getByRole("heading", { level: 1, name: "Pas de connexion" })).toBeVisible();
  await expect(page.getByText("Haddad")).toHaveCount(0);
  await shared.context.close();
});

test("a staff session that expires leaves nothing readable offline either", async ({ browser }, testInfo) => {
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  const { email, password } = newAdmin(testInfo);
  const shared = await newDevice(browser, testInfo);
  const page = shared.page;
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await open(page, "/equipe/personnes", testInfo);
  await expect.poll(() => kept(page, "/equipe/personnes")).toBe(true);

  // The working day is over: the session has ended on the server.
  sql("UPDATE session SET expires_at = 0 WHERE person_id = (SELECT id FROM person WHERE email = ?)", email);
  await open(page, "/", testInfo);
  await expect.poll(() => kept(page, "/equipe/personnes")).toBe(false);
  await shared.context.setOffline(true);
  await page.goto("/equipe/personnes");
  await expect(page.getByRole("heading", { level: 1, name: "Pas de connexion" })).toBeVisible();
  await shared.context.close();
});
