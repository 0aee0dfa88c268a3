/**
 * Messages sampled away still count. A tally keeps, for each distinct way a message adds to the
 * counters (direction, node, socket, sender, link, link direction), how many such messages were
 * left out: a few keys per busy link, whatever the number of messages.
 */
import type { EventOf } from "@zmqp/protocol";
import { countMessage, type Counted } from "./counting.js";

type MessageEvent = EventOf<"message">;

/** The fields of a message event that counters depend on. */
export type MessageShape = Pick<MessageEvent, "node" | "socket" | "direction" | "link"> &
  Partial<Pick<MessageEvent, "linkDirection" | "from">>;

export function tallyKey(m: MessageShape): string {
  return JSON.stringify([
    m.direction,
    m.node,
    m.socket,
    m.from?.node ?? null,
    m.link ?? null,
    m.linkDirection ?? null,
  ]);
}

function shapeOf(key: string): MessageShape | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) return null;
  const [direction, node, socket, fromNode, link, linkDirection] = parsed as unknown[];
  if (direction !== "in" && direction !== "out") return null;
  if (typeof node !== "string" || typeof socket !== "string") return null;
  return {
    direction,
    node,
    socket,
    link: typeof link === "string" ? link : null,
    ...(typeof fromNode === "string" ? { from: { node: fromNode, socket: "" } } : {}),
    ...(linkDirection === "forward" || linkDirection === "backward" ? { linkDirection } : {}),
  };
}

export function applyTally(c: Counted, m: Record<string, number>): void {
  for (const [key, times] of Object.entries(m)) {
    const shape = shapeOf(key);
    if (shape) countMessage(c, shape, times);
  }
}
