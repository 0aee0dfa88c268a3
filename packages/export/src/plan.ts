/**
 * The export plan: what each node's program needs to know, worked out once from the document so
 * that every language writes the same thing. Addresses come in two flavours: `local` (the graph's,
 * for running on one machine) and `compose` (binds on every interface, dials by service name).
 */
import {
  connectAddressFor,
  localized,
  parseEndpoint,
  parseParams,
  behaviourOf,
  isOutside,
  type BehaviourKey,
  type GraphDoc,
  type GraphNode,
  type GraphSocket,
  type SocketOptions,
  type SocketType,
  type TimelineStep,
} from "@zmqp/protocol";
import { PortPool, ServiceNames } from "./plan-names.js";
import { constName } from "./text.js";

interface PlannedAddress {
  /** Where it binds or dials when every program runs on one machine. */
  local: string;
  /** The same inside a compose file: `tcp://*:PORT` to bind, `tcp://SERVICE:PORT` to dial. */
  compose: string;
  /** What the graph said, when the export had to change it (inproc, ipc). */
  original?: string;
  /** Why it changed, one line for a comment. */
  note?: string;
}

export interface PlannedSocket {
  id: string;
  type: SocketType;
  /** Program constant names (`REP_BIND`) and their environment variables (`ZMQP_BIND_REP`). */
  bindConst: string;
  connectConst: string;
  bindEnv: string;
  connectEnv: string;
  bind: PlannedAddress[];
  connect: PlannedAddress[];
  options: SocketOptions;
  /**
   * The routing id it announces: the graph's, or `node.socket` when a ROUTER is on the other end of
   * one of its links (as the playground does, so the ROUTER's envelope shows a readable name).
   */
  routingId?: string;
  /** The routing id is the automatic one (a reopened socket adds `.2`, `.3`…, as the playground). */
  autoRoutingId: boolean;
  /** A ROUTER's linked peers: the routing id each announces → its node. */
  routerPeers: Record<string, string>;
}

export interface PlannedNode {
  node: GraphNode;
  key: BehaviourKey;
  /** The behaviour's params with their defaults filled in. */
  params: Record<string, unknown>;
  /** The node's label, else its id. */
  title: string;
  /** Compose service name (DNS-safe). */
  service: string;
  /** File name without extension (the node id). */
  file: string;
  sockets: PlannedSocket[];
  binds: boolean;
  external: boolean;
  /** The nodes linked to this one (either direction), by socket id. */
  linkedNodes: Record<string, string[]>;
}

interface PlannedStep {
  atMs: number;
  action: TimelineStep["action"];
  node?: string;
  link?: string;
  payload?: string;
  note?: string;
}

export interface ExportPlan {
  doc: GraphDoc;
  /** Every node of the document, in document order. */
  nodes: PlannedNode[];
  /** The nodes this export writes programs for (all, or the chosen ones). */
  exported: PlannedNode[];
  /** Exported, non-external nodes in the playground's start order: binding nodes first. */
  startOrder: string[];
  /** Nodes started at once (autostart); the others wait for a timeline step. */
  autostart: string[];
  /**
   * The autostart nodes in two waves, each started together: those that bind, then the others
   * (the playground's order, without waiting for each program's start in turn).
   */
  waves: string[][];
  timeline: PlannedStep[];
  /** Things a reader should know, for the README (inproc rewritten, steps not reproduced…). */
  notes: string[];
}

const INPROC_NOTE =
  "inproc:// works only between sockets of one process; these are separate programs, so the export uses tcp on loopback instead";
const IPC_COMPOSE_NOTE = "ipc:// is a file, and containers do not share files: compose uses tcp";

