import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** raw-tcp: a plain TCP client, no ZeroMQ. */
export function summary(node: PlannedNode): string {
  const hex = param<string>(node, "encoding") === "hex";
  const onConnect = param<boolean>(node, "sendOnConnect");
  return `a plain TCP client (no ZeroMQ) that ${onConnect ? "writes its payload when it connects and " : ""}shows every chunk of bytes it gets${hex ? "; payloads are hex bytes" : ""}`;
}
