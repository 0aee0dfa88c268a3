import type { RuntimeEvent, ServerMessage } from "@zmqp/protocol";
import { emptyNodeCounters } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher.js";

type Batch = Extract<ServerMessage, { type: "batch" }>;

const msg = (id: number): RuntimeEvent => ({
  type: "message",
  t: id,
  id,
  node: "c",
  socket: "req",
  direction: "out",
  kind: "request",
  link: "l1",
  frames: [{ size: 5, hex: "68656c6c6f", text: "hello" }],
});
const counters = (sent: number): RuntimeEvent => ({
  type: "counters",
  t: sent,
  nodes: { c: { ...emptyNodeCounters(), sent } },
  links: {},
});
const status = (node: string, detail: string): RuntimeEvent => ({
  type: "status",
  t: 0,
  node,
  status: { state: "running", detail, sockets: {} },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Batcher", () => {
  it("sends at most ~60 batches a second under a flood, with counters exact and the rest sampled", async () => {
    const batches: Batch[] = [];
    const b = new Batcher({ send: (m) => batches.push(m), backlog: () => 0 });
    const start = Date.now();
    let id = 0;
    while (Date.now() - start < 500) {
      for (let i = 0; i < 500; i++) {
        b.push(msg(++id));
        b.push(counters(id));
      }
      await sleep(1);
    }
    await sleep(40);
    b.close();
    const elapsed = (Date.now() - start) / 1000;
    expect(batches.length / elapsed).toBeLessThanOrEqual(66);
    const shown = batches.reduce(
      (n, x) => n + x.events.filter((e) => e.type === "message").length,
      0,
    );
    const sampled = batches.reduce((n, x) => n + x.sampled, 0);
    expect(shown + sampled).toBe(id);
    expect(sampled).toBeGreaterThan(0);
    // Latest counters win: the last batch carries the final count.
    const last = batches
      .at(-1)!
      .events.filter((e) => e.type === "counters")
      .at(-1);
    expect(last && last.type === "counters" && last.nodes.c?.sent).toBe(id);
    expect(batches.map((x) => x.seq)).toEqual(batches.map((_, i) => i + 1));
  });

  it("coalesces status per node, latest wins", async () => {
    const batches: Batch[] = [];
    const b = new Batcher({ send: (m) => batches.push(m), backlog: () => 0 });
    b.push(status("a", "1"));
    b.push(status("a", "2"));
    b.push(status("b", "x"));
    await sleep(30);
    const statuses = batches.flatMap((x) => x.events).filter((e) => e.type === "status");
    expect(statuses.map((e) => e.type === "status" && [e.node, e.status.detail])).toEqual([
      ["a", "2"],
      ["b", "x"],
    ]);
    b.close();
  });

  it("sends nothing to a stalled tab and holds only bounded state, then catches it up", async () => {
    const batches: Batch[] = [];
    let backlog = 10 * 1024 * 1024;
    const b = new Batcher({ send: (m) => batches.push(m), backlog: () => backlog });
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5000; i++) b.push(msg(round * 5000 + i));
      b.push(counters(round));
      b.push({ type: "log", t: 0, level: "info", text: "x" });
      await sleep(5);
    }
    await sleep(30);
    expect(batches).toHaveLength(0);
    expect(b.stats.stalledFlushes).toBeGreaterThan(0);
    expect(b.stats.held).toBeLessThanOrEqual(2);
    backlog = 0;
    for (let i = 0; i < 3; i++) b.push(msg(1e6 + i));
    await sleep(40);
    b.close();
    expect(batches.length).toBeGreaterThan(0);
    const first = batches[0]!;
    expect(first.sampled).toBeGreaterThan(90_000);
    expect(first.events.some((e) => e.type === "counters")).toBe(true);
  });

  it("keeps the latest queues event and each socket's latest pipe state, even for a stalled tab", async () => {
    const batches: Batch[] = [];
    let backlog = 10 * 1024 * 1024;
    const b = new Batcher({ send: (m) => batches.push(m), backlog: () => backlog });
    const queues = (inFlight: number): RuntimeEvent => ({
      type: "queues",
      t: inFlight,
      links: [
        {
          link: "l1",
          direction: "forward",
          from: { node: "v", socket: "push" },
          to: { node: "w", socket: "pull" },
          inFlight,
          oldestAgeMs: null,
          capacity: { sendHwm: 5, recvHwm: 5, total: 10 },
          transport: "inproc",
          exact: true,
        },
      ],
    });
    const pipe = (state: "ok" | "blocked"): RuntimeEvent => ({
      type: "pipe",
      t: 0,
      node: "v",
      socket: "push",
      state,
      reason: { key: state === "ok" ? "pipe.ok" : "pipe.blockedNoPeer" },
    });
    b.push(queues(3));
    b.push(pipe("ok"));
    b.push(queues(10));
    b.push(pipe("blocked"));
    await sleep(40);
    expect(batches).toHaveLength(0);
    backlog = 0;
    b.push(msg(1));
    await sleep(40);
    b.close();
    const events = batches.flatMap((x) => x.events);
    const q = events.filter((e) => e.type === "queues");
    expect(q).toHaveLength(1);
    expect(q[0]!.type === "queues" && q[0]!.links[0]!.inFlight).toBe(10);
    const p = events.filter((e) => e.type === "pipe");
    expect(p).toHaveLength(1);
    expect(p[0]!.type === "pipe" && p[0]!.state).toBe("blocked");
  });
});
