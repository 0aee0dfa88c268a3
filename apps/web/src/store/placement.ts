/**
 * Where a click-added node goes: near the middle of the view, in the first spot no node covers,
 * preferring spots that are entirely in view.
 */
import type { GraphDoc } from "@zmqp/protocol";

/**
 * Room a node takes on the canvas, px: a full node (240 x 131, 156 with two sockets) and a gap, so
 * nodes added by click never touch (and never count as crowded: toFlow.ts).
 */
const CELL = { w: 270, h: 170 };

/** Where a node's top-left corner may go for the whole node to be in view (flow coordinates). */
export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function freeSpot(
  doc: GraphDoc,
  start: { x: number; y: number },
  inView: Bounds | null = null,
): { x: number; y: number } {
  const taken = (p: { x: number; y: number }) =>
    doc.nodes.some(
      (n) =>
        n.position &&
        Math.abs(n.position.x - p.x) < CELL.w - 20 &&
        Math.abs(n.position.y - p.y) < CELL.h - 20,
    );
  const visible = (p: { x: number; y: number }) =>
    !inView || (p.x >= inView.x0 && p.x <= inView.x1 && p.y >= inView.y0 && p.y <= inView.y1);
  let outOfView: { x: number; y: number } | null = null;
  // Rings around the start, nearest first; in a ring the same row first, to the right first.
  for (let ring = 0; ring < 6; ring++) {
    const cells: [number, number][] = [];
    for (let dy = -ring; dy <= ring; dy++)
      for (let dx = -ring; dx <= ring; dx++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push([dx, dy]);
    cells.sort(
      ([ax, ay], [bx, by]) =>
        Math.abs(ay) - Math.abs(by) || Math.abs(ax) - Math.abs(bx) || bx - ax || by - ay,
    );
    for (const [dx, dy] of cells) {
      const p = { x: Math.round(start.x + dx * CELL.w), y: Math.round(start.y + dy * CELL.h) };
      if (taken(p)) continue;
      if (visible(p)) return p;
      outOfView ??= p;
    }
  }
  // No free spot in view: the nearest free one (the caller brings it into view), else the middle.
  return outOfView ?? start;
}
