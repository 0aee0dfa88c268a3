import { parseGraph, type GraphDoc, type LinkQueue } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { EMPTY_QUEUES, reduceQueues, type QueuesState } from "../store/queuesSlice.js";
import { fullLinks, gaugeOf, type GaugeInputs } from "./gaugeModel.js";

const q = (link: string, from: string, to: string, inFlight: number, total = 20): LinkQueue => ({
  link,
  direction: "forward",
  from: { node: from, socket: "s" },
  to: { node: to, socket: "r" },
  inFlight,
  oldestAgeMs: inFlight ? 100 : null,
  capacity: { sendHwm: total / 2, recvHwm: total / 2, total },
  transport: "tcp",
  exact: true,
});
const EMPTY: QueuesState = EMPTY_QUEUES;

function doc(): GraphDoc {
  const parsed = parseGraph({
    version: 1,
    name: "g",
    nodes: [
      {
        id: "pub",
        role: "publisher",
        sockets: [
          { id: "pub", type: "PUB", bind: ["inproc://a"], options: { sendHighWaterMark: 7 } },
        ],
      },
      { id: "sub", role: "subscriber", sockets: [{ id: "sub", type: "SUB" }] },
    ],
    links: [{ id: "l1", from: { node: "sub", socket: "sub" }, to: { node: "pub", socket: "pub" } }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.doc;
}

const state = (queues: QueuesState, running = true): GaugeInputs => ({
  queues,
  running,
  doc: doc(),
});

describe("a link's gauge", () => {
  it("reads the last queues event's numbers exactly, the fullest direction first", () => {
    const s = reduceQueues(EMPTY, [
      { type: "queues", t: 1, links: [q("l1", "a", "b", 3), { ...q("l1", "b", "a", 15) }] },
    ]);
    const g = gaugeOf(state(s), "l1");
    expect(g).toMatchObject({ inFlight: 15, total: 20, tone: "warn", from: "b/s", tcp: true });
    expect(g?.fill).toBe(0.75);
  });

  it("an idle link reads 0 against the running document's HWMs (PUB's send + SUB's receive)", () => {
    expect(gaugeOf(state(EMPTY), "l1")).toMatchObject({ inFlight: 0, total: 1007, tone: "ok" });
  });

  it("shows nothing while nothing runs, or for a link the running document lacks", () => {
    expect(gaugeOf(state(EMPTY, false), "l1")).toBeNull();
    expect(gaugeOf(state(EMPTY), "l9")).toBeNull();
  });

  it("is red when full or when a pipe on it is blocked, and the edge says so too", () => {
    const s = reduceQueues(EMPTY, [
      { type: "queues", t: 1, links: [q("l1", "a", "b", 20), q("l2", "c", "d", 1)] },
      {
        type: "pipe",
        t: 1,
        node: "c",
        socket: "s",
        state: "blocked",
        reason: { key: "pipe.blockedHwm" },
      },
    ]);
    expect(gaugeOf(state(s), "l1")?.tone).toBe("full");
    expect(gaugeOf(state(s), "l2")).toMatchObject({ tone: "full", state: "blocked" });
    expect([...fullLinks(s)].sort()).toEqual(["l1", "l2"]);
    // Looked up once per queues state: the edges' selectors run on every batch.
    expect(fullLinks(s)).toBe(fullLinks(s));
  });
});
