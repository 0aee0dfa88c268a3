import { afterEach, describe, expect, it } from "vitest";
import { ERROR_CODES, type EventOf } from "@zmqp/protocol";
import type { Runtime } from "./api.js";
import { createRuntime } from "./runtime.js";
import { graph, link, messages, node, record, waitFor } from "./test-helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const rep = (port: number) => [
  { id: "rep", type: "REP" as const, bind: [`tcp://127.0.0.1:${port}`] },
];
const req = [{ id: "req", type: "REQ" as const }];
const activity = (r: Runtime, n: string) => r.snapshot().nodes[n]?.activity;

describe("request-reply", () => {
  it("a client started before its server gets the reply once the server binds", async () => {
    rt = createRuntime();
    const events = record(rt);
    const t0 = Date.now();
    await rt.deploy(
      graph(
        [
          node("server", "server", rep(15561), {}, { autostart: false }),
          node("client", "client", req, { intervalMs: 0 }),
        ],
        [link("l", "client.req", "server.rep")],
        [
          { atMs: 100, action: "send", node: "client" },
          { atMs: 1000, action: "start", node: "server", note: "server starts" },
        ],
      ),
    );
    expect(rt.snapshot().nodes.server!.state).toBe("stopped");
    await waitFor("the client asks", () => messages(events, "client", "out").length === 1);
    expect(activity(rt, "client")).toBe("waiting");
    const reply = await waitFor("the reply", () => messages(events, "client", "in")[0], 5000);
    expect(reply.t - t0).toBeGreaterThanOrEqual(1000);
    expect(reply.frames[0]!.text).toBe("world: hello 1");
    expect(events.some((e) => e.type === "timeline" && e.step.action === "start")).toBe(true);
    expect(events.some((e) => e.type === "log" && e.text === "server starts")).toBe(true);
  });

  it("server killed mid-request: the Lazy Pirate recovers, a plain REQ reports stuck", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("server", "server", rep(15562), { delayMs: 600 }),
          node("plain", "client", req, { intervalMs: 0, payload: "plain {n}" }),
          node("pirate", "client", req, {
            intervalMs: 0,
            payload: "pirate {n}",
            timeoutMs: 800,
            lazyPirate: true,
            retries: 5,
          }),
        ],
        [link("p", "plain.req", "server.rep"), link("q", "pirate.req", "server.rep")],
      ),
    );
    await rt.nodeAction("plain", "send");
    // The server holds "plain 1" for 600 ms: kill it then, with the request taken and unanswered.
    await waitFor("server took it", () => messages(events, "server", "in").length === 1);
    await rt.nodeAction("server", "kill");
    expect(rt.snapshot().nodes.server!.state).toBe("killed");
    await rt.nodeAction("pirate", "send");
    await new Promise((r) => setTimeout(r, 1000));
    await rt.nodeAction("server", "restart");
    const pirateReply = await waitFor("pirate reply", () =>
      messages(events, "pirate", "in").find((m) => m.frames[0]!.text === "world: pirate 1"),
    );
    expect(pirateReply.from).toEqual({ node: "server", socket: "rep" });
    const statuses = events.filter(
      (e): e is EventOf<"status"> => e.type === "status" && e.node === "pirate",
    );
    expect(statuses.some((s) => s.status.activity === "retrying")).toBe(true);
    await waitFor("plain stuck", () => activity(rt!, "plain") === "stuck", 4000);
    expect(rt.snapshot().nodes.plain!.detail).toMatch(/waiting forever/);
    expect(messages(events, "plain", "in")).toHaveLength(0);
    // Nothing hangs: the plain client refuses a second send instead of blocking, the rest runs.
    await rt.nodeAction("plain", "send");
    expect(events.some((e) => e.type === "log" && e.level === "warn" && e.node === "plain")).toBe(
      true,
    );
    await rt.nodeAction("pirate", "send");
    await waitFor("pirate 2", () => messages(events, "pirate", "in").length >= 2);
  });

  it("a Lazy Pirate with no server retries, then gives up", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("client", "client", req, {
            intervalMs: 0,
            timeoutMs: 150,
            lazyPirate: true,
            retries: 2,
          }),
          node("ext", "external", [{ id: "peer", type: "REP", bind: ["tcp://127.0.0.1:15565"] }]),
        ],
        [link("l", "client.req", "ext.peer")],
      ),
    );
    await rt.nodeAction("client", "send");
    await waitFor("gave up", () => activity(rt!, "client") === "gave-up", 3000);
    const seen = events
      .filter((e) => e.type === "status" && e.node === "client")
      .map((e) => (e.type === "status" ? e.status.activity : undefined));
    expect(seen).toContain("waiting");
    expect(seen.filter((a) => a === "retrying").length).toBeGreaterThanOrEqual(2);
    expect(rt.counters().nodes.client!.dropReasons.timeout).toBe(3);
    expect(rt.snapshot().nodes.client!.detail).toMatch(/gave up/);
  });

  it("3 clients, 1 server: every client is served, in turn", async () => {
    rt = createRuntime();
    const events = record(rt);
    const clients = ["c1", "c2", "c3"];
    await rt.deploy(
      graph(
        [
          node("server", "server", rep(15563)),
          ...clients.map((c) => node(c, "client", req, { intervalMs: 20, payload: `${c} {n}` })),
        ],
        clients.map((c) => link(`${c}-s`, `${c}.req`, "server.rep")),
      ),
    );
    await waitFor("30 requests served", () => messages(events, "server", "in").length >= 30);
    const peers = rt.counters().nodes.server!.peers;
    for (const c of clients) {
      expect(peers[c]!.received).toBeGreaterThanOrEqual(5);
      expect(rt.counters().nodes[c]!.received).toBeGreaterThanOrEqual(5);
    }
    // Fair queuing: no client gets two turns while another waits with a request queued.
    const counts = clients.map((c) => peers[c]!.received);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
    const froms = messages(events, "server", "in").map((m) => m.from?.node);
    expect(froms.every((f) => f && clients.includes(f))).toBe(true);
  });

  it("two servers on one address: exactly one reports address in use, the other serves", async () => {
    rt = createRuntime();
    const events = record(rt);
    const res = await rt.deploy(
      graph(
        [
          node("s1", "server", rep(15564)),
          node("s2", "server", rep(15564)),
          node("client", "client", req, { intervalMs: 20 }),
        ],
        [link("l", "client.req", "s1.rep")],
      ),
    );
    expect(res.ok).toBe(true);
    // The second bind's failure is in the deploy's answer (the document's own warning about the
    // duplicate bind is the gateway's to add: it validated the document).
    expect(res.diagnostics.map((d) => d.code)).toEqual([ERROR_CODES.ADDRESS_IN_USE]);
    const errors = events.filter((e) => e.type === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ node: "s2", code: ERROR_CODES.ADDRESS_IN_USE });
    const s2 = rt.snapshot().nodes.s2!;
    expect(s2.state).toBe("error");
    expect(s2.detail).toMatch(/Address already in use/);
    expect(s2.sockets.rep!.error?.code).toBe(ERROR_CODES.ADDRESS_IN_USE);
    await waitFor("replies", () => messages(events, "client", "in").length >= 3);
    expect(rt.snapshot().nodes.s1!.state).toBe("running");
    expect(rt.counters().nodes.s2!.errors).toBe(1);
  });
});

describe("{n} in every text a behaviour sends", () => {
  it("a server's fixed reply and prefix number each reply", async () => {
    rt = createRuntime();
    const events = record(rt);
    await rt.deploy(
      graph(
        [
          node("server", "server", rep(15567), { reply: "prefix", text: "reply {n}" }),
          node("client", "client", req, { intervalMs: 50, payload: "ask {n}" }),
        ],
        [link("l", "client.req", "server.rep")],
      ),
    );
    const got = await waitFor("three replies", () => {
      const m = messages(events, "client", "in");
      return m.length >= 3 ? m : null;
    });
    const text = (m: (typeof got)[number]) => m.frames[m.frames.length - 1]?.text;
    expect(got.slice(0, 3).map(text)).toEqual([
      "reply 1: ask 1",
      "reply 2: ask 2",
      "reply 3: ask 3",
    ]);
  });
});
