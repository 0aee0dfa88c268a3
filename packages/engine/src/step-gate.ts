/**
 * Step mode, a fault a person causes on purpose: every behaviour send is held, and released one at
 * a time (Next) or all at once. (Link cuts and latency are kept with the topology, topology.ts.)
 */

import type { HeldSendView } from "@zmqp/protocol";

/** Held sends listed in a `control` event; the rest are counted in `heldTotal`. */
const HELD_LISTED = 50;

interface HeldSend {
  key: string;
  view: HeldSendView;
  release: () => void;
  cancel: () => void;
}

export class StepGate {
  holding = false;
  private held: HeldSend[] = [];
  private seq = 0;
  /** Called whenever step mode or the held list changes (the runtime emits a `control` event). */
  onChange: () => void = () => undefined;

  /**
   * Resolves true when the send may go, false when it was cancelled (its socket closed). `view`
   * describes the send for the page; it is only built while holding.
   */
  pass(key: string, view: () => Omit<HeldSendView, "id">): Promise<boolean> | true {
    if (!this.holding) return true;
    const p = new Promise<boolean>((resolve) =>
      this.held.push({
        key,
        view: { id: ++this.seq, ...view() },
        release: () => resolve(true),
        cancel: () => resolve(false),
      }),
    );
    this.onChange();
    return p;
  }

  get pending(): number {
    return this.held.length;
  }

  /** The oldest held sends, in the order Next releases them. */
  list(): HeldSendView[] {
    return this.held.slice(0, HELD_LISTED).map((h) => h.view);
  }

  hold() {
    this.holding = true;
    this.onChange();
  }

  /** Releases exactly one held send (the oldest); false when none was held. */
  next(): boolean {
    const h = this.held.shift();
    h?.release();
    this.onChange();
    return h !== undefined;
  }

  release() {
    this.holding = false;
    for (const h of this.held.splice(0)) h.release();
    this.onChange();
  }

  /** Drops the held sends of a socket that closed (a kill flushes nothing). */
  cancel(key: string): number {
    const mine = this.held.filter((h) => h.key === key);
    this.held = this.held.filter((h) => h.key !== key);
    for (const h of mine) h.cancel();
    if (mine.length) this.onChange();
    return mine.length;
  }

  reset() {
    const had = this.holding || this.held.length > 0;
    this.holding = false;
    for (const h of this.held.splice(0)) h.cancel();
    if (had) this.onChange();
  }
}
