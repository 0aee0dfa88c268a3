/**
 * Memory a page can make the gateway hold is bounded: replies to a tab that does not read count
 * against its bound (and it is closed when it keeps asking), a socket's send queue is capped with
 * a counted drop reason, and the number of tabs is capped. Real gateway, real sockets.
 */
import type { Socket } from "node:net";
import { ERROR_CODES, LIMITS, PROTOCOL_VERSION, type GraphInput } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tab } from "../src/session/tab.js";
import { CLOSE_BEHIND, CLOSE_TOO_MANY_TABS } from "../src/session/tab-limits.js";
import { connect, listen, sleep, testApp, waitFor, helloTab } from "./helpers.js";

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await testApp({ maxTabs: 4 });
  base = await listen(app);
});
afterAll(() => app.close());

const hello = () => helloTab(base);

/** 150 idle servers with long labels: a welcome (its snapshot) of a few hundred KB. */
function largeGraph(): GraphInput {
  return {
    version: 1,
    nodes: Array.from({ length: 150 }, (_, i) => ({
      id: `s${i}`,
      role: "server" as const,
      label: "x".repeat(80),
      params: { text: "y".repeat(200), reply: "fixed" },
      sockets: [{ id: "rep", type: "REP" as const, bind: [`inproc://big-${i}`] }],
    })),
    links: [],
  };
}

describe("a tab that never reads but keeps asking", () => {
  it("gets no more replies than its bound holds, then is closed with ZMQP_ERR_TAB_BEHIND", async () => {
    const driver = await hello();
    driver.send({ type: "deploy", doc: largeGraph() });
    await driver.next("deployed");
    const c = await hello();
    const raw = (c.ws as unknown as { _socket: Socket })._socket;
    raw.pause();
    const tab = [...app.hub.tabs].at(-1) as Tab;
    const heapBefore = process.memoryUsage().heapUsed;
    let maxBacklog = 0;
    // 29 hellos a second (under the rate limit), each asking for the whole snapshot, until the
    // gateway gives up on the tab (the kernel's buffers take a few MB first).
    const end = Date.now() + 20_000;
    while (Date.now() < end && tab.droppedReplies <= 20) {
      c.send({ type: "hello", protocol: PROTOCOL_VERSION });
      await sleep(1000 / 29);
      maxBacklog = Math.max(maxBacklog, tab.backlog);
    }
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(tab.droppedReplies).toBeGreaterThan(0);
    // The bound (1 MiB) plus the one reply or batch that crossed it.
    expect(maxBacklog).toBeLessThan(2 * 1024 * 1024);
    expect(growth).toBeLessThan(30 * 1024 * 1024);
    raw.resume();
    await waitFor(() => c.closed, 10_000, "the tab closed");
    expect(c.closed).toEqual({ code: CLOSE_BEHIND, reason: ERROR_CODES.TAB_BEHIND });
    driver.send({ type: "stop" });
    await waitFor(() => app.hub.runtime.snapshot().state === "idle", 5000, "stop");
    await driver.close();
  });
});

describe("a send nobody takes", () => {
  it("waits in a capped queue; the rest are dropped as queue-full with ZMQP_ERR_QUEUE_FULL", async () => {
    const rt = app.hub.runtime;
    const res = await app.hub.deploy({
      version: 1,
      nodes: [{ id: "d", role: "dealer", sockets: [{ id: "dealer", type: "DEALER" }] }],
      links: [],
    });
    expect(res.ok).toBe(true);
    const events: { type: string; code?: string }[] = [];
    const off = rt.on((e) => events.push(e));
    const heapBefore = process.memoryUsage().heapUsed;
    const payload = "p".repeat(60 * 1024);
    // 2000 sends of 60 KiB (117 MiB) to a DEALER with no peer.
    for (let i = 0; i < 2000; i++) void rt.nodeAction("d", "send", payload).catch(() => undefined);
    await sleep(50);
    const growth = process.memoryUsage().heapUsed - heapBefore;
    const dropped = rt.counters().nodes.d!.dropReasons["queue-full"] ?? 0;
    expect(dropped).toBeGreaterThanOrEqual(2000 - LIMITS.maxQueuedBytes / (60 * 1024) - 2);
    expect(events.some((e) => e.type === "error" && e.code === ERROR_CODES.QUEUE_FULL)).toBe(true);
    expect(growth).toBeLessThan(LIMITS.maxQueuedBytes + 20 * 1024 * 1024);
    off();
    await rt.stop();
  });
});

describe("the number of tabs", () => {
  it("is capped: one more is told ZMQP_ERR_TOO_MANY_TABS and closed; a free slot takes a new one", async () => {
    await waitFor(() => app.hub.tabCount === 0, 5000, "earlier tabs gone");
    const open = [await hello(), await hello(), await hello(), await hello()];
    const extra = await connect(base);
    await waitFor(() => extra.closed, 5000, "the extra tab closed");
    expect(extra.closed!.code).toBe(CLOSE_TOO_MANY_TABS);
    expect(extra.of("rejected")[0]).toMatchObject({ code: ERROR_CODES.TOO_MANY_TABS });
    expect(extra.of("rejected")[0]!.message).toMatch(/4 tabs are open on this gateway already/);
    await open.pop()!.close();
    await waitFor(async () => {
      const again = await connect(base);
      again.send({ type: "hello", protocol: PROTOCOL_VERSION });
      const ok = await again.next("welcome", 1000).then(
        () => true,
        () => false,
      );
      open.push(again);
      return ok;
    });
    for (const c of open) await c.close();
  });
});
