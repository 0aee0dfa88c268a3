/**
 * Past its budget a recording samples messages, and still replays the exact counters: a fast
 * pipeline on real sockets (thousands of messages) recorded with a budget far smaller than the run.
 */
import { createRuntime } from "@zmqp/engine";
import {
  parseGraph,
  type GraphInput,
  type RuntimeEvent,
  type RuntimeSnapshot,
} from "@zmqp/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeRecording,
  encodeRecording,
  Recorder,
  Replay,
  sameCounters,
  type RecordEntry,
} from "./index.js";

const TASKS = 3000;
const port = 47_000 + Math.floor(Math.random() * 1000);

const pipeline: GraphInput = {
  version: 1,
  nodes: [
    {
      id: "vent",
      role: "ventilator",
      sockets: [{ id: "push", type: "PUSH", bind: [`tcp://127.0.0.1:${port}`] }],
      // Driven by "send now" below, as fast as the sockets take it.
      params: { intervalMs: 0, payload: "task {n}" },
    },
    {
      id: "worker",
      role: "worker",
      sockets: [
        { id: "pull", type: "PULL" },
        { id: "push", type: "PUSH" },
      ],
      params: { delayMs: 0 },
    },
    {
      id: "sink",
      role: "sink",
      sockets: [{ id: "pull", type: "PULL", bind: [`tcp://127.0.0.1:${port + 1}`] }],
    },
  ],
  links: [
    { id: "tasks", from: { node: "worker", socket: "pull" }, to: { node: "vent", socket: "push" } },
    {
      id: "results",
      from: { node: "worker", socket: "push" },
      to: { node: "sink", socket: "pull" },
    },
  ],
};

interface Check {
  event: RuntimeEvent;
  counters: RuntimeSnapshot["counters"];
}

const sampledRec = { seen: 0 };
let byCount: Recorder;
let byBytes: Recorder;
const checks: Check[] = [];
/** Every send a receive named, whether or not the recording kept either. */
const receivedSends = new Set<number>();
let finalCounters: RuntimeSnapshot["counters"];

beforeAll(async () => {
  const rt = createRuntime();
  const producer = { name: "test", version: "0" };
  byCount = new Recorder({
    producer,
    budget: { maxMessages: 1000 },
    counters: () => rt.counters(),
  });
  byBytes = new Recorder({
    producer,
    budget: { maxBytes: 120_000 },
    counters: () => rt.counters(),
  });
  let atSink = 0;
  rt.on((e) => {
    byCount.push(e);
    byBytes.push(e);
    if (e.type === "message") {
      sampledRec.seen++;
      if (e.sendId !== undefined) receivedSends.add(e.sendId);
      if (e.node === "sink") atSink++;
    } else checks.push({ event: e, counters: rt.counters() });
  });
  // Parsed first, as the gateway does: the engine takes a checked document.
  const doc = parseGraph(pipeline);
  expect(doc.ok).toBe(true);
  expect((await rt.deploy(doc.doc!)).ok).toBe(true);
  const connected = () =>
    (rt.snapshot().nodes.vent?.sockets.push?.peers ?? 0) > 0 &&
    (rt.snapshot().nodes.sink?.sockets.pull?.peers ?? 0) > 0;
  for (let end = Date.now() + 10_000; !connected() && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < TASKS; i++) await rt.nodeAction("vent", "send");
  const end = Date.now() + 30_000;
  while (atSink < TASKS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  expect(atSink).toBe(TASKS);
  finalCounters = rt.counters();
  await rt.close();
});

/**
 * Position of a kept (non-message) event in a record: the entries up to and including it. The
 * record holds copies (closed segments are packed as JSON), so it is found by content, searching
 * on from the previous one (`after`), as the checks come in order.
 */
function positionOf(entries: readonly RecordEntry[], event: RuntimeEvent, after: number): number {
  const want = JSON.stringify(event);
  for (let i = after; i < entries.length; i++) {
    const x = entries[i]!;
    if (x.k === "e" && x.e.type === event.type && JSON.stringify(x.e) === want) return i + 1;
  }
  return 0;
}

describe("a run past the recording budget", () => {
  it("keeps at most the budget of messages and says how many it sampled", () => {
    const s = byCount.stats();
    expect(s.messagesSeen).toBe(sampledRec.seen);
    expect(s.messagesSeen).toBeGreaterThanOrEqual(4 * TASKS);
    expect(s.messagesSampled).toBeGreaterThan(0);
    expect(s.messagesKept + s.messagesSampled).toBe(s.messagesSeen);
    // The open segment (at most budget/8 entries) is never thinned, so that is the only overshoot.
    expect(s.messagesKept).toBeLessThanOrEqual(1000 + 125);
    const data = byCount.data(true);
    expect(data.manifest.counts.messagesSampled).toBe(s.messagesSampled);
    expect(data.entries.filter((e) => e.k === "e" && e.e.type === "message").length).toBe(
      s.messagesKept,
    );
    const tallied = data.entries.reduce((n, e) => n + (e.k === "tally" ? e.n : 0), 0);
    expect(tallied).toBe(s.messagesSampled);
  });

  it("replays exact counters at every kept event, sampled or not, and after a save", () => {
    const opened = decodeRecording(encodeRecording(byCount.data(true)));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const replay = new Replay(opened.data);
    const original = byCount.data(true).entries;
    let compared = 0;
    let p = 0;
    for (const c of checks) {
      p = positionOf(original, c.event, p);
      expect(p).toBeGreaterThan(0);
      expect(sameCounters(replay.stateAt(p).counters, c.counters), `at ${c.event.type}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    // The events alone added up to the runtime's numbers at every segment's end: no correction.
    expect(original.filter((e) => e.k === "sync")).toEqual([]);
    const last = replay.stateAt(replay.length);
    expect(sameCounters(last.counters, finalCounters)).toBe(true);
    expect(last.counters.nodes.sink?.received).toBe(TASKS);
    expect(last.sampled).toBe(byCount.stats().messagesSampled);
  });

  it("keeps the arrival of every sent task it keeps, so nothing looks stuck in flight", () => {
    const entries = byCount.data(true).entries;
    const arrivals = new Set<number>();
    for (const e of entries)
      if (e.k === "e" && e.e.type === "message" && e.e.sendId !== undefined)
        arrivals.add(e.e.sendId);
    let keptSends = 0;
    for (const e of entries)
      if (e.k === "e" && e.e.type === "message" && e.e.direction === "out") {
        if (!receivedSends.has(e.e.id)) continue;
        keptSends++;
        expect(arrivals.has(e.e.id), `arrival of send ${e.e.id}`).toBe(true);
      }
    expect(keptSends).toBeGreaterThan(100);
    const replay = new Replay(byCount.data(true));
    expect(replay.inFlightAt(replay.length)).toEqual([]);
  });

  it("stays within a byte budget by dropping the oldest part, counters still exact after it", () => {
    const s = byBytes.stats();
    expect(s.bytes).toBeLessThanOrEqual(120_000 * 1.5);
    const data = byBytes.data(true);
    const replay = new Replay(data);
    expect(sameCounters(replay.stateAt(replay.length).counters, finalCounters)).toBe(true);
    expect(data.manifest.counts.messagesSeen).toBe(sampledRec.seen);
    expect(data.manifest.counts.messagesSampled + data.manifest.counts.messagesKept).toBe(
      sampledRec.seen,
    );
  });
});
