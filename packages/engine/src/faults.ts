/**
 * Faults a person can cause on purpose: step mode (hold every behaviour send, release one at a
 * time), link cuts (the connecting socket really disconnects) and link latency (each message that
 * crossed the link is handled that much later).
 */

interface HeldSend {
  key: string;
  release: () => void;
  cancel: () => void;
}

export class StepGate {
  holding = false;
  private held: HeldSend[] = [];

  /** Resolves true when the send may go, false when it was cancelled (its socket closed). */
  pass(key: string): Promise<boolean> | true {
    if (!this.holding) return true;
    return new Promise((resolve) =>
      this.held.push({ key, release: () => resolve(true), cancel: () => resolve(false) }),
    );
  }

  get pending(): number {
    return this.held.length;
  }

  hold() {
    this.holding = true;
  }

  /** Releases exactly one held send (the oldest); false when none was held. */
  next(): boolean {
    const h = this.held.shift();
    h?.release();
    return h !== undefined;
  }

  release() {
    this.holding = false;
    for (const h of this.held.splice(0)) h.release();
  }

  /** Drops the held sends of a socket that closed (a kill flushes nothing). */
  cancel(key: string): number {
    const mine = this.held.filter((h) => h.key === key);
    this.held = this.held.filter((h) => h.key !== key);
    for (const h of mine) h.cancel();
    return mine.length;
  }

  reset() {
    this.holding = false;
    for (const h of this.held.splice(0)) h.cancel();
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
