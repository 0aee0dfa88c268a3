/**
 * The soak's graph: every pattern at once on real tcp sockets. Each sending socket has exactly one
 * link, so its sends belong to that link and the link's accounts can reconcile exactly.
 * - pipeline: ventilator → worker → sink (driven by Send now)
 * - pub-sub: publisher → subscriber (driven by Send now)
 * - request-reply: two REQ clients → two REP servers (lock-step, every millisecond)
 */
import type { GraphInput } from "@zmqp/protocol";

export const SOAK_PORT_BASE = 17400;

export function soakGraph(base = SOAK_PORT_BASE): GraphInput {
  const tcp = (n: number) => `tcp://127.0.0.1:${base + n}`;
  const hwm = { sendHighWaterMark: 10_000, receiveHighWaterMark: 10_000 };
  return {
    version: 1,
    nodes: [
      {
        id: "vent",
        role: "ventilator",
        sockets: [{ id: "push", type: "PUSH", bind: [tcp(0)], options: hwm }],
        params: { intervalMs: 0, payload: "task {n}" },
      },
      {
        id: "worker",
        role: "worker",
        sockets: [
          { id: "pull", type: "PULL", options: hwm },
          { id: "push", type: "PUSH", options: hwm },
        ],
      },
      {
        id: "sink",
        role: "sink",
        sockets: [{ id: "pull", type: "PULL", bind: [tcp(1)], options: hwm }],
      },
      {
        id: "pub",
        role: "publisher",
        sockets: [{ id: "pub", type: "PUB", bind: [tcp(2)], options: hwm }],
        params: { intervalMs: 0, topics: ["quotes"], payload: "{topic} {n}" },
      },
      {
        id: "sub",
        role: "subscriber",
        sockets: [{ id: "sub", type: "SUB", options: hwm }],
        params: { topics: ["quotes"] },
      },
      ...[1, 2].flatMap((i) => [
        {
          id: `client-${i}`,
          role: "client" as const,
          sockets: [{ id: "req", type: "REQ" as const }],
          params: { intervalMs: 1, payload: `c${i} {n}`, timeoutMs: 3000, lazyPirate: true },
        },
        {
          id: `server-${i}`,
          role: "server" as const,
          sockets: [{ id: "rep", type: "REP" as const, bind: [tcp(2 + i)] }],
          params: { reply: "echo" },
        },
      ]),
    ],
    links: [
      {
        id: "vent-worker",
        from: { node: "worker", socket: "pull" },
        to: { node: "vent", socket: "push" },
      },
      {
        id: "worker-sink",
        from: { node: "worker", socket: "push" },
        to: { node: "sink", socket: "pull" },
      },
      { id: "pub-sub", from: { node: "sub", socket: "sub" }, to: { node: "pub", socket: "pub" } },
      ...[1, 2].map((i) => ({
        id: `client-${i}`,
        from: { node: `client-${i}`, socket: "req" },
        to: { node: `server-${i}`, socket: "rep" },
      })),
    ],
  };
}

/** The nodes the soak drives with Send now, and each one's share of the rate. */
export const DRIVEN = [
  { node: "vent", share: 0.5 },
  { node: "pub", share: 0.5 },
] as const;
