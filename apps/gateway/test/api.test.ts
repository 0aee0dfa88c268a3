/** The REST routes with the real engine, and issue 5 point 5: graphs are checked before deploy. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ERROR_CODES, type Diagnostic } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH, JSON_AUTH, deployTo, helloGraph, snapshotOf, testApp, waitFor } from "./helpers.js";

let app: FastifyInstance;
const scenarios = mkdtempSync(join(tmpdir(), "zmqp-scen-"));
writeFileSync(
  join(scenarios, "01-hello.json"),
  JSON.stringify({ ...helloGraph(), title: "Hello", description: "REQ/REP" }),
);
writeFileSync(join(scenarios, "broken.json"), "{not json");

beforeAll(async () => {
  app = await testApp({ scenariosDir: scenarios });
});
afterAll(() => app.close());

const deploy = (doc: unknown) => deployTo(app, doc);
const snapshot = () => snapshotOf(app);

describe("deploy, runtime, stop", () => {
  it("deploys a graph on real sockets; the snapshot shows replies counted; stop frees it", async () => {
    const res = await deploy(helloGraph(0, 20));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, deployId: expect.any(Number), diagnostics: [] });
    const snap = await waitFor(async () => {
      const s = await snapshot();
      return (s.counters.nodes.client?.received ?? 0) >= 3 && s;
    });
    expect(snap.state).toBe("running");
    expect(snap.counters.nodes.server?.received).toBeGreaterThanOrEqual(3);
    const stop = await app.inject({ method: "POST", url: "/api/stop", headers: JSON_AUTH });
    expect(stop.statusCode).toBe(200);
    expect((await snapshot()).state).toBe("idle");
  });

  it("an invalid graph is a 400 ZMQP_ERR_INVALID_GRAPH with its diagnostics, and nothing runs", async () => {
    const bad = helloGraph(99999);
    const res = await deploy(bad);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; diagnostics: Diagnostic[] };
    expect(body.code).toBe(ERROR_CODES.INVALID_GRAPH);
    expect(body.diagnostics.map((d) => d.code)).toContain(ERROR_CODES.BAD_PORT);
    expect((await snapshot()).state).toBe("idle");
  });
});

describe("graph documents are checked before deploy (issue 5.5)", () => {
  const codes = async (doc: unknown) => {
    const res = await deploy(doc);
    expect(res.statusCode).toBe(400);
    return (res.json() as { diagnostics: Diagnostic[] }).diagnostics.map((d) => d.code);
  };
  const g = () => helloGraph(5555) as Record<string, unknown> & ReturnType<typeof helloGraph>;

  it("refuses unknown fields and prototype keys", async () => {
    expect(await codes({ ...g(), extra: 1 })).toEqual([ERROR_CODES.SCHEMA]);
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const text = JSON.stringify(g()).replace(
        '"role":"client"',
        `"role":"client","${key}":{"x":1}`,
      );
      const res = await app.inject({
        method: "POST",
        url: "/api/deploy",
        headers: JSON_AUTH,
        payload: text,
      });
      expect(res.statusCode, key).toBe(400);
      expect(res.json().diagnostics[0]).toMatchObject({
        code: ERROR_CODES.SCHEMA,
        path: `nodes.0.${key}`,
      });
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("refuses socket types outside the allow-list and ports outside 1-65535", async () => {
    const t = g();
    t.nodes[0]!.sockets[0]!.type = "XREQ" as never;
    expect(await codes(t)).toEqual([ERROR_CODES.SCHEMA]);
    expect(await codes(helloGraph(0).nodes.length && helloGraph(70000))).toContain(
      ERROR_CODES.BAD_PORT,
    );
  });

  it("refuses non-loopback binds unless the gateway runs with --allow-external", async () => {
    const t = g();
    t.nodes[1]!.sockets[0]!.bind = ["tcp://0.0.0.0:5555"];
    expect(await codes(t)).toContain(ERROR_CODES.EXTERNAL_BIND);
    const open = await testApp({ allowExternal: true });
    try {
      const res = await deployTo(open, t);
      expect(res.statusCode).toBe(200);
      await waitFor(() => open.hub.runtime.snapshot().nodes.server?.sockets.rep?.bound.length);
      expect(open.hub.runtime.snapshot().nodes.server?.sockets.rep?.bound).toEqual([
        "tcp://0.0.0.0:5555",
      ]);
    } finally {
      await open.close();
    }
  });

  it("confines ipc paths to the sandbox: no .., no absolute paths, no folders", async () => {
    for (const ep of ["ipc://../etc/passwd", "ipc:///tmp/x.sock", "ipc://a/b", "ipc://.."]) {
      const t = g();
      t.nodes[1]!.sockets[0]!.bind = [ep];
      expect(await codes(t), ep).toContain(ERROR_CODES.IPC_PATH);
    }
  });

  it("caps nodes, payload size, send rate and timeline length", async () => {
    const many = g();
    many.nodes = Array.from({ length: 201 }, (_, i) => ({
      id: `n${i}`,
      role: "sink" as const,
      sockets: [{ id: "pull", type: "PULL" as const, bind: [`inproc://n${i}`] }],
    }));
    many.links = [];
    expect(await codes(many)).toContain(ERROR_CODES.SCHEMA);
    const big = g();
    big.nodes[0]!.params = { payload: "x".repeat(70 * 1024) };
    expect(await codes(big)).toContain(ERROR_CODES.BAD_BEHAVIOUR);
    const fast = g();
    fast.nodes[0]!.params = { intervalMs: 0.5 };
    expect(await codes(fast)).toContain(ERROR_CODES.BAD_BEHAVIOUR);
    const long = g();
    long.timeline = Array.from({ length: 501 }, (_, i) => ({
      atMs: i,
      action: "send" as const,
      node: "client",
    }));
    expect(await codes(long)).toContain(ERROR_CODES.SCHEMA);
  });
});

describe("templates", () => {
  it("lists the scenario files with title and description, skipping broken ones", async () => {
    const res = await app.inject({ url: "/api/templates", headers: AUTH });
    expect(res.json()).toEqual([{ name: "01-hello", title: "Hello", description: "REQ/REP" }]);
  });

  it("serves one by name; names outside [a-z0-9-] or unknown are refused", async () => {
    const one = await app.inject({ url: "/api/templates/01-hello", headers: AUTH });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ title: "Hello", version: 1 });
    for (const name of ["..%2F..%2Fpackage", "Hello", "a.b"]) {
      const res = await app.inject({ url: `/api/templates/${name}`, headers: AUTH });
      expect(res.statusCode, name).toBe(400);
      expect(res.json()).toMatchObject({ code: ERROR_CODES.BAD_MESSAGE });
    }
    // The router resolves dot segments itself: whichever route it lands on, no file leaks.
    for (const name of ["%2e%2e", "..", "../../package.json"]) {
      const res = await app.inject({ url: `/api/templates/${name}`, headers: AUTH });
      expect([400, 404], name).toContain(res.statusCode);
    }
    const missing = await app.inject({ url: "/api/templates/nope", headers: AUTH });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: ERROR_CODES.NOT_FOUND });
  });

  it("the real scenarios folder lists the hello-world template", async () => {
    const real = await testApp();
    try {
      const list = (await real.inject({ url: "/api/templates", headers: AUTH })).json() as {
        name: string;
        title: unknown;
      }[];
      expect(list.map((t) => t.name)).toContain("01-hello-world");
      // Titles come in both languages, for the page to pick the reader's.
      expect(list.find((t) => t.name === "01-hello-world")?.title).toEqual({
        en: expect.stringMatching(/^01 · Hello world/),
        "zh-TW": expect.stringMatching(/^01 · /),
      });
    } finally {
      await real.close();
    }
  });
});
