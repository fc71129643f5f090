import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, open } from "./support";

// The second coming service: the kitchen's journey (lunch.spec.ts) counts the first one's dishes.
test("a customer sees what the app keeps about an order, downloads it and erases it", async ({ page }, testInfo) => {
  await open(page, "/dejeuner", testInfo);
  const service = page.getByRole("article").nth(1);
  await service.getByRole("link", { name: "Commander à emporter" }).click();
  await page.getByRole("spinbutton", { name: "Houmous et crudités" }).fill("1");
  await page.getByRole("radio").first().check();
  const name = `Nour ${testInfo.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Téléphone").fill("06 98 76 54 32");
  await page.getByRole("button", { name: "Valider la commande" }).click();
  await expect(page).toHaveURL(/\/dejeuner\/commande\/[A-Za-z0-9_-]{43}$/);
  const orderLink = page.url();
  const reference = (await page.locator(".reference").innerText()).trim();

  await page.getByRole("link", { name: "Vos données : les voir, les télécharger, les effacer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ce que nous gardons · ${reference}` })).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.getByText("06 98 76 54 32")).toBeVisible();
  await expect(page.getByText("Ce n'est pas encore passé : ce sera d'abord annulé.")).toBeVisible();
  const download = page.getByRole("link", { name: "Télécharger (fichier JSON)" });
  const json = await page.request.get(await download.getAttribute("href") ?? "");
  expect(json.status()).toBe(200);
  expect((await json.json()).personal[0].value).toBe(name);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByLabel("Oui, je veux effacer mes données").check();
  await page.getByRole("button", { name: "Effacer", exact: true }).click();
  await expect(page.getByText(/Vos données ont été effacées le/)).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await page.goto(orderLink);
  await expect(page.getByText("Annulée").first()).toBeVisible();

  await page.getByRole("contentinfo").getByRole("link", { name: "Vos données" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vos données" })).toBeVisible();
  await expect(page.getByText(/1 an après la fin de votre demande/).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});
