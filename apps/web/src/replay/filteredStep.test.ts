/**
 * Back and Forward with the log filtered land on the filtered log's rows, one at a time, and
 * retrace each other; without a filter they step one event (filteredStep.ts says so with null).
 */
import type { RuntimeEvent } from "@zmqp/protocol";
import { Recorder } from "@zmqp/recording";
import { describe, expect, it } from "vitest";
import type { LogFilter } from "../store/logFilter.js";
import { filteredTarget } from "./filteredStep.js";
import { PageReplay } from "./view.js";

const message = (t: number, node: string): RuntimeEvent =>
  ({
    type: "message",
    t,
    id: t,
    node,
    socket: "s",
    direction: "out",
    kind: "data",
    link: null,
    frames: [{ size: 1, hex: "61" }],
  }) as unknown as RuntimeEvent;

const counters = (t: number): RuntimeEvent =>
  ({ type: "counters", t, nodes: {}, links: {} }) as unknown as RuntimeEvent;

function replayOf(events: RuntimeEvent[]): PageReplay {
  const rec = new Recorder({ producer: { name: "test", version: "0" } });
  rec.setDocument({ version: 1, name: "t", nodes: [], links: [], timeline: [] } as never, 999);
  for (const e of events) rec.push(e);
  return new PageReplay(rec.data(true));
}

describe("filteredTarget", () => {
  // a, b, counters, b, a, counters, b: node b's rows are the 2nd, 4th and 7th events.
  const evs = [
    message(1, "a"),
    message(2, "b"),
    counters(3),
    message(4, "b"),
    message(5, "a"),
    counters(6),
    message(7, "b"),
  ];
  const replay = replayOf(evs);
  const onB: LogFilter = { type: "all", node: "b" };
  const bRows = replay.data.entries.flatMap((e, i) =>
    e.k === "e" && "node" in e.e && e.e.node === "b" ? [i + 1] : [],
  );

  it("steps one event when no filter is on", () => {
    expect(filteredTarget(replay, 3, -1, { type: "all", node: "all" })).toBeNull();
  });

  it("walks back through the filtered rows from the end, then forward again", () => {
    expect(bRows).toHaveLength(3);
    const back: number[] = [];
    let at = replay.length;
    for (;;) {
      const to = filteredTarget(replay, at, -1, onB);
      if (to === "none" || to === null) break;
      back.push(to);
      at = to;
      if (to === 0) break;
    }
    // The end shows all three rows: Back shows two, then one, then none (the start).
    expect(back).toEqual([bRows[1], bRows[0], 0]);
    const forward: number[] = [];
    for (;;) {
      const to = filteredTarget(replay, at, 1, onB);
      if (to === "none" || to === null) break;
      forward.push(to);
      at = to;
    }
    expect(forward).toEqual(bRows);
  });

  it("from between rows, Back takes the newest row shown away and Forward shows the next", () => {
    // Just after the a message at t=5: b's rows at t=2 and t=4 are shown.
    const between = bRows[1]! + 1;
    expect(filteredTarget(replay, between, -1, onB)).toBe(bRows[0]);
    expect(filteredTarget(replay, between, 1, onB)).toBe(bRows[2]);
  });

  it("says none when the filtered log has no row that way", () => {
    expect(filteredTarget(replay, bRows[2]!, 1, onB)).toBe("none");
    expect(filteredTarget(replay, 0, -1, onB)).toBe("none");
    expect(filteredTarget(replay, replay.length, -1, { type: "drop", node: "all" })).toBe("none");
  });
});
