import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

export const hydrated = (testInfo: TestInfo) => testInfo.project.name === "hydrated";

/** Opens a page; in the hydrated project, waits until the islands are awake (clicks before that do nothing). */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  if (hydrated(testInfo)) {
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  }
  return response;
}

/**
 * Zero axe-core violations (WCAG 2.1 A and AA). axe runs as a script inside the page, so it runs
 * in the hydrated project; the no-js project gets the same server-rendered HTML.
 */
export async function expectAccessible(page: Page) {
  if (!hydrated(test.info())) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** Nothing wider than the phone: no sideways scrolling at 360 px. */
export async function expectNoHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/**
 * A new admin of the e2e database, made as on a real installation: by the binary's
 * `admin create`, which prints a one-time password (the demo's admin stays as other journeys
 * know her).
 */
export function newAdmin(testInfo: TestInfo) {
  const email = `direction-${testInfo.project.name}-${Date.now()}@example.org`;
  const out = execFileSync(
    "../target/release/coop-manau",
    ["admin", "create", "--email", email, "--first-name", "Sonia", "--last-name", "Benhamou"],
    { env: { ...process.env, DATABASE_URL: "sqlite://../target/e2e/e2e.db", RUST_LOG: "error" } },
  ).toString();
  const password = /One-time password: (\S+)/.exec(out)![1];
  return { email, password };
}


/**
 * Runs SQL on the e2e database, as time would (a session past its end): Python's sqlite3 is on
 * every machine that runs these tests (the app has no command that ages a session, nor should).
 */
export function sql(statement: string, ...params: (string | number)[]) {
  const script = "import sqlite3, sys, json; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2], json.loads(sys.argv[3])); c.commit()";
  execFileSync("python3", ["-c", script, "../target/e2e/e2e.db", statement, JSON.stringify(params)]);
}

/** The first column of the first row a query answers on the e2e database (a count, mostly). */
export function sqlValue(statement: string, ...params: (string | number)[]): number {
  const script = "import sqlite3, sys, json; c = sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchone()[0])";
  return Number(execFileSync("python3", ["-c", script, "../target/e2e/e2e.db", statement, JSON.stringify(params)]).toString().trim());
}
