/** What the exporter writes, checked as text (the programs run on real sockets in apps/gateway/test/export). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { BEHAVIOURS, parseGraph, ROLES, type BehaviourKey, type GraphDoc } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import every from "../fixtures/every-behaviour.json";
import { BEHAVIOUR_EXPORTS, canvasPart, EXPORT_LANGUAGES, exportGraph } from "./index.js";

const BEHAVIOUR_KEYS = Object.keys(BEHAVIOURS) as BehaviourKey[];
const SCENARIOS = new URL("../../../scenarios/", import.meta.url);
const templates = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""));
const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`${name}.json`, SCENARIOS), "utf8"));

const files = (raw: unknown, language: "python" | "node", extra = {}) => {
  const r = exportGraph(raw, { language, ...extra });
  if (!r.ok) throw new Error(r.reason);
  return r.files;
};

describe("every behaviour key has exported code", () => {
  it.each(BEHAVIOUR_KEYS)("%s: a folder with python.ts, node.ts and summary.ts", (key) => {
    for (const file of ["python.ts", "node.ts", "summary.ts"])
      expect(existsSync(new URL(`./behaviours/${key}/${file}`, import.meta.url)), file).toBe(true);
    expect(BEHAVIOUR_EXPORTS[key].key).toBe(key);
  });

  it("the every-behaviour graph has a node of each key, and each language writes a program for it", () => {
    const doc = every as unknown as GraphDoc;
    const keys = new Set(doc.nodes.map((n) => ROLES[n.role].behaviour));
    expect([...keys].sort()).toEqual([...BEHAVIOUR_KEYS].sort());
    for (const language of EXPORT_LANGUAGES) {
      const out = files(every, language);
      for (const n of doc.nodes) {
        const program = out[`nodes/${n.id}.${language === "python" ? "py" : "mjs"}`];
        expect(program, `${language} ${n.id}`).toBeTruthy();
        expect(program!.length, `${language} ${n.id}`).toBeGreaterThan(200);
      }
    }
  });
});

describe("exportGraph", () => {
  it("writes a program per node, the launcher, dependencies, the graph and a README for 01", () => {
    const py = files(load("01-hello-world"), "python");
    expect(Object.keys(py).sort()).toEqual([
      "README.md",
      "graph.json",
      "nodes/client.py",
      "nodes/server.py",
      "requirements.txt",
      "run_all.py",
    ]);
    expect(py["nodes/server.py"]).toContain(
      'REP_BIND = os.environ.get("ZMQP_BIND_REP", "tcp://127.0.0.1:5555").split(",")',
    );
    expect(py["nodes/server.py"]).toContain('TEXT = "World"');
    expect(py["nodes/client.py"]).toContain('PAYLOAD = "Hello {n}"');
    const js = files(load("01-hello-world"), "node");
    expect(Object.keys(js)).toContain("run-all.mjs");
    expect(JSON.parse(js["package.json"]!).dependencies).toEqual({ zeromq: "^6.8.0" });
    expect(js["nodes/client.mjs"]).toContain("new zmq.Request({");
    // The README names every file it ships.
    for (const out of [py, js])
      for (const f of Object.keys(out).filter((f) => f !== "README.md"))
        expect(out["README.md"], f).toContain(f);
  });

  it("rewrites inproc to tcp on a free port and says why; keeps ipc as a file", () => {
    const py = files(load("10-transports"), "python");
    const server = py["nodes/server-inproc.py"]!;
    expect(server).toContain("# inproc://transports-demo in the graph: inproc:// works only");
    expect(server).toMatch(/"ZMQP_BIND_REP", "tcp:\/\/127\.0\.0\.1:56\d\d"\)/);
    const port = /tcp:\/\/127\.0\.0\.1:(56\d\d)/.exec(server)![1];
    expect(py["nodes/client-inproc.py"]).toContain(`"tcp://127.0.0.1:${port}"`);
    expect(py["nodes/server-ipc.py"]).toContain('"ipc://transports-demo"');
    expect(py["README.md"]).toContain("inproc");
  });

  it("gives sockets facing a ROUTER the playground's routing ids, and the ROUTER its peer table", () => {
    const js = files(load("04-broker"), "node");
    expect(js["nodes/client-1.mjs"]).toContain('routingId: "client-1.req" + (generation === 1');
    expect(js["nodes/broker.mjs"]).toContain(
      'const FRONTEND_PEERS = { "client-1.req": "client-1", "client-2.req": "client-2" };',
    );
    const py = files(load("04-broker"), "python");
    expect(py["nodes/worker-1.py"]).not.toContain("ROUTING_ID");
    expect(py["nodes/broker.py"]).toContain("peer_of(frames[0], FRONTEND_PEERS)");
  });

  it("carries the graph's socket options into both languages", () => {
    const py = files(load("11-high-water-mark"), "python");
    expect(py["nodes/fast-pub.py"]).toContain("sock.setsockopt(zmq.SNDHWM, 10)");
    expect(py["nodes/slow-sub.py"]).toContain("sock.setsockopt(zmq.RCVHWM, 10)");
    const js = files(load("11-high-water-mark"), "node");
    expect(js["nodes/fast-pub.mjs"]).toContain("sendHighWaterMark: 10,");
    expect(js["nodes/slow-sub.mjs"]).toContain("receiveHighWaterMark: 10,");
  });

  it("puts the timeline in the launcher, and says which steps it cannot play", () => {
    const py = files(load("08-pub-sub"), "python");
    expect(py["run_all.py"]).toContain(
      'TIMELINE = [[3000, "start", "sub-news", None, "The news subscriber joins.',
    );
    expect(py["run_all.py"]).toContain('WAVES = [["publisher"], ["sub-weather"]]');
    const cut = exportGraph(
      {
        ...(load("01-hello-world") as object),
        timeline: [{ atMs: 100, action: "cut", link: "client-server" }],
      },
      { language: "node" },
    );
    expect(cut.ok && cut.notes.join(" ")).toMatch(/cuts link client-server/);
  });

  it("refuses an invalid graph and an unknown node, with the reason", () => {
    const bad = exportGraph(
      { version: 1, nodes: [{ id: "x", role: "nope" }] },
      { language: "python" },
    );
    expect(bad.ok).toBe(false);
    const r = exportGraph(load("01-hello-world"), { language: "python", nodes: ["ghost"] });
    expect(r.ok === false && r.reason).toBe('no node "ghost" in this graph');
  });

  it.each(templates)("exports template %s in both languages", (name) => {
    for (const language of EXPORT_LANGUAGES)
      expect(exportGraph(load(name), { language }).ok).toBe(true);
  });
});

describe("a partial export (half on the canvas)", () => {
  it("writes programs for the chosen nodes and a canvas graph where they are external peers", () => {
    const out = files(load("04-broker"), "python", { nodes: ["broker", "worker-2"] });
    expect(Object.keys(out).filter((f) => f.startsWith("nodes/"))).toEqual([
      "nodes/broker.py",
      "nodes/worker-2.py",
    ]);
    const canvas = parseGraph(JSON.parse(out["playground.json"]!));
    expect(canvas.ok, JSON.stringify(canvas.diagnostics)).toBe(true);
    const roles = Object.fromEntries(canvas.doc!.nodes.map((n) => [n.id, n.role]));
    expect(roles).toMatchObject({
      broker: "external",
      "worker-2": "external",
      "client-1": "client",
    });
    expect(canvas.doc!.nodes.find((n) => n.id === "broker")!.sockets[0]!.bind).toEqual([
      "tcp://127.0.0.1:5559",
    ]);
  });

  it("keeps the canvas's timeline steps and leaves the programs' to the launcher", () => {
    const doc = parseGraph(load("08-pub-sub")).doc!;
    expect(canvasPart(doc, ["sub-news"]).timeline).toEqual([]);
    expect(canvasPart(doc, ["publisher"]).timeline).toHaveLength(1);
  });
});
