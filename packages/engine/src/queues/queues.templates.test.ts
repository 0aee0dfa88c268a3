/**
 * The queue gauges on the templates, with real sockets: at every `queues` event, per sending
 * socket, in flight (+ lost) = sent − received − dropped exactly; queues return to zero when the
 * consumer catches up; a full pipe shows as blocked or dropping and clears when it drains.
 */
import type { RuntimeEvent } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { received, runTemplate, type TemplateRun } from "../scenarios/template-harness.js";
import { waitFor } from "../test-helpers.js";
import { lane, watchQueues, type Sample } from "./check.js";

type Pipe = Extract<RuntimeEvent, { type: "pipe" }>;
const pipes = (events: RuntimeEvent[], node: string) =>
  events.filter((e): e is Pipe => e.type === "pipe" && e.node === node);

let run: TemplateRun | undefined;
afterEach(async () => {
  await run?.rt.close();
  run = undefined;
});

async function start(name: string) {
  run = await runTemplate(name);
  // The first queues event came during deploy, before this listener: from the next one on.
  return { run, ...watchQueues(run.rt) };
}

const last = (samples: Sample[]) => samples.at(-1)?.event;

describe("09 pipeline", () => {
  it("shows the slow worker's backlog on its link, exactly, and it drains to zero", async () => {
    const { run, samples, mismatches } = await start("09-pipeline");
    await waitFor("the sink's 20 results", () => received(run.events, "sink").length >= 20, 15000);
    await waitFor("every queue empty", () =>
      last(samples)?.links.every((q) => q.inFlight === 0 && !q.lost),
    );
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
    const slow = Math.max(...samples.map((s) => lane(s.event, "vent-w2")?.inFlight ?? 0));
    const fast = Math.max(...samples.map((s) => lane(s.event, "vent-w1")?.inFlight ?? 0));
    expect(slow).toBeGreaterThanOrEqual(2);
    expect(slow).toBeGreaterThan(fast);
    const q = lane(last(samples), "vent-w2")!;
    expect(q.from).toEqual({ node: "ventilator", socket: "push" });
    expect(q.capacity).toMatchObject({ sendHwm: 1000, recvHwm: 1000, total: 2000 });
    expect(q.transport).toBe("tcp");
    expect(q.capacity.note?.key).toBe("pipe.tcpKernel");
  });
});

describe("11 high-water mark", () => {
  it("inproc: the pipe holds 10 + 10 and the rest is lost; tcp: the kernel holds the rest", async () => {
    const { run, samples, mismatches } = await start("11-high-water-mark");
    await waitFor(
      "the tcp link to hold more than both high-water marks",
      () => (lane(last(samples), "tcp-feed")?.inFlight ?? 0) > 100,
      15000,
    );
    const inproc = await waitFor("the inproc link to lose messages", () =>
      samples.map((s) => lane(s.event, "inproc-feed")).find((q) => (q?.lost ?? 0) > 0),
    );
    expect(inproc.inFlight).toBeLessThanOrEqual(20);
    expect(inproc.capacity.total).toBe(20);
    const dropping = pipes(run.events, "fast-pub").find((e) => e.state === "dropping");
    expect(dropping?.peer).toBe("slow-sub");
    expect(dropping?.reason.key).toBe("pipe.droppingHwm");
    expect(run.rt.counters().nodes["fast-pub-tcp"]!.dropReasons.hwm ?? 0).toBe(0);

    // The publishers pause: the subscribers catch up with what can still reach them.
    const tcpBefore = lane(last(samples), "tcp-feed")!.inFlight;
    await run.rt.nodeAction("fast-pub", "pause");
    await run.rt.nodeAction("fast-pub-tcp", "pause");
    await waitFor(
      "the inproc link empty",
      () => lane(last(samples), "inproc-feed")?.inFlight === 0,
    );
    await waitFor(
      "the tcp link to drain",
      () => lane(last(samples), "tcp-feed")!.inFlight < tcpBefore - 10,
    );
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
  });
});

