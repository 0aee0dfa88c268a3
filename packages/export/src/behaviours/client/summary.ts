import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** client (REQ): requests on an interval or when asked, optionally as a Lazy Pirate. */
export function summary(node: PlannedNode): string {
  const interval = param<number>(node, "intervalMs");
  const max = param<number>(node, "maxRequests");
  const timeout = param<number>(node, "timeoutMs");
  const when = interval > 0 ? `every ${interval} ms` : "when you type a line";
  const limit = max > 0 ? ` (${max} at most)` : "";
  const pirate = param<boolean>(node, "lazyPirate")
    ? `; no reply in ${timeout} ms: a new socket and a resend, ${param<number>(node, "retries")} times at most (Lazy Pirate)`
    : timeout > 0
      ? `; it gives up waiting after ${timeout} ms`
      : "";
  return `a REQ client that asks ${when}${limit} and waits for each reply${pirate}`;
}
