/**
 * Time sources. The runtime takes a Clock so timer-driven behaviour (intervals, REQ timeouts, the
 * timeline) can be driven by hand in tests, as XState's SimulatedClock does; sockets stay real.
 */
import type { Clock } from "./api.js";

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that moves only when told to (`advance`), firing due timers in time order. */
export class SimulatedClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, Pending>();

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), seq: id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, Pending] | undefined;
      for (const e of this.timers)
        if (
          e[1].at <= end &&
          (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[1].seq < next[1].seq))
        )
          next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}
