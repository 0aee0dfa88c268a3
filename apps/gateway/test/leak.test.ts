/** Issue 5 point 11: 1000 deploy/stop cycles through the gateway leak no file descriptors or sockets. */
import { readdirSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { JSON_AUTH, helloGraph, testApp } from "./helpers.js";

/** Open descriptors of this process, and how many of them are sockets. */
function fdKinds(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const k = readlinkSync(`/proc/self/fd/${fd}`).replace(/\[\d+\]|\/.*$/g, "");
      out[k] = (out[k] ?? 0) + 1;
    } catch {
      // gone
    }
  }
  return out;
}

function fds(): { all: number; sockets: number } {
  let all = 0;
  let sockets = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      all++;
      if (target.startsWith("socket:")) sockets++;
    } catch {
      // closed while we listed (readdir's own descriptor)
    }
  }
  return { all, sockets };
}

/**
 * Waits until the count stops falling (libzmq closes descriptors on its reaper thread, a moment
 * after close), without forcing a GC: closed sockets must free their descriptors by themselves.
 */
async function settle(): Promise<void> {
  let last = fds().all;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = fds().all;
    if (now >= last && i >= 2) return;
    last = now;
  }
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const post = (url: string, doc: unknown = {}) =>
  app.inject({ method: "POST", url, headers: JSON_AUTH, payload: JSON.stringify(doc) });

it("1000 deploy/stop cycles on tcp leave the descriptor and socket counts where they were", async () => {
  const doc = helloGraph(5620, 1);
  const cycle = async () => {
    expect((await post("/api/deploy", doc)).statusCode).toBe(200);
    expect((await post("/api/stop")).statusCode).toBe(200);
  };
  for (let i = 0; i < 20; i++) await cycle(); // warm-up: zeromq's context threads and pipes
  await settle();
  const before = fds();
  const kindsBefore = fdKinds();
  const t0 = Date.now();
  for (let i = 0; i < 1000; i++) await cycle();
  const beforeGc = fdKinds();
  await settle();
  const after = fds();
  console.log(
    `before ${JSON.stringify(kindsBefore)}, after the cycles ${JSON.stringify(beforeGc)}, settled ${JSON.stringify(fdKinds())}`,
  );
  const perCycle = (Date.now() - t0) / 1000;
  console.log(
    `1000 cycles, ${perCycle.toFixed(1)} ms each; fds ${before.all} -> ${after.all}, sockets ${before.sockets} -> ${after.sockets}`,
  );
  expect(after.sockets).toBeLessThanOrEqual(before.sockets);
  expect(after.all).toBeLessThanOrEqual(before.all + 2);
  expect(app.hub.runtime.snapshot().state).toBe("idle");
  const free = await new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(5620, "127.0.0.1", () => s.close(() => resolve(true)));
  });
  expect(free).toBe(true);
}, 60_000);
