import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** worker: PULL a task, work, PUSH the result on. */
export function summary(node: PlannedNode): string {
  const delay = param<number>(node, "delayMs");
  return `a pipeline worker: it PULLs a task, works on it${delay > 0 ? ` for ${delay} ms` : ""} and PUSHes the result on`;
}

/** The socket it pulls tasks from and the one it pushes results to. */
export function workerSockets(node: PlannedNode) {
  const pull = node.sockets.find((s) => s.type === "PULL") ?? node.sockets[0]!;
  const push = node.sockets.find((s) => s.type === "PUSH");
  return { pull, push };
}
