/**
 * Faults a person can cause on purpose: step mode (hold every behaviour send, release one at a
 * time), link cuts (the connecting socket really disconnects) and link latency (each message that
 * crossed the link is handled that much later).
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

export class LinkFaults {
  readonly cut = new Set<string>();
  readonly latency = new Map<string, number>();

  latencyOf(link: string | null): number {
    return link ? (this.latency.get(link) ?? 0) : 0;
  }

  setLatency(link: string, ms: number | undefined) {
    if (ms === undefined) return;
    if (ms > 0) this.latency.set(link, ms);
    else this.latency.delete(link);
  }

  /** Forgets links no longer in the document. */
  retain(links: Set<string>) {
    for (const l of this.cut) if (!links.has(l)) this.cut.delete(l);
    for (const l of this.latency.keys()) if (!links.has(l)) this.latency.delete(l);
  }
}
