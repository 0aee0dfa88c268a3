/**
 * Above a message rate a link shows its rate (msg/s) instead of one particle per message
 * (Node-RED refused wire animation because it distracts at high rates, node-red#1182).
 *
 * Where particles stop being readable, measured (08 with the publisher's interval set, the rate
 * view off, particles drawn on one link against the messages its subscriber received over 6 s,
 * through the overlay's test hook, 1440x900): 2 msg/s → 1.0 dot per message, 5 → 0.65, 10 → 0.37,
 * 25 → 0.15. The layer spawns at most one dot per link and direction every SPAWN_GAP_MS and the
 * page applies batches per frame, so already at 5 msg/s a third of the messages have no dot: the
 * dots stop standing for messages between 2 and 5 a second. Above 3 the link shows its rate.
 */
import type { Rates } from "../store/rates.js";

/** Messages a second per link and direction above which the link shows its rate. */
export const RATE_VIEW_ABOVE = 3;

export type Direction = "forward" | "backward";

/** Whether a link's direction is busy enough to show as a rate instead of particles. */
export function rated(rates: Rates, link: string, dir: Direction): boolean {
  return (rates.links[link]?.[dir] ?? 0) > RATE_VIEW_ABOVE;
}
