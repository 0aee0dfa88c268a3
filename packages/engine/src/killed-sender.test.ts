/**
 * A sender killed while its receiver still has its messages queued: the receiver reads them after
 * the sender is gone. They are the killed node's, over the link they crossed, and its ledger says
 * they were received, not lost with its queue. (They used to read as an outside peer's, off every
 * link, and as "closed" on the accounts.) A ventilator's tasks over tcp and inproc, a
 * publisher's updates over tcp; real sockets, the receiver paused so the messages wait in zeromq
 * until the sender is killed.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe.each(["tcp://127.0.0.1:5793", "inproc://killed-sender"])(
  "a sink reading, over %s, what a killed ventilator sent",
  (address) => {
    it("counts each late task on the link, from the ventilator, and the accounts reconcile", async () => {
      rt = createRuntime();
      const events = record(rt);
      const doc = graph(
        [
          node("vent", "ventilator", [{ id: "push", type: "PUSH" }], {
            intervalMs: 0,
            payload: "task {n}",
          }),
          node("sink", "sink", [{ id: "pull", type: "PULL", bind: [address] }]),
        ],
        [link("l", "vent.push", "sink.pull")],
      );
      await rt.deploy(doc);
      const received = () => messages(events, "sink", "in");
      await rt.nodeAction("vent", "send");
      await waitFor("the first task read", () => received().length === 1);
      await rt.nodeAction("sink", "pause");
      for (let i = 0; i < 5; i++) await rt.nodeAction("vent", "send");
      // Each send resolved: zeromq took it (the ventilator's ↑ counts it).
      expect(rt.counters().nodes.vent!.sent).toBe(6);
      await rt.nodeAction("vent", "kill");
      await rt.nodeAction("sink", "resume");
      await waitFor("the five late tasks read", () => received().length === 6);

      const late = received().slice(1);
      expect(late.map((m) => m.frames.at(-1)?.text)).toEqual([
        "task 2",
        "task 3",
        "task 4",
        "task 5",
        "task 6",
      ]);
      for (const m of late) {
        expect(m.external).toBeUndefined();
        expect(m).toMatchObject({ from: { node: "vent", socket: "push" }, link: "l" });
      }
      const c = rt.counters();
      expect(c.links.l).toEqual({ forward: 6, backward: 0 });
      expect(c.nodes.sink!.peers).toEqual({ vent: { sent: 0, received: 6 } });
      expect(rt.accounts()).toEqual([
        expect.objectContaining({
          link: "l",
          direction: "forward",
          sent: 6,
          received: 6,
          dropped: {},
          inFlight: 0,
          unaccounted: 0,
        }),
      ]);
    });
  },
);

describe("a subscriber reading what a killed publisher published", () => {
  it("counts each late publish on the link, from the publisher, and the accounts reconcile", async () => {
    rt = createRuntime();
    const events = record(rt);
    const doc = graph(
      [
        node("pub", "publisher", [{ id: "pub", type: "PUB", bind: ["tcp://127.0.0.1:5794"] }], {
          intervalMs: 0,
          topics: ["news"],
          payload: "update {n}",
        }),
        node("sub", "subscriber", [{ id: "sub", type: "SUB" }], { topics: ["news"] }),
      ],
      [link("l", "sub.sub", "pub.pub")],
    );
    await rt.deploy(doc);
    const received = () => messages(events, "sub", "in");
    // Published until the subscription has reached the publisher and one arrives.
    await waitFor("the first update read", () => {
      void rt!.nodeAction("pub", "send");
      return received().length > 0;
    });
    await rt.nodeAction("sub", "pause");
    const before = received().length;
    for (let i = 0; i < 5; i++) await rt.nodeAction("pub", "send");
    const sent = rt.counters().nodes.pub!.sent;
    await rt.nodeAction("pub", "kill");
    await rt.nodeAction("sub", "resume");
    const account = () => rt!.accounts().find((a) => a.link === "l" && a.direction === "backward");
    // Every publish zeromq took is received or was published before the subscription arrived.
    const settled = await waitFor("every update received or dropped as unsubscribed", () => {
      const a = account();
      return a && a.received + (a.dropped["no-subscriber"] ?? 0) === sent ? a : undefined;
    });
    expect(received().length).toBeGreaterThanOrEqual(before + 5);
    for (const m of received().slice(before)) {
      expect(m.external).toBeUndefined();
      expect(m).toMatchObject({ from: { node: "pub", socket: "pub" }, link: "l" });
    }
    expect(settled).toMatchObject({ sent, inFlight: 0, unaccounted: 0 });
    expect(settled.dropped.closed).toBeUndefined();
  });
});
