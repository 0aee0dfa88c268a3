/**
 * The running document, indexed: nodes by id, links by id and by the sockets at their ends, the
 * address each link dials, which sockets get a readable routing id. Built once per deploy (a
 * document is never mutated), so every lookup while running is a map read, not a scan.
 *
 * Beside the index, what a person did to the links, which outlives a deploy for the links still
 * there: cuts, added latency, and the wire inspector's routes (a watched link dials its relay).
 */
import path from "node:path";
import {
  connectAddressFor,
  type GraphDoc,
  type GraphLink,
  type GraphNode,
  type GraphSocket,
} from "@zmqp/protocol";
import { socketKey } from "./sockets/registry.js";

const NONE: readonly GraphLink[] = Object.freeze([]);

/** ipc:// names live in the sandbox folder; tcp and inproc are used as written. */
export function resolveAddress(ipcDir: string, raw: string): string {
  if (!raw.startsWith("ipc://")) return raw;
  return `ipc://${path.join(ipcDir, raw.slice("ipc://".length))}`;
}

export class Topology {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly links = new Map<string, GraphLink>();
  private readonly sockets = new Map<string, GraphSocket>();
  /** Links whose connecting end is this socket (`node/socket`). */
  private readonly dialing = new Map<string, GraphLink[]>();
  /** Links with either end on this socket. */
  private readonly touching = new Map<string, GraphLink[]>();
  /** The address each link's connecting socket dials when not routed (null: nothing bound). */
  private readonly addresses = new Map<string, string | null>();
  /** Sockets with a ROUTER across one of their links: they get a readable routing id. */
  private readonly routed = new Set<string>();

  /** Cut links: their connecting socket is really disconnected. */
  readonly cut: Set<string>;
  /** Link id → added latency, ms. */
  readonly latency: Map<string, number>;
  /** Watched links (wire inspector): link id → the relay address their connecting socket dials. */
  readonly routes: Map<string, string>;

  /** `carried`: the topology this one replaces; its link controls stay for links still here. */
  constructor(
    readonly doc: GraphDoc | null,
    readonly ipcDir: string,
    carried?: Topology,
  ) {
    for (const n of doc?.nodes ?? []) {
      this.nodes.set(n.id, n);
      for (const s of n.sockets) this.sockets.set(socketKey(n.id, s.id), s);
    }
    for (const l of doc?.links ?? []) {
      const from = socketKey(l.from.node, l.from.socket);
      const to = socketKey(l.to.node, l.to.socket);
      this.links.set(l.id, l);
      push(this.dialing, from, l);
      push(this.touching, from, l);
      if (to !== from) push(this.touching, to, l);
      const raw = l.endpoint ?? this.sockets.get(to)?.bind[0];
      this.addresses.set(l.id, raw ? connectAddressFor(resolveAddress(ipcDir, raw)) : null);
      if (this.sockets.get(to)?.type === "ROUTER") this.routed.add(from);
      if (this.sockets.get(from)?.type === "ROUTER") this.routed.add(to);
    }
    const keep = <V>(m: Map<string, V> | undefined) =>
      new Map([...(m ?? [])].filter(([id]) => this.links.has(id)));
    this.cut = new Set([...(carried?.cut ?? [])].filter((id) => this.links.has(id)));
    this.latency = keep(carried?.latency);
    this.routes = keep(carried?.routes);
  }

  get running(): boolean {
    return this.doc !== null;
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  link(id: string): GraphLink | undefined {
    return this.links.get(id);
  }

  socket(node: string, socket: string): GraphSocket | undefined {
    return this.sockets.get(socketKey(node, socket));
  }

  nodeIds(): Set<string> {
    return new Set(this.nodes.keys());
  }

  linkIds(): Set<string> {
    return new Set(this.links.keys());
  }

  /** Links this socket dials (it is their `from` end). */
  dials(node: string, socket: string): readonly GraphLink[] {
    return this.dialing.get(socketKey(node, socket)) ?? NONE;
  }

  /** Links with an end on this socket. */
  linksAt(node: string, socket: string): readonly GraphLink[] {
    return this.touching.get(socketKey(node, socket)) ?? NONE;
  }

  /** A readable routing id (`node.socket`) in the envelope when a ROUTER is across a link. */
  wantsRoutingId(node: string, socket: string): boolean {
    return this.routed.has(socketKey(node, socket));
  }

  /**
   * The address a link's connecting socket dials: its endpoint, or the bound socket's first; the
   * inspector's relay while the link is watched, unless `real` is asked for.
   */
  address(linkId: string, real = false): string | null {
    return (real ? undefined : this.routes.get(linkId)) ?? this.addresses.get(linkId) ?? null;
  }

  /** The links a socket dials now (not cut), with the address each one dials. */
  dialable(node: string, socket: string): { link: string; address: string }[] {
    const out: { link: string; address: string }[] = [];
    for (const l of this.dials(node, socket)) {
      if (this.cut.has(l.id)) continue;
      const address = this.address(l.id);
      if (address) out.push({ link: l.id, address });
    }
    return out;
  }

  /** The correlator's view: each link as the socket keys at its two ends. */
  socketPairs(): { id: string; from: string; to: string }[] {
    return [...this.links.values()].map((l) => ({
      id: l.id,
      from: socketKey(l.from.node, l.from.socket),
      to: socketKey(l.to.node, l.to.socket),
    }));
  }

  latencyOf(link: string | null): number {
    return link ? (this.latency.get(link) ?? 0) : 0;
  }

  setLatency(link: string, ms: number | undefined) {
    if (ms === undefined) return;
    if (ms > 0) this.latency.set(link, ms);
    else this.latency.delete(link);
  }
}

function push(m: Map<string, GraphLink[]>, key: string, l: GraphLink) {
  const list = m.get(key);
  if (list) list.push(l);
  else m.set(key, [l]);
}
