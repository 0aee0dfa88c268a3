import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** subscriber (SUB): its prefix filters, and a delay per message when it is slow. */
export function summary(node: PlannedNode): string {
  const topics = param<string[]>(node, "topics");
  const delay = param<number>(node, "delayMs");
  const what = topics.every((t) => t === "")
    ? "every message"
    : `messages whose topic starts with ${topics.map((t) => `"${t}"`).join(" or ")}`;
  return `a SUB that takes ${what}${delay > 0 ? `, spending ${delay} ms on each` : ""}`;
}
