/**
 * The same two cases through the engine: real sockets deployed from a graph document, every
 * message going through the engine's one send and receive paths (counted, correlated, reported
 * as an event to a listener, as the gateway would listen). Driven with "Send now" node actions.
 */
import { createRuntime, type Runtime } from "@zmqp/engine";
import type { GraphInput, RuntimeEvent } from "@zmqp/protocol";
import { startClock, type Rate } from "./clock.js";

const HWM = 10_000;
const PAYLOAD = "x".repeat(16);

export interface EngineCase<T> {
  value: T;
  /** Messages the engine counted at the receiving node, and how many it matched to their send. */
  counted: number;
  correlated: number;
}

function pipeline(port: number): GraphInput {
  const opts = { sendHighWaterMark: HWM, receiveHighWaterMark: HWM };
  return {
    version: 1,
    nodes: [
      {
        id: "vent",
        role: "ventilator",
        sockets: [{ id: "push", type: "PUSH", options: opts }],
        params: { intervalMs: 0, payload: PAYLOAD },
      },
      {
        id: "sink",
        role: "sink",
        sockets: [{ id: "pull", type: "PULL", bind: [`tcp://127.0.0.1:${port}`], options: opts }],
      },
    ],
    links: [
      { id: "l", from: { node: "vent", socket: "push" }, to: { node: "sink", socket: "pull" } },
    ],
  };
}

function requestReply(port: number): GraphInput {
  return {
    version: 1,
    nodes: [
      {
        id: "client",
        role: "client",
        sockets: [{ id: "req", type: "REQ" }],
        params: { intervalMs: 0, payload: PAYLOAD },
      },
      {
        id: "server",
        role: "server",
        sockets: [{ id: "rep", type: "REP", bind: [`tcp://127.0.0.1:${port}`] }],
        params: { reply: "echo" },
      },
    ],
    links: [
      { id: "l", from: { node: "client", socket: "req" }, to: { node: "server", socket: "rep" } },
    ],
  };
}

/** Deploys, counts `in` messages at `node` with a listener, runs `body`, then closes. */
async function withRuntime<T>(
  doc: GraphInput,
  node: string,
  body: (
    rt: Runtime,
    arrivals: () => Promise<void>,
    seen: () => number,
    idle: () => Promise<void>,
  ) => Promise<T>,
): Promise<EngineCase<T>> {
  const rt = createRuntime({});
  let counted = 0;
  let correlated = 0;
  let wake: (() => void) | null = null;
  // A REQ client's activity, from its status events: "waiting" until it has taken its reply.
  let busy = false;
  let ready: (() => void) | null = null;
  rt.on((e: RuntimeEvent) => {
    if (e.type === "status" && e.node === node) {
      busy = e.status.activity === "waiting";
      if (!busy) ready?.();
    }
    if (e.type !== "message" || e.direction !== "in" || e.node !== node) return;
    counted++;
    if (e.link !== null && !e.external) correlated++;
    wake?.();
  });
  try {
    const r = await rt.deploy(doc);
    if (!r.ok) throw new Error(`deploy failed: ${JSON.stringify(r.diagnostics)}`);
    const arrival = () => new Promise<void>((res) => (wake = res));
    const idle = () => (busy ? new Promise<void>((res) => (ready = res)) : Promise.resolve());
    const value = await body(rt, arrival, () => counted, idle);
    return { value, counted, correlated };
  } finally {
    await rt.close();
  }
}

/**
 * Ventilator → sink through the engine: messages per second from the first send to the last
 * receive. `window` Send-now actions are in flight at once (1: each awaited before the next).
 */
export async function engineThroughput(
  port: number,
  n: number,
  window = 1,
): Promise<EngineCase<Rate>> {
  return withRuntime(pipeline(port), "sink", async (rt, arrival, seen) => {
    // One message first, so connecting is not part of the measurement.
    const first = arrival();
    await rt.nodeAction("vent", "send");
    await first;
    const stop = startClock();
    for (let i = 0; i < n; i += window) {
      const k = Math.min(window, n - i);
      if (k === 1) await rt.nodeAction("vent", "send");
      else await Promise.all(Array.from({ length: k }, () => rt.nodeAction("vent", "send")));
    }
    while (seen() < n + 1) {
      const before = seen();
      let timer: NodeJS.Timeout | undefined;
      const stall = new Promise((r) => (timer = setTimeout(r, 5000)));
      await Promise.race([arrival(), stall]);
      clearTimeout(timer);
      if (seen() === before)
        throw new Error(`engine stalled: the sink counted ${before - 1} of ${n} messages`);
    }
    return stop(n);
  }).then((c) => ({ ...c, counted: c.counted - 1, correlated: c.correlated - 1 }));
}

/** Client → server → client through the engine: each round trip in microseconds. */
export async function engineRoundTrips(port: number, n: number): Promise<EngineCase<number[]>> {
  return withRuntime(requestReply(port), "client", async (rt, arrival, _seen, idle) => {
    const out: number[] = [];
    for (let i = 0; i < n + 1; i++) {
      const t0 = process.hrtime.bigint();
      const reply = arrival();
      await rt.nodeAction("client", "send");
      await reply;
      if (i > 0) out.push(Number(process.hrtime.bigint() - t0) / 1e3);
      // The reply's event comes before the client has handled it; a REQ refuses to send again
      // until then, so wait for it (outside the measured time).
      await idle();
    }
    return out;
  }).then((c) => ({ ...c, counted: c.counted - 1, correlated: c.correlated - 1 }));
}
