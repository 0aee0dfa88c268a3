/** Issue 5 point 8: a stalled tab cannot grow memory; the last tab leaving stops the runtime after the grace period. */
import { createServer, type Socket } from "node:net";
import type { GraphInput } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tab } from "../src/session/tab.js";
import { heapAfterGc, helloGraph, helloTab, listen, sleep, testApp, waitFor } from "./helpers.js";

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  // The run's recording (up to 64 MB by default) would grow the heap as the busy graph runs: a
  // small budget keeps this test about the tab's own buffers.
  app = await testApp({ graceMs: 400, recordingBudget: { maxBytes: 1024 * 1024 } });
  base = await listen(app);
});
afterAll(() => app.close());

const hello = () => helloTab(base);

/** Can this process bind the port now? (true once the runtime has released it) */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/** Many REQ/REP pairs at 1 ms: thousands of message events a second. */
function busyGraph(pairs: number): GraphInput {
  const g: GraphInput = { version: 1, nodes: [], links: [] };
  for (let i = 0; i < pairs; i++) {
    const one = helloGraph(0, 1);
    for (const n of one.nodes) g.nodes.push({ ...n, id: `${n.id}${i}` });
    g.links!.push({
      id: `l${i}`,
      from: { node: `client${i}`, socket: "req" },
      to: { node: `server${i}`, socket: "rep" },
    });
  }
  return g;
}

describe("grace period", () => {
  it("keeps running while a tab comes back in time, stops and frees the port once the last one is gone", async () => {
    const a = await hello();
    a.send({ type: "deploy", doc: helloGraph(5555, 20) });
    await a.next("deployed");
    expect(await portFree(5555)).toBe(false);
    await a.close();
    await sleep(200);
    const b = await hello(); // back within the grace period
    await sleep(400);
    expect(app.hub.runtime.snapshot().state).toBe("running");
    await b.close();
    await sleep(150);
    expect(app.hub.runtime.snapshot().state).toBe("running");
    await waitFor(() => app.hub.runtime.snapshot().state === "idle", 3000, "grace stop");
    expect(app.hub.graceStops).toBe(1);
    expect(await portFree(5555)).toBe(true);
  });
});

describe("a stalled tab", () => {
  it("gets nothing new while it does not read; the gateway's buffers stay bounded; it catches up after", async () => {
    const c = await hello();
    const raw = (c.ws as unknown as { _socket: Socket })._socket;
    raw.pause(); // the tab stops reading: TCP fills up, then the server's bufferedAmount grows
    const driver = await hello();
    driver.send({ type: "deploy", doc: busyGraph(6) });
    await driver.next("deployed");
    await driver.close();
    const tab = () => [...app.hub.tabs].find((t) => (t as Tab).backlog > 0) as Tab | undefined;
    const stalled = await waitFor(
      () => ((tab()?.stats.stalledFlushes ?? 0) > 0 ? tab() : undefined),
      15_000,
      "a stalled tab",
    );
    const heapBefore = heapAfterGc();
    let maxBacklog = 0;
    let maxHeld = 0;
    for (let i = 0; i < 30; i++) {
      await sleep(100);
      maxBacklog = Math.max(maxBacklog, stalled.backlog);
      maxHeld = Math.max(maxHeld, stalled.stats.held);
    }
    const heapGrowth = heapAfterGc() - heapBefore;
    const counters = app.hub.runtime.counters();
    expect(counters.nodes.client0?.received).toBeGreaterThan(500); // traffic really ran meanwhile
    expect(maxBacklog).toBeLessThan(2 * 1024 * 1024); // the cap (1 MiB) plus one batch
    expect(maxHeld).toBeLessThanOrEqual(12 + 1); // coalesced status per node + counters
    expect(heapGrowth).toBeLessThan(40 * 1024 * 1024);
    const before = c.of("batch").length;
    raw.resume();
    const caughtUp = await waitFor(
      () =>
        c
          .of("batch")
          .slice(before)
          .find((b) => b.sampled > 0),
      10_000,
      "catch-up",
    );
    expect(caughtUp.sampled).toBeGreaterThan(0);
    driver.ws.terminate();
    c.send({ type: "stop" });
    await waitFor(() => app.hub.runtime.snapshot().state === "idle", 5000, "stop");
    await c.close();
  });
});
