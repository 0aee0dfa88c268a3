/**
 * The timeline, on a real 04-broker run: scrubbing to a moment shows the counters the gateway's
 * own runtime had then (its /api/runtime snapshots), Back and Forward step one event in step with
 * the log, Live returns to now; the run saved and reopened replays the same; a file from a newer
 * version and a damaged one are refused, and the person's graph stays.
 */
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_TOKEN, expect, test } from "./fixtures.js";

const NODES = ["client-1", "client-2", "broker", "worker-1", "worker-2"];
type Counts = Record<string, { sent: number; received: number }>;

/** A span of time over which the runtime's counters did not change, and what they were. */
interface Moment {
  from: number;
  to: number;
  counts: Counts;
}

const auth = { headers: { Authorization: `Bearer ${E2E_TOKEN}` } };

async function snapshot(request: APIRequestContext): Promise<{ at: [number, number]; c: Counts }> {
  const a0 = Date.now();
  const snap = (await (await request.get("/api/runtime", auth)).json()) as {
    counters: { nodes: Record<string, { sent: number; received: number }> };
  };
  const a1 = Date.now();
  const c: Counts = {};
  for (const id of NODES) {
    const n = snap.counters.nodes[id];
    c[id] = { sent: n?.sent ?? 0, received: n?.received ?? 0 };
  }
  return { at: [a0, a1], c };
}

/**
 * Asks the runtime again and again until its counters held still for `quiet` ms: every moment in
 * between (after the first answer came, before the last was asked) had exactly these counters.
 */
async function stillMoment(request: APIRequestContext, quiet = 250): Promise<Moment> {
  const deadline = Date.now() + 20_000;
  let first = await snapshot(request);
  while (Date.now() < deadline) {
    const next = await snapshot(request);
    if (JSON.stringify(next.c) !== JSON.stringify(first.c)) first = next;
    else if (next.at[0] - first.at[1] >= quiet)
      return { from: first.at[1], to: next.at[0], counts: next.c };
  }
  throw new Error("the runtime's counters never held still");
}

async function canvasCounts(page: Page): Promise<Counts> {
  const c: Counts = {};
  for (const id of NODES) {
    // Every node of a running graph shows its numbers: a missing one fails in a second, named,
    // rather than holding the poll until its timeout says only that the predicate never returned.
    const read = async (which: string) =>
      Number(await page.getByTestId(`node.${id}.${which}`).textContent({ timeout: 1_000 }));
    c[id] = { sent: await read("sent"), received: await read("received") };
  }
  return c;
}

