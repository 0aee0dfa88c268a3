/**
 * Templates 06 and 07 bind every interface (tcp://*:…). With `zmqp serve --allow-external` they run
 * from the canvas as drawn; without the opt-in the canvas refuses them as the gateway would, and
 * offers one click that runs them narrowed to 127.0.0.1 (the document unchanged), said on the nodes.
 */
import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { GatewayProcess } from "./gateway-process.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

const PORT = Number(process.env.ZMQP_E2E_EXTERNAL_PORT ?? 7796);

test.describe("--allow-external: 06 and 07 run from the canvas as drawn", () => {
  const gw = new GatewayProcess(PORT, E2E_TOKEN, ["--allow-external"]);
  test.beforeAll(async () => gw.start());
  test.afterAll(async () => gw.stop());

  for (const [template, client, server] of [
    ["06-cross-machine", "client", "server"],
    ["07-cross-machine-broker", "client-1", "broker"],
  ] as const)
    test(`${template} runs with its bind on every interface`, async ({ page }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      const p = new PlaygroundPage(page, E2E_TOKEN);
      await page.goto(`${gw.url}/?template=${template}&token=${E2E_TOKEN}`);
      await expect(p.node(server)).toBeVisible();
      // The canvas validates with the gateway's option: no external-bind error on the node.
      await expect(p.page.getByTestId(`node.${server}.diagnostics`)).toHaveCount(0);
      await p.run();
      await expect(p.page.getByTestId("run.blockers")).toHaveCount(0);
      await p.expectCountAbove(client, "received", 1);
      await expect(p.node(server)).toContainText("tcp://*:");
      await expect(p.page.getByTestId(`node.${server}.loopback`)).toHaveCount(0);
      await p.shot(`cross-machine-${template}-allow-external`);
      await page.request.post(`${gw.url}/api/stop`, {
        headers: { Authorization: `Bearer ${E2E_TOKEN}` },
        data: {},
      });
    });
});

test.describe("without --allow-external", () => {
  test("06: Run is refused for the external bind, and one click runs it on loopback only", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "06-cross-machine" });
    await expect(p.page.getByTestId("node.server.diagnostics")).toContainText("tcp://*:5555");
    await p.page.getByTestId("toolbar.run").click();
    const dialog = p.page.getByTestId("run.blockers");
    await expect(dialog).toContainText("ZMQP_ERR_EXTERNAL_BIND");
    await p.shot("cross-machine-06-refused");
    await dialog.getByTestId("run.loopback").click();
    await expect(dialog).toHaveCount(0);
    await expect(p.page.getByTestId("toolbar.state")).toHaveText("running");
    await p.expectCountAbove("client", "received", 1);
    await expect(p.page.getByTestId("node.server.loopback")).toHaveText(
      "this run binds tcp://127.0.0.1:5555 only: loopback, no --allow-external",
    );
    // The document keeps its own bind: the node still says tcp://*:5555, and Run stays "Run again".
    await expect(p.node("server").locator(".zn-addr")).toHaveText("tcp://*:5555");
    await expect(p.page.getByTestId("toolbar.run")).toHaveAttribute("data-mode", "again");
    await p.shot("cross-machine-06-loopback");
  });

  test("07: the broker's two binds are narrowed and requests go round", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "07-cross-machine-broker" });
    await p.page.getByTestId("toolbar.run").click();
    await p.page.getByTestId("run.blockers").getByTestId("run.loopback").click();
    await p.expectCountAbove("client-1", "received", 1);
    await p.expectCountAbove("worker-1", "received", 0);
    await expect(p.page.getByTestId("node.broker.loopback")).toContainText(
      "tcp://127.0.0.1:5559, tcp://127.0.0.1:5560",
    );
    await p.shot("cross-machine-07-loopback");
  });
});
