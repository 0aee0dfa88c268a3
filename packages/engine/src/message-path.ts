/**
 * The one send path every behaviour's messages go through, so counting and correlation cannot be
 * skipped: a send passes step mode and the socket's serial queue, then is recorded for
 * correlation, counted and reported. Its receiving counterpart is receive-path.ts.
 *
 * Hot: this runs for every message. Nothing here allocates more than the event it reports and the
 * record the correlator keeps; counters are bumped through refs cached on the socket entry.
 */
import { codeForZmqError, ERROR_CODES, type MessageKind } from "@zmqp/protocol";
import { heldView } from "./held-view.js";
import type { Correlator } from "./correlate.js";
import { PendingSend } from "./pending-send.js";
import type { CounterStore } from "./counters.js";
import { LazyMessage } from "./frames.js";
import type { PeerErrors } from "./peer-errors.js";
import { dropUnlessTaken, reportSendFailure, type QueueHooks } from "./send-failures.js";
import { SendSlot } from "./send-slot.js";
import { wireMessage, type SocketEntry, type SocketRegistry } from "./sockets/registry.js";
import type { RuntimeState } from "./state.js";

const EMPTY = Buffer.alloc(0);

export class MessagePath {
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
      taken = entry.sock.send(wireMessage(frames));
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
    // Recorded for correlation in the socket's list, kept on its entry: no lookup by key per send.
    const sends = (entry.sends = this.correlator.sendsOf(entry.key, entry.sends));
    sends.list?.push(pending, now);
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
