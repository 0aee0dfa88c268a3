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

  test("kill the ventilator while a paused worker holds its tasks: read later, they are still the ventilator's, on their link", async ({
    playground: p,
  }) => {
    await p.goto({ template: "09-pipeline" });
    await p.run();
    await p.expectCountAbove("worker-2", "received", 0);
    // Paused, worker-2 reads nothing: its tasks wait in zeromq, on its side of the link.
    await p.page.getByTestId("node.worker-2.pause").click();
    await expect(p.status("worker-2")).toHaveText("paused");
    await expect.poll(() => p.count("ventilator", "sent"), { timeout: 15_000 }).toBe(20);
    expect(await p.count("worker-2", "received")).toBeLessThan(10);
    await p.page.getByTestId("node.ventilator.kill").click();
    await expect(p.status("ventilator")).toHaveText("killed");
    await p.page.getByTestId("node.worker-2.resume").click();

    // Every task it was sent arrives, read after its sender is gone: counted on the link it
    // crossed, from the ventilator, none of them "from outside the playground".
    await expect.poll(() => p.count("worker-2", "received"), { timeout: 15_000 }).toBe(10);
    await expect.poll(() => p.linkCounts("vent-w2")).toEqual([0, 10]);
    const tasks = (await p.logRows("worker-2", "message")).filter((r) => r.includes("←"));
    expect(tasks).toHaveLength(10);
    for (const row of tasks) expect(row).toMatch(/^task ← vent-w2 task \d+$/);
    await p.shot("12-late-tasks-from-killed-ventilator");
  });
});
