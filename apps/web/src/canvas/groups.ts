/** Colours of the pattern groups (palette swatches, node accents). */
import type { PatternGroup } from "@zmqp/protocol";

export const GROUP_ORDER: PatternGroup[] = [
  "request-reply",
  "pub-sub",
  "pipeline",
  "raw",
  "outside",
];

export const GROUP_COLOR: Record<PatternGroup, string> = {
  "request-reply": "#2563eb",
  "pub-sub": "#ea580c",
  pipeline: "#9333ea",
  raw: "#475569",
  outside: "#0f766e",
};
