import { ERROR_CODES, type ClientMessage, type RuntimeEvent } from "@zmqp/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { ZmtpDecoder } from "@zmqp/zmtp";
import { frame, greeting, readyRep } from "@zmqp/zmtp/test-helpers";
import { createAppStore } from "../store/index.js";
import { routeWire, trimWire } from "./route.js";
import { HANDSHAKE_KEEP, WIRE_CAPACITY, type WireEvent } from "./wireSlice.js";

/** The server side of each TCP connection, decoded chunk by chunk as the relay does. */
const decoders = new Map<number, ZmtpDecoder>();

/** A wire event as the gateway sends it: one TCP read of the server's side, decoded. */
function chunk(bytes: Uint8Array, conn = 1): WireEvent {
  let d = decoders.get(conn);
  if (!d) decoders.set(conn, (d = new ZmtpDecoder()));
  return {
    type: "wire",
    t: 1,
    link: "l1",
    conn,
    direction: "s2c",
    bytes: bytes.length,
    items: d.feed(bytes),
  };
}

const handshake = (conn = 1) => chunk(Uint8Array.from([...greeting(1), ...readyRep]), conn);
const replies = (n: number, conn = 1) =>
  chunk(
    Uint8Array.from(
      Array.from({ length: n }, () => [...frame("", true), ...frame("World")]).flat(),
    ),
    conn,
  );

beforeEach(() => decoders.clear());

describe("wire slice", () => {
  it("keeps each link's decoded items in order, out of the event log", () => {
    const store = createAppStore();
    const events = [handshake(), replies(1)];
    store.getState().applyBatch(events, 0);
    store.getState().applyWire(events);
    const rows = store.getState().wire.logs.l1!.rows;
    expect(rows.map((r) => r.item.summary)).toEqual([
      "signature ff … 7f (ZMTP 3 greeting starts)",
      "greeting ZMTP 3.1 NULL",
      "READY Socket-Type=REP",
      'frame 0 MORE 0 B ""',
      'frame 1 5 B "World"',
    ]);
    expect(rows.every((r) => r.direction === "s2c" && r.conn === 1)).toBe(true);
    expect(store.getState().log).toEqual([]);
  });

  it("is bounded per link: message frames go first, the greeting and READY stay", () => {
    const store = createAppStore();
    store.getState().applyWire([handshake(), replies(400), replies(400)]);
    const log = store.getState().wire.logs.l1!;
    expect(log.rows).toHaveLength(WIRE_CAPACITY);
    expect(log.evicted).toBe(3 + 1600 - WIRE_CAPACITY);
    expect(log.rows.slice(0, 3).map((r) => r.item.kind)).toEqual([
      "signature",
      "greeting",
      "command",
    ]);
    expect(log.rows.at(-1)?.item.text).toBe("World");
  });

  it("keeps at most HANDSHAKE_KEEP handshake rows when a link reconnects again and again", () => {
    const store = createAppStore();
    const events: RuntimeEvent[] = [];
    for (let conn = 1; conn <= 200; conn++) events.push(handshake(conn), replies(2, conn));
    store.getState().applyWire(events);
    const rows = store.getState().wire.logs.l1!.rows;
    expect(rows).toHaveLength(WIRE_CAPACITY);
    expect(rows.filter((r) => r.item.kind !== "frame")).toHaveLength(HANDSHAKE_KEEP);
    // The newest connection's handshake is among the kept ones.
    expect(rows.some((r) => r.conn === 200 && r.item.kind === "greeting")).toBe(true);
  });

  it("counts items the gateway skipped, and clears a link's table", () => {
    const store = createAppStore();
    store.getState().applyWire([replies(1), { ...replies(1), skipped: 7 }]);
    expect(store.getState().wire.logs.l1?.skipped).toBe(7);
    store.getState().clearWire("l1");
    expect(store.getState().wire.logs.l1).toBeUndefined();
  });

  it("turns the toggle back off with the reason when the gateway refuses a link", () => {
    const store = createAppStore();
    store.getState().setWatched("l1", true);
    store.getState().applyWire([
      {
        type: "error",
        t: 1,
        node: "client",
        link: "l1",
        code: ERROR_CODES.BAD_ENDPOINT,
        message: "only tcp links can be watched",
      },
    ]);
    expect(store.getState().wire.watched).toEqual([]);
    expect(store.getState().wire.errors.l1).toBe("only tcp links can be watched");
    store.getState().setWatched("l1", true);
    expect(store.getState().wire.errors.l1).toBeUndefined();
  });

  it("asks the gateway to watch the chosen links again on every Run", () => {
    const store = createAppStore();
    store.getState().setWatched("l1", true);
    const sent: ClientMessage[] = [];
    const send = (m: ClientMessage) => sent.push(m) > 0;
    routeWire([replies(1)], store, send);
    expect(sent).toEqual([]);
    routeWire([{ type: "runtime", t: 1, state: "running", deployId: 2 }], store, send);
    expect(sent).toEqual([{ type: "wire", link: "l1", action: "watch" }]);
    store.getState().syncWatched([]);
    routeWire([{ type: "runtime", t: 2, state: "running", deployId: 3 }], store, send);
    expect(sent).toHaveLength(1);
  });

  it("folds a hidden tab's backlog to what the table can show, counting the rest as skipped", () => {
    const events: RuntimeEvent[] = [handshake()];
    for (let i = 0; i < 1000; i++) events.push(replies(1));
    const status: RuntimeEvent = { type: "log", t: 1, level: "info", text: "kept" };
    events.splice(500, 0, status);
    const out = trimWire(events);
    const wire = out.filter((e): e is WireEvent => e.type === "wire");
    expect(out).toContain(status);
    expect(wire[0]?.items.map((i) => i.kind)).toEqual(["signature", "greeting", "command"]);
    expect(wire.slice(1).flatMap((e) => e.items)).toHaveLength(WIRE_CAPACITY);
    expect(wire[1]?.skipped).toBe(2000 - WIRE_CAPACITY);
    expect(trimWire(out)).toBe(out);
  });
});
