/** Framing and arranging the canvas: the one fit every command uses, and Layout (button or L). */
import type { FitViewOptions, ReactFlowInstance } from "@xyflow/react";
import { layout } from "../actions.js";
import type { LinkFlowEdge, ZmqFlowNode } from "./toFlow.js";

/** Lowest zoom: far enough out for the largest graph (200 nodes) at compact detail. */
export const MIN_ZOOM = 0.1;

/**
 * How a graph is framed: a fixed margin in px (a fraction of the view wastes most of the screen on
 * a large graph), never magnified past 1.1.
 */
export const FIT: FitViewOptions = { padding: "28px", maxZoom: 1.1, minZoom: MIN_ZOOM };

/** Frames the graph; resolves when the view has arrived. */
export async function fit(
  rf: ReactFlowInstance<ZmqFlowNode, LinkFlowEdge>,
  duration = 200,
): Promise<void> {
  await rf.fitView({ ...FIT, duration });
}

/** Lays the graph out (dagre, with each node's size), then frames it. */
export function arrange(rf: ReactFlowInstance<ZmqFlowNode, LinkFlowEdge>) {
  layout(Object.fromEntries(rf.getNodes().map((n) => [n.id, n.measured])));
  // The moved nodes are framed once React Flow has them at their new places.
  setTimeout(() => void fit(rf), 50);
}
