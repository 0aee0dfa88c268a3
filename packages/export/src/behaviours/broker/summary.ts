import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** broker: a ROUTER frontend and a DEALER backend, joined by a loop both ways. */
export function summary(node: PlannedNode): string {
  const delay = param<number>(node, "delayMs");
  return `a broker that passes each request from the clients on its ROUTER to the workers on its DEALER, and each reply back, envelope and all${delay > 0 ? ` (after ${delay} ms)` : ""}`;
}

/** The frontend (the ROUTER) and the other socket, as the playground's broker picks them. */
export function brokerSockets(node: PlannedNode) {
  const front = node.sockets.find((s) => s.type === "ROUTER") ?? node.sockets[0]!;
  const back = node.sockets.find((s) => s.id !== front.id);
  return { front, back };
}
