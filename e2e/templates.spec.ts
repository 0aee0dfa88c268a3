import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

test.describe("templates", () => {
  test("/?template=01-hello-world opens the template with its lesson, and it runs", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("server")).toBeVisible();
    await expect(p.edges()).toHaveCount(1);
    await expect(p.page.getByTestId("lesson")).toContainText(/REQ/);
    // The token leaves the address bar; the template name stays.
    expect(p.page.url()).not.toContain("token=");
    await p.run();
    await p.expectCountAbove("client", "received", 1);
    await expect.poll(() => p.particlesDrawn(), { timeout: 10_000 }).toBeGreaterThan(0);
    await p.shot("07-template-running");
  });

  test("the templates menu lists scenarios/ and opens one", async ({ playground: p }) => {
    await p.goto();
    await p.page.getByTestId("toolbar.templates").click();
    const item = p.page.getByRole("menuitem", { name: /04 · Broker/ });
    await expect(item).toBeVisible();
    await p.shot("08-templates-menu");
    await item.click();
    await expect(p.node("broker")).toBeVisible();
    await expect(p.edges()).toHaveCount(4);
    await p.run();
    await p.expectCountAbove("worker-1", "received", 0);
    await p.page.getByTestId("toolbar.layout").click();
    await p.shot("09-broker-running");
  });
});

/**
 * Issue 4: every seed template opens from the templates menu, runs, and shows on the page what its
 * lesson says. Each test reads what a person would read: badges, counters, link labels, the event
 * log and the message view. Screenshots: /tmp/shots/template-<name>.png.
 */
async function openFromMenu(p: PlaygroundPage, name: string, title: RegExp) {
  await p.page.setViewportSize({ width: 1440, height: 900 });
  await p.goto();
  await p.page.getByTestId("toolbar.templates").click();
  await p.page.getByTestId(`template.${name}`).click();
  await expect(p.page.getByTestId("lesson")).toContainText(title);
}

