/**
 * `pnpm bench:connections`: 1000 TCP connections in 10 s to a port a graph binds, while
 * /api/health is asked every 20 ms. Each accept and disconnect makes the engine find out who is
 * outside (engine/outside-table.ts); that must never hold the gateway's event loop, so health
 * stays fast. Prints p50/p99/max of /api/health with and without the connections, and fails
 * (exit 1) when p99 under load is 100 ms or more. The gateway is a child process (bin/zmqp.mjs).
 */
import net from "node:net";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { Gateway } from "./ui/gateway.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    port: { type: "string", default: "7795" },
  },
});
const total = Number(values.connections);
const seconds = Number(values.seconds);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BOUND = 17600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

/** /api/health every 20 ms until `until` resolves: each answer's latency in ms. */
async function pollHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.then(() => (done = true));
  const out: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    await sleep(20);
  }
  return out;
}

const gw = new Gateway(ROOT, Number(values.port), "bench-connections-token-0123");
await gw.start();
try {
  await gw.deploy({
    version: 1,
    nodes: [
      {
        id: "server",
        role: "server",
        sockets: [{ id: "rep", type: "REP", bind: [`tcp://127.0.0.1:${BOUND}`] }],
      },
    ],
    links: [],
  });
  const idle = await pollHealth(gw.url, sleep(3000));

  const sockets: net.Socket[] = [];
  const opening = (async () => {
    const every = (seconds * 1000) / total;
    const t0 = Date.now();
    for (let i = 0; i < total; i++) {
      const s = net.createConnection(BOUND, "127.0.0.1");
      s.on("error", () => undefined);
      sockets.push(s);
      await sleep(Math.max(0, t0 + (i + 1) * every - Date.now()));
    }
    await sleep(1000);
    for (const s of sockets) s.destroy();
    await sleep(2000); // the disconnects' scans
  })();
  const loaded = await pollHealth(gw.url, opening);
  const cpu = gw.cpuSeconds();
  const row = (name: string, xs: number[]) =>
    `${name}: ${xs.length} requests, p50 ${pct(xs, 50)} ms, p99 ${pct(xs, 99)} ms, max ${pct(xs, 100)} ms`;
  console.log(row("/api/health, no connections", idle));
  console.log(row(`/api/health, ${total} connections in ${seconds} s then closed`, loaded));
  if (cpu !== null) console.log(`gateway CPU over the whole run: ${cpu.toFixed(2)} s`);
  const p99 = pct(loaded, 99);
  console.log(p99 < 100 ? "PASS: p99 < 100 ms" : `FAIL: p99 ${p99} ms >= 100 ms`);
  process.exitCode = p99 < 100 ? 0 : 1;
} finally {
  await gw.stop();
}
