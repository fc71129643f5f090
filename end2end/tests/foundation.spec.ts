import { chromium, expect, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

test("the home page presents the coop in French", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: "Bienvenue à Coop'Manau" })).toBeVisible();
  for (const activity of ["Conciergerie", "Restaurant", "Traiteur", "Atelier textile", "Mobilier en palettes"]) {
    await expect(page.getByRole("heading", { level: 3, name: activity })).toBeVisible();
  }
  // Lunch on Tuesdays and Thursdays, from the database.
  const lunch = page.getByRole("article").filter({ hasText: "Restaurant" });
  await expect(lunch.getByRole("term").filter({ hasText: "mardi" })).toBeVisible();
  await expect(lunch.getByRole("term").filter({ hasText: "jeudi" })).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  // Every public service is one tap away, the hem campaigns' code page included.
  for (const [link, path] of [
    ["Demander une retouche", "/retouches"],
    ["Demander un devis traiteur", "/traiteur"],
    ["Demander un devis sur mesure", "/sur-mesure"],
    ["Opération ourlets : j'ai un code", "/ourlets"],
  ]) {
    await expect(page.getByRole("link", { name: link }).first()).toHaveAttribute("href", path);
  }
  await page.getByRole("link", { name: "Opération ourlets : j'ai un code" }).click();
  await expect(page).toHaveURL(/\/ourlets$/);
  await expect(page.getByRole("heading", { level: 1, name: "Opération ourlets" })).toBeVisible();
});

test("the navigation sits at the bottom of the phone and marks the current page", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  const home = nav.getByRole("link", { name: "Accueil" });
  await expect(home).toHaveAttribute("aria-current", "page");
  const box = (await nav.boundingBox())!;
  expect(box.y + box.height).toBeGreaterThanOrEqual(800 - 1);

  // From an unknown page (French 404) back home through the navigation.
  const response = await open(page, "/nulle-part", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  await expectAccessible(page);
  await nav.getByRole("link", { name: "Accueil" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bienvenue à Coop'Manau" })).toBeVisible();
});

test("every button and link of the frame is at least 44 px tall", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  const targets = page.locator("header a, header button, nav a, main .button");
  const count = await targets.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const box = (await targets.nth(i).boundingBox())!;
    expect(box.height, await targets.nth(i).innerText()).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
});

test("the language switch goes to English and back, and is remembered", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Coop'Manau" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);

  await open(page, "/", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Coop'Manau" })).toBeVisible();

  await page.getByRole("button", { name: /Français/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bienvenue à Coop'Manau" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("the offline page is French and accessible", async ({ page }, testInfo) => {
  await open(page, "/offline", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Pas de connexion" })).toBeVisible();
  await expectAccessible(page);
});

test("the manifest makes the app installable", async ({ request }, testInfo) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: "Coop'Manau", short_name: "Coop'Manau", lang: "fr", display: "standalone", start_url: "/", scope: "/" });
  const icons = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(icons).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).status()).toBe(200);
  }

  test.skip(!hydrated(testInfo), "installability needs the service worker, hence JavaScript");
  // Chromium never offers to install from an incognito profile, which test contexts are.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "coop-manau-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...testInfo.project.use.launchOptions,
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 360, height: 800 },
  });
  try {
    const installPage = await context.newPage();
    await open(installPage, "/", testInfo);
    await installPage.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(installPage);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("after one visit the app still answers offline", async ({ page, context }, testInfo) => {
  test.skip(!hydrated(testInfo), "the service worker needs JavaScript");
  await open(page, "/", testInfo);
  // The worker is installed and has kept the page just opened.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(async () => !!(await caches.match("/")))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Bienvenue à Coop'Manau" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("status").filter({ hasText: "Pas de connexion" })).toBeVisible();

  // A page never visited: the French offline page, never the browser's error.
  await page.goto("/jamais-visitee");
  await expect(page.getByRole("heading", { level: 1, name: "Pas de connexion" })).toBeVisible();
  await context.setOffline(false);
});
