import { expect, test } from "./fixtures.js";

test.describe("building hello world by hand", () => {
  test("drag a client and a server, wire them, run: counters rise and particles move", async ({
    playground: p,
  }) => {
    await p.goto();
    await expect(p.page.getByTestId("welcome.hint")).toContainText("Drag a Client and a Server");
    await p.shot("01-empty");

    await p.dragRole("client", 180, 160);
    await p.dragRole("server", 560, 160);
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("server")).toContainText("tcp://127.0.0.1:5555");
    await expect(p.page.getByTestId("welcome")).toHaveCount(0);

    await p.connect(["client", "req"], ["server", "rep"]);
    await expect(p.edges()).toHaveCount(1);
    await p.shot("02-wired");

    await p.run();
    await expect(p.status("server")).toHaveText("bound");
    await p.expectCountAbove("client", "received", 2);
    await p.expectCountAbove("server", "sent", 2);
    await expect.poll(() => p.particlesDrawn(), { timeout: 10_000 }).toBeGreaterThan(2);
    await expect.poll(() => p.overlayHasPixels(), { timeout: 5_000 }).toBe(true);
    await p.shot("03-running");

    // A message from the log opens in the message view, frame by frame.
    await p.page.locator(".eventlog .row.ev-message").first().click();
    await expect(p.page.getByTestId("messageview")).toContainText("frame 1");
    await p.shot("04-message");

    await p.page.getByTestId("toolbar.stop").click();
    await expect(p.page.getByTestId("toolbar.state")).toHaveText("not running");
  });

  test("keyboard users add nodes from the palette and link them from the inspector", async ({
    playground: p,
  }) => {
    await p.goto();
    await p.page.getByRole("button", { name: "Add Server" }).focus();
    await p.page.keyboard.press("Enter");
    await p.page.getByRole("button", { name: "Add Client" }).focus();
    await p.page.keyboard.press("Enter");
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("server")).toBeVisible();
    // The new client is selected: its inspector offers the sockets it may connect to.
    const pick = p.page.getByRole("combobox", { name: "Connect to" });
    await pick.selectOption({ label: "Server · REP tcp://127.0.0.1:5555" });
    await p.page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(p.edges()).toHaveCount(1);
    await p.shot("02b-keyboard-linked");
  });
});
