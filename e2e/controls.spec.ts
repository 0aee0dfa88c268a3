/**
 * Runtime controls driven from the UI, their effect read on the canvas: step mode's held sends (a
 * state of their own on the node, listed, Next naming and releasing exactly one), speed, link cut,
 * restore and latency. The gateway broadcasts every control change as an event, so a second tab
 * shows the same state without having asked for anything.
 */
import type { Page } from "@playwright/test";
import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

/** Selects a link by clicking the middle of its curve (before Run: no label sits there yet). */
async function selectLink(page: Page, id: string) {
  await expect(async () => {
    const edge = await page.locator(`.react-flow__edge[data-id="${id}"]`).boundingBox();
    if (!edge) throw new Error(`link ${id} is not on screen`);
    await page.mouse.click(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.getByTestId("side.inspector").click();
    await expect(page.getByTestId("inspector.link")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

const sentSum = async (p: PlaygroundPage) =>
  (await p.count("client", "sent")) + (await p.count("server", "sent"));

test.describe("runtime controls", () => {
  test.beforeEach(async ({ page }) => page.setViewportSize({ width: 1280, height: 720 }));

  test("step mode: the held send is the node's state, listed, and Next releases exactly the one it names", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    await p.page.getByTestId("toolbar.step.hold").click();
    const next = p.page.getByTestId("toolbar.step.next");
    // The client's next request waits in step mode: the node says so, not "stuck".
    await expect(next).toHaveText(/Next: (hwclient|client)/, { timeout: 10_000 });
    await expect(p.node("client")).toHaveAttribute("data-status", "held");
    await expect(p.status("client")).toHaveText("held");
    await expect(p.node("client")).toContainText(/“Hello \d+” held by step mode: press Next/);
    await p.page.getByTestId("step.held").click();
    const items = p.page.getByTestId("step.held.item");
    await expect(items).toHaveCount(1);
    const body = ((await items.first().textContent()) ?? "").match(/Hello \d+/)?.[0] ?? "";
    expect(body).toMatch(/^Hello \d+$/);
    await expect(items.first()).toContainText("client-server");
    await p.shot("controls-step-held");
    // Step mode's extra buttons still leave the whole toolbar on one row at 1280 px.
    const locale = (await p.page.getByTestId("toolbar.locale").boundingBox())!;
    expect(locale.x + locale.width).toBeLessThanOrEqual(1280);
    expect(locale.y).toBeLessThan(30);
    const before = await sentSum(p);
    await next.click();
    // Exactly one send went (the request named), and the server's reply is now the one held.
    await expect.poll(() => sentSum(p)).toBe(before + 1);
    await expect(next).toHaveText(/Next: (hwserver|server)/);
    await expect(p.node("server")).toHaveAttribute("data-status", "held");
    await expect(p.node("client")).not.toHaveAttribute("data-status", "held");
    // Its reply held at the server, the client waits: past the 2 s after which a plain REQ with
    // a lost reply says "stuck", it still says waiting (step mode has the reply, Next brings it).
    // A claim that something does not happen needs time to pass; a slower machine only waits
    // longer, which makes the check stricter, never flaky.
    await expect(p.node("client")).toHaveAttribute("data-status", "waiting");
    const since = Date.now();
    await expect.poll(() => Date.now() - since, { timeout: 10_000 }).toBeGreaterThan(3000);
    await expect(p.node("client")).toHaveAttribute("data-status", "waiting");
    await expect(p.node("client")).not.toContainText("forever");
    await p.filterLog("client");
    await expect(p.page.locator(".eventlog .row", { hasText: `request → ${body}` })).toHaveCount(1);
    expect(await sentSum(p)).toBe(before + 1);
    await p.page.getByTestId("toolbar.step.release").click();
    await expect(p.page.getByTestId("toolbar.step.hold")).toBeVisible();
    await p.expectCountAbove("client", "received", (await p.count("client", "received")) + 1);
  });

  test("a second tab sees the same step mode, speed, cut and latency", async ({
    playground: p,
    context,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await selectLink(p.page, "client-server");
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    const other = new PlaygroundPage(await context.newPage(), E2E_TOKEN);
    await other.page.setViewportSize({ width: 1280, height: 720 });
    await other.goto();
    await expect(other.page.getByTestId("toolbar.state")).toHaveText("running");

    await p.page.getByTestId("toolbar.step.hold").click();
    await expect(other.page.getByTestId("toolbar.step.next")).toHaveText(/Next: /, {
      timeout: 10_000,
    });
    // Once a send is held it stays held until Next: both tabs name the same one.
    await expect(p.page.getByTestId("toolbar.step.next")).toHaveText(/Next: /);
    await expect(other.page.getByTestId("toolbar.step.next")).toHaveText(
      (await p.page.getByTestId("toolbar.step.next").textContent()) ?? "",
    );
    await other.page.getByTestId("toolbar.step.release").click();
    await expect(p.page.getByTestId("toolbar.step.hold")).toBeVisible();

    await p.page.getByTestId("toolbar.speed").selectOption("2");
    await expect(other.page.getByTestId("toolbar.speed")).toHaveValue("2");
    await expect(p.page.getByTestId("toolbar.speed")).toHaveValue("2");

    await p.page.getByTestId("link.client-server.cut").click();
    await expect(p.page.getByTestId("link.client-server.label")).toHaveText("✂");
    await expect(other.page.getByTestId("link.client-server.label")).toHaveText("✂");
    // Cut: the client's next request waits and never reaches the server until the link is back.
    await expect(p.status("client")).toHaveText("waiting", { timeout: 10_000 });
    const waiting = ((await p.node("client").textContent()) ?? "").match(/Hello \d+/)?.[0] ?? "";
    expect(waiting).toMatch(/^Hello \d+$/);
    const arrived = p.page.locator(".eventlog .row", {
      hasText: `request ← client-server ${waiting}`,
    });
    await expect(p.page.locator(".eventlog .row", { hasText: "client-server cut" })).toHaveCount(1);
    await expect(arrived).toHaveCount(0);
    const served = await p.count("server", "received");
    await other.page.screenshot({ path: "/tmp/shots/controls-second-tab-cut.png" });
    await p.page.getByTestId("link.client-server.restore").click();
    await expect(other.page.getByTestId("link.client-server.label")).not.toHaveText("✂");
    await p.expectCountAbove("server", "received", served, 15_000);
    await expect(arrived).toHaveCount(1);

    await p.page.getByLabel("Added latency (ms)").fill("300");
    await p.page
      .getByTestId("inspector.link")
      .getByRole("button", { name: "Apply", exact: true })
      .click();
    await expect(p.page.locator(".eventlog .row").last()).toBeVisible();
    await other.page.getByTestId("side.inspector").click();
    await other.page.locator(`.react-flow__edge[data-id="client-server"]`).click({ force: true });
    await expect(other.page.getByLabel("Added latency (ms)")).toHaveValue("300");
    // Speed is the gateway's, and outlives a run: leave it as the next test expects it.
    await p.page.getByTestId("toolbar.speed").selectOption("1");
    await expect(other.page.getByTestId("toolbar.speed")).toHaveValue("1");
    await other.page.close();
  });

  test("node pause/resume and stop/start from the canvas change what the node does", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    await p.page.getByRole("button", { name: "Pause hwclient" }).click();
    await expect(p.status("client")).toHaveText("paused");
    // The line under the badge says what pausing means, whole: "paused: not reading, messages
    // que…" was cut on every card, repeating the badge.
    const detail = p.page.getByTestId("node.client.detail");
    await expect(detail).toHaveText("messages wait in zeromq, unread");
    expect(await p.isCut(detail), "the paused line is cut").toBe(false);
    const sent = await p.count("client", "sent");
    await p.page.getByRole("button", { name: "Resume hwclient" }).click();
    await p.expectCountAbove("client", "sent", sent);
    await p.page.getByRole("button", { name: "Stop hwserver" }).click();
    await expect(p.status("server")).toHaveText("stopped");
    await p.page.getByRole("button", { name: "Start hwserver" }).first().click();
    await expect(p.status("server")).toHaveText("bound", { timeout: 10_000 });
    const got = await p.count("client", "received");
    await p.expectCountAbove("client", "received", got, 15_000);
  });

  test("speed from the toolbar changes how often the client sends, read in the log", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "sent", 1);
    await p.filterLog("client", "message");
    await p.page.getByTestId("toolbar.speed").selectOption("0.25");
    await expect(p.page.getByTestId("toolbar.speed")).toHaveValue("0.25");
    const from = await p.count("client", "sent");
    // At a quarter speed the 1 s interval is 4 s: two sends after the change are ≥ 3 s apart.
    await p.expectCountAbove("client", "sent", from + 1, 20_000);
    const times = await p.page
      .locator(".eventlog .row", { hasText: "request →" })
      .locator(".time")
      .allTextContents();
    const secs = times.slice(-2).map((x) => {
      const [h, m, s] = x.split(":").map(Number);
      return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
    });
    expect(secs[1]! - secs[0]!).toBeGreaterThanOrEqual(3);
    // Speed is the gateway's, and outlives a run: leave it as the next test expects it.
    await p.page.getByTestId("toolbar.speed").selectOption("1");
    await expect(p.page.getByTestId("toolbar.speed")).toHaveValue("1");
  });
});
