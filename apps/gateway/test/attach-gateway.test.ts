/**
 * Attach through the gateway: refused with a clear code unless --allow-capture; with it, a page
 * on /ws/attach gets the graph of pyzmq programs on loopback, and nothing there can be changed.
 */
import { ERROR_CODES, type AttachSummary, type ObservedGraph } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { killPeers, peer, until } from "./attach/peers.js";
import { JSON_AUTH, AUTH, connect, listen, testApp } from "./helpers.js";

const apps: FastifyInstance[] = [];
afterAll(async () => {
  killPeers();
  for (const a of apps) await a.close();
});

describe("gateway attach", () => {
  it("is refused with ZMQP_ERR_CAPTURE_NOT_ALLOWED unless the gateway has --allow-capture", async () => {
    const app = await testApp();
    apps.push(app);
    const state = await app.inject({ method: "GET", url: "/api/attach", headers: AUTH });
    expect(state.json()).toMatchObject({ allowed: false, active: false });
    for (const url of ["/api/attach", "/api/attach/stop"]) {
      const r = await app.inject({
        method: "POST",
        url,
        headers: JSON_AUTH,
        payload: { ports: "5555" },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: ERROR_CODES.CAPTURE_NOT_ALLOWED });
      expect(r.json().message).toMatch(/--allow-capture/);
    }
    // …and the token still comes first.
    const anon = await app.inject({ method: "GET", url: "/api/attach" });
    expect(anon.statusCode).toBe(401);
  });

  it("with --allow-capture: loopback, listed ports, a live graph on /ws/attach, read-only", async () => {
    const app = await testApp({ allowCapture: true });
    apps.push(app);
    const base = await listen(app);
    const bad = await app.inject({
      method: "POST",
      url: "/api/attach",
      headers: JSON_AUTH,
      payload: { ports: "0-9" },
    });
    expect(bad.statusCode).toBe(400);
    const none = await app.inject({
      method: "POST",
      url: "/api/attach",
      headers: JSON_AUTH,
      payload: {},
    });
    expect(none.statusCode).toBe(400);
    const start = await app.inject({
      method: "POST",
      url: "/api/attach",
      headers: JSON_AUTH,
      payload: { ports: "6595" },
    });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json()).toMatchObject({ allowed: true, active: true, ports: "6595" });

    const page = await connect(base, { path: "/ws/attach" });
    page.send({ type: "hello", protocol: 1 });
    const welcome = await page.next("welcome");
    expect(welcome.snapshot.state).toBe("running");
    const rep = peer("rep", 6595);
    await rep.line((l) => "ready" in l);
    const req = peer("req", 6595, 3);
    await req.line((l) => "done" in l);
    const graph = await until("the observed graph on the page", () => {
      const g = page
        .events()
        .filter((e) => e.type === "observed")
        .at(-1);
      return g?.type === "observed" &&
        g.graph.links.length === 1 &&
        g.graph.nodes.every((n) => n.sockets[0]?.type)
        ? (g.graph as ObservedGraph)
        : undefined;
    });
    expect(graph.nodes.map((n) => n.process?.pid).sort()).toEqual([rep.pid, req.pid].sort());
    await until("counters on the page", () => {
      const c = page
        .events()
        .filter((e) => e.type === "counters")
        .at(-1);
      return c?.type === "counters" && c.links[graph.links[0]!.id]?.backward === 3
        ? true
        : undefined;
    });
    // A late page gets the same graph in its snapshot.
    const late = await connect(base, { path: "/ws/attach" });
    late.send({ type: "hello", protocol: 1 });
    const lw = await late.next("welcome");
    expect(lw.snapshot.doc?.nodes.map((n) => n.id).sort()).toEqual(
      graph.nodes.map((n) => n.id).sort(),
    );
    // Observed means observed: nothing can be deployed or killed through it.
    late.send({ type: "node", node: graph.nodes[0]!.id, action: "kill" });
    const refused = await late.next("rejected");
    expect(refused.message).toMatch(/observed system/);
    await req.end();
    await rep.end();
    const stop = await app.inject({
      method: "POST",
      url: "/api/attach/stop",
      headers: JSON_AUTH,
      payload: {},
    });
    const summary = stop.json().summary as AttachSummary;
    expect(Object.values(summary.links)).toEqual([{ forward: 3, backward: 3, unit: "messages" }]);
    await page.close();
    await late.close();
  });
});

describe("gateway attach grace", () => {
  it("stops a capture nobody watches after the grace period", async () => {
    const app = await testApp({ allowCapture: true, graceMs: 200 });
    apps.push(app);
    const base = await listen(app);
    const start = await app.inject({
      method: "POST",
      url: "/api/attach",
      headers: JSON_AUTH,
      payload: { ports: "6596" },
    });
    expect(start.statusCode, start.body).toBe(200);
    const page = await connect(base, { path: "/ws/attach" });
    page.send({ type: "hello", protocol: 1 });
    await page.next("welcome");
    await page.close();
    const end = Date.now() + 10_000;
    for (;;) {
      const s = await app.inject({ method: "GET", url: "/api/attach", headers: AUTH });
      if (!s.json().active) break;
      if (Date.now() > end) throw new Error("the capture did not stop after the grace period");
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
