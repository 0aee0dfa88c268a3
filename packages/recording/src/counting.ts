/** The counting rules a recording shares with the engine's CounterStore, on plain objects. */
import {
  emptyCounters,
  emptyNodeCounters,
  type LinkCounters,
  type NodeCounters,
} from "@zmqp/protocol";
import type { MessageShape } from "./tally.js";

export interface Counted {
  nodes: Record<string, NodeCounters>;
  links: Record<string, LinkCounters>;
}

/** What one message adds: the same sums as the engine's CounterStore.sent / .received. */
export function countMessage(c: Counted, m: MessageShape, times: number): void {
  const n = node(c, m.node);
  const sock = socket(n, m.socket);
  if (m.direction === "out") {
    n.sent += times;
    sock.sent += times;
    return;
  }
  n.received += times;
  sock.received += times;
  const fromNode = m.from?.node ?? null;
  peer(n, fromNode ?? "external").received += times;
  if (fromNode) peer(node(c, fromNode), m.node).sent += times;
  if (m.link) {
    const l = (c.links[m.link] ??= { forward: 0, backward: 0 });
    if (m.linkDirection === "forward") l.forward += times;
    else l.backward += times;
  }
}

export function node(c: Counted, id: string): NodeCounters {
  return (c.nodes[id] ??= emptyNodeCounters());
}

export function socket(n: NodeCounters, id: string) {
  return (n.sockets[id] ??= emptyCounters());
}

function peer(n: NodeCounters, id: string) {
  return (n.peers[id] ??= { sent: 0, received: 0 });
}
