/** Step mode's held sends as the page shows them (the toolbar's list, the held node's line). */
import type { HeldSendView } from "@zmqp/protocol";

/** The body of a held send as one short line (its last frame: what the behaviour wrote). */
export function heldBody(h: HeldSendView): string {
  const f = h.frames[h.frames.length - 1];
  if (!f) return "";
  const text = f.text ?? `0x${f.hex}`;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

type NodeHeld = HeldSendView & { count: number };
const memo = new WeakMap<HeldSendView[], Map<string, NodeHeld | null>>();

/** This node's oldest held send and how many it has held (null when none); stable per list. */
export function heldOf(list: HeldSendView[], node: string): NodeHeld | null {
  let byNode = memo.get(list);
  if (!byNode) memo.set(list, (byNode = new Map()));
  if (!byNode.has(node)) {
    const mine = list.filter((h) => h.node === node);
    byNode.set(node, mine[0] ? { ...mine[0], count: mine.length } : null);
  }
  return byNode.get(node) ?? null;
}
