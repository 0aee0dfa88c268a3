/** Exact counters per node, socket, peer and link. Never sampled: the UI may drop events, not counts. */
import {
  emptyCounters,
  emptyNodeCounters,
  type Counters,
  type LinkCounters,
  type NodeCounters,
} from "@zmqp/protocol";

type PeerCounters = NodeCounters["peers"][string];

/**
 * The counter objects one socket's messages bump, looked up once and cached by the caller (on the
 * socket entry, or the linked peer): the hot path then counts with no map lookup at all.
 */
export interface SocketRefs {
  version: number;
  node: NodeCounters;
  socket: Counters;
}

/** The same for receives from one linked peer: both nodes' peer counters and the link's. */
export interface PeerRefs {
  version: number;
  inbound: PeerCounters;
  outbound: PeerCounters;
  link: LinkCounters;
}

export class CounterStore {
  private nodes = new Map<string, NodeCounters>();
  private links = new Map<string, LinkCounters>();
  /** Bumped whenever counter objects may be dropped or replaced: cached refs are then stale. */
  private version = 0;

  refs(node: string, socket: string, cached: SocketRefs | undefined): SocketRefs {
    if (cached && cached.version === this.version) return cached;
    return { version: this.version, node: this.node(node), socket: this.socket(node, socket) };
  }

  peerRefs(node: string, fromNode: string, link: string, cached: PeerRefs | undefined): PeerRefs {
    if (cached && cached.version === this.version) return cached;
    return {
      version: this.version,
      inbound: this.peer(node, fromNode),
      outbound: this.peer(fromNode, node),
      link: this.link(link),
    };
  }

  node(id: string): NodeCounters {
    let c = this.nodes.get(id);
    if (!c) {
      c = emptyNodeCounters();
      this.nodes.set(id, c);
    }
    return c;
  }

  private socket(node: string, socket: string) {
    const n = this.node(node);
    return (n.sockets[socket] ??= emptyCounters());
  }

  private peer(node: string, peer: string) {
    const n = this.node(node);
    return (n.peers[peer] ??= { sent: 0, received: 0 });
  }

  link(id: string): LinkCounters {
    let c = this.links.get(id);
    if (!c) {
      c = { forward: 0, backward: 0 };
      this.links.set(id, c);
    }
    return c;
  }

  sent(node: string, socket: string): void {
    this.node(node).sent++;
    this.socket(node, socket).sent++;
  }

  /** A receive; `fromNode` is the matched sender's node, or null for an outside peer. */
  received(
    node: string,
    socket: string,
    fromNode: string | null,
    link: string | null,
    forward: boolean,
  ): void {
    this.node(node).received++;
    this.socket(node, socket).received++;
    this.peer(node, fromNode ?? "external").received++;
    if (fromNode) this.peer(fromNode, node).sent++;
    if (link) {
      const l = this.link(link);
      if (forward) l.forward++;
      else l.backward++;
    }
  }

  /** A message that crossed a link with no receive to count it (raw TCP bytes written). */
  crossed(link: string, forward: boolean): void {
    const l = this.link(link);
    if (forward) l.forward++;
    else l.backward++;
  }

  dropped(node: string, socket: string, reason: string, count = 1): void {
    const n = this.node(node);
    n.dropped += count;
    const left = (n.dropReasons[reason] ?? 0) + count;
    if (left > 0) n.dropReasons[reason] = left;
    else delete n.dropReasons[reason];
    this.socket(node, socket).dropped += count;
  }

  error(node: string, socket?: string): void {
    this.node(node).errors++;
    if (socket) this.socket(node, socket).errors++;
  }

  /** Forgets nodes and links no longer in the document (kept ones keep counting). */
  retain(nodes: Set<string>, links: Set<string>): void {
    this.version++;
    for (const id of this.nodes.keys()) if (!nodes.has(id)) this.nodes.delete(id);
    for (const id of this.links.keys()) if (!links.has(id)) this.links.delete(id);
  }

  reset(): void {
    this.version++;
    this.nodes.clear();
    this.links.clear();
  }

  /** A deep copy, safe to hand out (by hand: structuredClone is slow, and pages poll this). */
  snapshot(): { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> } {
    const nodes: Record<string, NodeCounters> = {};
    for (const [id, n] of this.nodes) {
      const sockets: NodeCounters["sockets"] = {};
      for (const k in n.sockets) sockets[k] = { ...n.sockets[k]! };
      const peers: NodeCounters["peers"] = {};
      for (const k in n.peers) peers[k] = { ...n.peers[k]! };
      nodes[id] = { ...n, dropReasons: { ...n.dropReasons }, peers, sockets };
    }
    const links: Record<string, LinkCounters> = {};
    for (const [id, l] of this.links) links[id] = { ...l };
    return { nodes, links };
  }
}
