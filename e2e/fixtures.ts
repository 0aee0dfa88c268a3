/** Test fixtures: a fresh page object per test, on a gateway with nothing running. */
import { test as base } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

export const test = base.extend<{ playground: PlaygroundPage }>({
  playground: async ({ page, request }, use) => {
    // Tests share one gateway (and the template ports): nothing may run across tests.
    const stop = () =>
      request.post("/api/stop", { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data: {} });
    await stop();
    await use(new PlaygroundPage(page, E2E_TOKEN));
    await stop();
  },
});

export { expect } from "@playwright/test";
export { E2E_TOKEN };
