/**
 * The one send path and the one receive path every behaviour's messages go through, so counting
 * and correlation cannot be skipped: a send passes step mode and the socket's serial queue, then
 * is recorded for correlation, counted and reported; a receive is admitted (size, rate), matched to
 * the send it came from, counted and reported, after the latency of the link it crossed.
 *
 * Hot: this runs for every message. Nothing here allocates more than the event it reports and the
 * record the correlator keeps; counters are bumped through refs cached on the socket entry.
 */
import { codeForZmqError, ERROR_CODES, LIMITS, type MessageKind } from "@zmqp/protocol";
import { heldView } from "./held-view.js";
import { PendingSend, type Correlator, type Match } from "./correlate.js";
import type { CounterStore } from "./counters.js";
import { LazyMessage } from "./frames.js";
import { IncomingLimit } from "./incoming-limit.js";
import { messageBytes, type PeerErrors } from "./peer-errors.js";
import {
  dropUnlessTaken,
  reportHwmDrop,
  reportSendFailure,
  type QueueHooks,
} from "./send-failures.js";
import { SendSlot } from "./send-slot.js";
import type { SocketEntry, SocketRegistry } from "./sockets/registry.js";
import type { RuntimeState } from "./state.js";

export interface ReceiveResult {
  id: number;
  from?: { node: string; socket: string };
}

const EMPTY = Buffer.alloc(0);

export class MessagePath {
  private readonly incoming = new IncomingLimit(LIMITS.maxIncomingPerSecond);
  queues: QueueHooks | undefined = undefined;

  constructor(
    readonly state: RuntimeState,
    readonly registry: SocketRegistry,
    readonly counters: CounterStore,
    readonly correlator: Correlator,
    readonly peerErrors: PeerErrors,
    readonly sendTimeoutMs: number,
  ) {}

  /**
   * Sends on a socket; resolves true when zeromq took the message, false when it was refused
   * (counted and said already). Hot: with nothing held or queued, the message goes straight to
   * zeromq, even while earlier direct sends are still settling (zeromq refuses one it cannot take
   * at once with EBUSY: that one is queued), and its promise is continued by the socket's own two
   * callbacks (SendSlot): no async frame, no closure per message.
   */
  send(
    entry: SocketEntry,
    frames: Buffer[],
    kind: MessageKind,
    dropReason?: string,
  ): Promise<boolean> {
    if (this.state.step.holding || entry.closed || entry.closing || !this.mayGoDirect(entry))
      return this.sendQueued(entry, frames, kind, dropReason);
    return this.direct(entry, frames, kind, dropReason);
  }

  /** Nothing in flight, or only direct sends and nothing queued behind them (order is kept). */
  private mayGoDirect(entry: SocketEntry): boolean {
    if (!entry.sending) return true;
    const flying = entry.slot?.flying.length ?? 0;
    return flying > 0 && entry.queue.length === 0;
  }

  private direct(
    entry: SocketEntry,
    frames: Buffer[],
    kind: MessageKind,
    dropReason: string | undefined,
  ): Promise<boolean> {
    const pending = this.record(entry, frames, kind);
    const slot = (entry.slot ??= new SendSlot(
      (p, frames, last) => {
        // The last one settled: the socket is free for its queue (registry.sent drains it).
        if (last) this.registry.sent(entry);
        return this.sent(entry, p, frames, p.dropReason);
      },
      (p, err, last) => {
        this.failed(entry, p, err);
        if (last) this.registry.sent(entry);
        return false;
      },
    ));
    let taken: Promise<void>;
    try {
      taken = entry.sock.send(frames);
    } catch (err) {
      // Still writing an earlier one: this one waits in the socket's queue.
      if (slot.flying.length > 0 && (err as NodeJS.ErrnoException).code === "EBUSY")
        return this.queued(entry, pending, frames, dropReason);
      return Promise.resolve(this.failed(entry, pending, err));
    }
    entry.sending = true;
    return slot.add(pending, frames, dropReason, taken);
  }

  /** The same through step mode and the socket's queue (something is held or in flight). */
  private async sendQueued(
    entry: SocketEntry,
    frames: Buffer[],
    kind: MessageKind,
    dropReason: string | undefined,
  ): Promise<boolean> {
    const state = this.state;
    if (state.step.holding) {
      const view = () => heldView(state.topology, entry, frames, kind);
      if (!(await state.step.pass(entry.key, view))) return false;
    }
    if (entry.closed || entry.closing) {
      this.counters.dropped(entry.node, entry.socket, entry.closeReason ?? "closed");
      return false;
    }
    // Released from step mode onto an idle socket: the direct path.
    if (this.mayGoDirect(entry)) return this.direct(entry, frames, kind, dropReason);
    return this.queued(entry, this.record(entry, frames, kind), frames, dropReason);
  }

