/**
 * Templates exported to Python and to Node, each run with its launcher for a few seconds on real
 * sockets (Debian's pyzmq, the workspace's zeromq.js), and compared with what the engine counts
 * for the same graph and time. Exact where the behaviour decides (09's sink gets all 20); where
 * timing does, scaled to how long each program ran and within the bounds of harness.nearRun.
 */
import type { NodeCounters } from "@zmqp/protocol";
import { afterAll, describe, expect, it } from "vitest";
import {
  killLeft,
  near,
  pythonUnavailable,
  nearRun,
  runAll,
  template,
  writeExport,
  type ProgramCounters,
} from "./harness.js";

const noPython = pythonUnavailable();
if (noPython) throw new Error(`these tests run pyzmq programs: ${noPython}`);

afterAll(killLeft);

type Counts = Record<string, ProgramCounters>;
type Check = (engine: Record<string, NodeCounters>, run: Counts, lang: string) => void;

/** Runs `name` on the engine and as both exports, side by side, then applies `check` to each. */
async function compare(
  name: string,
  seconds: number,
  check: Check,
  /** Filled with each language's launcher output, when given. */
  lines?: Record<string, string[]>,
) {
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
    if (lines) lines[lang] = run.lines;
  }
}

function c(counts: Counts, id: string): ProgramCounters;
function c(counts: Record<string, NodeCounters>, id: string): NodeCounters;
function c(counts: Record<string, ProgramCounters | NodeCounters>, id: string) {
  return counts[id]!;
}

