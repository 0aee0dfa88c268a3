import type { PlannedNode } from "../../plan.js";

/** sink (PULL): collects every worker's results. */
export function summary(_node: PlannedNode): string {
  return "a sink: a PULL that collects the results of every worker, fairly";
}

/** The nodes the sink's PULL is linked to: the workers it counts results for. */
export function sinkWorkers(node: PlannedNode): string[] {
  return [...new Set(Object.values(node.linkedNodes).flat())];
}
