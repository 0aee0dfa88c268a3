/**
 * The process-wide cap on messages taken from peers per second (LIMITS.maxIncomingPerSecond): a
 * flood from many sockets at once cannot take the gateway's CPU from its tabs. A fixed one-second
 * window. Hot (every received message): the clock is read once every CHECK_EVERY messages, and
 * whenever the count reaches the cap, not per message (a clock read costs more than the rest).
 * A window may so start up to CHECK_EVERY messages late: the cap is at most that much stricter.
 */
const CHECK_EVERY = 1024;

export class IncomingLimit {
  private windowStart = 0;
  private count = 0;
  private dropped = 0;
  private reportedAt = 0;

  constructor(readonly perSecond: number) {}

  take(): boolean {
    const n = ++this.count;
    if (n <= this.perSecond && n % CHECK_EVERY !== 0) return true;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 1;
      return true;
    }
    if (n <= this.perSecond) return true;
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
