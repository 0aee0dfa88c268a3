/**
 * The message a paused receiver has already read from zeromq, outside both pipes: the gauge's
 * capacity counts it, so in flight never reads more than the link can hold and a fan-out does not
 * call it lost; it arrives when the node resumes. Real sockets over inproc, where the pipes hold
 * exactly both high-water marks once the reader has told the writer what it read (libzmq's
 * reader does so every half high-water mark: here after 5 and 10 reads, so each case reads 10
 * before the pipe fills).
 */
import type { LinkQueue } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../api.js";
import { createRuntime } from "../runtime.js";
import { graph, link, node, record, waitFor } from "../test-helpers.js";
import { lane, watchQueues, type Sample } from "./check.js";

const HWM = { sendHighWaterMark: 5, receiveHighWaterMark: 5 };
let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const received = (r: Runtime, id: string) => r.counters().nodes[id]?.received ?? 0;

/** The latest `queues` event's link `l`, once `ok` holds for it. */
function gauge(samples: Sample[], what: string, ok: (q: LinkQueue) => boolean) {
  return waitFor(what, () => {
    const q = lane(samples.at(-1)?.event, "l");
    return q && ok(q) ? q : undefined;
  });
}

/** Sends one message at a time until the receiver has read `n`, then pauses it. */
async function readThenPause(r: Runtime, sender: string, receiver: string, n: number) {
  for (let i = 0; i < n; i++) await r.nodeAction(sender, "send");
  await waitFor(`${receiver}'s ${n} messages`, () => received(r, receiver) === n);
  await r.nodeAction(receiver, "pause");
}

describe("a paused receiver holding the message it read", () => {
  it("PUSH → PULL: in flight fills both HWMs plus the held one, and all of it arrives", async () => {
    rt = createRuntime({});
    const { samples, mismatches } = watchQueues(rt);
    await rt.deploy(
      graph(
        [
          node("vent", "ventilator", [{ id: "push", type: "PUSH", options: HWM }], {
            intervalMs: 0,
          }),
          node("sink", "sink", [
            { id: "pull", type: "PULL", bind: ["inproc://held-push"], options: HWM },
          ]),
        ],
        [link("l", "vent.push", "sink.pull")],
      ),
    );
    const r = rt;
    await readThenPause(r, "vent", "sink", 9);
    // The sink's receive was waiting in zeromq: it reads the next message and holds it.
    await r.nodeAction("vent", "send");
    await gauge(samples, "the held message", (q) => q.capacity.held === 1 && q.inFlight === 1);
    // Its card says what it holds, until it resumes.
    expect(r.snapshot().nodes.sink?.detailPhrase?.key).toBe("detail.pausedHolding");
    // Exactly what the pipes hold (none left waiting on a full pipe, whose send would time out
    // if the machine were slow to get to the resume).
    for (let i = 0; i < 10; i++) void r.nodeAction("vent", "send");
    const full = await gauge(samples, "the link full", (q) => q.inFlight === 11);
    expect(full.capacity).toEqual({ sendHwm: 5, recvHwm: 5, held: 1, total: 11 });
    expect(r.counters().nodes.vent!.sent).toBe(20);

    await r.nodeAction("sink", "resume");
    await waitFor("the sink's 20", () => received(r, "sink") === 20);
    expect(r.snapshot().nodes.sink?.detail).toBeUndefined();
    const empty = await gauge(samples, "the link empty", (q) => q.inFlight === 0);
    expect(empty.capacity).toEqual({ sendHwm: 5, recvHwm: 5, total: 10 });
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
  });

  it("PUB → SUB: the held update is in flight, not lost, and arrives with the 10 the pipes hold", async () => {
    rt = createRuntime({});
    const { samples, mismatches } = watchQueues(rt);
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node(
            "pub",
            "publisher",
            [{ id: "pub", type: "PUB", bind: ["inproc://held-pub"], options: HWM }],
            { intervalMs: 0, topics: [] },
          ),
          node("sub", "subscriber", [{ id: "sub", type: "SUB", options: HWM }], {
            topics: [""],
          }),
        ],
        [link("l", "sub.sub", "pub.pub")],
      ),
    );
    const r = rt;
    // The publisher sees the subscription arrive (its XPUB reads it): only then is it sent to.
    await waitFor("the subscription", () =>
      events.some((e) => e.type === "log" && e.phrase?.key === "note.subscribed"),
    );
    await readThenPause(r, "pub", "sub", 9);
    await r.nodeAction("pub", "send");
    await gauge(samples, "the held update", (q) => q.capacity.held === 1 && q.inFlight === 1);
    // Twice what the pipes hold: a PUB drops the rest at the high-water mark.
    for (let i = 0; i < 20; i++) await r.nodeAction("pub", "send");
    const full = await gauge(samples, "the pipes full", (q) => (q.lost ?? 0) === 10);
    expect(full.inFlight).toBe(11);
    expect(full.capacity).toEqual({ sendHwm: 5, recvHwm: 5, held: 1, total: 11 });

    await r.nodeAction("sub", "resume");
    await waitFor("the 11 in flight to arrive", () => received(r, "sub") === 20);
    const after = await gauge(samples, "nothing in flight", (q) => q.inFlight === 0);
    expect(after.lost).toBe(10);
    expect(after.capacity.total).toBe(10);
    expect(received(r, "sub")).toBe(20);
    expect(mismatches.map((s) => s.bySender)).toEqual([]);
  });
});
