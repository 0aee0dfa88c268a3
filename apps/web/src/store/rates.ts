/**
 * Messages a second, per node and per link, from the engine's exact counters: the figure the
 * compact (zoomed-out) canvas shows instead of particles. A rate is the change of a total over at
 * least RATE_WINDOW_MS of engine time, so it never depends on how often the page draws.
 */
import type { EventOf, LinkCounters, NodeCounters } from "@zmqp/protocol";

/** The shortest span a rate is measured over, ms of engine time (counters come every 500 ms). */
const RATE_WINDOW_MS = 1000;

export interface Rates {
  /** Messages the node sent plus those it received, per second. */
  nodes: Record<string, number>;
  links: Record<string, { forward: number; backward: number }>;
}

export interface RateBase {
  t: number;
  nodes: Record<string, number>;
  links: Record<string, LinkCounters>;
}

export const NO_RATES: Rates = { nodes: {}, links: {} };

function totals(nodes: Record<string, NodeCounters>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, c] of Object.entries(nodes)) out[id] = c.sent + c.received;
  return out;
}

/** The base and rates after one counters event (unchanged until a window has passed). */
export function advanceRates(
  base: RateBase | null,
  rates: Rates,
  e: EventOf<"counters">,
): { base: RateBase; rates: Rates } {
  const next: RateBase = { t: e.t, nodes: totals(e.nodes), links: e.links };
  if (!base || e.t < base.t) return { base: next, rates: NO_RATES };
  const dt = e.t - base.t;
  if (dt < RATE_WINDOW_MS) return { base, rates };
  const per = (now: number, before: number | undefined) =>
    Math.max(0, ((now - (before ?? 0)) * 1000) / dt);
  const out: Rates = { nodes: {}, links: {} };
  for (const [id, total] of Object.entries(next.nodes)) out.nodes[id] = per(total, base.nodes[id]);
  for (const [id, c] of Object.entries(next.links)) {
    const b = base.links[id];
    out.links[id] = { forward: per(c.forward, b?.forward), backward: per(c.backward, b?.backward) };
  }
  return { base: next, rates: out };
}

/** "1.2k", "40", "0.5": a rate short enough for a compact card. */
export function shortRate(perSecond: number): string {
  if (perSecond >= 9950) return `${Math.round(perSecond / 1000)}k`;
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k`;
  if (perSecond >= 10 || perSecond === 0) return String(Math.round(perSecond));
  return perSecond.toFixed(1);
}
