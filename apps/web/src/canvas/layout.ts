/** Automatic layout through dagre: connecting sockets on the left, the sockets they dial on the right. */
import { Graph, layout } from "@dagrejs/dagre";
import type { GraphDoc } from "@zmqp/protocol";

/** Size used for a node React Flow has not measured yet, in px. */
export const DEFAULT_NODE_SIZE = { width: 240, height: 100 };

export function autoLayout(
  doc: GraphDoc,
  sizes: Record<string, { width?: number; height?: number } | undefined> = {},
): Record<string, { x: number; y: number }> {
  const g = new Graph();
  g.setGraph({ rankdir: "LR", nodesep: 50, ranksep: 120, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) {
    // Spaced for full nodes even when measured zoomed out (compact cards are smaller).
    const s = sizes[n.id];
    g.setNode(n.id, {
      width: Math.max(s?.width ?? 0, DEFAULT_NODE_SIZE.width),
      height: Math.max(s?.height ?? 0, DEFAULT_NODE_SIZE.height),
    });
  }
  for (const l of doc.links) if (l.from.node !== l.to.node) g.setEdge(l.from.node, l.to.node);
  layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const p = g.node(n.id);
    // dagre gives centres; React Flow positions are top-left corners.
    if (p) out[n.id] = { x: p.x - p.width / 2, y: p.y - p.height / 2 };
  }
  return out;
}
