/**
 * The nodes, sockets and links of an observed system, kept as the capture finds them: a node per
 * process (or per address without process information), a socket per bound or connecting port, a
 * link per TCP connection. Closed links are kept up to a cap so the page can still show them; the
 * oldest go first, with the sockets and nodes they leave with nothing.
 */
import type { ObservedGraph, ObservedLink, ObservedNode, ObservedSocket } from "@zmqp/protocol";
import type { TcpConnection } from "../tcp/tracker.js";
import { labelFor, nodeIdFor, tcpAddress, type Owner } from "./owners.js";

export type Ref = { node: ObservedNode; socket: ObservedSocket };

export class ObservedStore<L extends { link: ObservedLink }> {
  readonly nodes = new Map<string, ObservedNode>();
  /** Links by the capture's connection id. */
  readonly links = new Map<number, L>();
  private linkIds = new Set<string>();

  /** The node and socket at one end of a connection, made on first sight. */
  ensure(
    owner: Owner,
    end: TcpConnection["client"],
    side: "bind" | "connect",
  ): Ref & { added: boolean } {
    const id = nodeIdFor(owner, end);
    let node = this.nodes.get(id);
    const added = !node;
    if (!node) {
      node = {
        id,
        label: labelFor(owner, end),
        host: end.ip,
        sockets: [],
        ...(owner.process ? { process: { ...owner.process } } : {}),
      };
      this.nodes.set(id, node);
    }
    const sid = `${side === "bind" ? "bind" : "conn"}-${end.port}`;
    let socket = node.sockets.find((s) => s.id === sid);
    if (!socket) {
      socket = { id: sid, type: null, side, endpoint: tcpAddress(end), subscriptions: [], open: 0 };
      node.sockets.push(socket);
    }
    return { node, socket, added };
  }

  /** A link id unique in this capture: the two ports, and the connection id if ports were reused. */
  linkId(conn: TcpConnection): string {
    let id = `l${conn.client.port}-${conn.server.port}`;
    if (this.linkIds.has(id)) id = `${id}-${conn.id}`;
    this.linkIds.add(id);
    return id;
  }

  ref(r: { node: string; socket: string }): Ref | null {
    const node = this.nodes.get(r.node);
    const socket = node?.sockets.find((s) => s.id === r.socket);
    return node && socket ? { node, socket } : null;
  }

  open(): L[] {
    return [...this.links.values()].filter((l) => l.link.state === "open");
  }

  /** Forgets the oldest closed links beyond `max`; returns the ids of the nodes left with nothing. */
  evict(max: number): string[] {
    const removed: string[] = [];
    const closed = [...this.links.entries()].filter(([, l]) => l.link.state === "closed");
    for (const [conn, st] of closed.slice(0, Math.max(0, closed.length - max))) {
      this.links.delete(conn);
      for (const r of [st.link.from, st.link.to]) {
        const node = this.nodes.get(r.node);
        if (!node) continue;
        const used = [...this.links.values()].some(
          (l) =>
            (l.link.from.node === r.node && l.link.from.socket === r.socket) ||
            (l.link.to.node === r.node && l.link.to.socket === r.socket),
        );
        if (!used) node.sockets = node.sockets.filter((s) => s.id !== r.socket);
        if (node.sockets.length === 0) {
          this.nodes.delete(node.id);
          removed.push(node.id);
        }
      }
    }
    return removed;
  }

  /** A copy of the graph as seen so far. */
  graph(source: ObservedGraph["source"]): ObservedGraph {
    return {
      source: { ...source },
      nodes: [...this.nodes.values()].map((n) => ({
        ...n,
        ...(n.process ? { process: { ...n.process } } : {}),
        sockets: n.sockets.map((s) => ({ ...s, subscriptions: [...s.subscriptions] })),
      })),
      links: [...this.links.values()].map((l) => ({
        ...l.link,
        from: { ...l.link.from },
        to: { ...l.link.to },
      })),
    };
  }
}
