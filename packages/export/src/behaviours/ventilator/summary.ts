import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** ventilator (PUSH): tasks on an interval, dealt round-robin. */
export function summary(node: PlannedNode): string {
  const interval = param<number>(node, "intervalMs");
  const max = param<number>(node, "maxMessages");
  const when = interval > 0 ? `every ${interval} ms` : "when you type a line";
  return `a PUSH that hands out a task ${when}${max > 0 ? ` (${max} in all)` : ""}, to its workers in turn`;
}
