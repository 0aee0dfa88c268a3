/**
 * Above a message rate a link shows its rate (msg/s) instead of one particle per message
 * (Node-RED refused wire animation because it distracts at high rates, node-red#1182).
 *
 * Where particles stop being readable: the layer spawns at most one dot per link and direction
 * every SPAWN_GAP_MS (particles.ts), so up to 1000 / SPAWN_GAP_MS = 5 msg/s every message is one
 * dot; above it the dots are a sample and stop standing for messages, and at TRAVEL_MS 700 ms a
 * link already carries ~3.5 dots at once, about what the eye still counts. Measured with the
 * overlay's test hook in e2e/queues.spec.ts: dots drawn equal messages received up to that rate.
 */
import type { Rates } from "../store/rates.js";
import { SPAWN_GAP_MS } from "./particles.js";

/** Messages a second per link and direction above which the link shows its rate. */
export const RATE_VIEW_ABOVE = 1000 / SPAWN_GAP_MS;

export type Direction = "forward" | "backward";

/** Whether a link's direction is busy enough to show as a rate instead of particles. */
export function rated(rates: Rates, link: string, dir: Direction): boolean {
  return (rates.links[link]?.[dir] ?? 0) > RATE_VIEW_ABOVE;
}
