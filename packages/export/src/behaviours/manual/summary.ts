import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** manual (DEALER, ROUTER, PAIR…): sends on an interval or when asked; may echo what it gets. */
export function summary(node: PlannedNode): string {
  const type = node.sockets[0]!.type;
  const interval = param<number>(node, "intervalMs");
  const when =
    interval > 0 ? `every ${interval} ms and when you type a line` : "when you type a line";
  const echo = param<boolean>(node, "echo") ? ", and sends every message it gets back" : "";
  return `a ${type} that sends ${when}${echo}`;
}
