/**
 * The runtime's shared internals, handed to every node runner: clock, event sink, ids, counters,
 * correlation, the socket registry, step mode, link faults, speed. The send and receive paths that
 * every behaviour goes through live here, so counting and correlation cannot be skipped.
 */
import path from "node:path";
import {
  codeForZmqError,
  connectAddressFor,
  ERROR_CODES,
  LIMITS,
  type GraphDoc,
  type MessageKind,
  type RuntimeEvent,
} from "@zmqp/protocol";
import type { Clock } from "./api.js";
import { Correlator, type Match, type PendingSend } from "./correlate.js";
import { heldView } from "./controls.js";
import { CounterStore } from "./counters.js";
import { LinkFaults, StepGate } from "./faults.js";
import { LazyMessage } from "./frames.js";
import { IncomingLimit } from "./incoming-limit.js";
import { messageBytes, PeerErrors } from "./peer-errors.js";
import type { MonitorEvent } from "./monitor.js";
import { dropUnlessTaken, reportHwmDrop, reportSendFailure } from "./send-failures.js";
import { QueueTracker } from "./queues/tracker.js";
import { SocketRegistry, type SocketEntry } from "./sockets/registry.js";

export interface CoreOptions {
  sendTimeoutMs: number;
  ipcDir: string;
  allowExternal: boolean;
}

export interface ReceiveResult {
  id: number;
  from?: { node: string; socket: string };
}

const EMPTY = Buffer.alloc(0);

export class Core {
  readonly registry = new SocketRegistry();
  readonly counters = new CounterStore();
  readonly correlator = new Correlator();
  readonly step = new StepGate();
  readonly links = new LinkFaults();
  readonly listeners = new Set<(e: RuntimeEvent) => void>();
  readonly peerErrors = new PeerErrors(this);
  /** In flight per link, pipe states, list queue (queues/). */
  readonly queues = new QueueTracker(this);
  /** When each playground socket last closed (`node/socket`): its half-open connections are ours. */
  readonly closedAt = new Map<string, number>();
  private readonly incoming = new IncomingLimit(LIMITS.maxIncomingPerSecond);
  /** The outside peers known on each bound tcp socket (`node/socket`), from outside-table.ts. */
  readonly outsideWatches = new Map<string, { known: Set<string> }>();

  /** The one outside peer known on a node's socket, for "from 127.0.0.1:43210"; else undefined. */
  outsideAddressOf(node: string, socket: string): string | undefined {
    const known = this.outsideWatches.get(`${node}/${socket}`)?.known;
    return known?.size === 1 ? [...known][0] : undefined;
  }
  speed = 1;
  /** Shows a connection from outside on a node's socket; the runtime routes it (outside-peers.ts). */
  outside: (node: string, socket: string, ev: MonitorEvent) => void = () => {};
  doc: GraphDoc | null = null;
  private lastId = 0;

  constructor(
    readonly clock: Clock,
    readonly options: CoreOptions,
  ) {}

  now(): number {
    return this.clock.now();
  }

  nextId(): number {
    return ++this.lastId;
  }

