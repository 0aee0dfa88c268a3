/** Connecting and cutting a node's links, and which sockets get a readable routing id. */
import type { GraphSocket } from "@zmqp/protocol";
import type { Core } from "./core.js";
import type { NodeRunner } from "./node-runner.js";

function linkParts(runner: NodeRunner, linkId: string) {
  const link = runner.core.doc?.links.find((l) => l.id === linkId);
  const entry = link && runner.entries.get(link.from.socket);
  const status = link && runner.status.sockets[link.from.socket];
  if (!link || !entry || !status || entry.closed) return null;
  const addr = runner.core.linkAddress(link);
  return addr ? { link, entry, status, addr } : null;
}

/** Dials a link from one of the runner's sockets (start, or restore after a cut). */
export function connectLink(runner: NodeRunner, linkId: string): void {
  const p = linkParts(runner, linkId);
  if (!p) return;
  try {
    p.entry.sock.connect(p.addr);
    if (!p.status.connecting.includes(p.addr)) p.status.connecting.push(p.addr);
  } catch (err) {
    runner.core.socketError(runner.id, p.link.from.socket, err as Error);
  }
}

/** Really disconnects a link's connecting socket (a cut). */
export function disconnectLink(runner: NodeRunner, linkId: string): void {
  const p = linkParts(runner, linkId);
  if (!p) return;
  try {
    p.entry.sock.disconnect(p.addr);
  } catch {
    // not connected to it (e.g. cut twice)
  }
  p.status.connecting = p.status.connecting.filter((a) => a !== p.addr);
  runner.emitStatus();
}

/**
 * A readable routing id (`node.socket`) in the envelope, and exact correlation, when a ROUTER is
 * on the other side of one of this socket's links.
 */
export function wantsRoutingId(core: Core, nodeId: string, s: GraphSocket): boolean {
  const doc = core.doc;
  if (!doc) return false;
  return doc.links.some((l) => {
    const mine = l.from.node === nodeId && l.from.socket === s.id;
    const theirs = l.to.node === nodeId && l.to.socket === s.id;
    if (!mine && !theirs) return false;
    const other = mine ? l.to : l.from;
    const peer = doc.nodes.find((n) => n.id === other.node);
    return peer?.sockets.find((x) => x.id === other.socket)?.type === "ROUTER";
  });
}
