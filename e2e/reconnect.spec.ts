import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { GatewayProcess } from "./gateway-process.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

/** A port apart from the shared gateway's: this test stops and starts its own. */
const PORT = Number(process.env.ZMQP_E2E_RESTART_PORT ?? 7798);

test.describe("gateway restart", () => {
  const gw = new GatewayProcess(PORT, E2E_TOKEN);
  test.beforeAll(async () => gw.start());
  test.afterAll(async () => gw.stop());

  test("the page says the gateway went away, reconnects by itself and resyncs", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const p = new PlaygroundPage(page, E2E_TOKEN);
    await page.goto(`${gw.url}/?template=01-hello-world&token=${E2E_TOKEN}`);
    await expect(p.node("server")).toBeVisible();
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    await expect(p.banner).toHaveCount(0);

    await gw.stop();
    await expect(p.banner).toHaveText("Gateway disconnected, reconnecting…");
    await p.shot("13-disconnected");

    await gw.start();
    await expect(p.banner).toHaveCount(0, { timeout: 20_000 });
    // The new gateway runs nothing: the page shows its snapshot, and keeps the person's graph.
    await expect(page.getByTestId("toolbar.state")).toHaveText("not running");
    await expect(p.node("client")).toBeVisible();
    await expect(p.counters("client")).toHaveCount(0);
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    await p.shot("14-resynced");
  });
});
