import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, open } from "./support";

/** YYYY-MM-DD, `days` from today. */
const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("staff close the coop for some days; the home page announces it; holidays are listed", async ({ page }, testInfo) => {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill("nadia@coopmanau.example");
  await page.getByLabel("Mot de passe").fill("Blanchemaille-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
  await open(page, "/equipe/horaires", testInfo);
  await expect(page.getByRole("heading", { name: "Fermetures" })).toBeVisible();
  // Computed, nothing to enter: Christmas is always among the next year's holidays.
  await expect(page.getByRole("listitem").filter({ hasText: "Noël" })).toBeVisible();

  // Beyond the drop-off days and the next lunches, so the other journeys keep their days;
  // each project its own label.
  const label = `Inventaire ${testInfo.project.name}`;
  // A refusal first: the last day before the first, in French, the form kept.
  await page.getByLabel("Premier jour fermé").fill(dayIn(41));
  await page.getByLabel("Dernier jour fermé").fill(dayIn(40));
  await page.getByLabel("Motif (affiché au public)").fill(label);
  await page.getByRole("button", { name: "Ajouter la fermeture" }).click();
  await expect(page.locator("#erreurs")).toContainText("Le dernier jour doit être le premier jour ou après.");
  await expect(page.getByLabel("Motif (affiché au public)")).toHaveValue(label);
  await page.getByLabel("Dernier jour fermé").fill(dayIn(42));
  await page.getByRole("button", { name: "Ajouter la fermeture" }).click();
  const closure = page.getByRole("listitem").filter({ hasText: label });
  await expect(closure).toContainText(/^Fermé du .+ au .+ : Inventaire/);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await open(page, "/", testInfo);
  await expect(page.getByRole("status").filter({ hasText: label })).toBeVisible();

  await open(page, "/equipe/horaires", testInfo);
  await page.getByRole("listitem").filter({ hasText: label }).getByRole("button", { name: "Retirer" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: label })).toHaveCount(0);
});
