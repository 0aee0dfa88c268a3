import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** publisher (PUB): its topics in turn, the topic as the first frame. */
export function summary(node: PlannedNode): string {
  const interval = param<number>(node, "intervalMs");
  const topics = param<string[]>(node, "topics");
  const max = param<number>(node, "maxMessages");
  const when = interval > 0 ? `every ${interval} ms` : "when you type a line";
  const what = topics.length ? `the topics ${topics.map((t) => `"${t}"`).join(", ")} in turn` : "";
  return `a PUB that publishes ${what || "a message"} ${when}${max > 0 ? ` (${max} at most)` : ""}`;
}
