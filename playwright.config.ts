import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./chromium.config.js";

// UI tests drive the real web build served by the real gateway, in Debian's Chromium
// (Playwright cannot download its own browser on these machines).
const port = Number(process.env.ZMQP_E2E_PORT ?? 7788);
export const E2E_TOKEN = "e2e-token-0123456789abcdef";

export default defineConfig({
  testDir: "e2e",
  // The static player has its own config (playwright.player.config.ts): no gateway there.
  testIgnore: [/e2e[\\/]player[\\/]/],
  // Several people (or agents) may run the suite side by side: each can keep its own artifacts.
  outputDir: process.env.ZMQP_E2E_OUTPUT ?? "test-results",
  timeout: 60_000,
  workers: 1,
  retries: 0,
  // A `test.only` left in a spec would silently skip the rest of the suite in CI.
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: CHROMIUM_LAUNCH,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: `node apps/gateway/bin/zmqp.mjs serve --port ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: { ZMQP_TOKEN: E2E_TOKEN },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
