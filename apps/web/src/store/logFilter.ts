/**
 * The event log's filter (by type, by node), one predicate for the log that shows rows and the
 * timeline that steps through them: Back and Forward land on the rows the person sees.
 */
import type { RuntimeEvent, RuntimeEventType } from "@zmqp/protocol";

export interface LogFilter {
  type: RuntimeEventType | "all";
  node: string | "all";
}

/** The node a log row is about, when it is about one. */
export function nodeOf(e: RuntimeEvent): string | undefined {
  return "node" in e && typeof e.node === "string" ? e.node : undefined;
}

/** Whether the filter hides anything. */
export const filtering = (f: LogFilter): boolean => f.type !== "all" || f.node !== "all";

/** Whether a log row passes the filter. */
export function matches(e: RuntimeEvent, f: LogFilter): boolean {
  return (f.type === "all" || e.type === f.type) && (f.node === "all" || nodeOf(e) === f.node);
}