  emit(event: RuntimeEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // Listeners must not throw; one that does must not break the runtime.
      }
    }
  }

  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.clock.setTimeout(r, ms));
  }

  /** Watched links (wire inspector): link id → the relay address their connecting socket dials. */
  readonly wireRoutes = new Map<string, string>();

  /**
   * The address a link's connecting socket dials: its endpoint, or the bound socket's first; the
   * inspector's relay while the link is watched, unless `real` is asked for.
   */
  linkAddress(link: GraphDoc["links"][number], real = false): string | null {
    const routed = real ? undefined : this.wireRoutes.get(link.id);
    if (routed) return routed;
    const to = this.doc?.nodes.find((n) => n.id === link.to.node);
    const sock = to?.sockets.find((s) => s.id === link.to.socket);
    const raw = link.endpoint ?? sock?.bind[0];
    return raw ? connectAddressFor(this.resolveAddress(raw)) : null;
  }

  /** ipc:// names live in the sandbox folder; tcp and inproc are used as written. */
  resolveAddress(raw: string): string {
    if (!raw.startsWith("ipc://")) return raw;
    return `ipc://${path.join(this.options.ipcDir, raw.slice("ipc://".length))}`;
  }

  /**
   * The one send path: step mode, then the socket's serial queue; counts, correlates and reports.
   * Resolves true when zeromq took the message. Hot: one promise (this function's) on top of
   * zeromq's own when nothing is held or queued, no closure, one clock read.
   */
  async send(
    entry: SocketEntry,
    frames: Buffer[],
    kind: MessageKind,
    dropReason?: string,
  ): Promise<boolean> {
    if (this.step.holding) {
      const view = () => heldView(this, entry, frames, kind);
      if (!(await this.step.pass(entry.key, view))) return false;
    }
    if (entry.closed || entry.closing) {
      this.counters.dropped(entry.node, entry.socket, entry.closeReason ?? "closed");
      return false;
    }
    const id = this.nextId();
    const now = this.now();
    const pending: PendingSend = { id, body: frames[frames.length - 1] ?? EMPTY, t: now, kind };
    if (frames.length > 1) pending.topic = frames[0]!;
    this.correlator.recordSend(entry.key, pending, now);
    const direct = !entry.sending;
    try {
      // Nothing in flight: straight to zeromq (a second concurrent send would throw EBUSY).
      if (direct) {
        entry.sending = true;
        await entry.sock.send(frames);
      } else await this.registry.send(entry, frames);
    } catch (err) {
      this.correlator.cancelSend(entry.key, id);
      reportSendFailure(this, entry, err as NodeJS.ErrnoException);
      return false;
    } finally {
      if (direct) this.registry.sent(entry);
    }
    pending.onWire = true;
    // A ROUTER drops a message for a routing id it does not know, silently: counted here.
    if (entry.zmqType === "ROUTER" && frames.length > 1)
      this.queues.routed(entry, frames[0], pending);
    if (entry.closing || entry.closed) this.correlator.sentAfterClose(entry.key, pending);
    const c = (entry.counters = this.counters.refs(entry.node, entry.socket, entry.counters));
    c.node.sent++;
    c.socket.sent++;
    if (dropReason) dropUnlessTaken(this, entry, pending, dropReason);
    if (this.listeners.size > 0)
      this.emit(
        new LazyMessage(
          {
            t: now,
            id,
            node: entry.node,
            socket: entry.socket,
            direction: "out",
            kind,
            link: null,
          },
          entry.type,
          frames,
        ),
      );
    return true;
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
   * The one receive path: correlates the message with the send it came from, counts it, reports
   * it, after the latency of the link it crossed.
   */
  receive(entry: SocketEntry, frames: Buffer[]): ReceiveResult | Promise<ReceiveResult> {
    const match = this.correlator.match(entry.key, frames, entry.zmqType === "ROUTER");
    // A slow link: the message is matched on arrival, and delivered (counted, shown, handled) later.
    // No promise at all on the common path: this runs for every message.
    if (match && this.links.latency.size > 0) {
      const latency = this.links.latencyOf(match.peer.link);
      if (latency > 0) return this.sleep(latency).then(() => this.deliver(entry, frames, match));
    }
    return this.deliver(entry, frames, match);
  }

  private deliver(entry: SocketEntry, frames: Buffer[], match: Match | null): ReceiveResult {
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
      if (entry.zmqType === "ROUTER" && frames.length > 1) this.queues.heardFrom(entry, frames[0]!);
    }
    if (match) {
      // Not lost after all: its subscription was on its way when it was sent.
      if (match.send.dropped) delete match.send.dropped;
      if (match.skipped > 0) reportHwmDrop(this, match.peer.from, match.skipped, match.peer.link);
    }
    const id = this.nextId();
    if (this.listeners.size > 0) {
      const event = new LazyMessage(
        {
          t: this.now(),
          id,
          node: entry.node,
          socket: entry.socket,
          direction: "in",
          kind: match ? match.send.kind : "data",
          link: peer ? peer.link : null,
        },
        entry.type,
        frames,
      );
      if (match) {
        event.linkDirection = match.peer.forward ? "forward" : "backward";
        event.from = match.peer.from;
        event.sendId = match.send.id;
      } else event.external = true;
      this.emit(event);
    }
    return peer ? { id, from: peer.from } : { id };
  }

  /** A socket-level failure that is not about one message (bind, connect, receive). */
  socketError(node: string, socket: string | undefined, err: NodeJS.ErrnoException) {
    this.counters.error(node, socket);
    this.emit({
      type: "error",
      t: this.now(),
      node,
      ...(socket ? { socket } : {}),
      code: err.code ? codeForZmqError(err.code) : ERROR_CODES.SOCKET,
      message: err.message,
    });
  }
}
