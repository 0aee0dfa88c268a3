/**
 * An observed system as a document the canvas draws (read-only, never deployed): one node per
 * observed process with every socket it was seen to use, one link per open connection. Socket
 * types that are not known stay `?`. Roles only pick a colour and a caption: a process with a
 * ROUTER and a DEALER reads as a broker, a lone REP as a server.
 */
import type { GraphDoc, GraphNode } from "./graph.js";
import { GRAPH_VERSION } from "./graph.js";
import type { ObservedGraph, ObservedNode } from "./observed.js";
import { shownType } from "./observed.js";
import type { Role } from "./roles.js";
import type { SocketType } from "./socket-types.js";

const SINGLE_ROLE: Partial<Record<SocketType, Role>> = {
  REQ: "client",
  REP: "server",
  PUB: "publisher",
  XPUB: "publisher",
  SUB: "subscriber",
  XSUB: "subscriber",
  PUSH: "ventilator",
  PULL: "sink",
  DEALER: "dealer",
  ROUTER: "router",
  PAIR: "pair",
  STREAM: "stream-server",
};

/** The role a set of socket types reads as, or null when they do not make one role. */
export function roleOfTypes(types: readonly SocketType[]): Role | null {
  const set = new Set(types);
  if (set.size === 2 && set.has("ROUTER") && set.has("DEALER")) return "broker";
  if (set.size === 2 && set.has("PULL") && set.has("PUSH")) return "worker";
  if (set.size === 2 && set.has("XSUB") && set.has("XPUB")) return "proxy";
  if (set.size === 1) return SINGLE_ROLE[types[0]!] ?? null;
  return null;
}

/** The role an observed node is drawn as: guessed from its known socket types, else external. */
export function observedRole(node: ObservedNode): Role {
  const types = node.sockets.map((s) => s.type).filter((t): t is SocketType => t !== null);
  return roleOfTypes(types) ?? "external";
}

/**
 * Columns: whoever only dials and asks (REQ, DEALER, PUSH, PUB) on the left, whoever binds in the
 * middle, whoever only dials and answers (REP, SUB, PULL) on the right.
 */
function column(node: ObservedNode): number {
  if (node.sockets.some((s) => s.side === "bind")) return 1;
  const answers = node.sockets.some(
    (s) => s.type === "REP" || s.type === "SUB" || s.type === "XSUB" || s.type === "PULL",
  );
  return answers ? 2 : 0;
}

/** Positions in three columns, in node order within a column. */
export function observedPositions(
  nodes: readonly ObservedNode[],
): Record<string, { x: number; y: number }> {
  const rows = [0, 0, 0];
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const c = column(n);
    out[n.id] = { x: c * 380, y: rows[c]! * 190 };
    rows[c]!++;
  }
  return out;
}

/** The observed graph as a drawable document: open links, and the nodes that still have a socket. */
export function observedDoc(graph: ObservedGraph): GraphDoc {
  const openLinks = graph.links.filter((l) => l.state === "open");
  const used = new Set(openLinks.flatMap((l) => [l.from.node, l.to.node]));
  const nodes = graph.nodes.filter((n) => used.has(n.id) || n.sockets.some((s) => s.open > 0));
  const positions = observedPositions(nodes);
  return {
    version: GRAPH_VERSION,
    name: "observed",
    title: "Observed system",
    nodes: nodes.map((n): GraphNode => ({
      id: n.id,
      role: observedRole(n),
      label: n.label.slice(0, 80),
      position: positions[n.id],
      // `?` is not a SocketType: this document is only drawn, never validated or deployed.
      sockets: n.sockets.map((s) => ({
        id: s.id,
        type: shownType(s) as SocketType,
        bind: s.side === "bind" ? [s.endpoint] : [],
      })),
      params: {},
      autostart: true,
    })),
    links: openLinks.map((l) => ({ id: l.id, from: { ...l.from }, to: { ...l.to } })),
    timeline: [],
  };
}
