import { expect, test } from "./fixtures.js";

test.describe("faults from the canvas", () => {
  test("kill a server: the client waits; restart it: messages flow again", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 0);

    await p.page.getByRole("button", { name: "Kill hwserver" }).click();
    await expect(p.status("server")).toHaveText("killed");
    await expect(p.status("client")).toHaveText(/^(waiting|stuck|connecting…)$/, {
      timeout: 10_000,
    });
    await p.shot("10-server-killed");

    await p.page.getByRole("button", { name: "Restart hwserver" }).click();
    await expect(p.status("server")).toHaveText("bound", { timeout: 10_000 });
    const before = await p.count("server", "received");
    await p.expectCountAbove("server", "received", before, 15_000);
    await p.shot("11-server-restarted");
  });

  test("step mode holds every send and releases one per step", async ({ playground: p }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "sent", 0);
    await p.page.getByTestId("toolbar.step.hold").click();
    await expect(p.page.getByTestId("toolbar.step.next")).toBeVisible();
    // Let anything already in flight land, then take a baseline.
    await p.page.waitForTimeout(2500);
    const sent = (await p.count("client", "sent")) + (await p.count("server", "sent"));
    await p.page.getByTestId("toolbar.step.next").click();
    await expect
      .poll(async () => (await p.count("client", "sent")) + (await p.count("server", "sent")))
      .toBe(sent + 1);
    await p.page.waitForTimeout(1500);
    expect((await p.count("client", "sent")) + (await p.count("server", "sent"))).toBe(sent + 1);
    await p.page.getByTestId("toolbar.step.release").click();
    await p.expectCountAbove("client", "received", (await p.count("client", "received")) + 1);
  });
});
