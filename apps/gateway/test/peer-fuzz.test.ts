/**
 * Fuzz from outside: for every socket type a node can bind, a bounded stream of random and
 * truncated ZMTP (greetings, commands, frames) from raw TCP, and random multipart messages from
 * pyzmq peers of every type. No node stops serving its playground peer, the gateway keeps
 * answering, every report carries a known code, and memory stays bounded. Reproducible by seed.
 */
import { execFile } from "node:child_process";
import net from "node:net";
import { ERROR_CODES, type GraphInput, type RuntimeEvent } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rng } from "./fuzz.js";
import { heapAfterGc, testApp, waitFor } from "./helpers.js";
import { REPO } from "./spawn.js";
import { zmtpCase } from "./zmtp-fuzz.js";

const PYTHON = "/usr/bin/python3";
const HOSTILE = `${REPO}/packages/engine/src/crosslang/hostile.py`;
const BASE = 17700;
const SEED = 11;

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const tcp = (n: number) => `tcp://127.0.0.1:${BASE + n}`;
type NodeIn = GraphInput["nodes"][number];
const n = (id: string, role: NodeIn["role"], sockets: NodeIn["sockets"], params = {}): NodeIn => ({
  id,
  role,
  sockets,
  params,
});
const l = (id: string, from: string, to: string) => {
  const [fn, fs] = from.split(".") as [string, string];
  const [tn, ts] = to.split(".") as [string, string];
  return { id, from: { node: fn, socket: fs }, to: { node: tn, socket: ts } };
};

/** A bound socket of every type, each with a playground peer that keeps talking to it. */
const doc: GraphInput = {
  version: 1,
  nodes: [
    n("rep", "server", [{ id: "rep", type: "REP", bind: [tcp(0)] }]),
    n("rep-client", "client", [{ id: "req", type: "REQ" }], {
      intervalMs: 20,
      lazyPirate: true,
      timeoutMs: 1000,
    }),
    n("broker", "broker", [
      { id: "frontend", type: "ROUTER", bind: [tcp(1)] },
      { id: "backend", type: "DEALER", bind: [tcp(2)] },
    ]),
    n("broker-client", "client", [{ id: "req", type: "REQ" }], {
      intervalMs: 20,
      lazyPirate: true,
      timeoutMs: 1000,
    }),
    n("broker-worker", "server", [{ id: "rep", type: "REP" }]),
    n("sink", "sink", [{ id: "pull", type: "PULL", bind: [tcp(3)] }]),
    n("vent", "ventilator", [{ id: "push", type: "PUSH", bind: [tcp(4)] }], { intervalMs: 20 }),
    n("worker", "worker", [
      { id: "pull", type: "PULL" },
      { id: "push", type: "PUSH" },
    ]),
    n("pub", "publisher", [{ id: "pub", type: "PUB", bind: [tcp(5)] }], {
      intervalMs: 20,
      topics: ["t"],
    }),
    n("sub", "subscriber", [{ id: "sub", type: "SUB" }], { topics: ["t"] }),
    n("bound-sub", "subscriber", [{ id: "sub", type: "SUB", bind: [tcp(6)] }], { topics: ["u"] }),
    n("pub-2", "publisher", [{ id: "pub", type: "PUB" }], { intervalMs: 20, topics: ["u"] }),
    n("bound-req", "client", [{ id: "req", type: "REQ", bind: [tcp(7)] }], {
      intervalMs: 20,
      lazyPirate: true,
      timeoutMs: 1000,
    }),
    n("rep-2", "server", [{ id: "rep", type: "REP" }]),
    n("pair", "pair", [{ id: "pair", type: "PAIR", bind: [tcp(8)] }]),
    n("stream", "stream-server", [{ id: "stream", type: "STREAM", bind: [tcp(9)] }]),
  ],
  links: [
    l("a", "rep-client.req", "rep.rep"),
    l("b", "broker-client.req", "broker.frontend"),
    l("c", "broker-worker.rep", "broker.backend"),
    l("d", "worker.pull", "vent.push"),
    l("e", "worker.push", "sink.pull"),
    l("f", "sub.sub", "pub.pub"),
    l("g", "pub-2.pub", "bound-sub.sub"),
    l("h", "rep-2.rep", "bound-req.req"),
  ],
};

/** Nodes whose received count must keep growing: each is served by a bound socket above. */
const SERVED = ["rep-client", "broker-client", "sink", "sub", "bound-sub", "bound-req"];
const PORTS = Array.from({ length: 10 }, (_, i) => BASE + i);

function rawFuzz(port: number, r: () => number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.createConnection(port, "127.0.0.1", () => {
      s.write(zmtpCase(r));
      setTimeout(() => s.destroy(), 5 + Math.floor(r() * 20));
    });
    s.on("error", () => undefined);
    s.on("close", () => resolve());
  });
}

function pyFuzz(): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      PYTHON,
      [HOSTILE, "fuzz", String(SEED), "1", ...PORTS.map((p) => `tcp://127.0.0.1:${p}`)],
      { timeout: 60_000 },
      (err, _o, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
    ),
  );
}

it(
  "random ZMTP from raw TCP and pyzmq peers of every type stops no node and no gateway",
  { timeout: 120_000 },
  async () => {
    const rt = app.hub.runtime;
    const events: RuntimeEvent[] = [];
    const off = rt.on((e) => {
      if (e.type === "error") events.push(e);
    });
    const res = await app.hub.deploy(doc);
    expect(res.ok, JSON.stringify(res.diagnostics)).toBe(true);
    const received = () =>
      Object.fromEntries(SERVED.map((id) => [id, rt.counters().nodes[id]?.received ?? 0]));
    await waitFor(() => SERVED.every((id) => received()[id]! > 0), 10_000, "every pair talking");
    const heapBefore = heapAfterGc();

    const r = rng(SEED);
    const python = pyFuzz();
    // 40 raw connections per port, four at a time.
    for (let round = 0; round < 40; round++) await Promise.all(PORTS.map((p) => rawFuzz(p, r)));
    await python;

    // Every node is still running and still serving its playground peer.
    const after = received();
    await waitFor(
      () => SERVED.every((id) => received()[id]! > after[id]! + 2),
      15_000,
      "every pair still talking",
    );
    for (const [id, s] of Object.entries(rt.snapshot().nodes)) expect(s.state, id).toBe("running");
    const health = await app.inject({ url: "/api/health" });
    expect(health.statusCode).toBe(200);
    const known = new Set<string>(Object.values(ERROR_CODES));
    for (const e of events) if (e.type === "error") expect(known.has(e.code), e.code).toBe(true);
    expect(events.length).toBeGreaterThan(0); // the fuzz was noticed, and said
    expect(heapAfterGc() - heapBefore).toBeLessThan(64 * 1024 * 1024);
    off();
    await app.hub.stop();
  },
);
