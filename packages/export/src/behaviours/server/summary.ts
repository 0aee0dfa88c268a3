import type { PlannedNode } from "../../plan.js";
import { param } from "../types.js";

/** server (REP): one reply per request, after an optional delay. */
export function summary(node: PlannedNode): string {
  const reply = param<string>(node, "reply");
  const text = param<string>(node, "text");
  const delay = param<number>(node, "delayMs");
  const how =
    reply === "echo"
      ? "echoes each request"
      : reply === "upper"
        ? "answers each request in upper case"
        : reply === "fixed"
          ? `answers each request with "${text}"`
          : `answers each request with "${text}: <request>"`;
  return `a REP server that ${how}${delay > 0 ? ` after ${delay} ms` : ""}`;
}
