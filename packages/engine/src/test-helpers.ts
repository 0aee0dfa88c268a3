/** Helpers for the engine's tests (real sockets; these only build graphs and wait for events). */
import {
  parseGraph,
  type EventOf,
  type GraphDoc,
  type GraphInput,
  type RuntimeEvent,
} from "@zmqp/protocol";
import type { Runtime } from "./api.js";

export function record(rt: Runtime): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  rt.on((e) => events.push(e));
  return events;
}

/** Polls until `check` returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(what: string, check: () => T, ms = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type NodeIn = GraphInput["nodes"][number];

export const node = (
  id: string,
  role: NodeIn["role"],
  sockets: NodeIn["sockets"],
  params: Record<string, unknown> = {},
  extra: Partial<NodeIn> = {},
): NodeIn => ({ id, role, sockets, params, ...extra });

export const link = (id: string, from: string, to: string, endpoint?: string) => {
  const [fn, fs] = from.split(".") as [string, string];
  const [tn, ts] = to.split(".") as [string, string];
  return {
    id,
    from: { node: fn, socket: fs },
    to: { node: tn, socket: ts },
    ...(endpoint ? { endpoint } : {}),
  };
};

/**
 * A document as the runtime takes it: parsed and validated, as the gateway does before deploying
 * (the engine trusts its input). Throws on a document with errors: a test means its graphs.
 */
export function parsed(input: unknown, allowExternal = false): GraphDoc {
  const r = parseGraph(input, { allowExternal });
  if (!r.ok) throw new Error(`invalid test graph: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}

export const graph = (
  nodes: NodeIn[],
  links: GraphInput["links"] = [],
  timeline: GraphInput["timeline"] = [],
): GraphDoc => parsed({ version: 1, nodes, links, timeline });

export function messages(events: RuntimeEvent[], node: string, direction: "in" | "out") {
  return events.filter(
    (e): e is EventOf<"message"> =>
      e.type === "message" && e.node === node && e.direction === direction,
  );
}

export function helloWorld(port: number, clientParams: Record<string, unknown> = {}) {
  return graph(
    [
      node("server", "server", [{ id: "rep", type: "REP", bind: [`tcp://127.0.0.1:${port}`] }]),
      node("client", "client", [{ id: "req", type: "REQ" }], { intervalMs: 50, ...clientParams }),
    ],
    [link("c2s", "client.req", "server.rep")],
  );
}
