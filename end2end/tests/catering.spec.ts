import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, open } from "./support";

/** YYYY-MM-DD, `days` from today. */
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The Monday (YYYY-MM-DD) of the week of `day`. */
function mondayOf(day: string) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

async function signIn(page: Page, testInfo: TestInfo, login: string, password: string) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(login);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}

test.setTimeout(60_000);

test("a company asks for a buffet for 25, the food coach quotes it, the company accepts the quote", async ({ page, browser }, testInfo) => {
  await open(page, "/", testInfo);
  await page.getByRole("link", { name: "Demander un devis traiteur" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demander un devis traiteur" })).toBeVisible();
  await expect(page.getByText("À partir de 10 couverts.")).toBeVisible();
  const organisation = `Filature ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Nom de l'entreprise ou de l'organisation").fill(organisation);
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

  // The coach completes the mentions every quote carries, writes the quote and sends it.
  await staff.getByLabel("SIRET", { exact: true }).fill("732 829 320 00074");
  await staff.getByLabel("TVA", { exact: true }).fill("TVA non applicable, art. 293 B du CGI");
  await staff.getByRole("button", { name: "Enregistrer" }).nth(1).click();
  await expect(staff.getByRole("status").filter({ hasText: "enregistr" }).first()).toBeVisible();
  await staff.getByRole("listitem").filter({ hasText: reference }).getByRole("link", { name: "Devis" }).click();
  await staff.getByRole("button", { name: "Préparer un devis" }).click();
  await staff.getByLabel("Désignation").fill("Buffet froid de saison");
  await staff.getByLabel("Quantité").fill("25");
  await staff.getByLabel("Unité (facultatif)").fill("couverts");
  await staff.getByLabel("Prix unitaire HT, en euros").fill("18,50");
  await staff.getByLabel("TVA").selectOption("1000");
  await staff.getByRole("button", { name: "Ajouter la ligne" }).click();
  await expect(staff.getByText("Total TTC 508,75 €")).toBeVisible();
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);
  await staff.getByRole("button", { name: "Envoyer le devis au client" }).click();
  await expect(staff.getByText("Envoyé : en attente de réponse.")).toBeVisible();
  await coach.close();

  // The company opens its quote from the private link and gives its agreement.
  await page.reload();
  await page.getByRole("link", { name: /^DEV-\d{4}-\d{4} · 508,75 €/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Devis DEV-\d{4}-\d{4}$/ })).toBeVisible();
  for (const mention of ["SIRET : 73282932000074", "TVA 10 % sur 462,50 €", "Total TTC", "Bon pour accord", "40 €"]) {
    await expect(page.getByText(mention).first()).toBeVisible();
  }
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel("Votre nom").fill("Sophie Vandamme");
  await page.getByLabel(/Bon pour accord : j'accepte ce devis/).check();
  await page.getByRole("button", { name: "Accepter le devis" }).click();
  await expect(page.getByText(/Accepté par Sophie Vandamme le/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Accepter le devis" })).toHaveCount(0);

  // The accepted quote is an event on the staff's calendar: the kitchen's shift for it.
  const planner = await browser.newContext({ ...testInfo.project.use });
  const week = await planner.newPage();
  await signIn(week, testInfo, "karim@coopmanau.example", "Blanchemaille-2026");
  await open(week, `/equipe/planning?semaine=${mondayOf(dayIn(21))}`, testInfo);
  await expect(week.getByText(`Traiteur ${reference} · ${organisation} · 25 couverts · Buffet`)).toBeVisible();

  // The organisation is counted among the client organisations, with its one order.
  await open(week, "/equipe", testInfo);
  await week.getByRole("link", { name: "Organisations clientes" }).click();
  await expect(week.getByText(/^\d+ organisations clientes, dont \d+ régulières$/)).toBeVisible();
  const row = week.getByRole("row").filter({ hasText: organisation });
  await expect(row.getByRole("cell").nth(1)).toHaveText("Entreprise");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expectAccessible(week);
  await expectNoHorizontalScroll(week);
  await row.getByRole("link", { name: organisation }).click();
  await expect(week.getByRole("listitem").filter({ hasText: reference })).toContainText("Compte comme commande");
  await planner.close();
});
