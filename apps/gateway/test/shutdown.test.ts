/**
 * SIGTERM/SIGINT with tabs open, one reading and one stalled: every tab is told 1001, the process
 * exits 0 within 2 s, and its ipc sandbox is gone. Stop alone removes the ipc files it made.
 * The real `zmqp serve` bin, a real graph on ipc and tcp, real WebSockets.
 */
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROTOCOL_VERSION, type GraphInput } from "@zmqp/protocol";
import { afterEach, expect, it } from "vitest";
import { connect, waitFor } from "./helpers.js";
import { killLeftovers, zmqp, type Zmqp } from "./spawn.js";

const TOKEN = "shutdown-test-token";
afterEach(killLeftovers);

async function started(p: Zmqp): Promise<void> {
  await waitFor(
    () => /ZeroMQ Playground: \S+/.test(p.stdout()) || p.child.exitCode !== null,
    15_000,
    "the URL line",
  );
  if (p.child.exitCode !== null) throw new Error(`serve exited: ${p.stderr()}`);
}

/** A pipeline on ipc (a file in the sandbox) at 1 ms: the stalled tab's backlog fills fast. */
const ipcGraph: GraphInput = {
  version: 1,
  nodes: [
    {
      id: "vent",
      role: "ventilator",
      sockets: [{ id: "push", type: "PUSH", bind: ["ipc://tasks"] }],
      params: { intervalMs: 1 },
    },
    { id: "sink", role: "sink", sockets: [{ id: "pull", type: "PULL" }] },
  ],
  links: [
    { id: "l", from: { node: "sink", socket: "pull" }, to: { node: "vent", socket: "push" } },
  ],
};

const sandboxes = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("zmqp-ipc-"));

async function tabs(port: number) {
  const reading = await connect(`http://127.0.0.1:${port}`, { token: TOKEN });
  reading.send({ type: "hello", protocol: PROTOCOL_VERSION });
  await reading.next("welcome");
  const stalled = await connect(`http://127.0.0.1:${port}`, { token: TOKEN });
  stalled.send({ type: "hello", protocol: PROTOCOL_VERSION });
  await stalled.next("welcome");
  return { reading, stalled };
}

for (const [signal, port] of [
  ["SIGTERM", 7791],
  ["SIGINT", 7792],
] as const) {
  it(`${signal} with a reading and a stalled tab: 1001, exit 0 in under 2 s, no sandbox left`, async () => {
    const tmp = mkdtempSync(join(tmpdir(), "zmqp-shutdown-"));
    const p = zmqp(["serve", "--port", String(port)], { ZMQP_TOKEN: TOKEN, TMPDIR: tmp });
    await started(p);
    const { reading, stalled } = await tabs(port);
    reading.send({ type: "deploy", doc: ipcGraph });
    await reading.next("deployed");
    const [box] = sandboxes(tmp);
    expect(box).toBeDefined();
    await waitFor(() => existsSync(join(tmp, box!, "tasks")), 5000, "the ipc file");
    (stalled.ws as unknown as { _socket: Socket })._socket.pause();
    await waitFor(() => reading.events().some((e) => e.type === "message"), 5000, "traffic");

    const t0 = Date.now();
    p.child.kill(signal);
    const r = await p.done;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.code).toBe(0);
    await waitFor(() => reading.closed, 1000, "the reading tab closed");
    expect(reading.closed!.code).toBe(1001);
    expect(sandboxes(tmp)).toEqual([]);
  });
}

it("Stop removes the ipc files the graph made", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "zmqp-shutdown-"));
  const p = zmqp(["serve", "--port", "7793"], { ZMQP_TOKEN: TOKEN, TMPDIR: tmp });
  await started(p);
  const { reading, stalled } = await tabs(7793);
  reading.send({ type: "deploy", doc: ipcGraph });
  await reading.next("deployed");
  const [box] = sandboxes(tmp);
  await waitFor(() => existsSync(join(tmp, box!, "tasks")), 5000, "the ipc file");
  reading.send({ type: "stop" });
  await waitFor(() => readdirSync(join(tmp, box!)).length === 0, 5000, "an empty sandbox");
  await stalled.close();
  p.child.kill("SIGTERM");
  expect((await p.done).code).toBe(0);
});
