/**
 * What a send that did not arrive counts and says: one zeromq refused (closed, queue full, send
 * timeout, an error), one a PUB made with no subscriber (counted only if nobody takes it after
 * all), and the messages a high-water mark dropped before the one that was received.
 */
import { codeForZmqError, phrase } from "@zmqp/protocol";
import type { PendingSend } from "./pending-send.js";
import type { CounterStore } from "./counters.js";
import type { PeerErrors } from "./peer-errors.js";
import { errorText } from "./say.js";
import { QUEUE_FULL, type SocketEntry } from "./sockets/registry.js";
import type { RuntimeState } from "./state.js";

/** What the reports below count and say through (the message path, message-path.ts). */
export interface FailureSink {
  readonly state: RuntimeState;
  readonly counters: CounterStore;
  readonly peerErrors: PeerErrors;
  readonly sendTimeoutMs: number;
  /** The queue tracker's view of pipes (queues/tracker.ts); absent until the core wires it. */
  readonly queues: QueueHooks | undefined;
}

/** What the message path tells the queue tracker as it happens (queues/tracker.ts). */
export interface QueueHooks {
  routed(entry: SocketEntry, routingId: Buffer | undefined, pending: PendingSend): void;
  heardFrom(entry: SocketEntry, routingId: Buffer): void;
  hwmDropped(from: { node: string; socket: string }, link?: string): void;
  sendTimedOut(entry: SocketEntry, ms: number): void;
}

/** How long a publish with no known subscriber may still be received before it counts as dropped. */
const DROP_GRACE_MS = 200;

/**
 * Counted only if no receiver takes it shortly: a subscription may be on its way to us while
 * libzmq already has it (the XPUB reports subscriptions after applying them).
 */
export function dropUnlessTaken(
  core: FailureSink,
  entry: SocketEntry,
  pending: PendingSend,
  reason: string,
): void {
  pending.dropped = reason;
  // Real time: the grace is for in-flight I/O, which an injected test clock does not drive.
  setTimeout(() => {
    if (pending.dropped !== reason) return;
    pending.dropCounted = true;
    core.counters.dropped(entry.node, entry.socket, reason);
    core.state.emit({
      type: "drop",
      t: core.state.now(),
      node: entry.node,
      socket: entry.socket,
      reason,
      count: 1,
    });
  }, DROP_GRACE_MS).unref();
}

export function reportSendFailure(
  core: FailureSink,
  entry: SocketEntry,
  err: NodeJS.ErrnoException,
) {
  if (err.code === "ECLOSED" || entry.closed || entry.closing) {
    core.counters.dropped(entry.node, entry.socket, entry.closeReason ?? "closed");
    return;
  }
  if (err.code === QUEUE_FULL) {
    core.counters.dropped(entry.node, entry.socket, "queue-full");
    core.peerErrors.queueFull(entry);
    return;
  }
  const timeout = err.code === "EAGAIN";
  if (timeout) core.queues?.sendTimedOut(entry, core.sendTimeoutMs);
  core.counters.dropped(entry.node, entry.socket, timeout ? "timeout" : "error");
  core.counters.error(entry.node, entry.socket);
  core.state.emit({
    type: "error",
    t: core.state.now(),
    node: entry.node,
    socket: entry.socket,
    code: codeForZmqError(err.code),
    ...errorText(timeout ? phrase("error.sendTimeout", { ms: core.sendTimeoutMs }) : err.message),
  });
}

/** Messages a high-water mark dropped on `from` before the one just received. */
export function reportHwmDrop(
  core: FailureSink,
  from: { node: string; socket: string },
  count: number,
  link?: string,
) {
  core.counters.dropped(from.node, from.socket, "hwm", count);
  core.queues?.hwmDropped(from, link);
  core.state.emit({
    type: "drop",
    t: core.state.now(),
    node: from.node,
    socket: from.socket,
    reason: "hwm",
    count,
  });
}