/** The event log's rows for one node (and one event type), as text. */
test.describe("seed templates: what each lesson says, on the page", () => {
  test.setTimeout(60_000);

  test("01 hello world: Hello is answered World, round trip after round trip", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "01-hello-world", /01 · Hello world/);
    await p.run();
    await p.expectCountAbove("client", "received", 2);
    await expect(p.node("client")).toContainText(/"Hello \d+" → "World"/);
    const [fwd, back] = await p.linkCounts("client-server");
    expect(fwd - back).toBeLessThanOrEqual(1);
    expect(back).toBeGreaterThan(2);
    await p.shot("template-01-hello-world");
  });

  test("01b client first: one request waits, retrying, until the server binds at 3 s", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "01b-client-first", /01b · Client first/);
    await p.run();
    await expect(p.status("server")).toHaveText("stopped");
    // "stuck" after 2 s of waiting: the engine flags any long wait of a plain REQ (see the lesson).
    await expect(p.status("client")).toHaveText(/^(waiting|stuck)$/);
    await expect(p.node("client")).toContainText('for the reply to "Hello 1"');
    await expect(p.counters("client")).toContainText("↑ 1");
    await p.shot("template-01b-client-first-waiting");
    await expect(p.status("server")).toHaveText("bound", { timeout: 8000 });
    await p.expectCountAbove("client", "received", 0, 5000);
    // The request the server took first is the one queued before it existed: nothing resent.
    const served = await p.logRows("server", "message");
    expect(served[0]).toMatch(/^request ← client-server Hello 1$/);
    const client = await p.logRows("client", "monitor");
    expect(client.some((r) => r.includes("connect:retry"))).toBe(true);
    await p.shot("template-01b-client-first");
  });

  test("01c server crash: the plain REQ ends stuck, the Lazy Pirate retries and is served", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "01c-server-crash", /01c · Server crash/);
    await p.run();
    await expect(p.status("server")).toHaveText("killed", { timeout: 8000 });
    await expect(p.status("pirate-client")).toHaveText("retrying", { timeout: 8000 });
    await p.shot("template-01c-server-crash-retrying");
    await expect(p.node("pirate-client")).toContainText('"pirate 3" → "re: pirate 3"', {
      timeout: 10_000,
    });
    await expect(p.status("plain-client")).toHaveText("stuck");
    await expect(p.node("plain-client")).toContainText(
      'waiting forever for the reply to "plain 2"',
    );
    await expect(p.counters("plain-client")).toContainText("↑ 2");
    await expect(p.counters("plain-client")).toContainText("↓ 1");
    await expect(p.counters("pirate-client")).toContainText("dropped 1");
    await expect(p.status("server")).toHaveText("bound");
    const notes = await p.logRows("plain-client", "log");
    expect(notes.some((r) => /cannot send twice/.test(r))).toBe(true);
    await p.shot("template-01c-server-crash");
  });

  test("02 three clients, one server: served in turn, link counts within one", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "02-n-clients-1-server", /02 · Three clients/);
    await p.run();
    await p.expectCountAbove("server", "received", 9);
    const fwd = await Promise.all(
      ["c1-server", "c2-server", "c3-server"].map(async (l) => (await p.linkCounts(l))[0]),
    );
    expect(Math.max(...fwd) - Math.min(...fwd)).toBeLessThanOrEqual(1);
    const order = (await p.logRows("server", "message"))
      .filter((r) => r.startsWith("request"))
      .map((r) => /c(\d) hello/.exec(r)?.[1]);
    for (let i = 3; i + 3 <= order.length; i++)
      expect(new Set(order.slice(i, i + 3)).size, order.join(",")).toBe(3);
    await p.shot("template-02-n-clients-1-server");
  });

  test("03 two servers, one address: server-b shows Address already in use, server-a serves on", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "03-n-clients-m-servers-failed", /03 · Two servers/);
    // The editor warns before anything runs.
    await expect(p.page.getByTestId("node.server-b.diagnostics")).toContainText(
      "Address already in use",
    );
    await p.run();
    await expect(p.status("server-b")).toHaveText("error", { timeout: 8000 });
    await expect(p.node("server-b")).toContainText("Address already in use");
    const before = await p.count("server-a", "received");
    await p.expectCountAbove("server-a", "received", before + 2);
    await expect(p.status("server-a")).toHaveText("bound");
    const errors = await p.logRows("all", "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ZMQP_ERR_ADDRESS_IN_USE/);
    await p.shot("template-03-n-clients-m-servers-failed");
  });

  test("04 broker: both workers serve both clients; the envelope shows at the ROUTER", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "04-broker", /04 · Broker/);
    await p.run();
    for (const n of ["client-1", "client-2", "worker-1", "worker-2"])
      await p.expectCountAbove(n, "received", 1);
    await p.logRows("broker", "message");
    await p.page
      .locator(".eventlog .row.ev-message", { hasText: /request ← c1-frontend/ })
      .last()
      .click();
    const view = p.page.getByTestId("messageview");
    await expect(view.locator(".frame")).toHaveCount(3);
    await expect(view.locator(".frame").nth(0)).toHaveAttribute("data-role", "routing-id");
    await expect(view.locator(".frame").nth(0)).toContainText("client-1.req");
    await expect(view.locator(".frame").nth(1)).toHaveAttribute("data-role", "delimiter");
    await expect(view.locator(".frame").nth(2)).toContainText(/c1 job \d+/);
    await expect(p.node("client-2")).toContainText(/worker-[12]: c2 job \d+/);
    await p.shot("template-04-broker");
  });

  test("08 pub-sub: news before the late joiner is dropped; each subscriber gets its topic only", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "08-pub-sub", /08 · Pub-sub/);
    await p.run();
    await expect(p.status("sub-news")).toHaveText("stopped");
    await expect(p.counters("publisher")).toContainText("dropped", { timeout: 5000 });
    await p.shot("template-08-pub-sub-before-join");
    await p.expectCountAbove("sub-news", "received", 2, 10_000);
    const weather = (await p.logRows("sub-weather", "message")).filter((r) => r.includes("←"));
    const news = (await p.logRows("sub-news", "message")).filter((r) => r.includes("←"));
    expect(weather.length).toBeGreaterThan(3);
    expect(weather.every((r) => /weather \| weather update \d+$/.test(r))).toBe(true);
    expect(news.every((r) => /news \| news update \d+$/.test(r))).toBe(true);
    const drops = await p.logRows("publisher", "drop");
    expect(drops.length).toBeGreaterThanOrEqual(4);
    expect(drops.every((r) => r.includes("no-subscriber"))).toBe(true);
    await p.shot("template-08-pub-sub");
  });

  test("12 pub-sub proxy: the subscriptions travel through the proxy to the publisher", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "12-pubsub-proxy", /12 · Pub-sub proxy/);
    await p.run();
    await p.expectCountAbove("sub-weather", "received", 2, 10_000);
    // The log says it in order: the proxy passes the subscription up, the publisher gets it.
    await expect
      .poll(async () => (await p.logRows("proxy", "log")).join("\n"))
      .toMatch(/forwarded a subscription to "weather" upstream, from proxy\.frontend/);
    expect((await p.logRows("publisher", "log")).join("\n")).toMatch(
      /got a subscription to "weather"/,
    );
    const weather = (await p.logRows("sub-weather", "message")).filter((r) => r.includes("←"));
    expect(weather.every((r) => /weather \| weather update \d+$/.test(r))).toBe(true);
    const [, down] = await p.linkCounts("proxy-publisher");
    expect(down).toBeGreaterThan(2);
    await p.expectCountAbove("sub-news", "received", 1, 10_000);
    await p.shot("template-12-pubsub-proxy");
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.shot("template-12-pubsub-proxy-1280");
  });

  test("09 pipeline: 10 tasks to each worker, 20 results at the sink", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "09-pipeline", /09 · Pipeline/);
    await p.run();
    await expect.poll(() => p.count("sink", "received"), { timeout: 15_000 }).toBe(20);
    expect(await p.count("worker-1", "received")).toBe(10);
    expect(await p.count("worker-2", "received")).toBe(10);
    expect(await p.linkCounts("w1-sink")).toEqual([10, 0]);
    expect(await p.linkCounts("w2-sink")).toEqual([10, 0]);
    await expect(p.counters("ventilator")).not.toContainText("dropped");
    await p.shot("template-09-pipeline");
  });

  test("10 transports: tcp, ipc and inproc rows all answer", async ({ playground: p }) => {
    await openFromMenu(p, "10-transports", /10 · Transports/);
    await p.run();
    for (const t of ["tcp", "ipc", "inproc"]) {
      await p.expectCountAbove(`client-${t}`, "received", 1);
      await expect(p.node(`client-${t}`)).toContainText(
        new RegExp(`${t.toUpperCase()} HELLO \\d+`),
      );
    }
    await p.shot("template-10-transports");
  });

  test("11 HWM: inproc tick numbers jump (dropped), tcp ones run on (buffered)", async ({
    playground: p,
  }) => {
    await openFromMenu(p, "11-high-water-mark", /11 · High-water mark/);
    await p.run();
    await p.expectCountAbove("slow-sub", "received", 30);
    await p.expectCountAbove("slow-sub-tcp", "received", 30);
    expect(await p.count("fast-pub", "sent")).toBeGreaterThan(300);
    await expect(p.counters("fast-pub").locator(".warn")).toHaveAttribute("title", /hwm: \d+/);
    const ticks = async (node: string) =>
      (await p.logRows(node, "message")).map((r) => Number(/tick (\d+)$/.exec(r)?.[1]));
    const inproc = await ticks("slow-sub");
    const jumps = inproc.slice(1).filter((n, i) => n - inproc[i]! > 20);
    expect(jumps.length, inproc.join(",")).toBeGreaterThan(0);
    await p.shot("template-11-high-water-mark-inproc");
    const tcp = await ticks("slow-sub-tcp");
    expect(
      tcp.slice(1).every((n, i) => n === tcp[i]! + 1),
      tcp.join(","),
    ).toBe(true);
    await p.shot("template-11-high-water-mark");
  });
});
