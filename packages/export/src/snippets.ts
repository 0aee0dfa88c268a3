/**
 * Copyable code that lets a program outside the playground (pyzmq or zeromq.js, maybe on another
 * machine) join a bound socket or play an external peer node. The code is the exporter's peer
 * program (`behaviours/external/peer.ts`), the one an exported external node runs: one generator.
 * Pure: the inspector shows the text.
 */
import {
  connectAddressFor,
  english,
  parseEndpoint,
  parseParams,
  phrase,
  behaviourOf,
  isOutside,
  type GraphDoc,
  type GraphNode,
  type GraphSocket,
  type Phrase,
  type SocketType,
} from "@zmqp/protocol";
import { nodePeer, pythonPeer, type PeerSpec } from "./behaviours/external/peer.js";

export type SnippetLanguage = "python" | "node";

export interface Snippet {
  language: SnippetLanguage;
  /** File name the code expects to be saved as (the Node one uses top-level await, so `.mjs`). */
  file: string;
  code: string;
}

export interface SnippetPlan {
  /** The outside program's socket type: the compatible peer of a bound socket, or the external node's own. */
  peerType: SocketType;
  action: "connect" | "bind";
  address: string;
  /** Subscription prefix for a SUB peer ("" = everything). */
  topic?: string;
  /** One line worth reading before running the code (reachability, placeholders), in English. */
  note?: string;
  /** The same note for people, in their language (`note` is its English). */
  notePhrase?: Phrase;
}

export type SnippetResult =
  ({ ok: true; snippets: Snippet[] } & SnippetPlan) | { ok: false; reason: string };

export interface SnippetOptions {
  /** Host other programs dial instead of `*` / `0.0.0.0` (this machine's address); 127.0.0.1 by default. */
  host?: string;
  /** Which of the socket's bind endpoints to use; its first by default. */
  endpoint?: string;
  /** Folder the gateway keeps ipc files in; without it ipc sockets get no snippet. */
  ipcDir?: string;
  /** Messages the loop sends or receives before it exits. Default 10. */
  count?: number;
}

/** The type an outside program should open to talk to a playground socket of type `t` that binds. */
export const SNIPPET_PEER: Record<SocketType, SocketType | null> = {
  REQ: "REP",
  REP: "REQ",
  // A broker's frontend takes clients, its backend takes workers (REP sockets).
  ROUTER: "REQ",
  DEALER: "REP",
  PUB: "SUB",
  XPUB: "SUB",
  SUB: "PUB",
  XSUB: "PUB",
  PUSH: "PULL",
  PULL: "PUSH",
  PAIR: "PAIR",
  STREAM: "TCP",
  TCP: null,
};

/** Snippets for one socket of a node: a bound playground socket, or an external peer's socket. */
export function connectSnippets(
  doc: GraphDoc,
  nodeId: string,
  socketId?: string,
  options: SnippetOptions = {},
): SnippetResult {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: `no node "${nodeId}" in this graph` };
  const socket = socketId ? node.sockets.find((s) => s.id === socketId) : node.sockets[0];
  if (!socket) return { ok: false, reason: `${nodeId} has no socket "${socketId}"` };
  const plan = isOutside(node)
    ? externalPlan(doc, node, socket, options)
    : boundPlan(node, socket, options);
  if ("reason" in plan) return { ok: false, reason: plan.reason };
  const spec: PeerSpec = {
    node: "peer",
    type: plan.peerType,
    action: plan.action,
    address: plan.address,
    env: plan.action === "bind" ? "ZMQP_BIND_PEER" : "ZMQP_CONNECT_PEER",
    count: options.count ?? 10,
    run: { python: "python3 peer.py", node: "node peer.mjs" },
    ...(plan.topic !== undefined ? { topic: plan.topic } : {}),
  };
  return {
    ok: true,
    ...plan,
    snippets: [
      { language: "python", file: "peer.py", code: pythonPeer(spec) },
      { language: "node", file: "peer.mjs", code: nodePeer(spec) },
    ],
  };
}

type Plan = SnippetPlan | { reason: string };

