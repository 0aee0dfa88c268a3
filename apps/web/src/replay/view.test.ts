/**
 * The page's moments of a recording agree with folding every event from the start: queue gauges
 * (kept as frames every KEYFRAME_EVERY entries), log rows (the page's own filter) and the row of
 * the moment. Synthetic events, many past one keyframe, so the frames are exercised.
 */
import type { RuntimeEvent } from "@zmqp/protocol";
import { KEYFRAME_EVERY, Recorder } from "@zmqp/recording";
import { describe, expect, it } from "vitest";
import { EMPTY_QUEUES, reduceQueues } from "../store/queuesSlice.js";
import { logged } from "../store/runtimeSlice.js";
import { PageReplay } from "./view.js";

function events(): RuntimeEvent[] {
  const out: RuntimeEvent[] = [];
  let t = 1_000;
  const status = { state: "running", sockets: {} } as const;
  out.push({ type: "status", t, node: "a", status } as RuntimeEvent);
  for (let i = 0; i < KEYFRAME_EVERY * 2 + 37; i++) {
    t += 3;
    if (i % 7 === 0)
      out.push({
        type: "queues",
        t,
        links: [
          {
            link: "l1",
            direction: "forward",
            from: { node: "a", socket: "s" },
            to: { node: "b", socket: "s" },
            inFlight: i % 50,
            oldestAgeMs: null,
          },
        ],
      } as unknown as RuntimeEvent);
    else if (i % 11 === 0)
      out.push({ type: "log", t, node: "a", level: "info", text: `note ${i}` } as RuntimeEvent);
    else
      out.push({
        type: "message",
        t,
        id: i,
        node: "a",
        socket: "s",
        direction: "out",
        kind: "data",
        link: null,
        frames: [{ size: 1, hex: "61" }],
      } as unknown as RuntimeEvent);
  }
  return out;
}

describe("PageReplay", () => {
  const rec = new Recorder({ producer: { name: "test", version: "0" } });
  rec.setDocument({ version: 1, name: "t", nodes: [], links: [], timeline: [] } as never, 999);
  const all = events();
  for (const e of all) rec.push(e);
  const replay = new PageReplay(rec.data(true));
  const evs = replay.data.entries.flatMap((e) => (e.k === "e" ? [e.e] : []));

  it("shows at every position the queues and log rows that folding from the start gives", () => {
    expect(replay.length).toBeGreaterThan(KEYFRAME_EVERY * 2);
    for (const p of [
      0,
      1,
      7,
      KEYFRAME_EVERY - 1,
      KEYFRAME_EVERY,
      KEYFRAME_EVERY + 5,
      replay.length,
    ]) {
      const upTo = replay.data.entries.slice(0, p).flatMap((e) => (e.k === "e" ? [e.e] : []));
      const m = replay.at(p);
      const naive = reduceQueues(EMPTY_QUEUES, upTo);
      expect(m.view.queues.links, `queues at ${p}`).toEqual(naive.links);
      const rows = upTo.filter(logged);
      expect(m.view.log.length, `log rows at ${p}`).toBe(rows.length);
      // The row of the moment is the newest row at or before it.
      expect(m.highlight).toBe(rows.length ? m.view.log.at(-1)!.seq : null);
    }
    expect(evs.length).toBe(all.length);
  });

  it("numbers a row by the position just after its event", () => {
    const m = replay.at(replay.length);
    for (const row of m.view.log.slice(-20)) {
      const entry = replay.data.entries[row.seq - 1]!;
      expect(entry.k === "e" && entry.e.t === row.t && entry.e.type === row.type).toBe(true);
    }
  });
});
