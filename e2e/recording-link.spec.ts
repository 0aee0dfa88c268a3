/**
 * A run shared by `#rec=` link from the playground's Share menu: the link opens in another tab as
 * a replay of the real run (no sockets started there), ending on the counters the gateway counted.
 */
import { E2E_TOKEN, expect, test } from "./fixtures.js";

test("the run just recorded goes into a #rec= link that replays it elsewhere", async ({
  playground: p,
  request,
}) => {
  await p.goto({ template: "01-hello-world" });
  await expect(p.node("client")).toBeVisible();
  await p.page.getByTestId("toolbar.run").click();
  const auth = { headers: { Authorization: `Bearer ${E2E_TOKEN}` } };
  const received = async () => {
    const snap = (await (await request.get("/api/runtime", auth)).json()) as {
      counters: { nodes: Record<string, { sent: number; received: number }> };
    };
    return snap.counters.nodes.client;
  };
  await expect.poll(async () => (await received())?.received ?? 0).toBeGreaterThanOrEqual(2);
  await p.page.getByTestId("toolbar.stop").click();
  await expect(p.page.getByTestId("toolbar.state")).toHaveText("not running");
  const last = await p.page.getByTestId("node.client.sent").textContent();

  await p.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await p.page.getByTestId("toolbar.share").click();
  await p.page.getByTestId("share.rec.copy").click();
  await expect(p.page.getByTestId("share.rec.status")).toContainText(
    "Link to the recording copied",
  );
  const link = await p.page.getByTestId("share.rec.link").inputValue();
  expect(link).toMatch(/\/#rec=1\.[0-9a-f]{8}\./);
  expect(link).not.toContain("token");

  const other = await p.page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId("replay.banner")).toHaveAttribute("data-source", "file");
  await expect(other.getByTestId("replay.label")).toContainText("zmqp gateway");
  await expect(other.getByTestId("node.client.sent")).toHaveText(last ?? "");
});
