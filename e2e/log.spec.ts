/**
 * The event log reads like the sockets' own account: it follows the newest rows while the reader
 * is at the bottom, holds still (counting what is new) once they scroll up, folds a reconnect flood
 * into one row with a count, and says a raw TCP peer closed rather than showing a bare EPIPE. A
 * message row's link and body never run together ("c1-frontendworker-1"), live or replayed.
 */
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

const rowsBox = (p: PlaygroundPage) => p.page.getByTestId("eventlog.rows");

/** Seconds between the page's clock and the newest row's time (hh:mm:ss). */
async function newestRowAge(p: PlaygroundPage): Promise<number> {
  return rowsBox(p).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const rows = [...el.querySelectorAll<HTMLElement>(".row")];
    const visible = rows.filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > box.top && b.top < box.bottom;
    });
    const last = visible.at(-1)?.querySelector(".time")?.textContent ?? "";
    const [h, m, s] = last.split(":").map(Number);
    const now = new Date();
    const then = new Date(now);
    then.setHours(h ?? 0, m ?? 0, s ?? 0, 0);
    return (now.getTime() - then.getTime()) / 1000;
  });
}

/**
 * The message rows shown with less than 2 px between the end of their head ("reply ← c1-frontend")
 * and the start of their body: measured on the glyphs drawn, not on the text the DOM holds (it
 * held the space while the screen showed none).
 */
function bodiesTouchingHeads(p: PlaygroundPage): Promise<{ shown: number; touching: string[] }> {
  return rowsBox(p).evaluate((box) => {
    const view = box.getBoundingClientRect();
    const touching: string[] = [];
    let shown = 0;
    for (const body of box.querySelectorAll<HTMLElement>(".row.ev-message .text [data-verbatim]")) {
      const b = body.getBoundingClientRect();
      if (b.bottom <= view.top || b.top >= view.bottom || b.width === 0) continue;
      // The head's last visible character: the last non-space one before the body.
      const walk = document.createTreeWalker(body.closest(".text")!, NodeFilter.SHOW_TEXT);
      let last: { node: Text; end: number } | null = null;
      for (let n = walk.nextNode() as Text | null; n; n = walk.nextNode() as Text | null) {
        if (body.contains(n)) break;
        const end = n.data.trimEnd().length;
        if (end > 0) last = { node: n, end };
      }
      if (!last) continue;
      shown++;
      const r = document.createRange();
      r.setStart(last.node, last.end - 1);
      r.setEnd(last.node, last.end);
      const head = r.getBoundingClientRect();
      if (b.left - head.right < 2) touching.push(body.closest(".text")!.textContent ?? "");
    }
    return { shown, touching };
  });
}

async function expectHeadsApart(p: PlaygroundPage, what: string) {
  const { shown, touching } = await bodiesTouchingHeads(p);
  expect(shown, `${what}: message rows in view`).toBeGreaterThan(3);
  expect(touching, `${what}: link and body drawn together`).toEqual([]);
}

