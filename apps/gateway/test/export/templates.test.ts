/**
 * Templates exported to Python and to Node, each run with its launcher for a few seconds on real
 * sockets (Debian's pyzmq, the workspace's zeromq.js), and compared with what the engine counts
 * for the same graph and time. Exact where the behaviour decides (09's sink gets all 20); within
 * stated bounds where timing does (a program starts a few hundred ms apart from the engine's).
 */
import type { NodeCounters } from "@zmqp/protocol";
import { afterAll, describe, expect, it } from "vitest";
import {
  killLeft,
  near,
  pythonUnavailable,
  runAll,
  template,
  timed,
  writeExport,
  type ProgramCounters,
} from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests run pyzmq programs: ${noPython}`);

afterAll(killLeft);

type Counts = Record<string, ProgramCounters>;
type Check = (engine: Record<string, NodeCounters>, run: Counts, lang: string) => void;

/** Runs `name` on the engine and as both exports, side by side, then applies `check` to each. */
async function compare(name: string, seconds: number, check: Check) {
  const doc = template(name);
  const dirs = {
    python: writeExport(doc, { language: "python" }),
    node: writeExport(doc, { language: "node" }),
  };
  const { engine, python, node } = await runAll(doc, dirs, seconds);
  for (const [lang, run] of [
    ["python", python],
    ["node", node],
  ] as const) {
    expect(run.code, `${lang} launcher exit`).toBe(0);
    expect(run.stderr, `${lang} programs wrote errors`).toBe("");
    // Every node ran once and printed its counters.
    for (const id of Object.keys(engine))
      expect(run.summary.nodes[id]?.runs, `${lang} ${id}`).toBe(1);
    check(engine, run.summary.nodes, lang);
  }
}

const c = (counts: Counts | Record<string, NodeCounters>, id: string) => counts[id]!;

describe("exported templates behave as on the canvas", () => {
  it("01 hello world: one round trip a second, every request answered", async () => {
    await compare("01-hello-world", 3, (engine, run, lang) => {
      for (const id of ["client", "server"])
        for (const k of ["sent", "received"] as const)
          near(`${lang} ${id}.${k}`, c(run, id)[k], c(engine, id)[k], timed(1));
      // The last reply may still be on its way when everything stops.
      near(`${lang} replies`, c(run, "client").received, c(run, "server").sent, 1);
      expect(c(run, "client").sent).toBeGreaterThanOrEqual(3);
    });
  });

  it("02 three clients, one slow server: served in turn, fairly", async () => {
    await compare("02-n-clients-1-server", 3, (engine, run, lang) => {
      near(`${lang} server.received`, c(run, "server").received, c(engine, "server").received, 2);
      const got = ["client-1", "client-2", "client-3"].map((id) => c(run, id).received);
      for (const [i, n] of got.entries())
        near(`${lang} client-${i + 1}.received`, n, c(engine, `client-${i + 1}`).received, 2);
      // Fair queuing: no client is served more than one reply ahead of another.
      expect(Math.max(...got) - Math.min(...got), `${lang} ${got}`).toBeLessThanOrEqual(1);
      // A 300 ms server: about 10 replies in 3 s, however many requests wait.
      near(`${lang} server.sent`, c(run, "server").sent, 10, 2);
    });
  });

  it("04 broker: requests cross the ROUTER and DEALER both ways, shared by the workers", async () => {
    await compare("04-broker", 3, (engine, run, lang) => {
      for (const id of ["client-1", "client-2"]) {
        near(`${lang} ${id}.received`, c(run, id).received, c(engine, id).received, 2);
        // The broker's ROUTER names each client by the routing id it announces.
        near(
          `${lang} broker.peers.${id}`,
          c(run, "broker").peers![id]!.received,
          c(run, id).sent,
          1,
        );
      }
      near(`${lang} broker.received`, c(run, "broker").received, c(engine, "broker").received, 4);
      const w = ["worker-1", "worker-2"].map((id) => c(run, id).received);
      expect(Math.abs(w[0]! - w[1]!), `${lang} workers ${w}`).toBeLessThanOrEqual(3);
      expect(w[0]! + w[1]!).toBe(
        c(run, "broker").sent - c(run, "client-1").received - c(run, "client-2").received,
      );
    });
  });

  it("08 pub-sub: weather from the start, news only after the late subscriber joins at 3 s", async () => {
    await compare("08-pub-sub", 5, (engine, run, lang) => {
      near(
        `${lang} publisher.sent`,
        c(run, "publisher").sent,
        c(engine, "publisher").sent,
        timed(4),
      );
      near(
        `${lang} sub-weather`,
        c(run, "sub-weather").received,
        c(engine, "sub-weather").received,
        2,
      );
      // It started at 3 s (the timeline, played by the launcher): 2 s of news, one every 500 ms.
      near(`${lang} sub-news`, c(run, "sub-news").received, c(engine, "sub-news").received, 2);
      expect(c(run, "sub-news").received).toBeGreaterThan(0);
      expect(c(run, "sub-news").received).toBeLessThan(c(run, "sub-weather").received / 2);
    });
  });

  it("09 pipeline: the sink gets every one of the 20 results, from both workers", async () => {
    await compare("09-pipeline", 5, (engine, run, lang) => {
      expect(c(engine, "sink").received).toBe(20);
      expect(c(run, "ventilator").sent).toBe(20);
      expect(c(run, "sink").received).toBe(20);
      for (const w of ["worker-1", "worker-2"]) {
        // Round-robin when both are connected: about half each (exactly 10 on the engine).
        near(`${lang} ${w}.received`, c(run, w).received, c(engine, w).received, 3);
        // The sink's count per worker is what each worker says it sent.
        expect(c(run, "sink").peers![w]!.received, `${lang} ${w}`).toBe(c(run, w).sent);
      }
    });
  });

  it("10 transports: tcp, ipc and inproc (exported as tcp) behave the same", async () => {
    await compare("10-transports", 3, (engine, run, lang) => {
      for (const t of ["tcp", "ipc", "inproc"]) {
        const client = c(run, `client-${t}`);
        near(`${lang} client-${t}.received`, client.received, c(engine, `client-${t}`).received, 2);
        near(`${lang} ${t} pair`, client.received, c(run, `server-${t}`).sent, 1);
      }
    });
  });
});
