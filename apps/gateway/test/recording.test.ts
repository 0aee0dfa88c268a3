/**
 * Every run is a recording: `zmqp run --record` writes a .zmqrec of a real 04-broker run, and the
 * gateway records the run it is driving and serves it at GET /api/recording. The replay must show
 * the counters the runtime had: checked against the engine's own snapshots (its `counters` events)
 * and against /api/runtime read while the run went on.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ERROR_CODES, type RuntimeSnapshot } from "@zmqp/protocol";
import { decodeRecording, Replay, sameCounters, type RecordingData } from "@zmqp/recording";
import { afterAll, describe, expect, it } from "vitest";
import type { Summary } from "../src/cli/run.js";
import { AUTH, JSON_AUTH, deployTo, testApp, waitFor } from "./helpers.js";
import { killLeftovers, zmqp } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "zmqp-rec-"));
const broker = JSON.parse(readFileSync("scenarios/04-broker.json", "utf8")) as unknown;

afterAll(killLeftovers);

function open(bytes: Uint8Array): RecordingData {
  const r = decodeRecording(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

/** Just before each of the engine's own counter snapshots, the recorded events add up to it. */
function expectEventsAddUp(data: RecordingData): number {
  const replay = new Replay(data);
  let checked = 0;
  data.entries.forEach((entry, i) => {
    if (entry.k !== "e" || entry.e.type !== "counters") return;
    const { nodes, links } = entry.e;
    expect(sameCounters(replay.stateAt(i).counters, { nodes, links }), `before entry ${i}`).toBe(
      true,
    );
    checked++;
  });
  return checked;
}

describe("zmqp run --record", () => {
  it("saves a 04-broker run whose replay ends on the summary's counters", async () => {
    const out = join(dir, "broker.zmqrec");
    const r = await zmqp([
      "run",
      "scenarios/04-broker.json",
      "--duration",
      "3",
      "--json",
      "--record",
      out,
    ]).done;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^zmqp: recorded \d+ events \(\d+ messages, 0 sampled\) to .*broker\.zmqrec\n$/,
    );
    const summary = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Summary;
    const data = open(readFileSync(out));
    expect(data.manifest.producer.name).toBe("zmqp run");
    expect(data.manifest.complete).toBe(true);
    expect(data.document?.nodes.map((n) => n.id)).toContain("broker");
    const end = new Replay(data).stateAt(data.entries.length);
    for (const [id, n] of Object.entries(summary.nodes)) {
      expect(end.counters.nodes[id]?.sent ?? 0, `${id} sent`).toBe(n.sent);
      expect(end.counters.nodes[id]?.received ?? 0, `${id} received`).toBe(n.received);
    }
    expect(summary.nodes["client-1"]?.received).toBeGreaterThan(0);
    for (const [id, l] of Object.entries(summary.links)) expect(end.counters.links[id]).toEqual(l);
    expect(expectEventsAddUp(data)).toBeGreaterThanOrEqual(4);
    expect(end.running).toBe(false);
  });

  it("refuses a folder it cannot write to before running anything", async () => {
    const r = await zmqp([
      "run",
      "scenarios/04-broker.json",
      "--record",
      join(dir, "missing", "x.zmqrec"),
    ]).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^zmqp: cannot record to .*x\.zmqrec: the folder .* is missing or not writable\n$/,
    );
    expect(r.stdout).toBe("");
  });
});

describe("the gateway records every run", () => {
  it("serves the run going on, token-protected, with the counters /api/runtime showed", async () => {
    const app = await testApp();
    try {
      const none = await app.inject({ method: "GET", url: "/api/recording", headers: AUTH });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toMatchObject({ code: ERROR_CODES.NOT_FOUND });
      const deployed = await deployTo(app, broker);
      expect(deployed.statusCode).toBe(200);
      // Live snapshots, each with the window of time it was taken in.
      const snaps: { before: number; after: number; snap: RuntimeSnapshot }[] = [];
      await waitFor(async () => {
        const before = Date.now();
        const res = await app.inject({ method: "GET", url: "/api/runtime", headers: AUTH });
        snaps.push({ before, after: Date.now(), snap: res.json() as RuntimeSnapshot });
        return (snaps.at(-1)!.snap.counters.nodes["client-1"]?.received ?? 0) >= 4;
      }, 15_000);

      expect(
        (await app.inject({ method: "GET", url: "/api/recording" })).statusCode,
        "no token",
      ).toBe(401);
      const status = await app.inject({
        method: "GET",
        url: "/api/recording/status",
        headers: AUTH,
      });
      expect(status.json()).toMatchObject({ recording: true, stats: { messagesSampled: 0 } });
      const res = await app.inject({ method: "GET", url: "/api/recording", headers: AUTH });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toMatch(
        /^attachment; filename="zmqp-run-.*\.zmqrec"$/,
      );
      const data = open(res.rawPayload);
      expect(data.manifest.complete).toBe(false);
      expect(data.manifest.producer.name).toBe("zmqp gateway");
      const replay = new Replay(data);
      let compared = 0;
      for (const { before, after, snap } of snaps) {
        if (Object.keys(snap.counters.nodes).length === 0) continue;
        // Some moment within the time the snapshot was taken shows exactly its counters.
        const from = replay.positionAt(before - 1);
        const to = replay.positionAt(after);
        let found = false;
        for (let p = from; p <= to && !found; p++)
          found = sameCounters(replay.stateAt(p).counters, snap.counters);
        expect(found, `snapshot taken at ${before}-${after}`).toBe(true);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(2);
      expect(expectEventsAddUp(data)).toBeGreaterThanOrEqual(1);

      // Stopped: the finished run stays downloadable, complete.
      const stop = await app.inject({ method: "POST", url: "/api/stop", headers: JSON_AUTH });
      expect(stop.statusCode).toBe(200);
      const last = await app.inject({ method: "GET", url: "/api/recording", headers: AUTH });
      const done = open(last.rawPayload);
      expect(done.manifest.complete).toBe(true);
      expect(done.entries.length).toBeGreaterThan(data.entries.length);
      const endState = new Replay(done).stateAt(done.entries.length);
      expect(endState.running).toBe(false);

      // The next run is a recording of its own, counting from zero like the runtime does.
      const again = await deployTo(app, broker);
      expect(again.statusCode).toBe(200);
      await waitFor(async () => {
        const res = await app.inject({ method: "GET", url: "/api/runtime", headers: AUTH });
        const snap = res.json() as RuntimeSnapshot;
        return (snap.counters.nodes["client-1"]?.received ?? 0) >= 1;
      }, 15_000);
      await waitFor(async () => {
        const res = await app.inject({ method: "GET", url: "/api/recording", headers: AUTH });
        const second = open(res.rawPayload);
        return !second.manifest.complete && expectEventsAddUp(second) >= 1 ? second : null;
      }, 15_000).then((second) => {
        expect(second.manifest.startedAt).toBeGreaterThanOrEqual(done.manifest.endedAt);
        expect(second.entries.length).toBeLessThan(done.entries.length);
      });
    } finally {
      await app.close();
    }
  });
});