describe("exported templates behave as on the canvas", () => {
  it("01 hello world: one round trip a second, every request answered", async () => {
    await compare("01-hello-world", 3, (engine, run, lang) => {
      // The client drives both counts; the server waits for it.
      const ran = c(run, "client").ranMs;
      for (const id of ["client", "server"])
        for (const k of ["sent", "received"] as const)
          nearRun(`${lang} ${id}.${k}`, c(run, id), k, c(engine, id)[k], 3, ran);
      // The last reply may still be on its way when everything stops.
      near(`${lang} replies`, c(run, "client").received, c(run, "server").sent, 1);
      expect(c(run, "client").sent).toBeGreaterThanOrEqual(3);
    });
  });

  it("02 three clients, one slow server: served in turn, fairly", async () => {
    await compare("02-n-clients-1-server", 3, (engine, run, lang) => {
      const server = c(run, "server");
      const ran = c(run, "client-1").ranMs!; // the clients drive the server
      nearRun(`${lang} server.received`, server, "received", c(engine, "server").received, 3, ran);
      const got = ["client-1", "client-2", "client-3"].map((id) => c(run, id).received);
      for (const id of ["client-1", "client-2", "client-3"])
        nearRun(`${lang} ${id}.received`, c(run, id), "received", c(engine, id).received, 3);
      // Fair queuing: no client is served more than one reply ahead of another.
      expect(Math.max(...got) - Math.min(...got), `${lang} ${got}`).toBeLessThanOrEqual(1);
      // A 300 ms server answers about one request per 300 ms, however many wait.
      near(`${lang} server.sent`, server.sent, Math.round(ran / 300), 2);
    });
  });

  it("04 broker: requests cross the ROUTER and DEALER both ways, shared by the workers", async () => {
    await compare("04-broker", 3, (engine, run, lang) => {
      for (const id of ["client-1", "client-2"]) {
        nearRun(`${lang} ${id}.received`, c(run, id), "received", c(engine, id).received, 3);
        // The broker's ROUTER names each client by the routing id it announces.
        const peer = c(run, "broker").peers![id]!;
        near(`${lang} broker.peers.${id}`, peer.received, c(run, id).sent, 1);
      }
      const broker = c(run, "broker");
      const ran = c(run, "client-1").ranMs; // the clients drive the broker
      nearRun(`${lang} broker.received`, broker, "received", c(engine, "broker").received, 3, ran);
      const w = ["worker-1", "worker-2"].map((id) => c(run, id).received);
      // The DEALER deals the requests in turn.
      expect(Math.abs(w[0]! - w[1]!), `${lang} workers ${w}`).toBeLessThanOrEqual(3);
      // What the workers got is what the broker passed on, less the replies it passed back, less
      // what was on its way when the programs were stopped: each client has at most one request
      // or reply in flight (REQ lock-step), so at most 2 between the two clients.
      const inFlight =
        broker.sent - c(run, "client-1").received - c(run, "client-2").received - (w[0]! + w[1]!);
      expect(inFlight, `${lang} in flight at the stop`).toBeGreaterThanOrEqual(0);
      expect(inFlight, `${lang} in flight at the stop`).toBeLessThanOrEqual(2);
    });
  });

  it("08 pub-sub: weather from the start, news only after the late subscriber joins at 3 s", async () => {
    await compare("08-pub-sub", 5, (engine, run, lang) => {
      const pub = c(run, "publisher");
      nearRun(`${lang} publisher.sent`, pub, "sent", c(engine, "publisher").sent, 5);
      const weather = c(run, "sub-weather");
      nearRun(`${lang} sub-weather`, weather, "received", c(engine, "sub-weather").received, 5);
      // Started at 3 s by the timeline (the launcher plays it): 2 s of news, one every 500 ms.
      const news = c(run, "sub-news");
      near(`${lang} sub-news`, news.received, c(engine, "sub-news").received, 2);
      expect(news.received).toBeGreaterThan(0);
      expect(news.received).toBeLessThan(weather.received / 2);
      expect(news.ranMs!).toBeLessThan(weather.ranMs! * 0.6);
    });
  });

  it("12 pub-sub proxy: each subscription goes up through the proxy, each publish down", async () => {
    const lines: Record<string, string[]> = {};
    await compare(
      "12-pubsub-proxy",
      8,
      (engine, run, lang) => {
        const proxy = c(run, "proxy");
        const weather = c(run, "sub-weather");
        const news = c(run, "sub-news");
        // Nothing reaches the proxy unless a subscription went up through it first.
        expect(proxy.received).toBeGreaterThan(0);
        near(`${lang} proxy passes on what it gets`, proxy.sent, proxy.received, 1);
        nearRun(`${lang} sub-weather`, weather, "received", c(engine, "sub-weather").received, 8);
        // News only while its subscriber was there (3 s to 6 s), never more than weather.
        expect(news.received).toBeGreaterThan(0);
        expect(news.received).toBeLessThan(weather.received);
        near(`${lang} proxy carries both`, proxy.received, weather.received + news.received, 2);
      },
      lines,
    );
    for (const [lang, out] of Object.entries(lines)) {
      const text = out.join("\n");
      for (const what of [
        "a subscription to .weather.",
        "a subscription to .news.",
        "the end of the subscription to .news.",
      ])
        expect(text, `${lang}: ${what}`).toMatch(new RegExp(`passed ${what} upstream`));
    }
  });

  it("09 pipeline: the sink gets every one of the 20 results, from both workers", async () => {
    await compare("09-pipeline", 5, (engine, run, lang) => {
      // On the engine both workers are connected before the first task: 10 each.
      expect([engine["worker-1"]!.received, engine["worker-2"]!.received]).toEqual([10, 10]);
      expect(c(engine, "sink").received).toBe(20);
      expect(c(run, "ventilator").sent).toBe(20);
      expect(c(run, "sink").received).toBe(20);
      for (const w of ["worker-1", "worker-2"]) {
        // Programs start apart: the worker that connects first takes the first tasks alone
        // (the lesson's caveat), then they alternate. Both take part.
        expect(c(run, w).received, `${lang} ${w}`).toBeGreaterThanOrEqual(2);
        // The sink's count per worker is what each worker says it sent.
        expect(c(run, "sink").peers![w]!.received, `${lang} ${w}`).toBe(c(run, w).sent);
      }
    });
  });

  it("10 transports: tcp, ipc and inproc (exported as tcp) behave the same", async () => {
    await compare("10-transports", 3, (engine, run, lang) => {
      for (const t of ["tcp", "ipc", "inproc"]) {
        const client = c(run, `client-${t}`);
        const engineGot = c(engine, `client-${t}`).received;
        nearRun(`${lang} client-${t}.received`, client, "received", engineGot, 3);
        near(`${lang} ${t} pair`, client.received, c(run, `server-${t}`).sent, 1);
      }
    });
  });
});
