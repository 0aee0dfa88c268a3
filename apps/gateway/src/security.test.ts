import { describe, expect, it } from "vitest";
import {
  cookieName,
  hostAllowed,
  newToken,
  originAllowed,
  readCookie,
  tokenMatches,
} from "./security.js";

describe("token", () => {
  it("is random per call and long enough to guess never", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });
  it("matches only itself, whatever the candidate's length", () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    for (const bad of ["", t.slice(1), `${t}x`, t.toUpperCase(), "x".repeat(10_000), undefined])
      expect(tokenMatches(t, bad)).toBe(false);
  });
});

describe("Host check (DNS rebinding)", () => {
  it("accepts loopback names with or without a port", () => {
    for (const h of ["127.0.0.1:7780", "localhost:7780", "[::1]:7780", "localhost", "LOCALHOST:1"])
      expect(hostAllowed(h)).toBe(true);
  });
  it("refuses any other name, including ones resolving to loopback", () => {
    for (const h of [
      undefined,
      "",
      "evil.example:7780",
      "127.0.0.1.nip.io:7780",
      "localhost.evil.com",
      "192.168.1.4:7780",
      "user@localhost:7780",
      "localhost:7780/x",
    ])
      expect(hostAllowed(h)).toBe(false);
  });
  it("with --allow-external on one address, accepts that IP literal but still no names", () => {
    const policy = { externalHost: "10.0.0.5" };
    expect(hostAllowed("10.0.0.5:7780", policy)).toBe(true);
    expect(hostAllowed("10.0.0.6:7780", policy)).toBe(false);
    expect(hostAllowed("attacker.example:7780", policy)).toBe(false);
    expect(hostAllowed("10.9.9.9:7780", { externalHost: "0.0.0.0" })).toBe(true);
    expect(hostAllowed("rebind.example:7780", { externalHost: "0.0.0.0" })).toBe(false);
  });
});

describe("Origin check", () => {
  it("accepts the gateway's own origin only (same port, http, loopback)", () => {
    expect(originAllowed("http://127.0.0.1:7780", "127.0.0.1:7780")).toBe(true);
    expect(originAllowed("http://localhost:7780", "127.0.0.1:7780")).toBe(true);
    expect(originAllowed("http://localhost:5173", "127.0.0.1:7780")).toBe(false);
    expect(originAllowed("https://evil.example", "127.0.0.1:7780")).toBe(false);
    expect(originAllowed("null", "127.0.0.1:7780")).toBe(false);
    expect(originAllowed("http://127.0.0.1:7780/x", "127.0.0.1:7780")).toBe(false);
  });
  it("accepts an origin listed on purpose (a dev server)", () => {
    expect(
      originAllowed("http://localhost:5173", "127.0.0.1:7780", {}, ["http://localhost:5173"]),
    ).toBe(true);
  });
});

describe("cookie", () => {
  it("is named per port, since browsers share cookies across a host's ports", () => {
    expect(cookieName("127.0.0.1:7780")).toBe("zmqp_token_7780");
    expect(cookieName("localhost:7781")).toBe("zmqp_token_7781");
  });
  it("reads one cookie and survives malformed values", () => {
    expect(readCookie("a=1; zmqp_token_7780=abc; b=2", "zmqp_token_7780")).toBe("abc");
    expect(readCookie("zmqp_token_7780=%E0%A4%A", "zmqp_token_7780")).toBeUndefined();
    expect(readCookie(undefined, "x")).toBeUndefined();
  });
});
