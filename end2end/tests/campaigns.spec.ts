import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, hydrated, open } from "./support";

// The demo campaign (src/campaigns/service.rs seed_demo).
const campaignTitle = "Opération ourlets — Lycée Hôtelier";
const inviteCode = "ourlets-lhil";

/** Both projects share one server: names and contacts must not clash. */
function unique(testInfo: TestInfo) {
  return `${testInfo.project.name}${Date.now() % 1_000_000}`;
}

/** RFC 5545: CRLF line ends, lines of at most 75 octets, folded lines start with a space. */
function parseIcs(text: string) {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
  for (const line of text.split("\r\n")) {
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
  const lines = text.replace(/\r\n /g, "").split("\r\n").filter((l) => l.length > 0);
  const events: Record<string, string>[] = [];
  const stack: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      stack.push(value);
      if (value === "VEVENT") events.push({});
    } else if (name === "END") {
      expect(stack.pop()).toBe(value);
    } else if (stack[stack.length - 1] === "VEVENT") {
      events[events.length - 1][name] = value;
    }
  }
  expect(stack).toEqual([]);
  return { lines, events };
}

async function signInAsStaff(page: Page, testInfo: TestInfo) {
  await open(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail ou numéro de téléphone").fill("claire@coopmanau.example");
  await page.getByLabel("Mot de passe").fill("Blanchemaille-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/equipe$/);
}

test("a student books with the invite code, adds it to the calendar, moves it, then cancels", async ({ page }, testInfo) => {
  const name = `Inès ${unique(testInfo)}`;
  await open(page, "/ourlets", testInfo);
  await expectAccessible(page);
  await page.getByLabel("Code d'invitation").fill(inviteCode);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaignTitle })).toBeVisible();
  await expect(page).toHaveURL(/\/ourlets\/lycee-hotelier\?code=OURLETS-LHIL$/);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  // Step 1: a day (each project its own, so the two runs do not fill the same slots).
  await page.getByRole("link", { name: /places? libres?/ }).nth(hydrated(testInfo) ? 0 : 1).click();
  await expect(page.getByRole("heading", { name: "2. Choisissez un créneau et donnez vos coordonnées" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  // Step 2: a slot and the form.
  const slot = page.getByRole("radio", { disabled: false }).first();
  const slotLabel = (await page.locator(`label[for="${await slot.getAttribute("id")}"] .slot-hours`).textContent()) ?? "";
  const startHour = slotLabel.match(/(\d\d):(\d\d) –/)!;
  await slot.check();
  await page.getByLabel("Prénom et nom").fill(name);
  await page.getByLabel("Classe ou groupe").fill("2nde B");
  await page.getByLabel(/Nombre de vêtements/).fill("2");
  await page.getByLabel("Téléphone ou e-mail").fill(`${unique(testInfo)}@lycee.example`);
  await page.getByRole("button", { name: "Réserver ce créneau" }).click();

  // Step 3: the confirmation, on the private link.
  await expect(page.getByRole("heading", { level: 1, name: "C'est réservé !" })).toBeVisible();
  await expect(page).toHaveURL(/\/ourlets\/reservation\/[A-Za-z0-9_-]{43}\?nouvelle=1$/);
  const reference = (await page.locator(".reference").textContent())!.trim();
  expect(reference).toMatch(/^O-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  const privateLink = new URL(page.url()).pathname;

  // The calendar file: valid iCalendar, Europe/Paris time, the slot's hour.
  const href = await page.getByRole("link", { name: "Ajouter à mon agenda" }).getAttribute("href");
  const ics = await page.request.get(href!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const { lines, events } = parseIcs(await ics.text());
  expect(lines).toContain("VERSION:2.0");
  expect(lines).toContain("TZID:Europe/Paris");
  expect(events).toHaveLength(1);
  expect(events[0]["UID"]).toBe(`${reference}@coop-manau`);
  expect(events[0]["DTSTART;TZID=Europe/Paris"]).toMatch(new RegExp(`^\\d{8}T${startHour[1]}${startHour[2]}00$`));
  expect(events[0]["DTSTAMP"]).toMatch(/^\d{8}T\d{6}Z$/);

  // Move to another slot: the booking follows, the reference stays. The slots are folded by day.
  await expect(page.getByRole("link", { name: "Changer de créneau" })).toBeVisible();
  await page.locator("details.day-fold summary").last().click();
  const target = page.getByRole("radio", { disabled: false }).last();
  const targetLabel = (await page.locator(`label[for="${await target.getAttribute("id")}"] .slot-hours`).textContent()) ?? "";
  await target.check();
  await page.getByRole("button", { name: "Changer pour ce créneau" }).click();
  await expect(page.getByText("C'est fait : votre réservation est sur le nouveau créneau.")).toBeVisible();
  await expect(page.locator(".reference")).toHaveText(reference);
  const hours = targetLabel.split(" · ")[1];
  await expect(page.locator(".booking-facts")).toContainText(hours);

  // Cancel.
  // Cancelling asks once: the question, then the plain button.
  await page.getByRole("link", { name: "Annuler ma réservation" }).click();
  await expect(page.getByText("Annuler ma réservation : Annuler vraiment ?")).toBeVisible();
  await page.getByRole("button", { name: "Oui, annuler" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réservation annulée" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Réserver un autre créneau" })).toBeVisible();
  expect((await page.request.get(`${privateLink}/agenda.ics`)).status()).toBe(404);
  // Minutes later, while the place is free: undone, the same booking.
  await page.getByRole("button", { name: "Finalement, je garde ma réservation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réservation annulée" })).toHaveCount(0);
  await expect(page.locator(".booking-facts")).toContainText(hours);
  await expect(page.getByRole("link", { name: "Annuler ma réservation" })).toBeVisible();
  expect((await page.request.get(`${privateLink}/agenda.ics`)).status()).toBe(200);
  await expectAccessible(page);
});

test("a wrong invite code gets a French message", async ({ page }, testInfo) => {
  await open(page, "/ourlets/lycee-hotelier", testInfo);
  await page.getByLabel("Code d'invitation").fill("PAS-LE-BON");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByText("Ce code d'invitation n'est pas le bon.")).toBeVisible();
  await expectAccessible(page);
});

test("staff check a student in on the day sheet and export it for Excel", async ({ page }, testInfo) => {
  // A student books (as a script would: JSON answer).
  const name = `Karim ${unique(testInfo)}`;
  const campaign = await (await page.request.get(`/api/get_campaign_page?slug=lycee-hotelier&code=${inviteCode}`)).json();
  const slots = campaign.Granted.slots;
  const slot = slots[hydrated(testInfo) ? 7 : 8];
  const key = `${unique(testInfo)}${"k".repeat(43)}`.slice(0, 43);
  const booked = await page.request.post("/api/book_campaign_slot", {
    headers: { accept: "application/json" },
    form: {
      campaign: "lycee-hotelier",
      code: inviteCode,
      slot_id: String(slot.id),
      name,
      group_name: "BTS 1",
      garments: "3",
      contact: `${unique(testInfo)}@staff-test.example`,
      idempotency_key: key,
    },
  });
  expect(booked.status()).toBe(200);
  expect(Object.keys(await booked.json())).toEqual(["Booked"]);

  await signInAsStaff(page, testInfo);
  await page.getByRole("link", { name: "Opérations ourlets" }).click();
  await page.getByRole("link", { name: campaignTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaignTitle })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await page.locator("details.day summary").first().click();
  await page.getByRole("link", { name: "Feuille du jour" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Feuille du jour · / })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  const row = page.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("Attendu·e");
  await row.getByRole("button", { name: `Arrivé·e : ${name}` }).click();
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveAttribute("data-attendance", "came");
  await expect(page.getByRole("listitem").filter({ hasText: name }).locator(".sheet-state")).toHaveText("Arrivé·e");
  await expect(page.locator(".counts")).toContainText("Venus");

  const csvHref = await page.getByRole("link", { name: "Télécharger pour Excel (CSV)" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.toString("utf8");
  expect(text).toContain("Jour;Créneau;Référence;Prénom et nom;");
  expect(text).toContain(`;${name};BTS 1;3;`);
  expect(text).toContain(";Arrivé·e\r\n");
});
