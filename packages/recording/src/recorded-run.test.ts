/**
 * A recording of a real run (the 04-broker template on real sockets): at every moment the replay
 * shows the counters and node states the runtime had then, saved files reopen identically, and a
 * file from a newer version or a damaged one is refused with a clear code.
 */
import { readFileSync } from "node:fs";
import { createRuntime } from "@zmqp/engine";
import { parseGraph, type GraphDoc, type RuntimeEvent, type RuntimeSnapshot } from "@zmqp/protocol";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeRecording, encodeRecording, Recorder, Replay, sameCounters } from "./index.js";
import type { RecordingData } from "./index.js";
import { crc32 } from "./crc32.js";

const parsed = parseGraph(
  JSON.parse(readFileSync(new URL("../../../scenarios/04-broker.json", import.meta.url), "utf8")),
);
if (!parsed.doc) throw new Error("04-broker does not parse");
const doc: GraphDoc = parsed.doc;

interface Check {
  /** Entries recorded when the event was emitted (its position in the record). */
  position: number;
  t: number;
  counters: RuntimeSnapshot["counters"];
  nodes: RuntimeSnapshot["nodes"];
}

let data: RecordingData;
let bytes: Uint8Array;
const checks: Check[] = [];

beforeAll(async () => {
  const rt = createRuntime();
  const recorder = new Recorder({
    producer: { name: "test", version: "0" },
    counters: () => rt.counters(),
  });
  recorder.setDocument(doc, Date.now());
  let replies = 0;
  rt.on((e: RuntimeEvent) => {
    recorder.push(e);
    // What the runtime itself says at this very event: the truth the replay must give back.
    const snap = rt.snapshot();
    checks.push({
      position: recorder.stats().entries,
      t: e.t,
      counters: snap.counters,
      nodes: snap.nodes,
    });
    if (e.type === "message" && e.direction === "in" && e.node.startsWith("client")) replies++;
  });
  const deployed = await rt.deploy(doc);
  expect(deployed.ok).toBe(true);
  const end = Date.now() + 15_000;
  while (replies < 12 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await rt.close();
  expect(replies).toBeGreaterThanOrEqual(12);
  data = recorder.data(true);
  bytes = encodeRecording(data);
});

describe("a recorded 04-broker run", () => {
  it("gives back, at every event, the counters and node states the runtime had then", () => {
    const replay = new Replay(data);
    expect(checks.length).toBeGreaterThan(50);
    for (const c of checks) {
      const state = replay.stateAt(c.position);
      expect(sameCounters(state.counters, c.counters), `counters at entry ${c.position}`).toBe(
        true,
      );
      // The runtime drops the status of nodes it no longer runs (after close): compare what it has.
      for (const [id, status] of Object.entries(c.nodes)) expect(state.nodes[id]).toEqual(status);
    }
    // The events alone added up to the runtime's numbers: no correction was needed.
    expect(data.entries.filter((e) => e.k === "sync")).toEqual([]);
  });

  it("scrubbing to a moment shows the counters the live run had at that moment", () => {
    const replay = new Replay(data);
    let compared = 0;
    for (let t = replay.startTime; t <= replay.endTime; t += 37) {
      // The last event emitted before the clock passed t: the runtime's counters then are the
      // live numbers at t. (Event times can step back a millisecond, a receive stamped before
      // the send's status: "passed t" is the newest time seen so far, as the replay reads it.)
      let last: Check | undefined;
      let newest = -Infinity;
      for (const c of checks) {
        newest = Math.max(newest, c.t);
        if (newest > t) break;
        last = c;
      }
      if (!last) continue;
      expect(sameCounters(replay.stateAtTime(t).counters, last.counters), `at ${t}`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("steps back from the newest event to the state before it, and forward again", () => {
    const replay = new Replay(data);
    const cursor = replay.cursor();
    expect(cursor.position).toBe(replay.length);
    const before = checks.at(-2)!;
    const back = cursor.back();
    expect(cursor.position).toBe(replay.length - 1);
    expect(sameCounters(back.counters, before.counters)).toBe(true);
    cursor.forward();
    expect(sameCounters(cursor.state.counters, checks.at(-1)!.counters)).toBe(true);
    // Message steps land just after a message, and the log ends with it.
    cursor.seek(0);
    const first = cursor.forward("messages");
    const row = replay.logAt(cursor.position).at(-1);
    expect(row?.type).toBe("message");
    expect(first.counters.nodes[(row as { node: string }).node]).toBeDefined();
  });

  it("shows the requests still on their way at a moment", () => {
    const replay = new Replay(data);
    const sends = data.entries.flatMap((e, i) =>
      e.k === "e" && e.e.type === "message" && e.e.direction === "out" ? [{ i, m: e.e }] : [],
    );
    const { i, m } = sends[Math.floor(sends.length / 2)]!;
    expect(replay.inFlightAt(i + 1).map((x) => x.id)).toContain(m.id);
    const arrival = data.entries.findIndex(
      (e) => e.k === "e" && e.e.type === "message" && e.e.sendId === m.id,
    );
    expect(arrival).toBeGreaterThan(i);
    expect(replay.inFlightAt(arrival + 1).map((x) => x.id)).not.toContain(m.id);
  });

  it("saves to one file that reopens identically (and the same recording makes the same bytes)", () => {
    const opened = decodeRecording(bytes);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.data.entries).toEqual(JSON.parse(JSON.stringify(data.entries)));
    expect(opened.data.document).toEqual(doc);
    expect(opened.data.manifest.counts.messagesSeen).toBe(data.manifest.counts.messagesSeen);
    expect(opened.data.manifest.producer).toEqual({ name: "test", version: "0" });
    expect(encodeRecording(opened.data)).toEqual(bytes);
    const a = new Replay(data);
    const b = new Replay(opened.data);
    for (let p = 0; p <= a.length; p += 7) expect(b.stateAt(p)).toEqual(a.stateAt(p));
    // Compressed: the file is smaller than its JSON.
    expect(bytes.length).toBeLessThan(JSON.stringify(data.entries).length / 3);
  });

  it("refuses a file from a newer version, saying so", () => {
    const members = unzipSync(bytes);
    const manifest = JSON.parse(strFromU8(members["manifest.json"]!)) as { version: number };
    manifest.version = 7;
    const future = zipSync({ ...members, "manifest.json": strToU8(JSON.stringify(manifest)) });
    const r = decodeRecording(future);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("ZMQP_ERR_RECORDING_VERSION");
    expect(r.error.version).toEqual({ file: 7, supported: 1 });
    expect(r.error.message).toMatch(/newer playground.*Update the playground/);
  });

  it("refuses damaged files with a clear code, never an exception", () => {
    const flipped = bytes.slice();
    // A byte inside the compressed entries: inflate fails or the checksum catches it.
    const at = findMember(bytes, "entries.json") + 200;
    flipped[at] = flipped[at]! ^ 0x55;
    const cases: [string, Uint8Array][] = [
      ["a flipped byte", flipped],
      ["a cut-off file", bytes.slice(0, Math.floor(bytes.length / 2))],
      ["not a zip", strToU8('{"format":"zmqrec"}')],
      ["empty", new Uint8Array()],
      ["a zip of something else", zipSync({ "a.txt": strToU8("hi") })],
    ];
    for (const [what, file] of cases) {
      const r = decodeRecording(file);
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        expect(r.error.code, what).toBe("ZMQP_ERR_BAD_RECORDING");
        expect(r.error.message, what).toMatch(/Open a \.zmqrec file/);
      }
    }
  });

  it("refuses a recording that smuggles a reserved name in as a node id", () => {
    const members = unzipSync(bytes);
    const entries = JSON.parse(strFromU8(members["entries.json"]!)) as unknown[];
    entries.push({ k: "e", e: { type: "error", t: 1, node: "__proto__", code: "X", message: "" } });
    const body = strToU8(JSON.stringify(entries));
    const manifest = JSON.parse(strFromU8(members["manifest.json"]!)) as {
      checksums: Record<string, string>;
    };
    manifest.checksums["entries.json"] = crcOf(body);
    const evil = zipSync({
      ...members,
      "entries.json": body,
      "manifest.json": strToU8(JSON.stringify(manifest)),
    });
    const r = decodeRecording(evil);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/entry \d+ is malformed/);
  });
});

/** Offset of a member's data in a zip (its local header name, plus the header). */
function findMember(zip: Uint8Array, name: string): number {
  const text = strFromU8(zip, true);
  const at = text.indexOf(name);
  expect(at).toBeGreaterThan(0);
  return at + name.length;
}

/** The reader's own CRC-32: what a hand-made file would have to match. */
const crcOf = (body: Uint8Array) => crc32(body);
