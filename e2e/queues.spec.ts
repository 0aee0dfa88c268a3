/**
 * Issue 14, queues you can see: a link's gauge counts the messages in flight (the engine's exact
 * count: a full pipe's gauge equals /api/runtime's), rises while the consumer is paused and falls when it resumes; "list queue" shows the
 * oldest message waiting; a full pipe shows on the node; a link too busy for one particle per
 * message shows its rate instead; a socket's HWM edited in the inspector reaches the engine.
 */
import { E2E_TOKEN, expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

const inFlight = (p: PlaygroundPage, link: string) =>
  p.page
    .getByTestId(`link.${link}.gauge`)
    .getAttribute("data-in-flight")
    .then((v) => Number(v ?? "-1"))
    .catch(() => -1);

const drawnOn = (p: PlaygroundPage, key: string) =>
  p.particles
    .getAttribute("data-drawn-links")
    .then((v) => (JSON.parse(v ?? "{}") as Record<string, number>)[key] ?? 0);

test.describe("queues you can see", () => {
  test("08: the gauge rises while a subscriber is paused, lists its oldest message, falls on resume", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "08-pub-sub" });
    await p.run();
    await p.expectCountAbove("sub-weather", "received", 1);
    const gauge = p.page.getByTestId("link.pub-weather.gauge");
    await expect(gauge).toBeVisible();
    await expect(gauge).toHaveAttribute("data-capacity", "2000");
    await p.page.getByRole("button", { name: "Pause weather" }).click();
    await expect(p.status("sub-weather")).toHaveText("paused");
    // Two weather updates a second wait in the pipe while nobody reads them.
    await expect.poll(() => inFlight(p, "pub-weather"), { timeout: 15_000 }).toBeGreaterThan(3);
    await expect(gauge).toHaveAttribute("data-tone", "ok");
    await p.shot("queues-08-paused");

    await gauge.click();
    const list = p.page.getByTestId("queue.list");
    await expect(list).toBeVisible();
    const first = list.getByTestId("queue.body").first();
    // Its frames as the log shows them: the topic, then the body.
    await expect(first).toHaveText(/^weather \| weather update \d+$/);
    // Oldest first, refreshed live: the list grows while the subscriber stays paused.
    const rows = list.getByTestId("queue.row");
    const n = await rows.count();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(n);
    const oldest = Number((await first.textContent())!.split(" ").pop());
    const second = Number(
      (await list.getByTestId("queue.body").nth(1).textContent())!.split(" ").pop(),
    );
    expect(second).toBeGreaterThan(oldest);
    await p.shot("queues-08-list");

    await p.page.getByRole("button", { name: "Resume weather" }).first().click();
    await expect.poll(() => inFlight(p, "pub-weather"), { timeout: 15_000 }).toBeLessThan(2);
    // The list follows: the oldest it showed was delivered (it is empty, or starts later).
    await expect
      .poll(
        async () => {
          if ((await list.getByTestId("queue.empty").count()) > 0) return true;
          const text = await first.textContent({ timeout: 1000 }).catch(() => null);
          return text !== null && Number(text.split(" ").pop()) > oldest;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  test("01: the request a paused server has read is in flight, in the gauge's capacity, and said", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("server", "received", 0);
    const gauge = p.page.getByTestId("link.client-server.gauge");
    await expect(gauge).toHaveAttribute("data-capacity", "2000");
    // Paused between requests: its socket is already waiting in zeromq, reads the next request
    // as it comes, and holds it; the client waits for the reply, so nothing more is sent.
    await p.page.getByTestId("node.server.pause").click();
    await expect(p.status("server")).toHaveText("paused");
    await expect(gauge).toHaveAttribute("data-capacity", "2001", { timeout: 10_000 });
    await expect(gauge).toHaveAttribute("data-in-flight", "1");
    await expect(gauge).toHaveAttribute("aria-label", /^1 message in flight of 2001/);
    // Its card says it holds one, whole.
    const detail = p.page.getByTestId("node.server.detail");
    await expect(detail).toHaveText("holds 1 it read; the rest in zeromq");
    expect(await p.isCut(detail), "the held line is cut").toBe(false);
    await gauge.hover();
    await expect(gauge).toHaveAttribute(
      "title",
      /send HWM 1000 \+ receive HWM 1000\).*hwserver has read 1 more and holds it/,
    );
    await gauge.click();
    await expect(p.page.getByTestId("queue.summary")).toContainText(
      "the pipe holds 2001 (send HWM 1000 at hwclient + receive HWM 1000 at hwserver) · ",
    );
    const summary = p.page.getByTestId("queue.summary");
    await expect(summary).toContainText("hwserver has read 1 more and holds it");
    // Nothing changes while it is paused, so the engine says the queue no more: its oldest age
    // still grows, in the summary and in the gauge's title, as the list's own age does.
    await expect(summary).toContainText(/oldest waiting [1-9][\d.]* s/, { timeout: 10_000 });
    await p.page.mouse.move(0, 0);
    await gauge.hover();
    await expect(gauge).toHaveAttribute("title", /oldest waiting [1-9][\d.]* s/);
    await p.shot("queues-01-held");

    // Resumed: the server answers the request it held, and the link holds what its HWMs say.
    await p.page.getByRole("button", { name: "Resume hwserver" }).first().click();
    await expect(gauge).toHaveAttribute("data-capacity", "2000", { timeout: 10_000 });
    await expect(p.page.getByTestId("queue.summary")).not.toContainText("holds it");
    await expect(detail).not.toHaveText(/holds 1/);
  });

  test("11: the rate replaces particles on the busy link; the dropping PUB says so on its node", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "11-high-water-mark" });
    await p.run();
    const busy = p.page.getByTestId("link.inproc-feed.busy");
    await expect(busy).toHaveText(/^\d+(\.\d)?k?\/s$/, { timeout: 15_000 });
    // From now on the link's messages are a rate, not dots: none is drawn while many arrive.
    const drawn = await drawnOn(p, "inproc-feed");
    const got = await p.count("slow-sub", "received");
    await p.expectCountAbove("slow-sub", "received", got + 10);
    expect(await drawnOn(p, "inproc-feed")).toBe(drawn);
    // The publisher outruns the HWMs (10 + 10): its pipe to the slow subscriber drops.
    const pipe = p.page.getByTestId("node.fast-pub.pipe");
    await expect(pipe).toHaveAttribute("data-state", "dropping", { timeout: 15_000 });
    // Whole on the card's one line (the whole sentence was cut before it said what was full:
    // "dropping: the pipe to inproc sub i…"); the sentence with the high-water marks is its title.
    await expect(pipe).toHaveText("dropping: pipe to inproc sub full");
    expect(await p.isCut(pipe), "the pipe line is cut").toBe(false);
    await expect(pipe).toHaveAttribute("title", /high-water marks 10 \+ 10\): new messages/);
    await expect(p.page.getByTestId("link.inproc-feed.gauge")).toHaveAttribute("data-tone", "full");
    await p.shot("queues-11-dropping");
  });

  test("09: a ventilator with no worker running is blocked, on its card and its links", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "09-pipeline" });
    for (const w of ["worker-1", "worker-2"]) {
      await p.node(w).click();
      await p.page.getByTestId("side.inspector").click();
      await p.page.locator("#node-autostart").uncheck();
    }
    await p.run();
    const pipe = p.page.getByTestId("node.ventilator.pipe");
    await expect(pipe).toHaveAttribute("data-state", "blocked", { timeout: 15_000 });
    await expect(pipe).toHaveText(/^blocked: /);
    expect(await p.isCut(pipe), "the pipe line is cut").toBe(false);
    await expect(pipe).toHaveAttribute("title", /the send waits/);
    await p.shot("queues-09-blocked");
  });

  test("14: the ROUTER's card says, as its lesson does, which routing id it drops for", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "14-router-unknown-peer" });
    const lesson = p.page.getByTestId("lesson");
    await expect(lesson).toContainText('dropping: no peer "dealer.dealer"');
    await p.run();
    // The timeline kills the DEALER at 3 s: the ROUTER goes on sending to its routing id.
    const pipe = p.page.getByTestId("node.router.pipe");
    await expect(pipe).toHaveAttribute("data-state", "dropping", { timeout: 15_000 });
    await expect(pipe).toHaveText('dropping: no peer "dealer.dealer"');
    expect(await p.isCut(pipe), "the pipe line is cut").toBe(false);
    await expect(pipe).toHaveAttribute("title", /ROUTER_MANDATORY off, the message vanishes/);
    await p.shot("queues-14-dropping");
    // Back with a new id, the DEALER says hello: the ROUTER learns it and its line clears.
    await expect(pipe).toHaveCount(0, { timeout: 15_000 });
  });

  test("in 繁體中文 the full pipe's card line is Chinese and whole", async ({ playground: p }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.gotoIn("zh-TW", { template: "13-slow-consumer" });
    await expect(p.page.getByTestId("lesson")).toContainText("阻塞：通往 工作者 的管道滿了");
    await p.run();
    const pipe = p.page.getByTestId("node.ventilator.pipe");
    await expect(pipe).toHaveAttribute("data-state", "blocked", { timeout: 15_000 });
    await expect(pipe).toHaveText("阻塞：通往 工作者 的管道滿了");
    expect(await p.isCut(pipe), "the pipe line is cut").toBe(false);
    await expect(pipe).toHaveAttribute("title", /高水位 5 \+ 5/);
    await p.shot("queues-13-zh-TW-blocked");
  });

  test("a socket's send HWM edited in the inspector is applied as a diff and read by the gauge", async ({
    playground: p,
  }) => {
    await p.goto({ template: "08-pub-sub" });
    await p.run();
    const gauge = p.page.getByTestId("link.pub-weather.gauge");
    await expect(gauge).toHaveAttribute("data-capacity", "2000");
    await p.node("publisher").click();
    await p.page.getByTestId("side.inspector").click();
    await p.page.getByTestId("inspector.pub.sndhwm").fill("50");
    const run = p.page.getByTestId("toolbar.run");
    await expect(run).toHaveAttribute("data-mode", "apply");
    await run.click();
    await expect(gauge).toHaveAttribute("data-capacity", "1050", { timeout: 15_000 });
  });

  test("13: the blocked link's gauge reads exactly what the engine counts in flight", async ({
    playground: p,
    request,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "13-slow-consumer" });
    await p.run();
    const gauge = p.page.getByTestId("link.vent-worker.gauge");
    // The lesson's timeline pauses and resumes the worker twice (1 s to 6.6 s); after its last
    // step the worker is paused here, and stays paused: the pipe (5 + 5) fills and holds still.
    await expect
      .poll(
        () =>
          p.page.evaluate(() =>
            (
              window as unknown as {
                __zmqp: { store: { getState(): { log: { type: string; index?: number }[] } } };
              }
            ).__zmqp.store
              .getState()
              .log.some((e) => e.type === "timeline" && e.index === 3),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    await p.page.getByTestId("node.worker.pause").click();
    await expect(gauge).toHaveAttribute("data-tone", "full", { timeout: 15_000 });
    await expect(gauge).toHaveAttribute("data-state", "blocked");
    await expect(p.page.getByTestId("link.vent-worker.pipe")).toBeVisible();
    const auth = { headers: { Authorization: `Bearer ${E2E_TOKEN}` } };
    // The gauge, the engine, the gauge again: equal while the pipe holds still (it is full; the
    // worker may have taken a message or two before its pause, so the count is not always 10).
    let agreed = -1;
    await expect
      .poll(async () => {
        const before = await inFlight(p, "vent-worker");
        const snap = (await (await request.get("/api/runtime", auth)).json()) as {
          queues?: { link: string; inFlight: number }[];
        };
        const engine = (snap.queues ?? [])
          .filter((q) => q.link === "vent-worker")
          .reduce((a, q) => Math.max(a, q.inFlight), 0);
        const after = await inFlight(p, "vent-worker");
        if (before !== engine || engine !== after) return `${before}/${engine}/${after}`;
        agreed = engine;
        return "agreed";
      })
      .toBe("agreed");
    expect(agreed).toBeGreaterThanOrEqual(5);
    // Of 10, the two HWMs, or of 11 when the worker paused with a task already read (it holds it).
    const capacity = await gauge.getAttribute("data-capacity");
    expect(["10", "11"]).toContain(capacity);
    await expect(gauge).toHaveAttribute(
      "aria-label",
      new RegExp(`^${agreed} messages in flight of ${capacity}`),
    );
    await p.shot("queues-13-blocked");
  });
});