  /** Behind what the socket has in flight, in its queue (registry.send). */
  private async queued(
    entry: SocketEntry,
    pending: PendingSend,
    frames: Buffer[],
    dropReason: string | undefined,
  ): Promise<boolean> {
    try {
      await this.registry.send(entry, frames);
    } catch (err) {
      return this.failed(entry, pending, err);
    }
    return this.sent(entry, pending, frames, dropReason);
  }

  /** A send about to go: recorded for correlation (the clock read only if someone listens). */
  private record(entry: SocketEntry, frames: Buffer[], kind: MessageKind): PendingSend {
    const state = this.state;
    // Read the clock only for an event someone will see (see RuntimeState.coarseNow).
    const now = state.listeners.size > 0 ? state.clock.now() : state.coarseNow();
    const body = frames[frames.length - 1] ?? EMPTY;
    const topic = frames.length > 1 ? frames[0] : undefined;
    const pending = new PendingSend(state.nextId(), body, now, kind, topic);
    this.correlator.recordSend(entry.key, pending, now);
    return pending;
  }

  /** zeromq took it: owed to a receiver now, counted and reported. */
  sent(entry: SocketEntry, pending: PendingSend, frames: Buffer[], dropReason?: string): true {
    pending.onWire = true;
    if (entry.zmqType === "ROUTER" && frames.length > 1)
      this.queues?.routed(entry, frames[0], pending);
    if (entry.closing || entry.closed) this.correlator.sentAfterClose(entry.key, pending);
    const c = (entry.counters = this.counters.refs(entry.node, entry.socket, entry.counters));
    c.node.sent++;
    c.socket.sent++;
    if (dropReason) dropUnlessTaken(this, entry, pending, dropReason);
    const state = this.state;
    if (state.listeners.size > 0) {
      const out = new LazyMessage(
        pending.t,
        pending.id,
        entry.node,
        entry.socket,
        "out",
        pending.kind,
        null,
        entry.type,
        frames,
      );
      pending.keepEvent(out, frames.length, entry.zmqType === "PUB" || entry.zmqType === "XPUB");
      state.emit(out);
    }
    return true;
  }

  /** zeromq refused it: not owed to anyone, counted and said. */
  failed(entry: SocketEntry, pending: PendingSend, err: unknown): false {
    this.correlator.cancelSend(entry.key, pending.id);
    reportSendFailure(this, entry, err as NodeJS.ErrnoException);
    return false;
  }

  /**
   * Whether a received message may go on: under the playground's message size and the process's
   * incoming rate. What is refused is dropped, counted and said (rate-limited) here.
   */
  admit(entry: SocketEntry, frames: Buffer[]): boolean {
    if (!this.incoming.take()) {
      this.counters.dropped(entry.node, entry.socket, "overloaded");
      const over = this.incoming.overflowReport();
      if (over) this.peerErrors.overloaded(entry, over);
      return false;
    }
    // A message with one frame under the limit is the common case: no sum.
    if (frames.length === 1 && frames[0]!.length <= LIMITS.maxMessageSize) return true;
    const size = messageBytes(frames);
    if (size <= LIMITS.maxMessageSize) return true;
    this.peerErrors.tooLarge(entry, size);
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
    const match = this.correlator.match(entry.key, frames, entry.zmqType === "ROUTER");
    // A slow link: the message is matched on arrival, and delivered (counted, shown, handled) later.
    const topology = this.state.topology;
    if (match && topology.latency.size > 0) {
      const latency = topology.latencyOf(match.peer.link);
      if (latency > 0) {
        // The correlator reuses its Match: this one is read later.
        const later = { ...match };
        return this.state.sleep(latency).then(() => this.deliver(entry, frames, later, wanted));
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
    const peer = match?.peer;
    if (peer) {
      // Counted through cached refs: no map lookups per message (same sums as counters.received).
      const c = (entry.counters = this.counters.refs(entry.node, entry.socket, entry.counters));
      c.node.received++;
      c.socket.received++;
      const p = (peer.counters = this.counters.peerRefs(
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
      this.counters.received(entry.node, entry.socket, null, null, false);
      // An outside peer's routing id: replies to it are routable (queues/pipes.ts).
      if (entry.zmqType === "ROUTER" && frames.length > 1)
        this.queues?.heardFrom(entry, frames[0]!);
    }
    if (match) {
      // Not lost after all: its subscription was on its way when it was sent.
      match.send.dropped = undefined;
      if (match.skipped > 0) reportHwmDrop(this, match.peer.from, match.skipped, match.peer.link);
    }
    const state = this.state;
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

  /** A socket-level failure that is not about one message (bind, connect, receive). */
  socketError(node: string, socket: string | undefined, err: NodeJS.ErrnoException) {
    this.counters.error(node, socket);
    this.state.emit({
      type: "error",
      t: this.state.now(),
      node,
      ...(socket ? { socket } : {}),
      code: err.code ? codeForZmqError(err.code) : ERROR_CODES.SOCKET,
      message: err.message,
    });
  }
}
