/**
 * One recorded send, from the moment the engine hands it to zeromq until a receive takes it or the
 * list it waits in settles it (send-list.ts).
 */
import type { MessageKind } from "@zmqp/protocol";
import type { LazyMessage } from "./frames.js";

/** What a send asks of the list it waits in (SendList): declared here, so neither file imports
 * the other. */
export interface SendListHolder {
  holds(p: PendingSend): boolean;
}

/**
 * A class with every field set in its constructor: one shape for every send (fields added later
 * would move each record through hidden-class transitions, per message).
 */
export class PendingSend {
  /**
   * A publish no subscription matched, as far as the engine knew when sending: counted as dropped
   * for this reason unless a receiver takes it within a short grace period.
   */
  dropped: string | undefined = undefined;
  /** `dropped` is in the counters already (a publish's grace period is over). */
  dropCounted = false;
  /** zeromq took it (the sender's `sent` counts it): only then is it owed to a receiver. */
  onWire = false;
  /** The list it was recorded in, and its absolute place there (SendList.push). */
  list: SendListHolder | undefined = undefined;
  abs = -1;
  /** While zeromq has it: its frames (for the `message` event) and the drop reason asked for. */
  frames: Buffer[] | undefined = undefined;
  dropReason: string | undefined = undefined;
  /**
   * A one-to-one send's `message` event, until a receive takes it: the receive's event shares
   * its formatted frames (LazyMessage.sameFrameAs). Not kept for fan-out sends, which stay in
   * the list for many receivers and up to its MAX_AGE_MS (send-list.ts).
   */
  private out: LazyMessage | undefined = undefined;

  /**
   * A receiver matched it (one-to-one): its list let go of it. Asked of the list, not kept here:
   * a receive then never touches this record (see SendList.bodies).
   */
  get taken(): boolean {
    const list = this.list;
    return list !== undefined && !list.holds(this);
  }

  /** Keeps its `message` event for the receive to share: one frame, not yet taken, one-to-one. */
  keepEvent(out: LazyMessage, frameCount: number, fanout: boolean): void {
    if (frameCount === 1 && !this.taken && !fanout) this.out = out;
  }

  /** The receive that matched it shares the kept event's formatted frames; the event is let go. */
  shareEvent(event: LazyMessage): void {
    if (this.out) event.sameFrameAs(this.out);
    this.out = undefined;
  }

  constructor(
    readonly id: number,
    readonly body: Buffer,
    readonly t: number,
    readonly kind: MessageKind,
    /** Fan-out sends: the first frame, which subscriptions filter on. */
    readonly topic: Buffer | undefined,
  ) {}
}