export function planExport(doc: GraphDoc, only?: readonly string[]): ExportPlan {
  const notes: string[] = [];
  const ports = new PortPool(doc);
  const services = new ServiceNames();
  /** Bound endpoint (node/socket/raw) → its planned address. */
  const bound = new Map<string, PlannedAddress>();
  for (const node of doc.nodes)
    for (const s of node.sockets)
      for (const raw of s.bind) bound.set(key(node.id, s.id, raw), bindAddress(raw, node.id));

  const nodes: PlannedNode[] = doc.nodes.map((node) => {
    const service = services.take(node.id);
    const sockets = node.sockets.map((s) => planSocket(doc, node, s));
    const key = behaviourOf(node.role);
    const parsed = parseParams(key, node.params);
    const linkedNodes: Record<string, string[]> = {};
    for (const l of doc.links) {
      if (l.from.node === node.id) (linkedNodes[l.from.socket] ??= []).push(l.to.node);
      if (l.to.node === node.id) (linkedNodes[l.to.socket] ??= []).push(l.from.node);
    }
    return {
      node,
      key,
      params: (parsed.success ? parsed.data : {}) as Record<string, unknown>,
      title: localized(node.label) ?? node.id,
      service,
      file: node.id,
      sockets,
      binds: node.sockets.some((s) => s.bind.length > 0),
      external: isOutside(node),
      linkedNodes,
    };
  });
  // Dial addresses need every node's service name, so they come second.
  const byId = new Map(nodes.map((n) => [n.node.id, n]));
  for (const link of doc.links) {
    const from = byId.get(link.from.node)?.sockets.find((s) => s.id === link.from.socket);
    const to = doc.nodes.find((n) => n.id === link.to.node);
    const raw = link.endpoint ?? to?.sockets.find((s) => s.id === link.to.socket)?.bind[0];
    const target = raw && bound.get(key(link.to.node, link.to.socket, raw));
    const service = byId.get(link.to.node)?.service;
    if (!from || !target || !service) continue;
    from.connect.push({
      local: connectAddressFor(target.local),
      compose: target.compose.replace("tcp://*:", `tcp://${service}:`),
      ...(target.original ? { original: target.original } : {}),
      ...(target.note ? { note: target.note } : {}),
    });
  }
  for (const n of nodes)
    for (const s of n.sockets)
      s.bind = (n.node.sockets.find((x) => x.id === s.id)?.bind ?? []).map((raw) =>
        bound.get(key(n.node.id, s.id, raw))!,
      );

  const chosen = only ? new Set(only) : null;
  const exported = nodes.filter((n) => !chosen || chosen.has(n.node.id));
  const runnable = exported.filter((n) => !n.external);
  // The playground starts binding nodes first: their peers then connect at once.
  const startOrder = [...runnable]
    .sort((a, b) => Number(b.binds) - Number(a.binds))
    .map((n) => n.node.id);
  const autostart = startOrder.filter((id) => byId.get(id)!.node.autostart);
  const waves = [
    autostart.filter((id) => byId.get(id)!.binds),
    autostart.filter((id) => !byId.get(id)!.binds),
  ].filter((w) => w.length > 0);
  const exportedIds = new Set(exported.map((n) => n.node.id));
  const timeline: PlannedStep[] = [];
  for (const step of doc.timeline) {
    if (step.action === "cut" || step.action === "restore") {
      notes.push(
        `The timeline ${step.action}s link ${step.link} at ${step.atMs} ms: cutting a link is a playground fault with no counterpart in separate programs, so the launcher only says so.`,
      );
    } else if (!step.node || !exportedIds.has(step.node)) continue;
    timeline.push(plannedStep(step));
  }
  if (doc.nodes.some((n) => n.sockets.some((s) => s.bind.some((b) => b.startsWith("inproc://")))))
    notes.push(
      `Endpoints written inproc:// in the graph use tcp://127.0.0.1 here: ${INPROC_NOTE}.`,
    );
  return { doc, nodes, exported, startOrder, autostart, waves, timeline, notes };

  function bindAddress(raw: string, nodeId: string): PlannedAddress {
    const p = parseEndpoint(raw);
    if (!p.ok) return { local: raw, compose: raw };
    const ep = p.endpoint;
    if (ep.transport === "tcp") return { local: raw, compose: `tcp://*:${ep.port}` };
    const port = ports.take(`${nodeId}:${raw}`);
    if (ep.transport === "inproc")
      return {
        local: `tcp://127.0.0.1:${port}`,
        compose: `tcp://*:${port}`,
        original: raw,
        note: INPROC_NOTE,
      };
    // ipc: a socket file, relative to the folder the programs run in.
    return { local: raw, compose: `tcp://*:${port}`, original: raw, note: IPC_COMPOSE_NOTE };
  }
}

function plannedStep(step: TimelineStep): PlannedStep {
  const out: PlannedStep = { atMs: step.atMs, action: step.action };
  if (step.node) out.node = step.node;
  if (step.link) out.link = step.link;
  if (step.payload !== undefined) out.payload = step.payload;
  const note = localized(step.note);
  if (note) out.note = note;
  return out;
}

const key = (node: string, socket: string, raw: string) => `${node}\u0000${socket}\u0000${raw}`;

/** Types that may carry a routing id (a ROUTER on the other end then sees it in the envelope). */
const ROUTING_ID_TYPES = new Set<SocketType>(["REQ", "REP", "DEALER", "ROUTER", "PAIR"]);

function planSocket(doc: GraphDoc, node: GraphNode, s: GraphSocket): PlannedSocket {
  const name = constName(s.id);
  const options = s.options ?? {};
  const facesRouter = doc.links.some((l) => {
    const mine = l.from.node === node.id && l.from.socket === s.id;
    const theirs = l.to.node === node.id && l.to.socket === s.id;
    if (!mine && !theirs) return false;
    const other = mine ? l.to : l.from;
    const peer = doc.nodes.find((n) => n.id === other.node);
    return peer?.sockets.find((x) => x.id === other.socket)?.type === "ROUTER";
  });
  const auto = !options.routingId && facesRouter && ROUTING_ID_TYPES.has(s.type);
  const routingId = options.routingId ?? (auto ? `${node.id}.${s.id}` : undefined);
  const routerPeers: Record<string, string> = {};
  if (s.type === "ROUTER")
    for (const l of doc.links) {
      const mine = l.from.node === node.id && l.from.socket === s.id;
      const theirs = l.to.node === node.id && l.to.socket === s.id;
      if (!mine && !theirs) continue;
      const other = mine ? l.to : l.from;
      const peerSocket = doc.nodes
        .find((n) => n.id === other.node)
        ?.sockets.find((x) => x.id === other.socket);
      if (!peerSocket) continue;
      routerPeers[peerSocket.options?.routingId ?? `${other.node}.${other.socket}`] = other.node;
    }
  return {
    id: s.id,
    type: s.type,
    bindConst: `${name}_BIND`,
    connectConst: `${name}_CONNECT`,
    bindEnv: `ZMQP_BIND_${name}`,
    connectEnv: `ZMQP_CONNECT_${name}`,
    bind: [],
    connect: [],
    options,
    ...(routingId ? { routingId } : {}),
    autoRoutingId: auto,
    routerPeers,
  };
}
