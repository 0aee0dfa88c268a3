/**
 * Pure edits of a graph document: every function returns a new document and never mutates its input,
 * so the store can keep history (zundo) by reference.
 */
import {
  GRAPH_VERSION,
  ROLES,
  linkRefusal,
  parseEndpoint,
  type GraphDoc,
  type GraphLink,
  type GraphNode,
  type Role,
  type SocketRef,
} from "@zmqp/protocol";
import type { Saying } from "../i18n/say.js";

/** The first port new binding sockets get; templates use the ones above it too. */
const FIRST_PORT = 5555;

export function emptyDoc(): GraphDoc {
  return { version: GRAPH_VERSION, nodes: [], links: [], timeline: [] };
}

/** Ports already bound over tcp anywhere in the document. */
function usedPorts(doc: GraphDoc): Set<number> {
  const ports = new Set<number>();
  for (const n of doc.nodes)
    for (const s of n.sockets)
      for (const raw of s.bind) {
        const p = parseEndpoint(raw);
        if (p.ok && p.endpoint.transport === "tcp") ports.add(p.endpoint.port);
      }
  return ports;
}

/** The lowest port from 5555 up that no socket of the document binds. */
export function nextFreePort(doc: GraphDoc, taken: Set<number> = usedPorts(doc)): number {
  let port = FIRST_PORT;
  while (taken.has(port)) port++;
  return port;
}

/** `base`, or `base-2`, `base-3`… whichever is not in `ids`. */
function uniqueId(base: string, ids: Iterable<string>): string {
  const set = new Set(ids);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A new node of `role` with sensible defaults: binding sockets get the next free loopback port.
 * `label` is the role's name in the reader's language ("Server", "伺服器"); the id stays ASCII.
 */
export function newNode(
  doc: GraphDoc,
  role: Role,
  position: { x: number; y: number },
  label: string = ROLES[role].label,
): GraphNode {
  const spec = ROLES[role];
  const id = uniqueId(
    role,
    doc.nodes.map((n) => n.id),
  );
  const suffix = id === role ? "" : ` ${id.slice(role.length + 1)}`;
  const taken = usedPorts(doc);
  const sockets = spec.sockets.map((s) => {
    const bind: string[] = [];
    if (s.binds) {
      const port = nextFreePort(doc, taken);
      taken.add(port);
      bind.push(`tcp://127.0.0.1:${port}`);
    }
    return { id: s.id, type: s.type, bind };
  });
  return {
    id,
    role,
    label: `${label}${suffix}`,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    sockets,
    params: {},
    autostart: true,
  };
}

export function addNode(doc: GraphDoc, node: GraphNode): GraphDoc {
  return { ...doc, nodes: [...doc.nodes, node] };
}

export function updateNode(
  doc: GraphDoc,
  id: string,
  patch: (n: GraphNode) => GraphNode,
): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? patch(n) : n)) };
}

export function moveNodes(
  doc: GraphDoc,
  moves: Record<string, { x: number; y: number }>,
): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const p = moves[n.id];
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}

/** Removes nodes (with their links and timeline steps) and links. */
export function removeItems(doc: GraphDoc, nodeIds: string[], linkIds: string[]): GraphDoc {
  const nodes = new Set(nodeIds);
  const links = new Set(linkIds);
  const keptLinks = doc.links.filter(
    (l) => !links.has(l.id) && !nodes.has(l.from.node) && !nodes.has(l.to.node),
  );
  const keptIds = new Set(keptLinks.map((l) => l.id));
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    links: keptLinks,
    timeline: doc.timeline.filter(
      (s) => !(s.node && nodes.has(s.node)) && !(s.link && !keptIds.has(s.link)),
    ),
  };
}

/**
 * Why a link from the connecting socket `from` to the binding socket `to` cannot be drawn, or null
 * when it can: protocol's link rules (`linkRefusal`), the same ones `validateGraph` applies to the
 * document, so the canvas never draws what the document would flag.
 */
export function linkProblem(doc: GraphDoc, from: SocketRef, to: SocketRef): Saying | null {
  return linkRefusal(doc, from, to)?.reason ?? null;
}

/** Adds a link when `linkProblem` allows it; returns the new doc and link, or the reason. */
export function connect(
  doc: GraphDoc,
  from: SocketRef,
  to: SocketRef,
): { ok: true; doc: GraphDoc; link: GraphLink } | { ok: false; reason: Saying } {
  const reason = linkProblem(doc, from, to);
  if (reason) return { ok: false, reason };
  const id = uniqueId(
    `${from.node}-${to.node}`.slice(0, 60),
    doc.links.map((l) => l.id),
  );
  const link: GraphLink = { id, from: { ...from }, to: { ...to } };
  return { ok: true, doc: { ...doc, links: [...doc.links, link] }, link };
}

export function updateLink(
  doc: GraphDoc,
  id: string,
  patch: (l: GraphLink) => GraphLink,
): GraphDoc {
  return { ...doc, links: doc.links.map((l) => (l.id === id ? patch(l) : l)) };
}

/** Sets a socket's bind list; links that dialled a removed endpoint fall back to the first bind. */
export function setBinds(doc: GraphDoc, ref: SocketRef, bind: string[]): GraphDoc {
  const next = updateNode(doc, ref.node, (n) => ({
    ...n,
    sockets: n.sockets.map((s) => (s.id === ref.socket ? { ...s, bind } : s)),
  }));
  return {
    ...next,
    links: next.links.map((l) =>
      l.to.node === ref.node &&
      l.to.socket === ref.socket &&
      l.endpoint &&
      !bind.includes(l.endpoint)
        ? { id: l.id, from: l.from, to: l.to }
        : l,
    ),
  };
}
