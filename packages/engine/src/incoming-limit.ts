/**
 * The process-wide cap on messages taken from peers per second (LIMITS.maxIncomingPerSecond): a
 * flood from many sockets at once cannot take the gateway's CPU from its tabs. A fixed one-second
 * window: one clock read and two additions per message.
 */
export class IncomingLimit {
  private windowStart = 0;
  private count = 0;
  private dropped = 0;
  private reportedAt = 0;

  constructor(readonly perSecond: number) {}

  take(): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    if (++this.count <= this.perSecond) return true;
    this.dropped++;
    return false;
  }

  /** The drops since the last report, at most once a second; 0 when nothing is to be said. */
  overflowReport(): number {
    const now = Date.now();
    if (now - this.reportedAt < 1000) return 0;
    this.reportedAt = now;
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }
}
