/**
 * Promote: an observed system becomes an editable graph document the playground can run. Roles
 * are guessed from socket types and shape (a process with a ROUTER and a DEALER is a broker, one
 * with a PULL and a PUSH a pipeline worker, one with an XSUB and an XPUB a pub-sub proxy, a lone
 * socket the role of its type). A process whose
 * sockets make no one role becomes one node per socket. Connecting sockets of one type in one
 * process become one socket (a zeromq socket may dial many endpoints). Bound ports move by
 * `portOffset` so the copy can run beside the original. What cannot be run (a socket whose type
 * is unknown, a lone XPUB) is left out and said in `notes`.
 */
import { GRAPH_VERSION, type GraphDoc, type GraphLink, type GraphNode } from "./graph.js";
import { LIMITS } from "./limits.js";
import type { ObservedGraph, ObservedNode, ObservedSocket } from "./observed.js";
import { observedPositions, roleOfTypes } from "./observed-doc.js";
import { ROLES, type Role } from "./roles.js";
import type { SocketType } from "./socket-types.js";

export interface PromoteOptions {
  /** Added to every bound port (default 0: the same ports, for when the original is gone). */
  portOffset?: number;
}

/** What was left out or changed; a page words it from its locale files (`attach.notes.<code>`). */
export type PromoteNote =
  | { code: "unknown-type"; node: string; socket: string; endpoint: string }
  | { code: "no-role"; node: string; socket: string; type: string }
  | { code: "ports-moved"; offset: number };

export interface Promoted {
  doc: GraphDoc;
  notes: PromoteNote[];
}

/** A note in English, for the CLI and logs. */
export function describeNote(n: PromoteNote): string {
  switch (n.code) {
    case "unknown-type":
      return `${n.node}: socket ${n.socket} (${n.endpoint}) left out: its type was not seen (encrypted or no handshake)`;
    case "no-role":
      return `${n.node}: ${n.type} socket ${n.socket} left out: no playground role runs it`;
    case "ports-moved":
      return `bound ports moved by ${n.offset}`;
  }
}

/** Roles that run as one socket of this type (RoleSpec order: the role's only socket). */
const RUNNABLE: Partial<Record<SocketType, Role>> = {
  REQ: "client",
  REP: "server",
  PUB: "publisher",
  SUB: "subscriber",
  PUSH: "ventilator",
  PULL: "sink",
  DEALER: "dealer",
  ROUTER: "router",
  PAIR: "pair",
};

type Ref = { node: string; socket: string };
const key = (r: Ref) => `${r.node}\u0000${r.socket}`;

function moved(endpoint: string, offset: number): string {
  const m = /^tcp:\/\/(.+):(\d+)$/.exec(endpoint);
  if (!m) return endpoint;
  const port = Number(m[2]) + offset;
  // A copy runs on this machine: it binds loopback, whatever host the original used.
  return `tcp://127.0.0.1:${port}`;
}

