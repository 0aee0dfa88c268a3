/**
 * Attach mode against a real gateway started with --allow-capture, watching real pyzmq programs
 * (a ROUTER/DEALER broker, two REP workers, two REQ clients) that the playground did not start.
 */
import { expect, test, E2E_TOKEN } from "./fixtures.js";
import { GatewayProcess } from "./gateway-process.js";
import { PlaygroundPage } from "./pages/PlaygroundPage.js";
import { PythonPeer } from "./python-peers.js";

/** What the tests read of the page's store (window.__zmqp). */
type PageStore = {
  __zmqp: {
    store: {
      getState(): {
        attach: { graph: { links: { id: string; from: { node: string } }[] } | null };
        doc: { nodes: { role: string }[] };
      };
    };
  };
};

const PORT = Number(process.env.ZMQP_E2E_ATTACH_PORT ?? 7797);
const peers: PythonPeer[] = [];

test.describe("Attach mode", () => {
  const gw = new GatewayProcess(PORT, E2E_TOKEN, ["--allow-capture"]);
  test.beforeAll(async () => gw.start());
  test.afterAll(async () => {
    for (const p of peers) p.kill();
    await gw.stop();
  });

  test("draws a broker system it did not start, counts as the programs print, read-only; Promote runs a copy", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const p = new PlaygroundPage(page, E2E_TOKEN);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${gw.url}/?mode=attach&token=${E2E_TOKEN}`);
    await expect(page.getByTestId("attach.observed")).toHaveText(
      "Observed: nothing here can be killed or changed",
    );
    await expect(page.getByTestId("attach.empty")).toBeVisible();
    await page.getByTestId("attach.ports").fill("6659-6660");
    await page.getByTestId("attach.start").click();
    await expect(page.getByTestId("attach.state")).toHaveText("watching");

    const broker = new PythonPeer("broker", 6659, 6660);
    peers.push(broker);
    await broker.line("ready");
    const workers = ["w1", "w2"].map((w) => new PythonPeer("worker", 6660, w));
    peers.push(...workers);
    await Promise.all(workers.map((w) => w.line("ready")));
    const clients = ["c1", "c2"].map((c) => new PythonPeer("req", 6659, 6, c));
    peers.push(...clients);
    const done = await Promise.all(clients.map((c) => c.line("done")));

    // One node per process, named by its program, with the socket types READY announced.
    const b = p.node(`p${broker.pid}`);
    await expect(b).toBeVisible();
    await expect(b).toContainText("python3 peers.py broker");
    await expect(b).toContainText("ROUTER");
    await expect(b).toContainText("DEALER");
    await expect(b).toHaveAttribute("aria-label", /Broker/);
    for (const c of clients) await expect(p.node(`p${c.pid}`)).toContainText("REQ");
    for (const w of workers) await expect(p.node(`p${w.pid}`)).toContainText("REP");
    // Each client's link counts exactly what that client printed.
    const linkOf = (pid: number) =>
      page.evaluate((node) => {
        const st = (window as unknown as PageStore).__zmqp.store.getState();
        return st.attach.graph?.links.find((l) => l.from.node === node)?.id ?? "";
      }, `p${pid}`);
    for (const [i, c] of clients.entries()) {
      const id = await linkOf(c.pid);
      // Forward is connect → bind (client → broker); the arrows' screen direction is truth.spec's.
      const label = page.getByTestId(`link.${id}.label`);
      await expect(label).toHaveAttribute("data-forward", String(done[i]!.sent));
      await expect(label).toHaveAttribute("data-backward", String(done[i]!.received));
    }
    // Observed means nothing can be acted on: no node actions, no palette, no Run.
    await expect(page.locator('[data-testid$=".kill"]')).toHaveCount(0);
    await expect(page.getByTestId("toolbar.run")).toHaveCount(0);
    await expect(page.getByTestId("palette.client")).toHaveCount(0);

    await b.click();
    await expect(page.getByTestId("observed.pid")).toHaveText(String(broker.pid));
    await p.shot("attach-1440");
    await page.setViewportSize({ width: 1280, height: 720 });
    await p.shot("attach-1280");
    await page.getByTestId("toolbar.locale").selectOption("zh-TW");
    await expect(page.getByTestId("attach.observed")).toHaveText(
      "觀察模式：這裡的一切都無法停止或修改",
    );
    await expect(page.getByTestId("attach.stop")).toHaveText("■ 停止觀察");
    await p.shot("attach-zh-TW");
    await page.getByTestId("toolbar.locale").selectOption("en");

    // The clients leave: their nodes and links go; the broker and workers stay.
    for (const c of clients) await c.end();
    for (const c of clients) await expect(p.node(`p${c.pid}`)).toHaveCount(0);
    await expect(b).toBeVisible();

    // Promote: the editor opens the observed system as a graph, ports moved by 1000, and runs it.
    await page.getByTestId("attach.promote").click();
    await expect(page.getByTestId("toolbar.run")).toBeVisible();
    await expect(p.toasts.first()).toContainText("Promoted from an observed system: 5 nodes");
    const roles = await page.evaluate(() => {
      const st = (window as unknown as PageStore).__zmqp.store.getState();
      return st.doc.nodes.map((n) => n.role).sort();
    });
    expect(roles).toEqual(["broker", "client", "client", "server", "server"]);
    await expect(p.node(`p${broker.pid}`)).toContainText("tcp://127.0.0.1:7659");
    await p.run();
    for (const c of clients) await p.expectCountAbove(`p${c.pid}`, "received", 0, 20_000);
    await p.shot("attach-promoted");
    await page.request.post(`${gw.url}/api/stop`, {
      headers: { Authorization: `Bearer ${E2E_TOKEN}` },
      data: {},
    });
    for (const x of [broker, ...workers]) await x.end();
  });

  test("shows each SUB's subscription on its node, the wire view of a connection and a message's envelope", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const p = new PlaygroundPage(page, E2E_TOKEN);
    // The gateway's one capture is shared by every page: end the previous test's.
    const auth = { Authorization: `Bearer ${E2E_TOKEN}` };
    await page.request.post(`${gw.url}/api/attach/stop`, { headers: auth, data: {} });
    await page.goto(`${gw.url}/?mode=attach&token=${E2E_TOKEN}`);
    await page.getByTestId("attach.ports").fill("6670");
    await page.getByTestId("attach.start").click();
    await expect(page.getByTestId("attach.state")).toHaveText("watching");
    const pub = new PythonPeer("pub", 6670, 5);
    peers.push(pub);
    await pub.line("ready");
    const subs = ["weather", "news"].map((topic) => new PythonPeer("sub", 6670, topic));
    peers.push(...subs);
    for (const [i, topic] of ["weather", "news"].entries()) {
      const sub = subs[i]!;
      await expect(p.node(`p${sub.pid}`)).toContainText("SUB");
      await expect(page.locator(`[data-testid^="node.p${sub.pid}.subs."]`)).toHaveText(
        `subscribed to "${topic}"`,
      );
    }
    pub.child.stdin!.write("go\n");
    await pub.line("done");
    // A published message, frame by frame: the topic frame, then the body.
    await page.locator(".eventlog .row.ev-message.kind-publish").first().click();
    const view = page.getByTestId("messageview");
    await expect(view.locator(".frame").nth(0)).toHaveAttribute("data-role", "topic");
    await expect(view.locator(".frame").nth(1)).toContainText(/update \d/);
    // A connection's ZMTP stream: greeting, READY with the socket type, SUBSCRIBE.
    const sub = subs[0]!;
    const link = await page.evaluate((node) => {
      const st = (window as unknown as PageStore).__zmqp.store.getState();
      return st.attach.graph?.links.find((l) => l.from.node === node)?.id ?? "";
    }, `p${sub.pid}`);
    await page.locator(`.react-flow__edge[data-id="${link}"]`).click({ force: true });
    const table = page.getByTestId("wire.table");
    await expect(table).toContainText("SUBSCRIBE");
    await expect(table).toContainText("Socket-Type=SUB");
    // The page asked nothing of the observed system (the gateway would refuse it with a toast).
    await expect(p.toasts).toHaveCount(0);
    await p.shot("attach-pubsub");
    for (const x of [...subs, pub]) await x.end();
  });

  test("a gateway without --allow-capture says how to allow it", async ({ playground }) => {
    await playground.page.goto(`/?mode=attach&token=${E2E_TOKEN}`);
    await expect(playground.page.getByTestId("attach.refused")).toContainText("--allow-capture");
    await expect(playground.page.getByTestId("attach.start")).toHaveCount(0);
  });
});
