import type { PlannedNode } from "../../plan.js";

/** external: a program the playground does not run; the export writes a small one to play it. */
export function summary(node: PlannedNode): string {
  const s = node.sockets[0]!;
  return `an outside program (the playground does not run it): a ${s.type} peer that exchanges a few messages`;
}
