import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { OWNER_STORAGE_STATE } from "./e2e/fixtures/owner";

const port = Number(process.env.E2E_PORT ?? 3100);
const systemChromium = "/usr/bin/chromium";

/**
 * End-to-end tests in Chromium against the production build on a fresh
 * database (scripts/e2e-server.ts). The "setup" project runs first and creates
 * the owner account through the UI, as a person does on first run; every
 * other test starts signed in as that owner (its saved cookie) unless it
 * signs in as someone else. Uses Debian's /usr/bin/chromium when
 * present (CI, these machines); elsewhere Playwright's own browser
 * (`npx playwright install chromium` once on a laptop).
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Generous: on a loaded 2-core CI machine a page load can take several seconds.
  expect: { timeout: 20_000 },
  // scripts/test.ts sets PLAYWRIGHT_JSON_OUTPUT_FILE to count results for its closing line.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /owner-setup\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"], use: { storageState: OWNER_STORAGE_STATE } },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: { PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  },
});
