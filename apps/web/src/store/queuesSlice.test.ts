import type { LinkQueue } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { withHwm } from "../panels/HwmEditor.js";
import {
  gaugeTone,
  linkPipes,
  linkQueues,
  nodePipes,
  EMPTY_QUEUES as EMPTY,
  oldestAge,
  reduceQueues,
} from "./queuesSlice.js";

const q = (link: string, from: string, to: string, inFlight: number): LinkQueue => ({
  link,
  direction: "forward",
  from: { node: from, socket: "s" },
  to: { node: to, socket: "r" },
  inFlight,
  oldestAgeMs: inFlight ? 100 : null,
  capacity: { sendHwm: 1000, recvHwm: 1000, total: 2000 },
  transport: "inproc",
  exact: true,
});
const reason = { key: "pipe.blockedHwm", params: { peer: "w2" } } as const;

describe("queues", () => {
  it("a queues event is whole: a link it leaves out has nothing in flight", () => {
    const a = reduceQueues(EMPTY, [{ type: "queues", t: 1, links: [q("l1", "a", "b", 5)] }]);
    expect(linkQueues(a, "l1")[0]?.inFlight).toBe(5);
    const b = reduceQueues(a, [{ type: "queues", t: 2, links: [q("l2", "a", "c", 1)] }]);
    expect(linkQueues(b, "l1")).toEqual([]);
  });

  it("a pipe state shows until it is ok again, on the link to its peer only", () => {
    const s = reduceQueues(EMPTY, [
      { type: "pipe", t: 1, node: "v", socket: "s", state: "blocked", reason, peer: "w2" },
    ]);
    expect(nodePipes(s, "v").map((p) => p.state)).toEqual(["blocked"]);
    expect(linkPipes(s, q("l1", "v", "w2", 3))).toHaveLength(1);
    expect(linkPipes(s, q("l2", "v", "w1", 3))).toHaveLength(0);
    const ok = reduceQueues(s, [
      { type: "pipe", t: 2, node: "v", socket: "s", state: "ok", reason: { key: "pipe.ok" } },
    ]);
    expect(nodePipes(ok, "v")).toEqual([]);
  });

  it("a stuck queue's oldest age grows with the moment shown, though no event came since", () => {
    const stuck = { ...q("l1", "a", "b", 1), oldestAgeMs: 13 };
    const s = reduceQueues(EMPTY, [{ type: "queues", t: 10_000, links: [stuck] }]);
    expect(oldestAge(stuck, s, 10_000)).toBe(13);
    expect(oldestAge(stuck, s, 67_000)).toBe(57_013);
    // A clock a little behind the engine's never makes it younger than when sampled.
    expect(oldestAge(stuck, s, 9_990)).toBe(13);
    expect(oldestAge({ ...stuck, inFlight: 0, oldestAgeMs: null }, s, 67_000)).toBeNull();
  });

  it("a stopped run empties every queue", () => {
    const s = reduceQueues(EMPTY, [{ type: "queues", t: 1, links: [q("l1", "a", "b", 5)] }]);
    const stopped = reduceQueues(s, [{ type: "runtime", t: 2, state: "stopped", deployId: 1 }]);
    expect(stopped.links).toEqual({});
  });

  it("the gauge is coloured like NiFi's: green < 60 %, yellow, red at capacity or blocked", () => {
    expect(gaugeTone(1199, 2000, false)).toBe("ok");
    expect(gaugeTone(1200, 2000, false)).toBe("warn");
    expect(gaugeTone(2000, 2000, false)).toBe("full");
    expect(gaugeTone(3, 2000, true)).toBe("full");
  });

  it("an emptied HWM field removes the option (the default again)", () => {
    const s = { id: "p", type: "PUSH" as const, bind: [] };
    const set = withHwm(s, "sendHighWaterMark", 10);
    expect(set.options).toEqual({ sendHighWaterMark: 10 });
    expect(withHwm(set, "sendHighWaterMark", null)).toEqual(s);
  });
});
