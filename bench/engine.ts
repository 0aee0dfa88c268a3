/**
 * The same two cases through the engine: real sockets deployed from a graph document, every
 * message going through the engine's one send and receive paths (counted and correlated: the
 * cases return what the engine's exact counters say). Driven with "Send now" node actions.
 */
import { createRuntime, type Runtime } from "@zmqp/engine";
import { parseGraph, type GraphInput, type RuntimeEvent } from "@zmqp/protocol";
import { Recorder } from "@zmqp/recording";
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

/** What the engine's exact counters say about one case, minus the warm-up message. */
function tally(rt: Runtime, node: string, link: string, direction: "forward" | "backward") {
  const c = rt.counters();
  return {
    counted: (c.nodes[node]?.received ?? 0) - 1,
    // A link counts a receive only when it was matched to its send: correlated.
    correlated: (c.links[link]?.[direction] ?? 0) - 1,
  };
}

/** Resolves once `done()` holds; throws when nothing moved for 5 s (a stall, not a slow machine). */
async function until(done: () => boolean, progress: () => number, what: string): Promise<void> {
  let last = progress();
  let still = Date.now();
  while (!done()) {
    await new Promise((r) => setTimeout(r, 1));
    const now = progress();
    if (now !== last) [last, still] = [now, Date.now()];
    else if (Date.now() - still > 5000) throw new Error(`engine stalled: ${what} ${now}`);
  }
}

async function deployed(doc: GraphInput): Promise<Runtime> {
  // Checked here, as the gateway checks a document before the engine takes it.
  const parsed = parseGraph(doc);
  if (!parsed.ok) throw new Error(`invalid graph: ${JSON.stringify(parsed.diagnostics)}`);
  const rt = createRuntime({});
  await rt.deploy(parsed.doc);
  return rt;
}

/**
 * Ventilator → sink through the engine: messages per second from the first send to the last
 * receive. `window` Send-now actions are in flight at once (1: each awaited before the next).
 * Every message is counted and correlated (the counters say so); with `listen`, a listener also
 * takes every event, as a gateway would (one message event per send and per receive); with
 * `record`, every event also goes into a Recorder, as the gateway records every run.
 */
export async function engineThroughput(
  port: number,
  n: number,
  {
    window = 1,
    listen = false,
    record = false,
  }: { window?: number; listen?: boolean; record?: boolean } = {},
): Promise<EngineCase<Rate>> {
  const rt = await deployed(pipeline(port));
  try {
    let events = 0;
    if (record) {
      const recorder = new Recorder({
        producer: { name: "bench", version: "0" },
        counters: () => rt.counters(),
      });
      rt.on((e: RuntimeEvent) => recorder.push(e));
    }
    if (listen)
      rt.on((e: RuntimeEvent) => {
        if (e.type === "message" && e.direction === "in" && e.node === "sink") events++;
      });
    const received = () => rt.counters().nodes.sink?.received ?? 0;
    // One message first, so connecting is not part of the measurement.
    await rt.nodeAction("vent", "send");
    await until(() => received() >= 1, received, "the sink counted");
    const stop = startClock();
    for (let i = 0; i < n; i += window) {
      const k = Math.min(window, n - i);
      if (k === 1) await rt.nodeAction("vent", "send");
      else await Promise.all(Array.from({ length: k }, () => rt.nodeAction("vent", "send")));
    }
    await until(() => received() >= n + 1, received, `of ${n + 1} messages the sink counted`);
    const value = stop(n);
    const t = tally(rt, "sink", "l", "forward");
    if (listen && events - 1 !== t.counted)
      throw new Error(`${events - 1} message events for ${t.counted} counted receives`);
    return { value, ...t };
  } finally {
    await rt.close();
  }
}

/**
 * Client → server → client through the engine: each round trip in microseconds, from "Send now"
 * to the reply's message event (counted and correlated by then).
 */
export async function engineRoundTrips(port: number, n: number): Promise<EngineCase<number[]>> {
  const rt = await deployed(requestReply(port));
  try {
    let wake: (() => void) | null = null;
    // Stamped in the listener, the moment the engine reports the reply (counted and correlated):
    // as many hops after zeromq's receive as raw's own `await receive()` is.
    let t1 = 0n;
    // A REQ client's activity, from its status events: "waiting" until it has taken its reply.
    let busy = false;
    let ready: (() => void) | null = null;
    rt.on((e: RuntimeEvent) => {
      if (e.type === "status" && e.node === "client") {
        busy = e.status.activity === "waiting";
        if (!busy) ready?.();
      } else if (e.type === "message" && e.direction === "in" && e.node === "client") {
        t1 = process.hrtime.bigint();
        wake?.();
      }
    });
    const idle = () => (busy ? new Promise<void>((res) => (ready = res)) : Promise.resolve());
    const out: number[] = [];
    for (let i = 0; i < n + 1; i++) {
      const t0 = process.hrtime.bigint();
      const reply = new Promise<void>((res) => (wake = res));
      await rt.nodeAction("client", "send");
      await reply;
      if (i > 0) out.push(Number(t1 - t0) / 1e3);
      // The reply's event comes before the client has handled it; a REQ refuses to send again
      // until then, so wait for it (outside the measured time).
      await idle();
    }
    return { value: out, ...tally(rt, "client", "l", "backward") };
  } finally {
    await rt.close();
  }
}
