/**
 * The subscriptions an XPUB has been told about, counted per prefix (a verbose XPUB reports every
 * subscriber's, so one prefix may be held several times). Shared by the publisher (to count a
 * publish nobody wants as dropped) and the proxy (the same, and to forward them upstream).
 */
export interface SubscriptionChange {
  subscribe: boolean;
  /** The prefix as bytes (what zeromq matches) and as text (what a person reads). */
  prefix: Buffer;
  topic: string;
}

export class Subscriptions {
  private held = new Map<string, { prefix: Buffer; count: number }>();

  /**
   * Applies one XPUB control frame (0x01 + prefix subscribes, 0x00 + prefix unsubscribes);
   * null for a frame that is not one.
   */
  apply(frame: Buffer | undefined): SubscriptionChange | null {
    if (!frame || frame.length === 0 || frame[0]! > 1) return null;
    const prefix = frame.subarray(1);
    const key = prefix.toString("latin1");
    const subscribe = frame[0] === 1;
    const count = (this.held.get(key)?.count ?? 0) + (subscribe ? 1 : -1);
    if (count > 0) this.held.set(key, { prefix, count });
    else this.held.delete(key);
    return { subscribe, prefix, topic: key };
  }

  /** The prefixes held, as text, in the order they were first asked for. */
  topics(): string[] {
    return [...this.held.keys()];
  }

  /** True when some held prefix is a byte prefix of `topic` (the message's first frame). */
  matches(topic: Buffer): boolean {
    for (const { prefix } of this.held.values())
      if (
        topic.length >= prefix.length &&
        topic.compare(prefix, 0, prefix.length, 0, prefix.length) === 0
      )
        return true;
    return false;
  }
}
