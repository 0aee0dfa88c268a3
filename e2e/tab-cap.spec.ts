import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { GatewayProcess } from "./gateway-process.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";

/** A gateway of its own that takes one tab only (`--max-tabs 1`). */
const PORT = Number(process.env.ZMQP_E2E_TABCAP_PORT ?? 7797);

test.describe("the tab cap", () => {
  const gw = new GatewayProcess(PORT, E2E_TOKEN, ["--max-tabs", "1"]);
  test.beforeAll(async () => gw.start());
  test.afterAll(async () => gw.stop());

  test("a tab over the cap says why, and connects once a tab closes", async ({ browser }) => {
    test.setTimeout(60_000);
    const first = await browser.newPage();
    await first.goto(`${gw.url}/?token=${E2E_TOKEN}`);
    await expect(first.getByTestId("toolbar.state")).toHaveText("not running");

    const second = await browser.newPage();
    const p = new PlaygroundPage(second, E2E_TOKEN);
    await second.goto(`${gw.url}/?token=${E2E_TOKEN}`);
    const refused = second.getByTestId("banner.refused");
    await expect(refused).toHaveText(
      "Too many playground tabs are open on this gateway (ZMQP_ERR_TOO_MANY_TABS). Close one of the others: this tab connects as soon as there is room.",
    );
    await p.shot("tab-cap-refused");

    await first.close();
    await expect(refused).toHaveCount(0, { timeout: 20_000 });
    await expect(second.getByTestId("toolbar.state")).toHaveText("not running");
    await second.close();
  });
});
