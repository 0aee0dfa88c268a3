/** `zmqp serve` as a child process: issue 5 point 1 (loopback by default) and 9 (signals, < 2 s). */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { PROTOCOL_VERSION } from "@zmqp/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { connect, helloGraph, waitFor } from "./helpers.js";
import { killLeftovers, zmqp, type Zmqp } from "./spawn.js";

const TOKEN = "serve-test-token";

/** Listening tcp sockets on `port`, as "addr" hex from /proc/net/tcp{,6} (0100007F = 127.0.0.1). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const out: string[] = [];
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(f, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [addr, p] = (cols[1] ?? "").split(":");
      if (p === hexPort && cols[3] === "0A") out.push(addr!);
    }
  }
  return out;
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/** GET with a chosen Host header (fetch silently drops it). Resolves the status code. */
const statusWithHost = (url: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });

async function started(p: Zmqp): Promise<string> {
  const line = await waitFor(
    () =>
      /ZeroMQ Playground: (\S+)/.exec(p.stdout())?.[1] ??
      (p.child.exitCode !== null ? "exited" : null),
    15_000,
    "the URL line",
  );
  if (line === "exited") throw new Error(`serve exited: ${p.stderr()}`);
  return line;
}

afterEach(killLeftovers);

describe("zmqp serve", () => {
  it("listens on 127.0.0.1:7780 only and prints the URL with the token", async () => {
    const p = zmqp(["serve", "--open"], { ZMQP_TOKEN: TOKEN, PATH: "/nonexistent" });
    const url = await started(p);
    expect(url).toBe(`http://127.0.0.1:7780/?token=${TOKEN}`);
    expect(listeners(7780)).toEqual(["0100007F"]);
    const health = await fetch("http://127.0.0.1:7780/api/health");
    expect(await health.json()).toMatchObject({ ok: true });
    expect((await fetch("http://127.0.0.1:7780/api/runtime")).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:7780/api/runtime?token=${TOKEN}`)).status).toBe(200);
    p.child.kill("SIGTERM");
    expect((await p.done).code).toBe(0);
  });

  it("refuses a non-loopback --host without --allow-external, and warns with it", async () => {
    const refused = await zmqp(["serve", "--host", "0.0.0.0", "--port", "7781"]).done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^zmqp: refusing to listen on 0\.0\.0\.0.*--allow-external/);
    expect(listeners(7781)).toEqual([]);

    const p = zmqp(["serve", "--host", "0.0.0.0", "--port", "7781", "--allow-external"], {
      ZMQP_TOKEN: TOKEN,
    });
    await started(p);
    expect(p.stderr()).toMatch(/WARNING: listening on 0\.0\.0\.0\. Anyone who can reach/);
    expect(listeners(7781)).toEqual(["00000000"]);
    // Reached by an IP literal (not a name: DNS rebinding needs a name) it answers; a name gets 403.
    const url = `http://127.0.0.1:7781/api/runtime?token=${TOKEN}`;
    expect(await statusWithHost(url, "10.1.2.3:7781")).toBe(200);
    expect(await statusWithHost(url, "evil.example:7781")).toBe(403);
    p.child.kill("SIGINT");
    expect((await p.done).code).toBe(0);
  });

  it("a port already in use is one line, not a stack trace", async () => {
    const blocker = createServer().listen(7782, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const r = await zmqp(["serve", "--port", "7782"]).done;
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^zmqp: port 7782 is already in use/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} with a running graph and an open tab: exits within 2 s, every port freed`, async () => {
      const p = zmqp(["serve", "--port", "7783"], { ZMQP_TOKEN: TOKEN });
      await started(p);
      const tab = await connect("http://127.0.0.1:7783", { token: TOKEN });
      tab.send({ type: "hello", protocol: PROTOCOL_VERSION });
      await tab.next("welcome");
      tab.send({ type: "deploy", doc: helloGraph(5555, 20) });
      await tab.next("deployed");
      await waitFor(() => tab.events().some((e) => e.type === "message" && e.direction === "in"));
      expect(await portFree(5555)).toBe(false);
      const t0 = Date.now();
      p.child.kill(signal);
      const r = await p.done;
      const took = Date.now() - t0;
      expect(took).toBeLessThan(2000);
      expect(r.code).toBe(0);
      await waitFor(() => tab.closed, 1000, "the tab to be closed");
      expect(await portFree(5555)).toBe(true);
      expect(await portFree(7783)).toBe(true);
    });
  }
});
