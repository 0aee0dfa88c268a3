/**
 * A sender killed while its receiver still has its messages queued: the receiver reads them after
 * the sender is gone. They are the killed node's, over the link they crossed, and its ledger says
 * they were received, not lost with its queue. (They used to read as an outside peer's, off every
 * link, and as "closed" on the accounts.) Real sockets over tcp and inproc; the receiver is paused
 * so the messages wait in zeromq until the sender is killed.
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