/** Known-type sockets of a node, connecting ones of one type merged. */
function runnableSockets(n: ObservedNode): ObservedSocket[][] {
  const groups = new Map<string, ObservedSocket[]>();
  for (const s of n.sockets) {
    if (s.type === null) continue;
    const k = s.side === "bind" ? `bind ${s.id}` : `connect ${s.type}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return [...groups.values()];
}

export function promoteObserved(graph: ObservedGraph, options: PromoteOptions = {}): Promoted {
  const offset = options.portOffset ?? 0;
  const notes: PromoteNote[] = [];
  const nodes: GraphNode[] = [];
  /** Observed socket → promoted socket. */
  const map = new Map<string, Ref>();
  const positions = observedPositions(graph.nodes);

  const place = (n: ObservedNode, i: number) => {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    return { x: p.x, y: p.y + i * 60 };
  };

  for (const n of graph.nodes) {
    for (const s of n.sockets)
      if (s.type === null)
        notes.push({ code: "unknown-type", node: n.label, socket: s.id, endpoint: s.endpoint });
    const groups = runnableSockets(n);
    const types = groups.map((g) => g[0]!.type!);
    const whole = roleOfTypes(types);
    const label = n.label.slice(0, 80);
    if (whole === "broker" || whole === "worker" || whole === "proxy") {
      const sockets = ROLES[whole].sockets.map((spec) => {
        const g = groups.find((x) => x[0]!.type === spec.type)!;
        for (const s of g)
          map.set(key({ node: n.id, socket: s.id }), { node: n.id, socket: spec.id });
        return {
          id: spec.id,
          type: spec.type as SocketType,
          bind: binds(g, offset),
        };
      });
      nodes.push(node(n.id, whole, label, place(n, 0), sockets, {}));
      continue;
    }
    groups.forEach((g, i) => {
      const type = g[0]!.type!;
      const role = RUNNABLE[type];
      if (!role) {
        notes.push({ code: "no-role", node: n.label, socket: g[0]!.id, type });
        return;
      }
      const id = groups.length === 1 ? n.id : `${n.id}-${g[0]!.id}`.slice(0, 64);
      const spec = ROLES[role].sockets[0]!;
      for (const s of g) map.set(key({ node: n.id, socket: s.id }), { node: id, socket: spec.id });
      const params: Record<string, unknown> = {};
      if (role === "subscriber") {
        const topics = [...new Set(g.flatMap((s) => s.subscriptions))];
        params.topics = (topics.length ? topics : [""]).slice(0, LIMITS.maxTopics);
      }
      const sockets = [{ id: spec.id, type, bind: binds(g, offset) }];
      nodes.push(node(id, role, label, place(n, i), sockets, params));
    });
  }

  const links = promotedLinks(graph, map);
  publisherTopics(nodes, links);
  if (offset !== 0) notes.push({ code: "ports-moved", offset });
  return {
    doc: {
      version: GRAPH_VERSION,
      name: "promoted",
      title: "Promoted from an observed system",
      description: `Made from what zmqp attach saw (${graph.source.kind === "live" ? `live on ${graph.source.iface}` : graph.source.file}).`,
      nodes,
      links,
      timeline: [],
    },
    notes,
  };
}

function binds(group: ObservedSocket[], offset: number): string[] {
  const out = group.filter((s) => s.side === "bind").map((s) => moved(s.endpoint, offset));
  return [...new Set(out)].slice(0, LIMITS.maxBindsPerSocket);
}

function node(
  id: string,
  role: Role,
  label: string,
  position: { x: number; y: number },
  sockets: GraphNode["sockets"],
  params: Record<string, unknown>,
): GraphNode {
  return { id, role, label, position, sockets, params, autostart: true };
}

/** One link per (connecting socket, bound socket) pair seen, whatever the number of connections. */
function promotedLinks(graph: ObservedGraph, map: Map<string, Ref>): GraphLink[] {
  const links: GraphLink[] = [];
  const seen = new Set<string>();
  for (const l of graph.links) {
    const from = map.get(key(l.from));
    const to = map.get(key(l.to));
    if (!from || !to) continue;
    const k = `${key(from)}\u0001${key(to)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    let id = `${from.node}-${to.node}`.slice(0, 60);
    while (links.some((x) => x.id === id)) id = `${id}-${links.length}`.slice(-64);
    links.push({ id, from, to });
  }
  return links;
}

/** A promoted publisher sends the topics its subscribers asked for (else its defaults). */
function publisherTopics(nodes: GraphNode[], links: GraphLink[]): void {
  for (const pub of nodes.filter((n) => n.role === "publisher")) {
    const topics = new Set<string>();
    for (const l of links) {
      if (l.to.node !== pub.id && l.from.node !== pub.id) continue;
      const other = nodes.find((n) => n.id === (l.to.node === pub.id ? l.from.node : l.to.node));
      const t = other?.params.topics;
      if (Array.isArray(t)) for (const x of t) if (typeof x === "string" && x) topics.add(x);
    }
    if (topics.size) pub.params = { ...pub.params, topics: [...topics].slice(0, LIMITS.maxTopics) };
  }
}