function boundPlan(node: GraphNode, socket: GraphSocket, o: SnippetOptions): Plan {
  const bound = o.endpoint ?? socket.bind[0];
  if (!bound)
    return {
      reason: `${node.id}.${socket.id} connects rather than binds: bind it to an address, then outside programs can connect`,
    };
  const peerType = SNIPPET_PEER[socket.type];
  if (!peerType) return { reason: `${socket.type} is a raw TCP client: nothing can connect to it` };
  const target = dialAddress(bound, o);
  if ("reason" in target) return target;
  const topic = peerType === "SUB" ? firstTopic(node) : undefined;
  return { peerType, action: "connect", ...target, topic };
}

/** An external node stands for the outside program itself: its socket type is the program's. */
function externalPlan(
  doc: GraphDoc,
  node: GraphNode,
  socket: GraphSocket,
  o: SnippetOptions,
): Plan {
  const peerType = socket.type;
  const own = o.endpoint ?? socket.bind[0];
  if (own) {
    const p = parseEndpoint(own);
    if (!p.ok) return { reason: p.reason };
    if (p.endpoint.transport === "inproc") return { reason: INPROC };
    return {
      peerType,
      action: "bind",
      address: own,
      ...noted(phrase("snippet.externalBinds")),
      topic: topicTowards(doc, node, socket),
    };
  }
  const link = doc.links.find((l) => l.from.node === node.id && l.from.socket === socket.id);
  if (!link)
    return {
      reason: `${node.id}.${socket.id} has no address and no link: link it to a bound socket, or give it the address the outside program binds`,
    };
  const to = doc.nodes
    .find((n) => n.id === link.to.node)
    ?.sockets.find((s) => s.id === link.to.socket);
  const bound = link.endpoint ?? to?.bind[0];
  if (!bound) return { reason: `link ${link.id} leads to a socket that binds no address` };
  const target = dialAddress(bound, o);
  if ("reason" in target) return target;
  return { peerType, action: "connect", ...target, topic: topicTowards(doc, node, socket) };
}

function noted(p: Phrase): { note: string; notePhrase: Phrase } {
  return { note: english(p), notePhrase: p };
}

type Target = { address: string; note?: string; notePhrase?: Phrase };

const INPROC =
  "inproc:// lives inside the playground's process: no other program can reach it; use tcp:// instead";

function dialAddress(bound: string, o: SnippetOptions): Target | { reason: string } {
  const p = parseEndpoint(bound);
  if (!p.ok) return { reason: p.reason };
  const ep = p.endpoint;
  if (ep.transport === "inproc") return { reason: INPROC };
  if (ep.transport === "ipc") {
    if (!o.ipcDir)
      return {
        reason:
          "this ipc:// file lives in the gateway's sandbox folder, which the page does not know; use tcp:// to join from outside",
      };
    return {
      address: `ipc://${o.ipcDir.replace(/\/$/, "")}/${ep.path}`,
      ...noted(phrase("snippet.ipcLocal")),
    };
  }
  if (ep.host === "*" || ep.host === "0.0.0.0") {
    const address = o.host ? `tcp://${o.host}:${ep.port}` : connectAddressFor(bound);
    return o.host ? { address } : { address, ...noted(phrase("snippet.everyInterface")) };
  }
  const loopback = /^(127\.|localhost$|\[::1\]$)/.test(ep.host);
  return loopback
    ? { address: bound, ...noted(phrase("snippet.loopback", { port: ep.port })) }
    : { address: bound };
}

function firstTopic(node: GraphNode): string {
  const parsed = parseParams(behaviourOf(node.role), node.params);
  const topics = parsed.success ? (parsed.data as { topics?: unknown }).topics : undefined;
  return Array.isArray(topics) && typeof topics[0] === "string" ? topics[0] : "";
}

/** A SUB external peer subscribes to what the publisher it is linked to sends first. */
function topicTowards(doc: GraphDoc, node: GraphNode, socket: GraphSocket): string | undefined {
  if (socket.type !== "SUB" && socket.type !== "XSUB") return undefined;
  const link = doc.links.find(
    (l) =>
      (l.from.node === node.id && l.from.socket === socket.id) ||
      (l.to.node === node.id && l.to.socket === socket.id),
  );
  const otherId = link ? (link.from.node === node.id ? link.to.node : link.from.node) : undefined;
  const other = doc.nodes.find((n) => n.id === otherId);
  return other ? firstTopic(other) : "";
}
