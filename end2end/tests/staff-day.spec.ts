import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
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

test.setTimeout(60_000);

test("the inbox shows a new catering request; the food coach takes it and it leads to the quote", async ({ page, browser }, testInfo) => {
  // A company asks for catering (the public form).
  await open(page, "/traiteur", testInfo);
  const organisation = `Boîte ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Nom de l'entreprise ou de l'organisation").fill(organisation);
  await page.getByLabel("Votre nom").fill("Paul Martin");
  await page.getByLabel("E-mail").fill("paul@boite.example");
  await page.getByLabel("Téléphone").fill("03 20 44 55 66");
  await page.getByLabel("Date").fill(dayIn(30));
  await page.getByLabel("Heure du repas").fill("12:00");
  await page.getByLabel("Nombre de couverts").fill("12");
  await page.getByLabel("Formule").selectOption({ label: "Plateaux repas" });
  await page.getByLabel("Chez nous, à Blanchemaille").check();
  await page.getByLabel(/J'accepte que Coop'Manau garde ces informations/).check();
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByText("Demande envoyée.")).toBeVisible();
  const reference = (await page.locator(".reference strong").innerText()).trim();

  const coach = await browser.newContext({ ...testInfo.project.use });
  const staff = await coach.newPage();
  await signIn(staff, testInfo, "karim@coopmanau.example", "Blanchemaille-2026");
  await open(staff, "/equipe?secteur=alimentation", testInfo);
  await expect(staff.getByRole("heading", { level: 2, name: /^À faire/ })).toBeVisible();
  const item = staff.getByRole("listitem").filter({ hasText: reference });
  await expect(item).toContainText("Traiteur : devis à faire");
  await expect(item).toContainText("12 couverts");
  await expectAccessible(staff);
  await expectNoHorizontalScroll(staff);

  // "Je m'en occupe": it is now in "what I took".
  await item.getByRole("button", { name: "Je m'en occupe" }).click();
  await open(staff, "/equipe?pour_moi=1", testInfo);
  const mine = staff.getByRole("listitem").filter({ hasText: reference });
  await expect(mine).toContainText("pris par Karim");
  // One tap from the decision: the request's quotes.
  await mine.getByRole("link", { name: "Traiteur : devis à faire" }).click();
  await expect(staff).toHaveURL(/\/equipe\/traiteur\/\d+$/);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(staff.getByRole("button", { name: "Préparer un devis" })).toBeVisible();
  await coach.close();
});

test("a pathway recorded by staff is counted in the key figures, and the CSV says the same", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "claire@coopmanau.example", "Blanchemaille-2026");
  await open(page, "/equipe", testInfo);
  await page.getByRole("link", { name: "Parcours des participants" }).click();
  // Each browser project records its own participant in its own year: the two run in parallel
  // and must never share a row (a shared one raced in CI).
  const { person, year } =
    testInfo.project.name === "no-js" ? { person: "Jean Lefebvre", year: "2018" } : { person: "Aïcha Diallo", year: "2019" };
  await page.getByRole("link", { name: person }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Parcours · ${person}` })).toBeVisible();
  await page.getByLabel("Date d'entrée").fill(`${year}-03-04`);
  await page.getByLabel("Femme").check();
  await page.getByLabel("Bénéficiaire du RSA").check();
  await page.getByRole("button", { name: "Enregistrer" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Modifications enregistrées" })).toBeVisible();
  await page.getByLabel("Date de sortie").fill(`${year}-09-30`);
  await page.getByLabel("Sortie", { exact: true }).selectOption({ label: "CDI" });
  await page.getByRole("button", { name: "Enregistrer la sortie" }).click();
  await expect(page.getByText("Emploi durable")).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The key figures of that year: that pathway alone.
  await open(page, "/equipe", testInfo);
  await page.getByRole("link", { name: "Chiffres clés" }).click();
  await page.getByLabel("Du", { exact: true }).fill(`${year}-01-01`);
  await page.getByLabel("Au", { exact: true }).fill(`${year}-12-31`);
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { name: `Du 1 janvier ${year} au 31 décembre ${year}` })).toBeVisible();
  const figure = (label: string) =>
    page.locator(".figure").filter({ has: page.getByText(label, { exact: true }) }).locator(".figure-value");
  await expect(figure("Personnes accompagnées")).toHaveText("1");
  await expect(figure("Sorties en emploi durable")).toHaveText("1");
  await expect(figure("Taux de sorties dynamiques")).toHaveText("100 %");
  await expect(figure("Femmes")).toHaveText("1");
  await expect(page.getByText("Parcours dont la date de sortie est dans la période.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Heures travaillées" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The CSV for Excel holds the same numbers.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger (CSV pour Excel)" }).click();
  const file = readFileSync(await (await download).path(), "utf8");
  for (const line of [
    `Les personnes accompagnées;Personnes accompagnées;1;${year}-01-01 – ${year}-12-31`,
    "Les personnes accompagnées;Sorties en emploi durable;1;",
    "Les personnes accompagnées;Taux de sorties dynamiques;100 %;",
    "Le public à l'entrée;Femmes;1;",
  ]) {
    expect(file).toContain(line);
  }
});

test("at the counter, a coach takes an alteration for a resident without a smartphone and prints the ticket", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "claire@coopmanau.example", "Blanchemaille-2026");
  await open(page, "/equipe", testInfo);
  await page.getByRole("link", { name: "Au guichet" }).click();
  await page.getByRole("button", { name: "Commencer au guichet" }).click();
  await expect(page.getByText(/^Mode guichet/)).toBeVisible();
  await page.getByRole("link", { name: "Une retouche" }).click();
  await page.getByRole("spinbutton", { name: "Ourlet de pantalon" }).fill("1");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ma demande de retouche" })).toBeVisible();
  await page.getByLabel("Nom").fill(`Mme Haddad ${testInfo.project.name}`);
  await page.getByLabel("Jour de dépôt").selectOption({ index: 1 });
  await page.getByLabel("Téléphone").fill("03 20 11 22 33");
  await page.getByRole("checkbox", { name: /J'accepte que Coop'Manau me contacte/ }).check();
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();

  // The ticket, not the private link's page: reference, what, when, price, hours, QR code.
  await expect(page).toHaveURL(/\/guichet\/ticket\/retouche\/[A-Za-z0-9_-]{43}$/);
  const ticket = page.getByRole("article");
  await expect(ticket.locator(".ticket-reference")).toHaveText(/^R-[0-9A-Z]{4}$/);
  await expect(ticket).toContainText("1 × Ourlet de pantalon");
  await expect(ticket).toContainText("Dépôt :");
  await expect(ticket).toContainText("9,00 €");
  await expect(ticket.getByRole("img", { name: "Code QR du lien de suivi" })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  // The next person; then counter mode off.
  await page.getByRole("link", { name: "Personne suivante" }).click();
  await page.getByRole("button", { name: "Arrêter le mode guichet" }).click();
  await expect(page.getByRole("button", { name: "Commencer au guichet" })).toBeVisible();
});
