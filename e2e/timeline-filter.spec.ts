/**
 * With the event log filtered, the timeline's Back and Forward (`,` and `.`) step through the rows
 * the filtered log shows, one at a time: Back takes the newest row away, Forward brings it back, and
 * the row of the moment is always the filtered log's last. Stepping one event of the whole run
 * instead, the view seemed not to move (hidden events) or jumped over rows.
 */
import { expect, test } from "./fixtures.js";
import type { PlaygroundPage } from "./pages/PlaygroundPage.js";

/** The filtered log's rows: each one's seq (in the past, the position just after its event) and node. */
function rows(p: PlaygroundPage): Promise<{ seq: number; node: string; now: boolean }[]> {
  return p.page
    .getByTestId("eventlog.rows")
    .locator(".row")
    .evaluateAll((els) =>
      els.map((el) => ({
        seq: Number(el.getAttribute("data-seq")),
        node: el.querySelector(".node")?.textContent ?? "",
        now: el.getAttribute("data-now") === "true",
      })),
    );
}

const lastSeq = async (p: PlaygroundPage) => (await rows(p)).at(-1)?.seq ?? -1;

/** The row of the moment is the filtered log's last, and every row is the node filtered on. */
async function expectMomentLast(p: PlaygroundPage, node: string, what: string) {
  const shown = await rows(p);
  expect(shown.length, what).toBeGreaterThan(1);
  expect(
    shown.filter((r) => r.node !== node),
    `${what}: rows of other nodes`,
  ).toEqual([]);
  expect(
    shown.findIndex((r) => r.now),
    `${what}: the row of the moment`,
  ).toBe(shown.length - 1);
}

test("with the log filtered to client-1, Back and Forward step through client-1's rows", async ({
  playground: p,
}) => {
  await p.page.setViewportSize({ width: 1440, height: 900 });
  await p.goto({ template: "04-broker" });
  await p.run();
  await p.expectCountAbove("client-1", "received", 6, 20_000);
  await p.filterLog("client-1");
  await p.page.getByTestId("timeline.back").click();
  await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "past");
  await expect.poll(async () => (await rows(p)).some((r) => r.now)).toBe(true);
  await expectMomentLast(p, "client-1", "Back from live");

  // Back six times: each takes exactly the newest row away.
  const visited = [await lastSeq(p)];
  for (let i = 1; i <= 6; i++) {
    const before = await rows(p);
    await p.page.keyboard.press(",");
    await expect.poll(() => lastSeq(p)).toBe(before.at(-2)!.seq);
    await expectMomentLast(p, "client-1", `${i} back`);
    visited.push(await lastSeq(p));
  }
  // Forward retraces them, one row each.
  for (let i = visited.length - 2; i >= 0; i--) {
    await p.page.keyboard.press(".");
    await expect.poll(() => lastSeq(p)).toBe(visited[i]);
    await expectMomentLast(p, "client-1", `forward to row ${visited[i]}`);
  }
  // The buttons do what the keys do, and say so.
  await expect(p.page.getByTestId("timeline.back")).toHaveAttribute(
    "title",
    "One row of the filtered log back (,)",
  );
  await p.page.getByTestId("timeline.back").click();
  await expect.poll(() => lastSeq(p)).toBe(visited[1]);
  await p.page.getByTestId("timeline.forward").click();
  await expect.poll(() => lastSeq(p)).toBe(visited[0]);
  await expectMomentLast(p, "client-1", "forward button");
});
