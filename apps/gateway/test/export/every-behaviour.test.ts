/**
 * A graph with a node of every behaviour key (packages/export/fixtures/every-behaviour.json),
 * exported to Python and Node and run beside the engine; then template 01c, whose timeline kills
 * and restarts the server under a plain REQ and a Lazy Pirate client.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NodeCounters } from "@zmqp/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../spawn.js";
import {
  killLeft,
  near,
  pythonUnavailable,
  runAll,
  nearRun,
  runLauncher,
  template,
  writeExport,
  type ProgramCounters,
} from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests run pyzmq programs: ${noPython}`);
afterAll(killLeft);

const every = JSON.parse(
  readFileSync(path.join(REPO, "packages/export/fixtures/every-behaviour.json"), "utf8"),
) as unknown;

function c(counts: Record<string, ProgramCounters>, id: string): ProgramCounters;
function c(counts: Record<string, NodeCounters>, id: string): NodeCounters;
function c(counts: Record<string, ProgramCounters | NodeCounters>, id: string) {
  return counts[id]!;
}

describe("every behaviour, exported", () => {
  it("each program does what its node did on the engine", async () => {
    const dirs = {
      python: writeExport(every, { language: "python" }),
      node: writeExport(every, { language: "node" }),
    };
    const { engine, python, node } = await runAll(every, dirs, 3);
    for (const [lang, run] of [
      ["python", python],
      ["node", node],
    ] as const) {
      const r = run.summary.nodes;
      expect(run.stderr, lang).toBe("");
      // The external node is an outside program: not started without --with-external.
      expect(r.outside, lang).toBeUndefined();
      for (const id of Object.keys(engine)) expect(r[id]?.runs, `${lang} ${id}`).toBe(1);
      // Deterministic: ten tasks through the pipeline, the worker named at the sink.
      expect([c(r, "ventilator").sent, c(r, "worker").received, c(r, "sink").received]).toEqual([
        10, 10, 10,
      ]);
      expect(c(r, "sink").peers?.worker?.received).toBe(10);
      // Raw TCP: the payload once on connect, echoed back by the STREAM socket as one chunk; the
      // STREAM counts the connection's empty frame too (and its end, if it closed first).
      expect([c(r, "raw").sent, c(r, "raw").received, c(r, "stream").sent]).toEqual([1, 1, 1]);
      expect(c(r, "stream").received).toBeGreaterThanOrEqual(c(engine, "stream").received);
      expect(c(r, "stream").received).toBeLessThanOrEqual(3);
      // Timed: scaled to how long each ran, within the bounds of harness.nearRun.
      const client = c(r, "client");
      nearRun(`${lang} client`, client, "received", c(engine, "client").received, 3);
      near(`${lang} broker peer client`, c(r, "broker").peers!.client!.received, client.sent, 1);
      near(`${lang} server`, c(r, "server").received, client.sent, 1);
      expect(c(r, "server").received).toBeGreaterThan(5);
      const pub = c(r, "publisher");
      nearRun(`${lang} publisher`, pub, "sent", c(engine, "publisher").sent, 3);
      const sub = c(r, "subscriber");
      nearRun(`${lang} subscriber`, sub, "received", c(engine, "subscriber").received, 3);
      // Only topic "a": about half of what was published while it listened.
      expect(sub.received).toBeLessThan(pub.sent * 0.7);
      const dealer = c(r, "dealer");
      nearRun(`${lang} dealer`, dealer, "sent", c(engine, "dealer").sent, 3);
      // The ROUTER echoes each ping to the DEALER it came from, which it knows by routing id.
      near(`${lang} router`, c(r, "router").received, c(r, "dealer").sent, 1);
      expect(c(r, "router").peers?.dealer?.received).toBe(c(r, "router").received);
      near(`${lang} dealer echoes`, c(r, "dealer").received, c(r, "router").sent, 1);
    }
  });

  it("--with-external also starts the outside peer, which the broker counts as external", async () => {
    const dirs = {
      python: writeExport(every, { language: "python" }),
      node: writeExport(every, { language: "node" }),
    };
    const runs = await Promise.all(
      (["python", "node"] as const).map((lang) =>
        runLauncher(dirs[lang], lang, 2, ["--with-external", "--quiet"]),
      ),
    );
    for (const run of runs) {
      const r = run.summary.nodes;
      // The peer program's own loop: ZMQP_COUNT (10) requests, each answered through the broker.
      expect(r.outside).toMatchObject({ sent: 10, received: 10, runs: 1 });
      expect(r.broker!.peers!.external!.received).toBe(10);
      expect(run.lines).toHaveLength(1); // --quiet: the summary only
    }
  });
});

describe("01c: the timeline kills and restarts the server", () => {
  it("the plain REQ stays stuck, the Lazy Pirate resends on a new socket and is served", async () => {
    const doc = template("01c-server-crash");
    const dirs = {
      python: writeExport(doc, { language: "python" }),
      node: writeExport(doc, { language: "node" }),
    };
    // The last answer is due at about 7.3 s (asked at 6.5 s, 0.8 s to serve): 9 s leaves slack
    // for a loaded two-core machine, and the timeline has nothing after 6.5 s to change the counts.
    const { engine, python, node } = await runAll(doc, dirs, 9);
    for (const [lang, run] of [
      ["python", python],
      ["node", node],
    ] as const) {
      const r = run.summary.nodes;
      expect(
        run.lines.some((l) => l.startsWith("timeline: kill server (The server is killed")),
        lang,
      ).toBe(true);
      // Asked at 0.5 s and 3 s; the second request died with the server; asked again at 6.5 s,
      // a plain REQ cannot send.
      expect(r["plain-client"], lang).toMatchObject({ sent: 2, received: 1 });
      expect(run.lines, lang).toContain(
        "plain-client | still waiting for a reply: a REQ cannot send twice",
      );
      // The pirate: 0.5 s answered; 3 s lost; resent at 5.5 s on a new socket and answered; 6.5 s answered.
      expect(r["pirate-client"], lang).toMatchObject({ sent: 4, received: 3 });
      expect(
        run.lines.some((l) =>
          /pirate-client \| no reply in 2500 ms: new socket, resending/.test(l),
        ),
        lang,
      ).toBe(true);
      for (const id of ["plain-client", "pirate-client"])
        for (const k of ["sent", "received"] as const)
          expect(c(r, id)[k], `${lang} ${id}.${k} vs the engine`).toBe(c(engine, id)[k]);
      // Killed: that run's counters died with it; the restarted server answered the pirate twice.
      expect(r.server, lang).toMatchObject({ runs: 1, lost: true, sent: 2, received: 2 });
    }
  });
});