describe("13 a slow consumer", () => {
  it("fills to the high-water marks, blocks the ventilator within one event, drains and clears", async () => {
    const { run, samples, mismatches } = await start("13-slow-consumer");
    const blocked = await waitFor(
      "the ventilator blocked",
      () => pipes(run.events, "ventilator").find((e) => e.state === "blocked"),
      10000,
    );
    expect(blocked.reason.key).toBe("pipe.blockedHwm");
    expect(blocked.peer).toBe("worker");
    expect(blocked.link).toBe("vent-worker");
    // Within one event of the pipe filling: at most one queues event showed it as full as it
    // was when the ventilator blocked before the block was told.
    const before = samples.filter((s) => s.event.t < blocked.t);
    const level = lane(before.at(-1)?.event, "vent-worker")?.inFlight ?? 0;
    expect(level).toBeGreaterThanOrEqual(5);
    const full = before.filter((s) => (lane(s.event, "vent-worker")?.inFlight ?? 0) >= level);
    expect(full.length).toBeLessThanOrEqual(1);

    // List queue while it is full: the oldest tasks, oldest first, with their send ids.
    const listing = run.rt.queue("vent-worker", "ventilator/push")!;
    expect(listing.messages.length).toBeGreaterThan(0);
    expect(listing.messages.length).toBe(listing.inFlight);
    const ids = listing.messages.map((m) => m.sendId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(listing.messages[0]!.frames.at(-1)?.text).toMatch(/^task \d+$/);
    const sentIds = new Set(
      run.events.flatMap((e) => (e.type === "message" && e.direction === "out" ? [e.id] : [])),
    );
    expect(sentIds.has(ids[0]!)).toBe(true);

    const cleared = await waitFor(
      "the ventilator's pipe ok again",
      () => pipes(run.events, "ventilator").find((e) => e.state === "ok" && e.t > blocked.t),
      10000,
    );
    expect(cleared.reason.key).toBe("pipe.ok");
    await waitFor("the queue back to zero", () =>
      samples.some((s) => s.event.t > cleared.t && lane(s.event, "vent-worker")?.inFlight === 0),
    );
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
    expect(run.rt.counters().nodes.ventilator!.dropped).toBe(0);
  });

  it("answers list queue only for a link end that sends", async () => {
    const { run } = await start("13-slow-consumer");
    expect(run.rt.queue("vent-worker", "worker/pull")).toBeNull();
    expect(run.rt.queue("nope", "ventilator/push")).toBeNull();
  });
});

describe("14 ROUTER drops for an unknown peer", () => {
  it("says dropping the moment it sends to a gone routing id, counts it, and clears", async () => {
    const { run, mismatches } = await start("14-router-unknown-peer");
    const dropping = await waitFor(
      "the router dropping",
      () => pipes(run.events, "router").find((e) => e.state === "dropping"),
      10000,
    );
    expect(dropping.reason).toEqual({
      key: "pipe.droppingUnroutable",
      params: { id: "dealer.dealer" },
    });
    const ok = await waitFor(
      "the router ok again",
      () => pipes(run.events, "router").find((e) => e.state === "ok" && e.t > dropping.t),
      15000,
    );
    expect(run.rt.counters().nodes.router!.dropReasons.unroutable).toBeGreaterThan(0);
    // A queue that does not change sends no event: the latest one (the snapshot's) is what holds.
    // The kill at 3 s can land on a job sent at 3 s (one every 500 ms): that job is lost with the
    // dealer and stays in flight until it expires (MAX_AGE_MS, 30 s), as the docs say, so the
    // lane may take that long to empty.
    await waitFor(
      "the reply lane empty",
      () =>
        run.rt
          .snapshot()
          .queues?.every((q) => q.direction === "forward" || (q.inFlight === 0 && !q.lost)),
      35_000,
    );
    // The dealer's new routing id gets the jobs again.
    await waitFor("a job received after the restart", () =>
      received(run.events, "dealer").some((m) => m.t > ok.t),
    );
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
    const account = run.rt.accounts().find((a) => a.from === "router.router");
    expect(account?.unaccounted).toBe(0);
  }, 60_000);
});
