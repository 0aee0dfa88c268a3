/**
 * A node's timers, on the injected clock. Intervals scale with the runtime's speed factor and stop
 * while the node is paused; everything is cleared when the node stops.
 */
import type { Clock } from "./api.js";

interface Repeat {
  ms: number;
  fn: () => void;
  handle: unknown;
}

export class NodeTimers {
  private repeats = new Set<Repeat>();
  /** One-shot timers; sleepers keep their resolver so clear() can end their wait. */
  private onces = new Map<unknown, (() => void) | null>();
  private paused = false;

  constructor(
    private clock: Clock,
    private speed: () => number,
  ) {}

  /** Calls `fn` every `ms` (divided by the speed factor) until cancelled. */
  every(ms: number, fn: () => void): () => void {
    const r: Repeat = { ms, fn, handle: undefined };
    this.repeats.add(r);
    this.arm(r);
    return () => {
      this.clock.clearTimeout(r.handle);
      this.repeats.delete(r);
    };
  }

  private arm(r: Repeat) {
    if (this.paused) return;
    const wait = Math.max(1, r.ms / this.speed());
    r.handle = this.clock.setTimeout(() => {
      if (!this.repeats.has(r) || this.paused) return;
      this.arm(r);
      r.fn();
    }, wait);
  }

  /** Calls `fn` once after `ms` (real time: timeouts are not scaled by speed). */
  after(ms: number, fn: () => void): () => void {
    const handle = this.clock.setTimeout(() => {
      this.onces.delete(handle);
      fn();
    }, ms);
    this.onces.set(handle, null);
    return () => {
      this.clock.clearTimeout(handle);
      this.onces.delete(handle);
    };
  }

  /** Resolves after `ms`, or at once when the timers are cleared. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.onces.delete(handle);
        resolve();
      }, ms);
      this.onces.set(handle, resolve);
    });
  }

  pause() {
    this.paused = true;
    for (const r of this.repeats) this.clock.clearTimeout(r.handle);
  }

  resume() {
    if (!this.paused) return;
    this.paused = false;
    for (const r of this.repeats) this.arm(r);
  }

  /** New speed: re-arm the intervals so the change shows at once. */
  respeed() {
    if (this.paused) return;
    for (const r of this.repeats) {
      this.clock.clearTimeout(r.handle);
      this.arm(r);
    }
  }

  clear() {
    for (const r of this.repeats) this.clock.clearTimeout(r.handle);
    this.repeats.clear();
    for (const [h, fn] of this.onces) {
      this.clock.clearTimeout(h);
      // Sleepers resolve so their awaits end; their behaviour then sees it stopped.
      fn?.();
    }
    this.onces.clear();
  }
}
