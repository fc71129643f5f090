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
