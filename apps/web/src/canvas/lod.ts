/**
 * Level of detail. Below LOD_ZOOM a node is drawn as a compact card (role colour, name, state, one
 * rate) whose type is sized for the zoom a large graph is read at, and links show message rates
 * instead of particles: a 100-node graph stays legible at fit zoom. A node with no room for its
 * full box (a densely packed graph: toFlow.ts `crowdedNodes`) is compact at any zoom.
 */
import { useStore } from "@xyflow/react";

/** The zoom below which the canvas switches to compact cards and rates. */
export const LOD_ZOOM = 0.65;

/** Whether the canvas is zoomed out past LOD_ZOOM (re-renders only when that flips). */
export function useZoomedOut(): boolean {
  return useStore((s) => s.transform[2] < LOD_ZOOM);
}
