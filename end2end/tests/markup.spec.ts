import { expect, test, type APIRequestContext } from "@playwright/test";
import { HtmlValidate } from "html-validate";
import { hydrated } from "./support";

// The W3C Nu HTML checker needs Java and its 30 MB jar; html-validate (npm, no Java) runs the same
// kind of rules on the server's HTML as sent: permitted content, attributes, ids, ARIA misuse
// (`aria-label` on a `<p>`). The one Nu rule it lacks — a required select's first option must be
// an empty placeholder, so nobody sends the first day or person unseen — is checked beside it.
const validator = new HtmlValidate({
  extends: ["html-validate:standard"],
});

/** Offending `<select required>`: its first option has a value (or it has none). */
function requiredSelectsWithoutPlaceholder(html: string): string[] {
  const offenders: string[] = [];
  for (const match of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const [, attributes, options] = match;
    if (!/\brequired\b/.test(attributes) || /\bmultiple\b/.test(attributes)) continue;
    const first = options.match(/<option\b([^>]*)>/);
    if (!first || !/\bvalue=""/.test(first[1])) offenders.push(attributes.trim());
  }
  return offenders;
}

/** Every problem of the page at `path`, as "path line:column rule: message". */
async function problemsOf(request: APIRequestContext, path: string): Promise<string[]> {
  const response = await request.get(path);
  expect(response.status(), path).toBeLessThan(400);
  const html = await response.text();
  // `<!>` are Leptos' hydration markers: the framework's, not the page's own markup (the Nu
  // checker reads them as bogus comments; browsers as empty comments).
  const report = await validator.validateString(html.replaceAll("<!>", ""), path);
  return [
    ...report.results.flatMap((r) => r.messages.map((m) => `${path} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`)),
    ...requiredSelectsWithoutPlaceholder(html).map((select) => `${path} required select without an empty first option: ${select}`),
  ];
}

async function check(request: APIRequestContext, paths: string[]) {
  const problems: string[] = [];
  for (const path of paths) problems.push(...(await problemsOf(request, path)));
  expect(problems).toEqual([]);
}

async function signIn(request: APIRequestContext, login: string) {
  const response = await request.post("/api/sign_in", {
    form: { login, password: "Blanchemaille-2026" },
    headers: { "sec-fetch-site": "same-origin", accept: "text/html" },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(400);
}

test("the public pages' markup is valid HTML", async ({ request }, testInfo) => {
  // The HTML is the server's, the same for both projects: checked once.
  test.skip(!hydrated(testInfo), "the same HTML in both projects");
  // With the first lunch service's order form and a hem campaign day's slots.
  const lunch = await (await request.get("/dejeuner")).text();
  const campaign = await (await request.get("/ourlets/lycee-hotelier?code=ourlets-lhil")).text();
  await check(request, [
    "/", "/retouches", "/retouches/demande?q1=1", "/dejeuner", "/ourlets", "/ourlets/lycee-hotelier?code=ourlets-lhil",
    "/connexion", "/traiteur", "/sur-mesure", "/vos-donnees",
    lunch.match(/href="(\/dejeuner\/\d+\/commander)"/)![1],
    `/ourlets/lycee-hotelier${campaign.match(/href="(\?[^"]*jour=[^"]+)"/)![1].replace(/&amp;/g, "&")}`,
  ]);
});

test("the staff's and participants' main pages' markup is valid HTML", async ({ playwright, baseURL }, testInfo) => {
  test.skip(!hydrated(testInfo), "the same HTML in both projects");
  const staff = await playwright.request.newContext({ baseURL });
  await signIn(staff, "claire@coopmanau.example");
  const week = await (await staff.get("/equipe/planning")).text();
  await check(staff, [
    "/equipe", "/equipe/retouches", "/equipe/planning", "/equipe/planning/absences", "/equipe/dejeuner", "/equipe/ourlets",
    "/equipe/traiteur", "/equipe/sur-mesure", "/equipe/organisations", "/equipe/parcours", "/equipe/chiffres",
    "/equipe/guichet", "/compte",
    week.match(/href="(\/equipe\/planning\/creneau\/\d+)"/)![1],
  ]);
  await staff.dispose();
});