/** Clicks the timeline where moment `t` is (the strip holds still under the pointer). */
async function scrubTo(page: Page, t: number) {
  const track = page.getByTestId("timeline.track");
  const box = (await track.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(track).toHaveAttribute("data-aiming", "true");
  const start = Number(await track.getAttribute("data-start"));
  const end = Number(await track.getAttribute("data-end"));
  expect(t).toBeGreaterThan(start);
  expect(t).toBeLessThan(end);
  const x = box.x + ((t - start) / (end - start)) * box.width;
  await page.mouse.click(x, box.y + box.height / 2);
  await expect(page.getByTestId("timeline")).toHaveAttribute("data-state", /past|file/);
  // The moment shown is the newest event at or before the one clicked (a pixel is a few ms).
  await expect
    .poll(() => shownMoment(page))
    .toBeLessThanOrEqual(t + ((end - start) / box.width) * 1.5);
}

const shownMoment = (page: Page) =>
  page.evaluate(() => {
    const st = (
      window as unknown as { __zmqp: { store: { getState(): { replay: { t: number } | null } } } }
    ).__zmqp.store.getState();
    return st.replay?.t ?? NaN;
  });

/** The log's row of the moment shown: its time, node, text and whether it is a message. */
async function momentRow(page: Page) {
  const row = page.locator('.eventlog-rows .row[data-now="true"]');
  await expect(row).toHaveCount(1);
  await expect(row).toBeInViewport();
  return {
    t: Number(await row.getAttribute("data-t")),
    /** In a replay, a row's seq is the position just after its event. */
    seq: Number(await row.getAttribute("data-seq")),
    message: /\bev-message\b/.test((await row.getAttribute("class")) ?? ""),
    /** The node's id (the column shows its name: "broker (rrbroker)"). */
    node: (await row.getAttribute("data-node")) ?? "",
    text: (await row.locator(".text").textContent()) ?? "",
  };
}

test.describe.serial("the timeline of a 04-broker run", () => {
  const moments: Moment[] = [];
  let file: Buffer;

  test("scrub to moments of the run while it goes on, step Back and Forward, Live", async ({
    playground: p,
    request,
  }, info) => {
    test.setTimeout(120_000);
    await p.goto({ template: "04-broker" });
    await expect(p.node("broker")).toBeVisible();
    await expect(p.page.getByTestId("timeline")).toHaveCount(0);
    await p.run();
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "live");
    // Moments spread over the run: each a span over which the runtime's counters held still.
    for (let i = 0; i < 3; i++) {
      const m = await stillMoment(request);
      moments.push(m);
      await expect
        .poll(() => snapshot(request).then((s) => s.c["client-1"]!.received))
        .toBeGreaterThan(m.counts["client-1"]!.received);
    }
    moments.push(await stillMoment(request));

    // While the run goes on: each moment, scrubbed to, shows the counters the runtime had then.
    for (const m of moments) {
      const t = (m.from + m.to) / 2;
      await scrubTo(p.page, t);
      await expect.poll(() => canvasCounts(p.page)).toEqual(m.counts);
      await expect(p.page.getByTestId("replay.banner")).toContainText(
        /Viewing [\d.]+ s into the run: the sockets are still running\. Live returns to now\./,
      );
      // The log follows: its row of the moment is the newest at or before it, and in view.
      const row = await momentRow(p.page);
      expect(row.t).toBeLessThanOrEqual(t);
      expect(row.t).toBeGreaterThan(m.from - 5_000);
    }
    await p.page.screenshot({ path: info.outputPath("timeline-past.png") });

    // The run went on meanwhile: Live shows now, and the counters are past the last moment's.
    await p.page.getByTestId("timeline.live").click();
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "live");
    await expect(p.page.getByTestId("replay.banner")).toHaveCount(0);
    await p.expectCountAbove("client-1", "received", moments.at(-1)!.counts["client-1"]!.received);

    // Back from live: the newest recorded event but one. Step back until the row of the moment
    // is a message; Forward then applies exactly that message: one counter, by one.
    await p.page.getByTestId("timeline.back").click();
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "past");
    // Each message stepped over adds exactly one to one counter; non-message events add nothing.
    // The search ends at a send by a client or a worker (each sends on one link): just after it,
    // that request or reply is on its way, and is drawn still on the canvas.
    for (let i = 0; ; i++) {
      if (i === 80) throw new Error("no client or worker send among the last 80 events");
      const before = await canvasCounts(p.page);
      const position = await p.shownPosition();
      await p.page.keyboard.press(".");
      await expect.poll(() => p.shownPosition()).toBe(position + 1);
      const row = await momentRow(p.page);
      // The event stepped over is this row's own (not a counters or status event after it).
      const stepped = row.message && row.seq === position + 1;
      const expected = structuredClone(before);
      // "request → …" is a send, "reply ← …" a receive.
      const send = row.text.includes("→");
      if (stepped) expected[row.node]![send ? "sent" : "received"] += 1;
      await expect.poll(() => canvasCounts(p.page)).toEqual(expected);
      if (stepped && send && /^(client|worker)-/.test(row.node)) {
        const still = p.page.getByTestId("replay.inflight");
        await expect
          .poll(async () => Number(await still.getAttribute("data-count")))
          .toBeGreaterThan(0);
        await expect(still.locator(".still-dot").first()).toBeVisible();
        // Back undoes it: the counters are those before, the row of the moment the one before.
        await p.page.getByTestId("timeline.back").click();
        await expect.poll(() => p.shownPosition()).toBe(position);
        await expect.poll(() => canvasCounts(p.page)).toEqual(before);
        expect((await momentRow(p.page)).t).toBeLessThanOrEqual(row.t);
        break;
      }
      // Step back two to try the event before it.
      await p.page.keyboard.press(",");
      await p.page.keyboard.press(",");
      await expect.poll(() => p.shownPosition()).toBe(position - 1);
    }
    await p.page.getByTestId("timeline.live").click();
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "live");

    // A fault: killing a worker marks the live strip at once, and the recording has it too.
    await expect(p.page.getByTestId("timeline.mark.fault")).toHaveCount(0);
    await p.page.getByTestId("node.worker-2.kill").click();
    await expect(p.node("worker-2")).toHaveAttribute("data-status", "killed");
    await expect(p.page.getByTestId("timeline.mark.fault")).toHaveCount(1);
    await expect(p.page.getByTestId("timeline.mark.fault")).toHaveAttribute(
      "title",
      "Fault: worker-2: killed",
    );

    // Stopped: the whole run is the gateway's last recording; saved from the Share menu.
    await p.page.getByTestId("toolbar.stop").click();
    await expect(p.page.getByTestId("toolbar.state")).not.toHaveAttribute("class", /\bon\b/);
    await scrubTo(p.page, (moments[0]!.from + moments[0]!.to) / 2);
    await expect.poll(() => canvasCounts(p.page)).toEqual(moments[0]!.counts);
    await expect(p.page.getByTestId("replay.banner")).toContainText("into the last run");
    await expect(p.page.getByTestId("timeline.mark.fault")).toHaveCount(1);
    await p.page.getByTestId("toolbar.share").click();
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByTestId("share.run.download").click(),
    ]);
    file = await readFile(await download.path());
    expect(file.subarray(0, 2).toString()).toBe("PK");
  });

  test("the saved run reopens in a fresh page and replays the same; the person's graph comes back", async ({
    playground: p,
  }, info) => {
    // The person's own graph: another template, opened in this page and autosaved.
    await p.goto({ template: "01-hello-world" });
    await expect(p.node("client")).toBeVisible();
    // The autosave is debounced: reload only once it has written the graph.
    await expect
      .poll(() => p.page.evaluate(() => localStorage.getItem("zmqp.graph.v1") ?? ""))
      .toContain("hello");
    await p.page.reload();
    await expect(p.node("client")).toBeVisible();
    const own = await p.page.evaluate(() => localStorage.getItem("zmqp.graph.v1"));
    expect(own).toContain("hello");

    await p.page.getByTestId("toolbar.file").setInputFiles({
      name: "run.zmqrec",
      mimeType: "application/zip",
      buffer: file,
    });
    await expect(p.page.getByTestId("timeline")).toHaveAttribute("data-state", "file");
    await expect(p.node("broker")).toBeVisible();
    await expect(p.node("client")).toHaveCount(0);
    const label = p.page.getByTestId("replay.label");
    await expect(label).toContainText(/Recording of a real run made .+ by zmqp gateway [\d.]+/);
    await expect(label).toContainText("no sockets are running");
    await expect(p.page.getByTestId("timeline.mark.fault")).toHaveAttribute(
      "title",
      "Fault: worker-2: killed",
    );
    await expect(p.page.getByTestId("replay.sampled")).toHaveText(
      /^Every one of its [\d,]+ messages is kept\.$/,
    );
    // Nothing runs: Run is off, and says why; a node's actions are refused, saying so.
    await expect(p.page.getByTestId("toolbar.run")).toBeDisabled();
    await expect(p.page.getByTestId("toolbar.run")).toHaveAttribute("title", /This is a recording/);

    for (const m of moments) {
      await scrubTo(p.page, (m.from + m.to) / 2);
      await expect.poll(() => canvasCounts(p.page)).toEqual(m.counts);
    }
    // At a moment the run was running, its nodes show their actions: refused, saying why.
    await p.node("broker").locator(".node-actions button").first().click();
    await expect(p.toasts.last()).toContainText("This is a recording");
    await expect(p.page.getByTestId("toolbar.state")).not.toHaveAttribute("class", /\bon\b/);
    await p.page.screenshot({ path: info.outputPath("timeline-file.png") });
    // Opened recordings are never saved over the person's graph.
    expect(await p.page.evaluate(() => localStorage.getItem("zmqp.graph.v1"))).toBe(own);

    await p.page.getByTestId("replay.close").click();
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("broker")).toHaveCount(0);
    await expect(p.page.getByTestId("replay.banner")).toHaveCount(0);
    await expect(p.page.getByTestId("timeline")).toHaveCount(0);
    const saved = await p.page.evaluate(() => localStorage.getItem("zmqp.graph.v1"));
    const ids = (json: string | null) =>
      (JSON.parse(json ?? "{}") as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    expect(ids(saved)).toEqual(ids(own));
  });

  test("a file from a newer version and a damaged file are refused; the graph is untouched", async ({
    playground: p,
  }) => {
    await p.goto({ template: "01-hello-world" });
    await expect(p.node("client")).toBeVisible();
    // The manifest is stored uncompressed: its version can be changed in place.
    const text = file.toString("latin1");
    const at = text.indexOf('"version": 1,');
    expect(at).toBeGreaterThan(0);
    const future = Buffer.from(file);
    future.write('"version": 9,', at, "latin1");
    // Dragged onto the page, as a person would.
    const transfer = await p.page.evaluateHandle(
      (bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], "future.zmqrec"));
        return dt;
      },
      [...future],
    );
    await p.page.dispatchEvent("body", "dragover", { dataTransfer: transfer });
    await p.page.dispatchEvent("body", "drop", { dataTransfer: transfer });
    await expect(p.toasts.last()).toHaveText(
      /future\.zmqrec cannot be opened: it is recording format version 9, made by a newer playground; this one reads up to version 1\. Update the playground to open it\. Your graph is unchanged\./,
    );
    await expect(p.node("client")).toBeVisible();
    await expect(p.page.getByTestId("replay.banner")).toHaveCount(0);

    const damaged = Buffer.from(file);
    for (let i = Math.floor(file.length / 2); i < file.length / 2 + 64; i++) damaged[i]! ^= 0x5a;
    await p.page.getByTestId("toolbar.file").setInputFiles({
      name: "damaged.zmqrec",
      mimeType: "application/zip",
      buffer: damaged,
    });
    await expect(p.toasts.last()).toContainText(
      "damaged.zmqrec cannot be opened: This is not a readable playground recording",
    );
    await expect(p.toasts.last()).toContainText("Your graph is unchanged.");
    await expect(p.node("client")).toBeVisible();
    await expect(p.node("broker")).toHaveCount(0);
    await expect(p.page.getByTestId("replay.banner")).toHaveCount(0);
  });
});

