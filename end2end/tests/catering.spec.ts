import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, open } from "./support";

/** YYYY-MM-DD, `days` from today. */
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signIn(page: Page, testInfo: TestInfo, login: string, password: string) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(login);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}

test("a company asks for a buffet for 25 from the home page and the food coach sees it", async ({ page, browser }, testInfo) => {
  await open(page, "/", testInfo);
  await page.getByRole("link", { name: "Demander un devis traiteur" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demander un devis traiteur" })).toBeVisible();
  await expect(page.getByText("À partir de 10 couverts.")).toBeVisible();
  const organisation = `Filature ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Nom de l'entreprise ou de l'organisation").fill(organisation);
  await page.getByLabel("SIRET (facultatif)").fill("732 829 320 00074");
  await page.getByLabel("Votre nom").fill("Sophie Vandamme");
  await page.getByLabel("E-mail").fill("sophie@filature.example");
  await page.getByLabel("Téléphone").fill("03 20 11 22 33");
  await page.getByLabel("Date").fill(dayIn(21));
  await page.getByLabel("Heure du repas").fill("12:30");
  await page.getByLabel("Nombre de couverts").fill("25");
  await page.getByLabel("Formule").selectOption({ label: "Buffet" });
  await page.getByLabel("Chez nous, à Blanchemaille").check();
  await page.getByLabel("Végétarien", { exact: true }).fill("6");
  await page.getByLabel("Arachides").check();
  await page.getByLabel("Message (facultatif)").fill("Pour l'inauguration de l'atelier.");
  await page.getByLabel(/J'accepte que Coop'Manau garde ces informations/).check();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Envoyer la demande" }).click();

  await expect(page).toHaveURL(/\/traiteur\/demande\/[A-Za-z0-9_-]{43}\?envoyee=1$/);
  await expect(page.getByText("Demande envoyée.")).toBeVisible();
  const reference = (await page.locator(".reference strong").innerText()).trim();
  expect(reference).toMatch(/^T-[A-Z0-9]{4}$/);
  await expect(page.getByText(organisation)).toBeVisible();
  await expect(page.getByText("Végétarien : 6")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  const coach = await browser.newContext({ ...testInfo.project.use });
  const staff = await coach.newPage();
  await signIn(staff, testInfo, "karim@coopmanau.example", "Blanchemaille-2026");
  await open(staff, "/equipe", testInfo);
  await staff.getByRole("link", { name: "Traiteur : demandes de devis" }).click();
  const card = staff.getByRole("listitem").filter({ hasText: reference });
  await expect(card).toContainText(organisation);
  await expect(card).toContainText("25 couverts · Buffet");
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await coach.close();
});
