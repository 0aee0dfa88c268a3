import { describe, expect, it } from "vitest";
import type { RuntimeEvent } from "@zmqp/protocol";
import { coalesce } from "./logCoalesce.js";
import type { LogEntry } from "./runtimeSlice.js";

const mon = (event: string, ms: number, t: number): RuntimeEvent => ({
  type: "monitor",
  t,
  node: "client",
  socket: "req",
  event,
  address: "tcp://127.0.0.1:5555",
  ...(event === "connect:retry"
    ? { detail: `retry in ${ms} ms`, detailPhrase: { key: "monitor.retryIn", params: { ms } } }
    : {}),
});

function feed(events: RuntimeEvent[]): LogEntry[] {
  const rows: LogEntry[] = [];
  events.forEach((e, i) => {
    const r = { ...e, seq: i + 1 } as LogEntry;
    if (!coalesce(rows, r)) rows.push(r);
  });
  return rows;
}

describe("log coalescing", () => {
  it("a delay/close/retry cycle folds into one row per event, counted, newest detail shown", () => {
    const events: RuntimeEvent[] = [];
    for (let i = 0; i < 12; i++)
      events.push(mon("connect:delay", 0, i), mon("close", 0, i), mon("connect:retry", 100 + i, i));
    const rows = feed(events);
    expect(rows.map((r) => [r.type === "monitor" && r.event, r.repeat])).toEqual([
      ["connect:delay", 12],
      ["close", 12],
      ["connect:retry", 12],
    ]);
    expect(rows[2]).toMatchObject({ detail: "retry in 111 ms", lastT: 11 });
  });

  it("a message on the socket breaks the run", () => {
    const msg: RuntimeEvent = {
      type: "message",
      t: 5,
      id: 1,
      node: "client",
      socket: "req",
      direction: "out",
      kind: "request",
      link: null,
      frames: [],
    };
    const rows = feed([mon("connect:retry", 100, 1), msg, mon("connect:retry", 120, 2)]);
    expect(rows).toHaveLength(3);
  });

  it("another socket's events do not fold into this one's", () => {
    const other = { ...mon("connect:retry", 100, 1), node: "client-2" } as RuntimeEvent;
    expect(feed([mon("connect:retry", 100, 1), other])).toHaveLength(2);
  });
});
