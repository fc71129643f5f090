import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

// A refused form comes back as it was sent, at an error summary in view that has the focus;
// corrected, it goes through. Both projects: forms are plain posts either way.

// A 1×1 PNG: a real photo as far as the server can tell.
const photo = {
  name: "ourlet.png",
  mimeType: "image/png",
  buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
};

/** Both projects share one server: names and contacts must not clash. */
const unique = (testInfo: TestInfo) => `${testInfo.project.name}${Date.now() % 1_000_000}`;

async function expectSummary(page: Page, title: string, link: string) {
  const summary = page.locator("#erreurs");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(title);
  await expect(summary).toBeInViewport();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: link })).toBeVisible();
}

test("a refused lunch order keeps every quantity, the pickup time, the name and the phone", async ({ page }, testInfo) => {
  await open(page, "/dejeuner", testInfo);
  await page.getByRole("article").first().getByRole("link", { name: "Commander à emporter" }).click();
  // Dishes no other journey counts (the kitchen journey checks its own counts).
  const dish = hydrated(testInfo) ? "Soupe de potiron" : "Salade de lentilles";
  const window = hydrated(testInfo) ? "12:15" : "12:30";
  // − / + with JavaScript; the number field alone without.
  const more = page.getByRole("button", { name: `Un de plus : ${dish}` });
  if (hydrated(testInfo)) {
    await more.click();
    await more.click();
    await page.getByRole("button", { name: `Un de moins : ${dish}` }).click();
  } else {
    await expect(more).toBeHidden();
    await page.getByRole("spinbutton", { name: dish }).fill("1");
  }
  await expect(page.getByRole("spinbutton", { name: dish })).toHaveValue("1");
  // The running total follows the quantities (with JavaScript; without, the order page says it).
  if (hydrated(testInfo)) await expect(page.locator(".running-total")).toHaveText(/^Total à payer sur place : 3,00\s€$/);
  else await expect(page.locator(".running-total")).toBeHidden();
  await page.getByRole("radio", { name: new RegExp(`^${window}`) }).check();
  const name = `Léa ${unique(testInfo)}`;
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Téléphone").fill("06 12");
  await page.getByRole("button", { name: "Valider la commande" }).click();

  await expectSummary(page, "Il y a 1 chose à corriger", "numéro");
  await expect(page.getByRole("spinbutton", { name: dish })).toHaveValue("1");
  await expect(page.getByRole("radio", { name: new RegExp(`^${window}`) })).toBeChecked();
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Téléphone")).toHaveValue("06 12");
  await expect(page.getByLabel("Téléphone")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByLabel("Téléphone").fill("06 12 34 56 78");
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(page).toHaveURL(/\/dejeuner\/commande\/[A-Za-z0-9_-]{43}/);
  await expect(page.getByText(`1 × ${dish}`)).toBeVisible();

  // Cancelling asks once, and can be undone minutes later.
  // A dialog with JavaScript, a page without: the same question, the same answers.
  await page.getByRole("link", { name: "Annuler ma commande" }).click();
  await expect(page.getByText("Annuler ma commande : Annuler vraiment ?")).toBeVisible();
  if (hydrated(testInfo)) {
    await expect(page.getByRole("dialog")).toBeVisible();
    await expect(page).not.toHaveURL(/annuler=1/);
    await page.getByRole("button", { name: "Non, revenir" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
  } else {
    await expect(page).toHaveURL(/annuler=1/);
    await page.getByRole("link", { name: "Non, revenir" }).click();
  }
  await expect(page.getByText("Cette commande est annulée.")).toHaveCount(0);
  await page.getByRole("link", { name: "Annuler ma commande" }).click();
  await page.getByRole("button", { name: "Oui, annuler" }).click();
  await expect(page.getByText("Cette commande est annulée.")).toBeVisible();
  await page.getByRole("button", { name: "Finalement, je garde ma commande" }).click();
  await expect(page.getByText("Cette commande est annulée.")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Annuler ma commande" })).toBeVisible();
});

test("a refused alteration request keeps the notes, the photo, the day, the name and the consent", async ({ page }, testInfo) => {
  await open(page, "/retouches?q1=1", testInfo);
  if (hydrated(testInfo)) {
    await expect(page.locator(".running-total")).toHaveText(/^Total estimé : \d+,\d\d\s€$/);
    const before = await page.locator(".running-total").innerText();
    await page.getByRole("button", { name: /^Un de plus/ }).first().click();
    await expect(page.locator(".running-total")).not.toHaveText(before);
    await page.getByRole("button", { name: /^Un de moins/ }).first().click();
    await expect(page.locator(".running-total")).toHaveText(before);
  }
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ma demande de retouche" })).toBeVisible();
  // No day is chosen for her.
  await expect(page.getByLabel("Jour de dépôt")).toHaveValue("");
  await page.locator("#item_note_0").fill("Raccourcir de 3 cm");
  await page.locator("#item_photo_0").setInputFiles(photo);
  const day = await page.getByLabel("Jour de dépôt").locator("option").nth(2).getAttribute("value");
  await page.getByLabel("Jour de dépôt").selectOption(day!);
  const name = `Fatou ${unique(testInfo)}`;
  await page.getByLabel("Nom").fill(name);
  await page.getByRole("checkbox", { name: /J'accepte que Coop'Manau me contacte/ }).check();
  // Neither a phone nor an e-mail.
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();

  await expectSummary(page, "Il y a 1 chose à corriger", "téléphone");
  await expect(page.locator("#item_note_0")).toHaveValue("Raccourcir de 3 cm");
  // The photo was received: not asked again.
  await expect(page.getByText("Photo déjà reçue")).toBeVisible();
  await expect(page.getByLabel("Jour de dépôt")).toHaveValue(day!);
  await expect(page.getByLabel("Nom")).toHaveValue(name);
  await expect(page.getByRole("checkbox", { name: /J'accepte que Coop'Manau me contacte/ })).toBeChecked();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByLabel("Téléphone").fill("06 98 76 54 32");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(page).toHaveURL(/\/retouches\/suivi\/[A-Za-z0-9_-]{43}\?envoyee=1$/);
  await expect(page.getByText("Raccourcir de 3 cm")).toBeVisible();
  await expect(page.getByText("Photo jointe")).toBeVisible();

  // Cancelled by mistake, then undone minutes later.
  await page.getByRole("link", { name: "Annuler ma demande" }).click();
  await page.getByRole("button", { name: "Oui, annuler" }).click();
  await expect(page.getByText("Vous avez annulé cette demande.")).toBeVisible();
  await page.getByRole("button", { name: "Finalement, je garde ma demande" }).click();
  await expect(page.getByText("Vous avez annulé cette demande.")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Annuler ma demande" })).toBeVisible();
});

test("a refused hem booking keeps the slot, the name, the class and the garments", async ({ page }, testInfo) => {
  await open(page, "/ourlets", testInfo);
  await page.getByLabel("Code d'invitation").fill("ourlets-lhil");
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("link", { name: /places? libres?/ }).nth(hydrated(testInfo) ? 2 : 3).click();
  const slot = page.getByRole("radio", { disabled: false }).last();
  const slotId = (await slot.getAttribute("id"))!;
  await slot.check();
  const name = `Inès ${unique(testInfo)}`;
  await page.getByLabel("Prénom et nom").fill(name);
  await page.getByLabel("Classe ou groupe").fill("1re C");
  await page.getByLabel(/Nombre de vêtements/).fill("2");
  await page.getByLabel("Téléphone ou e-mail").fill("pas joignable");
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();

  await expectSummary(page, "Il y a 1 chose à corriger", "");
  await expect(page.locator(`#${slotId}`)).toBeChecked();
  await expect(page.getByLabel("Prénom et nom")).toHaveValue(name);
  await expect(page.getByLabel("Classe ou groupe")).toHaveValue("1re C");
  await expect(page.getByLabel(/Nombre de vêtements/)).toHaveValue("2");
  await expect(page.getByLabel("Téléphone ou e-mail")).toHaveValue("pas joignable");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByLabel("Téléphone ou e-mail").fill(`${unique(testInfo)}@lycee.example`);
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "C'est réservé !" })).toBeVisible();
});

test("a wrong password keeps the login, never the password", async ({ page }, testInfo) => {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill("claire@coopmanau.example");
  await page.getByLabel("Mot de passe").fill("pas-le-bon-1");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.locator("#erreurs")).toBeFocused();
  await expect(page.getByLabel("Adresse e-mail ou numéro de téléphone")).toHaveValue("claire@coopmanau.example");
  await expect(page.getByLabel("Mot de passe")).toHaveValue("");
  await page.getByLabel("Mot de passe").fill("Blanchemaille-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
});
