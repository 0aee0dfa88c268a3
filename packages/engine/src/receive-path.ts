/**
 * The one receive path: a received message is admitted (size, the process's incoming rate),
 * matched to the send it came from, counted and reported, after the latency of the link it
 * crossed. Its sending counterpart is message-path.ts, whose reports (send-failures.ts) it shares.
 *
 * Hot: this runs for every message. No lookup by key on the common path: the correlator's
 * Receiver and the counter refs are cached on the socket entry.
 */
import { LIMITS } from "@zmqp/protocol";
import type { Match } from "./correlate.js";
import { LazyMessage } from "./frames.js";
import { IncomingLimit } from "./incoming-limit.js";
import type { MessagePath } from "./message-path.js";
import { messageBytes } from "./peer-errors.js";
import { reportHwmDrop } from "./send-failures.js";
import type { SocketEntry } from "./sockets/registry.js";

export interface ReceiveResult {
  id: number;
  from?: { node: string; socket: string };
}

export class ReceivePath {
  private readonly incoming = new IncomingLimit(LIMITS.maxIncomingPerSecond);

  /** `path`: the send path, for what both share (state, counters, correlator, reports). */
  constructor(private readonly path: MessagePath) {}

  /**
   * Whether a received message may go on: under the playground's message size and the process's
   * incoming rate. What is refused is dropped, counted and said (rate-limited) here.
   */
  admit(entry: SocketEntry, frames: Buffer[]): boolean {
    if (!this.incoming.take()) {
      this.path.counters.dropped(entry.node, entry.socket, "overloaded");
      const over = this.incoming.overflowReport();
      if (over) this.path.peerErrors.overloaded(entry, over);
      return false;
    }
    // A message with one frame under the limit is the common case: no sum.
    if (frames.length === 1 && frames[0]!.length <= LIMITS.maxMessageSize) return true;
    const size = messageBytes(frames);
    if (size <= LIMITS.maxMessageSize) return true;
    this.path.peerErrors.tooLarge(entry, size);
    return false;
  }

  /**
   * Correlates a received message with the send it came from, counts it, reports it, after the
   * latency of the link it crossed. No promise at all on the common path (no latency).
   */
  receive(
    entry: SocketEntry,
    frames: Buffer[],
    wanted: boolean,
  ): ReceiveResult | null | Promise<ReceiveResult | null> {
    const { correlator, state } = this.path;
    const rx = (entry.receiver = correlator.receiverOf(entry.key, entry.receiver));
    const match = correlator.match(rx, frames, entry.zmqType === "ROUTER");
    // A slow link: the message is matched on arrival, and delivered (counted, shown, handled) later.
    const topology = state.topology;
    if (match && topology.latency.size > 0) {
      const latency = topology.latencyOf(match.peer.link);
      if (latency > 0) {
        // The correlator reuses its Match: this one is read later.
        const later = { ...match };
        return state.sleep(latency).then(() => this.deliver(entry, frames, later, wanted));
      }
    }
    return this.deliver(entry, frames, match, wanted);
  }

  /** `wanted`: the behaviour takes the message (onMessage): only then is a result made for it. */
  private deliver(
    entry: SocketEntry,
    frames: Buffer[],
    match: Match | null,
    wanted: boolean,
  ): ReceiveResult | null {
    const { counters, state } = this.path;
    // Counted as received now: no longer held outside the pipe (a handler may yet take long).
    entry.holding = false;
    const peer = match?.peer;
    if (peer) {
      // Counted through cached refs: no map lookups per message (same sums as counters.received).
      const c = (entry.counters = counters.refs(entry.node, entry.socket, entry.counters));
      c.node.received++;
      c.socket.received++;
      const p = (peer.counters = counters.peerRefs(
        entry.node,
        peer.from.node,
        peer.link,
        peer.counters,
      ));
      p.inbound.received++;
      p.outbound.sent++;
      if (peer.forward) p.link.forward++;
      else p.link.backward++;
    } else {
      counters.received(entry.node, entry.socket, null, null, false);
      // An outside peer's routing id: replies to it are routable (queues/pipes.ts). Not one the
      // engine gave a playground socket: that socket sent it before it closed, and the id is gone.
      if (
        entry.zmqType === "ROUTER" &&
        frames.length > 1 &&
        !this.path.correlator.givenToPlayground(frames[0]!.toString("latin1"))
      )
        this.path.queues?.heardFrom(entry, frames[0]!);
    }
    // (A publish marked no-subscriber that is received after all: SendList.take unmarks it.)
    if (match && match.skipped > 0)
      reportHwmDrop(this.path, match.peer.from, match.skipped, match.peer.link);
    const id = state.nextId();
    if (state.listeners.size > 0) {
      const event = new LazyMessage(
        state.clock.now(),
        id,
        entry.node,
        entry.socket,
        "in",
        match ? match.send.kind : "data",
        peer ? peer.link : null,
        entry.type,
        frames,
      );
      if (match) {
        event.linkDirection = match.peer.forward ? "forward" : "backward";
        event.from = match.peer.from;
        event.sendId = match.send.id;
        match.send.shareEvent(event);
      } else event.external = true;
      state.emit(event);
    }
    if (!wanted) return null;
    return peer ? { id, from: peer.from } : { id };
  }
}
