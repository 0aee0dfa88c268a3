import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./chromium.config.js";

// The static player's UI tests (`pnpm test:player`): apps/web/dist-player served by a plain static
// file server, with no gateway running at all.
const port = Number(process.env.ZMQP_PLAYER_PORT ?? 7790);

export default defineConfig({
  testDir: "e2e/player",
  outputDir: process.env.ZMQP_E2E_OUTPUT ?? "test-results",
  timeout: 60_000,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: CHROMIUM_LAUNCH,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: `node e2e/player/static-server.mjs apps/web/dist-player ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
