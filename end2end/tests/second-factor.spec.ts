import { createHmac } from "node:crypto";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { newAdmin, open } from "./support";

/** RFC 4648 base32, as the setup page shows the key (in groups of 4). */
function base32(text: string) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/[\s=-]/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code of an authenticator app (RFC 6238, SHA-1, 30 s), `ahead` steps from now. */
function totp(secret: string, ahead = 0) {
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + ahead));
  const mac = createHmac("sha1", base32(secret)).update(step).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

async function signIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

async function signOut(page: Page, testInfo: TestInfo) {
  await open(page, "/compte", testInfo);
  await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
  await expect(page).toHaveURL(/\/connexion\?sortie=1$/);
}

test("an admin enrols a second factor, then signs in with a code, and once with a recovery code", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const { email, password } = newAdmin(testInfo);
  await signIn(page, testInfo, email, password);
  await expect(page).toHaveURL(/\/equipe$/);

  // Admin pages stay closed until she enrols.
  await open(page, "/equipe/personnel", testInfo);
  await expect(page.getByText("Activez la double authentification dans Mon compte")).toBeVisible();

  await open(page, "/compte", testInfo);
  await page.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(page).toHaveURL(/\/compte\/double-authentification$/);
  await expect(page.getByRole("img", { name: "QR code à scanner avec l'application d'authentification" })).toBeVisible();
  const secret = (await page.locator("code.secret").textContent())!;
  // A wrong code: said in French, nothing confirmed.
  await page.getByLabel("Code à 6 chiffres").fill(totp(secret) === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByText("Ce code n'est pas le bon.").first()).toBeVisible();
  await page.getByLabel("Code à 6 chiffres").fill(totp(secret));
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page).toHaveURL(/\/compte\/double-authentification\/codes$/);
  const codes = await page.locator("ol.recovery-codes li").allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByRole("button", { name: "C'est noté" }).click();

  await open(page, "/equipe/personnel", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Équipe encadrante" })).toBeVisible();
  await signOut(page, testInfo);

  // The password alone no longer signs in: the code page asks for the app's code.
  await signIn(page, testInfo, email, password);
  await expect(page).toHaveURL(/\/connexion\/code$/);
  // The code of the next step: the one used to enrol is never accepted again.
  await page.getByLabel("Code", { exact: true }).fill(totp(secret, 1));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
  await signOut(page, testInfo);

  // A recovery code works once.
  for (const attempt of [1, 2]) {
    await signIn(page, testInfo, email, password);
    await expect(page).toHaveURL(/\/connexion\/code$/);
    await page.getByLabel("Code", { exact: true }).fill(codes[0]);
    await page.getByRole("button", { name: "Se connecter" }).click();
    if (attempt === 1) {
      await expect(page).toHaveURL(/\/equipe$/);
      await signOut(page, testInfo);
    } else {
      await expect(page).toHaveURL(/\/connexion\/code/);
      await expect(page.getByText("Ce code n'est pas le bon.").first()).toBeVisible();
    }
  }
});
