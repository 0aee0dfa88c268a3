/**
 * How many decoded items one link may send to the wire view per second (like the wire
 * inspector's relay): over the budget nothing is sent until the next second, whose first event
 * says how many items were left out. Counters and messages are never limited by this.
 */
export class WireBudget {
  private windowStart = -Infinity;
  private used = 0;
  private skipped = 0;

  constructor(private readonly perSecond: number) {}

  /** Of `n` items at time `t`: how many to send, and how many were skipped before them. */
  take(t: number, n: number): { items: number; skipped: number } {
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.used = 0;
    }
    const items = Math.max(0, Math.min(n, this.perSecond - this.used));
    this.used += items;
    if (items === 0) {
      this.skipped += n;
      return { items: 0, skipped: 0 };
    }
    const skipped = this.skipped;
    this.skipped = n - items;
    return { items, skipped };
  }
}
