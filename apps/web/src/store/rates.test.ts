import { emptyNodeCounters, type EventOf } from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import { advanceRates, NO_RATES, shortRate } from "./rates.js";

function counters(t: number, sent: number, received: number, forward: number): EventOf<"counters"> {
  return {
    type: "counters",
    t,
    nodes: { a: { ...emptyNodeCounters(), sent, received } },
    links: { l: { forward, backward: 0 } },
  };
}

describe("rates", () => {
  it("are the change of the exact totals over at least a second of engine time", () => {
    let r = advanceRates(null, NO_RATES, counters(1000, 0, 0, 0));
    expect(r.rates).toEqual(NO_RATES);
    // Half a second later: too short a window, nothing measured yet.
    r = advanceRates(r.base, r.rates, counters(1500, 50, 10, 50));
    expect(r.rates).toEqual(NO_RATES);
    r = advanceRates(r.base, r.rates, counters(2000, 100, 20, 100));
    expect(r.rates.nodes.a).toBe(120);
    expect(r.rates.links.l).toEqual({ forward: 100, backward: 0 });
    r = advanceRates(r.base, r.rates, counters(4000, 100, 20, 100));
    expect(r.rates.nodes.a).toBe(0);
  });

  it("start again when the engine's clock goes back (a new deploy)", () => {
    const r = advanceRates(
      advanceRates(null, NO_RATES, counters(5000, 9, 9, 9)).base,
      NO_RATES,
      counters(10, 0, 0, 0),
    );
    expect(r.rates).toEqual(NO_RATES);
    expect(r.base.t).toBe(10);
  });

  it("shorten for a card", () => {
    expect([0, 0.5, 12.4, 999, 1234, 25_000].map(shortRate)).toEqual([
      "0",
      "0.5",
      "12",
      "999",
      "1.2k",
      "25k",
    ]);
  });
});
