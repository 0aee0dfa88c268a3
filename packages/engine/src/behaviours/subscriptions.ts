/**
 * The subscriptions an XPUB has been told about, counted per prefix (a verbose XPUB reports every
 * subscriber's, so one prefix may be held several times). Shared by the publisher (to count a
 * publish nobody wants as dropped) and the proxy (the same, and to forward them upstream).
 */
import type { Capabilities } from "@zmqp/protocol";
import type { ZmqType } from "../sockets/registry.js";

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

/**
 * What a socket subscribes to when it opens (the correlator's filters), or null when it filters
 * nothing: a subscriber's SUB its `topics`, a proxy's XSUB nothing until its subscribers ask.
 */
export function subscriptionsAtOpen(
  can: Capabilities,
  type: ZmqType,
  params: Record<string, unknown>,
): string[] | null {
  if (can.subscribes === "topics" && type === "SUB" && Array.isArray(params.topics))
    return params.topics as string[];
  if (can.subscribes === "downstream" && type === "XSUB") return [];
  return null;
}
