/**
 * The recorder's bound on a long run, without sockets (the runs on real sockets are in
 * recorded-run.test.ts and budget.test.ts): 300 000 messages into a 1 MB budget stay within it,
 * the oldest part is cut (a note every 10 messages outgrows it) and said so, and the counters at
 * the end are the exact sums.
 */
import type { RuntimeEvent } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { Recorder, Replay } from "./index.js";

const frames = [{ size: 8, hex: "7461736b20313233", text: "task 123", role: "body" as const }];

function* run(n: number): Generator<RuntimeEvent> {
  for (let i = 0; i < n; i++) {
    const t = 1_000_000 + i;
    yield {
      type: "message",
      t,
      id: 2 * i,
      node: "a",
      socket: "out",
      direction: "out",
      kind: "task",
      link: null,
      frames,
    };
    yield {
      type: "message",
      t,
      id: 2 * i + 1,
      node: "b",
      socket: "in",
      direction: "in",
      kind: "task",
      link: "l",
      linkDirection: "forward",
      from: { node: "a", socket: "out" },
      sendId: 2 * i,
      frames,
    };
    if (i % 10 === 0) yield { type: "log", t, level: "info", text: `note ${i}` };
  }
}

describe("a long run into a small budget", () => {
  it("stays within its bytes, says what it cut and sampled, and ends on the exact counts", () => {
    const N = 150_000;
    const rec = new Recorder({
      producer: { name: "test", version: "0" },
      budget: { maxBytes: 1024 * 1024 },
    });
    for (const e of run(N)) rec.push(e);
    const s = rec.stats();
    expect(s.failures).toBe(0);
    expect(s.messagesSeen).toBe(2 * N);
    // The open segment (at most 512 entries of ~300 bytes) is the only overshoot.
    expect(s.bytes).toBeLessThanOrEqual(1024 * 1024 + 512 * 400);
    expect(s.truncatedEntries).toBeGreaterThan(0);
    expect(s.messagesSampled).toBeGreaterThan(N);
    const data = rec.data(true);
    expect(data.manifest.counts.truncatedEntries).toBe(s.truncatedEntries);
    const end = new Replay(data).stateAt(data.entries.length);
    expect(end.counters.nodes.a?.sent).toBe(N);
    expect(end.counters.nodes.b?.received).toBe(N);
    expect(end.counters.nodes.a?.peers.b).toEqual({ sent: N, received: 0 });
    expect(end.counters.links.l).toEqual({ forward: N, backward: 0 });
    // The newest messages are whole: the last send and its arrival are both there.
    const ids = new Set(
      data.entries.flatMap((e) => (e.k === "e" && e.e.type === "message" ? [e.e.id] : [])),
    );
    expect(ids.has(2 * N - 2) && ids.has(2 * N - 1)).toBe(true);
  });
});
