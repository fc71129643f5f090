import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, open } from "./support";

/** YYYY-MM-DD, `days` from today. */
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A 1 × 1 PNG: a sketch as a phone would send it, in small. */
const sketch = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function signIn(page: Page, testInfo: TestInfo, login: string, password: string) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(login);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}

test.setTimeout(60_000);

test("a startup asks for embroidered aprons with a sketch; the textile coach quotes it; once accepted it is made step by step", async ({ page, browser }, testInfo) => {
  await open(page, "/", testInfo);
  await page.getByRole("link", { name: "Demander un devis sur mesure" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Demander un devis sur mesure" })).toBeVisible();
  const organisation = `Jeune Pousse ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Broderie numérique").check();
  await page.getByLabel("Décrivez ce que vous voulez").fill("Notre logo brodé sur 40 tabliers de cuisine.");
  await page.getByLabel("Quantité").fill("40");
  await page.getByLabel("Date souhaitée (facultatif)").fill(dayIn(45));
  await page.getByLabel("Photos ou croquis (facultatif)").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: sketch });
  await page.getByLabel("Votre nom").fill("Yasmine Benali");
  await page.getByLabel("E-mail").fill("yasmine@jeunepousse.example");
  await page.getByLabel("Téléphone").fill("06 12 34 56 78");
  await page.getByLabel("Entreprise ou organisation (facultatif)").fill(organisation);
  await page.getByLabel(/J'accepte que Coop'Manau garde ces informations/).check();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();

  await expect(page).toHaveURL(/\/sur-mesure\/demande\/[A-Za-z0-9_-]{43}\?envoyee=1$/);
  await expect(page.getByText("Demande envoyée.")).toBeVisible();
  const reference = (await page.locator(".reference strong").innerText()).trim();
  expect(reference).toMatch(/^S-[A-Z0-9]{4}$/);
  await expect(page.getByText(organisation)).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  const coach = await browser.newContext({ ...testInfo.project.use });
  const staff = await coach.newPage();
  await signIn(staff, testInfo, "karim@coopmanau.example", "Blanchemaille-2026");
  // The mentions every quote carries (the catering journey may not have run yet).
  await open(staff, "/equipe/traiteur", testInfo);
  await staff.getByLabel("SIRET", { exact: true }).fill("732 829 320 00074");
  await staff.getByLabel("TVA", { exact: true }).fill("TVA non applicable, art. 293 B du CGI");
  await staff.getByRole("button", { name: "Enregistrer" }).nth(1).click();
  await expect(staff.getByRole("status").filter({ hasText: "enregistr" }).first()).toBeVisible();

  await open(staff, "/equipe", testInfo);
  await staff.getByRole("link", { name: "Sur mesure : demandes et fabrications" }).click();
  await staff.getByRole("link", { name: reference }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `${reference} · Broderie numérique` })).toBeVisible();
  await expect(staff.getByRole("img", { name: "Photo envoyée avec la demande" })).toBeVisible();
  await staff.getByRole("button", { name: "Préparer un devis" }).click();
  await staff.getByLabel("Désignation").fill("Broderie du logo, tablier fourni");
  await staff.getByLabel("Quantité").fill("40");
  await staff.getByLabel("Unité (facultatif)").fill("pièces");
  await staff.getByLabel("Prix unitaire HT, en euros").fill("14");
  await staff.getByLabel("TVA").selectOption("0");
  await staff.getByRole("button", { name: "Ajouter la ligne" }).click();
  await expect(staff.getByText("Total TTC 560,00 €")).toBeVisible();
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await staff.getByRole("button", { name: "Envoyer le devis au client" }).click();
  await expect(staff.getByText("Envoyé : en attente de réponse.")).toBeVisible();

  // The startup accepts from its private link.
  await page.reload();
  await page.getByRole("link", { name: /^DEV-\d{4}-\d{4} · 560,00 €/ }).click();
  await expect(page.getByText("Broderie numérique · 40 pièce(s)")).toBeVisible();
  await page.getByLabel("Votre nom").fill("Yasmine Benali");
  await page.getByLabel(/Bon pour accord : j'accepte ce devis/).check();
  await page.getByRole("button", { name: "Accepter le devis" }).click();
  await expect(page.getByText(/Accepté par Yasmine Benali le/)).toBeVisible();

  // The accepted quote is a job: the coach starts it, the startup sees where it is.
  await staff.reload();
  await expect(staff.getByRole("heading", { level: 2, name: "Fabrication" })).toBeVisible();
  await staff.getByRole("button", { name: "Lancer la fabrication" }).click();
  await expect(staff.getByRole("button", { name: "Marquer prêt" })).toBeVisible();
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await coach.close();
  await page.getByRole("link", { name: "Retour à la demande" }).click();
  await expect(page.getByText("Fabrication : En fabrication")).toBeVisible();
});
