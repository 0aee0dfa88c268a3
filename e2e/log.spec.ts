/**
 * The event log reads like the sockets' own account: it follows the newest rows while the reader
 * is at the bottom, holds still (counting what is new) once they scroll up, folds a reconnect flood
 * into one row with a count, and says a raw TCP peer closed rather than showing a bare EPIPE.
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

  test("01b: while the server is not there, the client's reconnect attempts fold into counted rows", async ({
    playground: p,
  }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "01b-client-first" });
    await p.run();
    await p.page.getByRole("combobox", { name: "Filter by node" }).selectOption("client");
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
    await p.page.getByRole("combobox", { name: "Filter by node" }).selectOption("stream");
    const row = rowsBox(p).locator(".row", { hasText: "handshake:error:other" });
    await expect(row.first()).toContainText(
      "the TCP peer closed its connection (zeromq reports EPIPE",
      { timeout: 10_000 },
    );
    await p.shot("log-raw-tcp-peer-closed");
  });
});
