/** Issue 5, points 2-4 and 7 on HTTP: token, Host, Origin, JSON-only, no CORS, small bodies. */
import { ERROR_CODES } from "@zmqp/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH, JSON_AUTH, TOKEN, helloGraph, testApp } from "./helpers.js";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("token", () => {
  it("health answers without a token", async () => {
    const res = await app.inject({ url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, version: expect.any(String) });
  });

  it("every other route needs it: 401 with a stable code", async () => {
    for (const [method, url] of [
      ["GET", "/api/runtime"],
      ["GET", "/api/templates"],
      ["GET", "/api/recording"],
      ["GET", "/api/recording/status"],
      ["GET", "/"],
      ["GET", "/ws"],
      ["POST", "/api/stop"],
      ["GET", "/assets/x.js"],
      ["GET", "/no-such-route"],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: { "content-type": "application/json" },
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json()).toMatchObject({ code: ERROR_CODES.UNAUTHORIZED });
    }
  });

  it("a wrong or truncated token is refused", async () => {
    for (const t of [TOKEN.slice(0, -1), `${TOKEN}x`, "", TOKEN.toUpperCase()]) {
      const res = await app.inject({
        url: "/api/runtime",
        headers: { authorization: `Bearer ${t}` },
      });
      expect(res.statusCode).toBe(401);
      expect((await app.inject({ url: `/api/runtime?token=${t}` })).statusCode).toBe(401);
    }
  });

  it("is accepted as a bearer header, ?token= or the page's cookie", async () => {
    expect((await app.inject({ url: "/api/runtime", headers: AUTH })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/runtime?token=${TOKEN}` })).statusCode).toBe(200);
    const page = await app.inject({ url: `/?token=${TOKEN}`, headers: { host: "127.0.0.1:7780" } });
    expect(page.statusCode).toBe(200);
    const cookie = String(page.headers["set-cookie"]);
    expect(cookie).toMatch(/^zmqp_token_7780=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const res = await app.inject({
      url: "/api/runtime",
      headers: { host: "127.0.0.1:7780", cookie: cookie.split(";")[0]! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: "idle" });
  });

  it("serves the page with headers that keep the token from leaking", async () => {
    const page = await app.inject({ url: `/?token=${TOKEN}` });
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["cache-control"]).toBe("no-store");
  });
});

describe("Host and Origin", () => {
  it("a Host that is not a loopback name gets 403, even with the token (DNS rebinding)", async () => {
    for (const host of ["evil.example:7780", "127.0.0.1.nip.io:7780", "192.168.0.10:7780"]) {
      const res = await app.inject({ url: "/api/runtime", headers: { ...AUTH, host } });
      expect(res.statusCode, host).toBe(403);
      expect(res.json()).toMatchObject({ code: ERROR_CODES.FORBIDDEN });
      expect((await app.inject({ url: "/api/health", headers: { host } })).statusCode).toBe(403);
    }
    for (const host of ["127.0.0.1:7780", "localhost:7780", "[::1]:7780"])
      expect(
        (await app.inject({ url: "/api/runtime", headers: { ...AUTH, host } })).statusCode,
      ).toBe(200);
  });

  it("a foreign Origin gets 403 on reads and writes; the gateway's own passes", async () => {
    const host = "127.0.0.1:7780";
    for (const origin of ["https://evil.example", "http://localhost:5173", "null"]) {
      const get = await app.inject({ url: "/api/runtime", headers: { ...AUTH, host, origin } });
      expect(get.statusCode, origin).toBe(403);
      const post = await app.inject({
        method: "POST",
        url: "/api/deploy",
        headers: { ...JSON_AUTH, host, origin },
        payload: helloGraph(),
      });
      expect(post.statusCode).toBe(403);
    }
    const own = await app.inject({
      url: "/api/runtime",
      headers: { ...AUTH, host, origin: "http://127.0.0.1:7780" },
    });
    expect(own.statusCode).toBe(200);
  });

  it("sends no CORS headers, even to a preflight", async () => {
    const res = await app.inject({
      method: "OPTIONS",
      url: "/api/deploy",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.statusCode).toBe(403);
    const own = await app.inject({ url: "/api/runtime", headers: AUTH });
    for (const r of [res, own])
      expect(Object.keys(r.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });
});

describe("mutating routes", () => {
  it("need application/json: a form or text/plain post is refused with 415", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined,
    ]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/stop",
        headers: { ...AUTH, ...(type ? { "content-type": type } : {}) },
        payload: "{}",
      });
      expect(res.statusCode, String(type)).toBe(415);
      expect(res.json()).toMatchObject({ code: ERROR_CODES.BAD_MESSAGE });
    }
    const ok = await app.inject({
      method: "POST",
      url: "/api/stop",
      headers: JSON_AUTH,
      payload: "{}",
    });
    expect(ok.statusCode).toBe(200);
  });

  it("a body over the limit is refused with 413 before any parsing", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/deploy",
      headers: JSON_AUTH,
      payload: JSON.stringify({ version: 1, nodes: [], description: "x".repeat(700 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: ERROR_CODES.LIMIT });
  });

  it("bad JSON is a 400 with a code, not a crash", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/deploy",
      headers: JSON_AUTH,
      payload: "{x",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: ERROR_CODES.BAD_MESSAGE });
  });
});
