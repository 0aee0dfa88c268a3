/** WebSocket /ws with a real `ws` client and the real engine: protocol, checks before upgrade, limits. */
import { ERROR_CODES, PROTOCOL_VERSION } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CLOSE_INCOMPATIBLE, CLOSE_RATE_LIMITED } from "../src/session/tab.js";
import {
  TOKEN,
  connect,
  helloGraph,
  listen,
  sleep,
  testApp,
  waitFor,
  helloTab,
} from "./helpers.js";

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await testApp();
  base = await listen(app);
});
afterAll(() => app.close());

const hello = () => helloTab(base);

describe("upgrade checks happen before the upgrade (issue 5.2, 5.3)", () => {
  it("no token, a wrong token, a foreign Origin or Host: refused with 401/403, never joined", async () => {
    const port = new URL(base).port;
    const cases: [Parameters<typeof connect>[1], string][] = [
      [{ token: null }, "HTTP 401"],
      [{ token: `${TOKEN}x` }, "HTTP 401"],
      [{ headers: { origin: "https://evil.example" } }, "HTTP 403"],
      [{ headers: { origin: `http://localhost:${Number(port) + 1}` } }, "HTTP 403"],
      [{ headers: { host: `evil.example:${port}` } }, "HTTP 403"],
    ];
    for (const [opts, status] of cases) await expect(connect(base, opts)).rejects.toThrow(status);
    expect(app.websocketServer.clients.size).toBe(0);
    expect(app.hub.tabCount).toBe(0);
  });

  it("the gateway closes a refused upgrade's connection itself", async () => {
    // `end` is the server's FIN: the client never closes here, so only the gateway can cause it.
    // A connection the gateway leaves open reads "still open" after 5 s and fails the test.
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/ws`);
      ws.on("error", () => undefined);
      ws.on("unexpected-response", (_req, res) => {
        const timer = setTimeout(() => {
          res.socket.destroy();
          resolve("still open");
        }, 5000);
        res.socket.once("end", () => {
          clearTimeout(timer);
          resolve("closed by the gateway");
        });
        res.resume();
      });
    });
    expect(outcome).toBe("closed by the gateway");
  });

  it("the page's own origin and the cookie are enough", async () => {
    const port = new URL(base).port;
    const c = await connect(base, {
      token: null,
      headers: { origin: `http://127.0.0.1:${port}`, cookie: `zmqp_token_${port}=${TOKEN}` },
    });
    c.send({ type: "ping" });
    await c.next("pong");
    await c.close();
  });
});

describe("protocol", () => {
  it("hello gets welcome with the snapshot; a wrong protocol gets incompatible and a close", async () => {
    const c = await connect(base);
    c.send({ type: "hello", protocol: PROTOCOL_VERSION });
    const w = await c.next("welcome");
    expect(w).toMatchObject({
      protocol: PROTOCOL_VERSION,
      allowExternal: false,
      snapshot: { state: "idle" },
    });
    await c.close();
    const old = await connect(base);
    old.send({ type: "hello", protocol: 999 });
    expect(await old.next("incompatible")).toMatchObject({ protocol: PROTOCOL_VERSION });
    await waitFor(() => old.closed);
    expect(old.closed?.code).toBe(CLOSE_INCOMPATIBLE);
  });

  it("bad messages get `rejected` ZMQP_ERR_BAD_MESSAGE and the socket stays usable", async () => {
    const c = await hello();
    const bad = [
      "not json",
      "[]",
      "null",
      JSON.stringify({ type: "nope" }),
      JSON.stringify({ type: "ping", extra: 1 }),
      JSON.stringify({ type: "speed", factor: 1000 }),
      JSON.stringify({ type: "node", node: "", action: "kill" }),
      JSON.stringify({ type: "hello", protocol: "1" }),
    ];
    for (const m of bad) c.send(m);
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await waitFor(() => c.of("rejected").length >= bad.length + 1);
    for (const r of c.of("rejected")) expect(r.code).toBe(ERROR_CODES.BAD_MESSAGE);
    c.send({ type: "ping" });
    await c.next("pong");
    await c.close();
  });

  it("deploy streams batches (at most ~60/s) with counters and real messages; stop ends it", async () => {
    const c = await hello();
    c.send({ type: "deploy", doc: helloGraph(0, 1) });
    expect(await c.next("deployed")).toMatchObject({ deployId: expect.any(Number) });
    const start = Date.now();
    await sleep(1500);
    const batches = c.of("batch");
    const rate = batches.length / ((Date.now() - start) / 1000);
    expect(rate).toBeLessThanOrEqual(65);
    const events = c.events();
    const replies = events.filter(
      (e) => e.type === "message" && e.node === "client" && e.direction === "in",
    );
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0]).toMatchObject({ link: "l1", kind: "reply" });
    expect(events.some((e) => e.type === "counters")).toBe(true);
    c.send({ type: "stop" });
    await waitFor(() => c.events().some((e) => e.type === "runtime" && e.state === "stopped"));
    expect(app.hub.runtime.snapshot().state).toBe("idle");
    await c.close();
  });

  it("an invalid graph is rejected with its diagnostics", async () => {
    const c = await hello();
    c.send({ type: "deploy", doc: helloGraph(99999) });
    const r = await c.next("rejected");
    expect(r.code).toBe(ERROR_CODES.INVALID_GRAPH);
    expect(r.diagnostics?.map((d) => d.code)).toContain(ERROR_CODES.BAD_PORT);
    await c.close();
  });

  it("node actions reach the runtime; a tab that reconnects sees the current state at once", async () => {
    const a = await hello();
    a.send({ type: "deploy", doc: helloGraph(0, 20) });
    await a.next("deployed");
    a.send({ type: "node", node: "server", action: "kill" });
    await waitFor(
      () => app.hub.runtime.snapshot().nodes.server?.state === "killed",
      3000,
      "server killed",
    );
    await a.close();
    const b = await connect(base);
    b.send({ type: "hello", protocol: PROTOCOL_VERSION });
    const w = await b.next("welcome");
    expect(w.snapshot.state).toBe("running");
    expect(w.snapshot.nodes.server?.state).toBe("killed");
    expect(w.snapshot.counters.nodes.client?.sent).toBeGreaterThan(0);
    b.send({ type: "node", node: "server", action: "restart" });
    await waitFor(
      () => app.hub.runtime.snapshot().nodes.server?.state === "running",
      3000,
      "restart",
    );
    b.send({ type: "stop" });
    await waitFor(() => app.hub.runtime.snapshot().state === "idle");
    await b.close();
  });
});

describe("limits (issue 5.7)", () => {
  it("a message over maxPayload closes the socket (1009) instead of being buffered", async () => {
    const c = await hello();
    c.send({ type: "deploy", doc: { description: "x".repeat(700 * 1024) } });
    await waitFor(() => c.closed);
    expect(c.closed?.code).toBe(1009);
  });

  it("a flood is rate limited (ZMQP_ERR_RATE_LIMITED), then the socket is closed", async () => {
    const c = await hello();
    for (let i = 0; i < 500; i++) c.send({ type: "ping" });
    await waitFor(() => c.closed);
    expect(c.of("rejected").some((r) => r.code === ERROR_CODES.RATE_LIMITED)).toBe(true);
    expect(c.of("pong").length).toBeLessThan(100);
    expect(c.closed?.code).toBe(CLOSE_RATE_LIMITED);
    // The gateway itself is fine: a new tab is served.
    const d = await hello();
    d.send({ type: "ping" });
    await d.next("pong");
    await d.close();
  });
});
