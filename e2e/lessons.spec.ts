/**
 * Issue 4: each seed template opens from the templates menu, runs, and shows on the canvas what its
 * lesson says. Screenshots land in /tmp/shots/lesson-<name>.png for a person to look at.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

interface Case {
  name: string;
  check(p: PlaygroundPage, page: Page): Promise<void>;
}

const cases: Case[] = [
  {
    name: "01-hello-world",
    check: async (p) => p.expectCountAbove("client", "received", 1),
  },
  {
    name: "01b-client-first",
    check: async (p) => {
      // The server starts at 3 s: until then the client's request waits.
      await expect(p.status("server")).toHaveText("stopped");
      await expect(p.status("server")).toHaveText("bound", { timeout: 10_000 });
      await p.expectCountAbove("client", "received", 0);
    },
  },
  {
    name: "01c-server-crash",
    check: async (p) => {
      await p.expectCountAbove("pirate-client", "received", 0);
      // After the crash the plain REQ is left waiting for a reply that never comes.
      await expect(p.status("plain-client")).toHaveText(/stuck|waiting for a reply/, {
        timeout: 15_000,
      });
      await p.page.waitForTimeout(3000);
    },
  },
  {
    name: "02-n-clients-1-server",
    check: async (p) => {
      for (const c of ["client-1", "client-2", "client-3"])
        await p.expectCountAbove(c, "received", 0);
      await p.expectCountAbove("server", "received", 3);
    },
  },
  {
    name: "03-n-clients-m-servers-failed",
    check: async (p) => {
      await expect(p.status("server-b")).toHaveText("error", { timeout: 10_000 });
      await expect(p.node("server-b")).toContainText(/in use/i);
      await expect(p.status("server-a")).toHaveText("bound");
      await p.expectCountAbove("server-a", "received", 1);
    },
  },
  {
    name: "04-broker",
    check: async (p, page) => {
      await p.expectCountAbove("worker-1", "received", 0);
      await p.expectCountAbove("worker-2", "received", 0);
      await p.expectCountAbove("client-1", "received", 0);
      // The envelope is visible at the ROUTER hop.
      await page.getByRole("combobox", { name: "Filter by node" }).selectOption("broker");
      await page.getByRole("combobox", { name: "Filter by event type" }).selectOption("message");
      await page.locator(".eventlog .row.ev-message").last().click();
      await expect(page.getByTestId("messageview")).toContainText("routing id (envelope)");
    },
  },
  {
    name: "08-pub-sub",
    check: async (p) => {
      await p.expectCountAbove("sub-weather", "received", 0);
      await expect(p.counters("publisher")).toContainText("dropped", { timeout: 10_000 });
      await p.expectCountAbove("sub-news", "received", 0, 15_000);
    },
  },
  {
    name: "09-pipeline",
    check: async (p) => {
      await p.expectCountAbove("worker-1", "received", 0);
      await p.expectCountAbove("worker-2", "received", 0);
      await p.expectCountAbove("sink", "received", 3, 20_000);
    },
  },
  {
    name: "10-transports",
    check: async (p) => {
      for (const s of ["server-tcp", "server-ipc", "server-inproc"])
        await p.expectCountAbove(s, "received", 0);
    },
  },
  {
    name: "11-high-water-mark",
    check: async (p, page) => {
      await expect(
        page.locator('[data-testid$=".counters"]', { hasText: "dropped" }).first(),
      ).toBeVisible({
        timeout: 15_000,
      });
    },
  },
];

test.describe("seed templates show what their lessons say", () => {
  for (const c of cases) {
    test(c.name, async ({ playground: p, page }) => {
      test.setTimeout(60_000);
      await p.goto();
      await page.getByTestId("toolbar.templates").click();
      await page.getByTestId(`template.${c.name}`).click();
      await expect(page.getByTestId("lesson")).not.toContainText("no lesson");
      await p.run();
      await c.check(p, page);
      await p.shot(`lesson-${c.name}`);
    });
  }
});
