import { defineConfig, devices } from "@playwright/test";

// Journeys against the release build (`make test` builds it first), on a fresh demo database,
// at a phone's size, twice: hydrated, and with JavaScript disabled (forms must still work).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const phone = { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true };

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "fr-FR",
    trace: "retain-on-failure",
    launchOptions: {
      // Only Debian's Chromium runs here: Playwright's own browsers cannot be downloaded.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "hydrated", use: { ...devices["Desktop Chrome"], ...phone, javaScriptEnabled: true } },
    { name: "no-js", use: { ...devices["Desktop Chrome"], ...phone, javaScriptEnabled: false } },
  ],
  webServer: {
    // A new database for every run; the command runs from this folder.
    command: `rm -rf ../target/e2e && mkdir -p ../target/e2e && ../target/release/coop-manau`,
    env: {
      DATABASE_URL: "sqlite://../target/e2e/e2e.db",
      DEMO: "true",
      SITE_ADDR: `127.0.0.1:${port}`,
      SITE_ROOT: "../target/site",
      RUST_LOG: "warn",
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