test("a node that has done nothing yet reads 0 sent and 0 received, live and at that moment in the past", async ({
  playground: p,
}) => {
  await p.goto({ template: "01b-client-first" });
  await p.run();
  // The server starts at 3 s: until then it is in the run and has done nothing. The engine has no
  // counters for it yet; its card reads 0, not a blank where the numbers go.
  await expect(p.status("server")).toHaveText("stopped");
  const expectCounts = async (id: string, sent: number, received: number) => {
    await expect(p.page.getByTestId(`node.${id}.sent`)).toHaveText(String(sent));
    await expect(p.page.getByTestId(`node.${id}.received`)).toHaveText(String(received));
  };
  await expectCounts("server", 0, 0);
  await expectCounts("client", 1, 0);
  await expect(p.status("server")).toHaveText("bound", { timeout: 8000 });
  await p.expectCountAbove("client", "received", 0, 5000);

  // One second into the run, seen from after the server answered: the same zeros.
  const track = p.page.getByTestId("timeline.track");
  await expect(track).toHaveAttribute("data-start", /\d/);
  await scrubTo(p.page, Number(await track.getAttribute("data-start")) + 1000);
  await expect(p.status("server")).toHaveText("stopped");
  await expectCounts("server", 0, 0);
  await expectCounts("client", 1, 0);
});
