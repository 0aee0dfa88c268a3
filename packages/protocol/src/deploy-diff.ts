/**
 * Deploy as a diff (Node-RED's diffConfigs): a node restarts only when something that shapes its
 * sockets changed: its role, sockets, params, or the links it dials (and where they lead). Moving a
 * node or renaming its label keeps it running, counters and all.
 */
import type { Diagnostic } from "./diagnostics.js";
import type { GraphDoc, GraphNode } from "./graph.js";

export interface DeployDiff {
  added: string[];
  restarted: string[];
  removed: string[];
  kept: string[];
}

/**
 * What a deploy that went ahead says, one shape from the engine (Runtime.deploy) through the
 * gateway (the `deployed` message, POST /api/deploy) to the page. `diagnostics`: the document's
 * warnings and what failed while starting (a bind in use), per node, with its code.
 */
export interface DeployResult {
  ok: true;
  deployId: number;
  diagnostics: Diagnostic[];
  /** Node ids started, restarted, stopped or left running by this deploy. */
  changed: DeployDiff;
}

/** A document the gateway refused before it reached the engine (schema, rules, size). */
export interface DeployRefused {
  ok: false;
  diagnostics: Diagnostic[];
}

/** What a node's sockets depend on, as a comparable string. */
export function nodeSignature(doc: GraphDoc, node: GraphNode): string {
  const find = (nodeId: string, socketId: string) =>
    doc.nodes.find((n) => n.id === nodeId)?.sockets.find((s) => s.id === socketId);
  const links = doc.links
    .filter((l) => l.from.node === node.id || l.to.node === node.id)
    .map((l) => {
      const to = find(l.to.node, l.to.socket);
      const from = find(l.from.node, l.from.socket);
      const dials = l.from.node === node.id;
      return {
        id: l.id,
        dials,
        mine: dials ? l.from.socket : l.to.socket,
        // Where the link leads decides the address this node dials; the peer's type decides
        // whether this node's socket gets a readable routing id.
        address: dials ? (l.endpoint ?? to?.bind[0] ?? null) : null,
        peerType: dials ? to?.type : from?.type,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return JSON.stringify({ role: node.role, sockets: node.sockets, params: node.params, links });
}

export function diffDocs(prev: GraphDoc | null, next: GraphDoc): DeployDiff {
  const diff: DeployDiff = { added: [], restarted: [], removed: [], kept: [] };
  const before = new Map((prev?.nodes ?? []).map((n) => [n.id, n]));
  for (const node of next.nodes) {
    const old = before.get(node.id);
    if (!old || !prev) diff.added.push(node.id);
    else if (nodeSignature(prev, old) !== nodeSignature(next, node)) diff.restarted.push(node.id);
    else diff.kept.push(node.id);
    before.delete(node.id);
  }
  diff.removed.push(...before.keys());
  return diff;
}
