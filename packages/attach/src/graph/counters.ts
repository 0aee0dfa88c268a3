/** Exact per-node counters of an observed system, in the engine's shape (`NodeCounters`). */
import { emptyNodeCounters, type NodeCounters } from "@zmqp/protocol";

export class NodeCounterBook {
  private nodes = new Map<string, NodeCounters>();

  add(node: string): void {
    if (!this.nodes.has(node)) this.nodes.set(node, emptyNodeCounters());
  }

  remove(node: string): void {
    this.nodes.delete(node);
  }

  /** One message sent or received by `node`'s `socket`, to or from `peer`. */
  count(node: string, socket: string, peer: string, what: "sent" | "received"): void {
    const c = this.nodes.get(node);
    if (!c) return;
    c[what]++;
    const s = (c.sockets[socket] ??= { sent: 0, received: 0, dropped: 0, errors: 0 });
    s[what]++;
    const p = (c.peers[peer] ??= { sent: 0, received: 0 });
    p[what]++;
  }

  /** A copy: the event must not change under the page when more messages are counted. */
  snapshot(): Record<string, NodeCounters> {
    const out: Record<string, NodeCounters> = {};
    for (const [id, c] of this.nodes) out[id] = structuredClone(c);
    return out;
  }
}
