import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** stream-server (STREAM): raw TCP, one routing id per connection. */
export function summary(node: PlannedNode): string {
  const reply = param<string>(node, "reply");
  const how =
    reply === "echo"
      ? "echoes the bytes it gets"
      : reply === "fixed"
        ? `answers with ${JSON.stringify(param<string>(node, "text"))}`
        : "only listens";
  return `a STREAM socket (ZeroMQ speaking plain TCP) that ${how}`;
}