test.describe("event log", () => {
  test("04: after 5 s the newest row is in view; scrolled up the log holds and counts what is new", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "04-broker" });
    await p.run();
    await p.expectCountAbove("client-1", "received", 4, 20_000);
    await expect(rowsBox(p)).toHaveAttribute("data-following", "true");
    // The newest visible row is at most about one batch (and one clock second) old.
    await expect.poll(() => newestRowAge(p), { timeout: 5000 }).toBeLessThanOrEqual(1.5);
    const atBottom = () =>
      rowsBox(p).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4);
    expect(await atBottom()).toBe(true);

    const box = (await rowsBox(p).boundingBox())!;
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.page.mouse.wheel(0, -400);
    await expect(rowsBox(p)).toHaveAttribute("data-following", "false");
    const firstRow = () => rowsBox(p).locator(".row").first().textContent();
    const before = await firstRow();
    const scrollTop = await rowsBox(p).evaluate((el) => el.scrollTop);
    const fresh = p.page.getByTestId("eventlog.new");
    await expect(fresh).toHaveText(/^\d+ new ↓$/);
    await expect
      .poll(async () => Number((await fresh.textContent())?.match(/\d+/)?.[0] ?? 0))
      .toBeGreaterThan(10);
    // New rows arrived, and what the reader was looking at did not move.
    expect(await firstRow()).toBe(before);
    expect(await rowsBox(p).evaluate((el) => el.scrollTop)).toBe(scrollTop);
    await p.shot("log-held");
    await fresh.click();
    await expect(rowsBox(p)).toHaveAttribute("data-following", "true");
    await expect(fresh).toHaveCount(0);
    await expect.poll(atBottom).toBe(true);
    await expect.poll(() => newestRowAge(p), { timeout: 5000 }).toBeLessThanOrEqual(1.5);
  });

  test("04: a message row's link and body stay apart, live, stepped back in the past and after Stop", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "04-broker" });
    await p.run();
    await p.expectCountAbove("client-1", "received", 6, 20_000);
    await expectHeadsApart(p, "live");
    // Stepping back re-renders the rows in place with other events' text: it was there that a
    // head ending in a space ("request → ") turned into one that did not, and the space vanished.
    await p.page.getByTestId("timeline.back").click();
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "past");
    const position = () =>
      p.page.evaluate(() => {
        const w = window as unknown as {
          __zmqp: { store: { getState(): { replay: { position: number } | null } } };
        };
        return w.__zmqp.store.getState().replay?.position ?? -1;
      });
    // Quickly, as a person holding the key does.
    const start = await position();
    for (let i = 0; i < 10; i++) await p.page.keyboard.press(",");
    await expect.poll(position).toBe(start - 10);
    await expect(rowsBox(p).locator('.row[data-now="true"]')).toHaveCount(1);
    await expectHeadsApart(p, "10 steps back");
    await p.page.getByTestId("toolbar.stop").click();
    await expect(p.page.getByTestId("toolbar.state")).not.toHaveAttribute("class", /\bon\b/);
    await expectHeadsApart(p, "the last run, replayed after Stop");
    await p.shot("log-heads-apart");
  });

  test("04: the log shows a moment of the past in the same frame as the canvas, never live rows under it", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1280, height: 720 });
    await p.goto({ template: "04-broker" });
    await p.run();
    await p.expectCountAbove("client-1", "received", 6, 20_000);
    const track = p.page.getByTestId("timeline.track");
    const box = (await track.boundingBox())!;
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(track).toHaveAttribute("data-aiming", "true");
    // Watches the page from the moment the timeline says "past": what the log draws then.
    const firstPastFrame = p.page.evaluate(
      () =>
        new Promise<{ moment: number; newestRow: number; nowRows: number }>((resolve) => {
          const timeline = document.querySelector<HTMLElement>('[data-testid="timeline"]')!;
          const seen = new MutationObserver(() => {
            if (timeline.dataset.state !== "past") return;
            seen.disconnect();
            const w = window as unknown as {
              __zmqp: { store: { getState(): { replay: { t: number } | null } } };
            };
            const rows = [...document.querySelectorAll<HTMLElement>(".eventlog-rows .row")];
            resolve({
              moment: w.__zmqp.store.getState().replay?.t ?? NaN,
              newestRow: Math.max(...rows.map((r) => Number(r.dataset.t))),
              nowRows: rows.filter((r) => r.dataset.now === "true").length,
            });
          });
          seen.observe(timeline, { attributes: true, attributeFilter: ["data-state"] });
        }),
    );
    await p.page.mouse.click(box.x + box.width * 0.4, box.y + box.height / 2);
    const frame = await firstPastFrame;
    expect(frame.newestRow, "no row newer than the moment shown").toBeLessThanOrEqual(frame.moment);
    expect(frame.nowRows, "the moment's row").toBe(1);
  });

  test("01b: while the server is not there, the client's reconnect attempts fold into counted rows", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "01b-client-first" });
    await p.run();
    await p.filterLog("client");
    const retries = rowsBox(p).locator(".row", { hasText: "connect:retry" });
    const count = retries.getByTestId("eventlog.repeat");
    await expect(count.first()).toHaveText(/^×\d+$/, { timeout: 10_000 });
    await expect
      .poll(async () => Number((await count.first().textContent())?.slice(1)), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(5);
    // One row carries the flood: before the fold every attempt was a row of its own.
    expect(await retries.count()).toBeLessThanOrEqual(2);
    await p.shot("log-coalesced-retries");
  });

  test("05: the raw TCP client closing reads as the peer closing", async ({ playground: p }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "05-raw-tcp-stream" });
    await p.run();
    await p.filterLog("stream");
    const row = rowsBox(p).locator(".row", { hasText: "handshake:error:other" });
    await expect(row.first()).toContainText(
      "the TCP peer closed its connection (zeromq reports EPIPE",
      { timeout: 10_000 },
    );
    await p.shot("log-raw-tcp-peer-closed");
  });

  test("a row names its node as the canvas does: hwclient, not the id client; 分派器 in 繁體中文", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await p.run();
    await p.expectCountAbove("client", "received", 0);
    await p.filterLog("client");
    const node = rowsBox(p).locator(".row .node").first();
    await expect(node).toHaveText("hwclient");
    await expect(p.node("client")).toContainText("hwclient");
    // The id, which the rows' text and links use, is its title.
    await expect(node).toHaveAttribute("title", "client");

    await p.gotoIn("zh-TW", { template: "13-slow-consumer" });
    await p.run();
    await p.expectCountAbove("ventilator", "sent", 0);
    await p.page.getByRole("combobox", { name: /節點/ }).selectOption("ventilator");
    await expect(rowsBox(p).locator(".row .node").first()).toHaveText("分派器");
    await p.shot("log-node-names-zh-TW");
  });
});
