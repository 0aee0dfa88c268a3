/**
 * Every zeromq socket the engine opens lives in this registry: an unreferenced socket is closed by
 * the garbage collector, a second concurrent send throws EBUSY, and a socket left open keeps the
 * process alive. So: one Map, one serial send queue per socket, one receive loop per readable
 * socket, `linger: 0` always, and close() everything on the way out.
 */
import * as zmq from "zeromq";
import { canReceive, canSend, LIMITS, type SocketOptions, type SocketType } from "@zmqp/protocol";
import type { Receiver, Sends } from "../correlate.js";
import type { SocketRefs } from "../counters.js";

export type ZmqType = Exclude<SocketType, "TCP">;

/** Any socket class: we only call send on writable ones and receive on readable ones. */
export type ZSocket = zmq.Socket & {
  send(message: Buffer | Buffer[]): Promise<void>;
  receive(): Promise<Buffer[]>;
};

/**
 * What zeromq is handed for these frames: a one-frame message as its Buffer. The same message on
 * the wire, but zeromq.js reads an array element by element through N-API (three native calls
 * more per message on the hot path).
 */
export function wireMessage(frames: Buffer[]): Buffer | Buffer[] {
  return frames.length === 1 ? frames[0]! : frames;
}

const CLASSES = {
  REQ: zmq.Request,
  REP: zmq.Reply,
  DEALER: zmq.Dealer,
  ROUTER: zmq.Router,
  PUB: zmq.Publisher,
  SUB: zmq.Subscriber,
  XPUB: zmq.XPublisher,
  XSUB: zmq.XSubscriber,
  PUSH: zmq.Push,
  PULL: zmq.Pull,
  PAIR: zmq.Pair,
  STREAM: zmq.Stream,
} as unknown as Record<ZmqType, new (options?: object) => ZSocket>;

/** Types whose socket may be given a routing id (a ROUTER peer then sees it in the envelope). */
const ROUTING_ID_TYPES = new Set<ZmqType>(["REQ", "REP", "DEALER", "ROUTER", "PAIR"]);

export interface OpenSpec {
  node: string;
  socket: string;
  /** The type in the document (what the UI shows). */
  type: SocketType;
  /** The class actually opened (a publisher runs an XPUB to see subscriptions). */
  zmqType: ZmqType;
  options?: SocketOptions;
  routingId?: string;
  sendTimeoutMs: number;
}

interface QueuedSend {
  frames: Buffer[];
  bytes: number;
  done: (err: Error | null) => void;
}

export interface SocketEntry {
  key: string;
  node: string;
  socket: string;
  type: SocketType;
  zmqType: ZmqType;
  sock: ZSocket;
  routingId?: string;
  closed: boolean;
  /** Being closed: no new send or receive starts, and a failure now is the close, not an error. */
  closing: boolean;
  /** Why it closed, as the drop reason of the sends it took down (`closed` or `killed`). */
  closeReason?: string;
  paused: boolean;
  queue: QueuedSend[];
  /** Bytes of the sends in `queue` (capped with its length: LIMITS.maxQueuedSends/Bytes). */
  queuedBytes: number;
  sending: boolean;
  /** The receive loop waits in zeromq for a message (nothing is queued for it). */
  receiving: boolean;
  /** Messages the receive loop got (the queue gauges tell an idle receiver by it). */
  receives: number;
  /**
   * The receive loop read a message from zeromq that the node has not had yet: read just as the
   * socket was paused (held until it resumes), or delayed by a slow link. At most one, outside
   * zeromq's pipe: the queue gauges count it in the link's capacity (queues/inflight.ts).
   */
  holding: boolean;
  /** This socket's counter objects, cached by Core (CounterStore.refs). */
  counters?: SocketRefs;
  /** This socket's linked peers as a receiver, cached by the receive path (Correlator.receiverOf). */
  receiver?: Receiver;
  /** This socket's list of recent sends, cached by the send path (Correlator.sendsOf). */
  sends?: Sends;
  wake?: () => void;
}

export const socketKey = (node: string, socket: string) => `${node}/${socket}`;

export class SocketRegistry {
  readonly entries = new Map<string, SocketEntry>();

  open(spec: OpenSpec): SocketEntry {
    const key = socketKey(spec.node, spec.socket);
    const o = spec.options ?? {};
    const options: Record<string, unknown> = {
      linger: 0,
      maxMessageSize: LIMITS.maxWireFrameBytes,
    };
    // Send options exist only on writable classes and receive options on readable ones: zeromq
    // throws on an option its class lacks.
    if (canSend(spec.zmqType)) {
      options.sendTimeout = spec.sendTimeoutMs;
      options.sendHighWaterMark = o.sendHighWaterMark ?? LIMITS.highWaterMark;
    }
    if (canReceive(spec.zmqType))
      options.receiveHighWaterMark = o.receiveHighWaterMark ?? LIMITS.highWaterMark;
    if (o.immediate !== undefined) options.immediate = o.immediate;
    const routingId = o.routingId ?? spec.routingId;
    if (routingId && ROUTING_ID_TYPES.has(spec.zmqType)) options.routingId = routingId;
    if (spec.zmqType === "REQ" && o.relaxed) {
      options.relaxed = true;
      options.correlate = true;
    }
    const sock = new CLASSES[spec.zmqType](options);
    const entry: SocketEntry = {
      key,
      node: spec.node,
      socket: spec.socket,
      type: spec.type,
      zmqType: spec.zmqType,
      sock,
      closed: false,
      closing: false,
      paused: false,
      queue: [],
      queuedBytes: 0,
      sending: false,
      receiving: false,
      receives: 0,
      holding: false,
    };
    if (options.routingId) entry.routingId = options.routingId as string;
    this.entries.get(key)?.sock.close();
    this.entries.set(key, entry);
    return entry;
  }

  get(key: string): SocketEntry | undefined {
    return this.entries.get(key);
  }

  /**
   * Queues a send behind the one in flight, or starts the queue when nothing is in flight (a
   * proxy's subscription upstream: control traffic outside the message path); resolves when zeromq
   * took it, rejects with its error (EAGAIN on timeout). The message path sends directly when it
   * can (MessagePath.send: no queue, no extra promise), setting `sending` and calling `sent`.
   */
  send(entry: SocketEntry, frames: Buffer[]): Promise<void> {
    if (entry.closed || entry.closing) return Promise.reject(closedError());
    // Nobody is taking them (a DEALER with no peer): the queue is capped, the rest dropped.
    let bytes = 0;
    for (const f of frames) bytes += f.length;
    if (
      entry.queue.length >= LIMITS.maxQueuedSends ||
      entry.queuedBytes + bytes > LIMITS.maxQueuedBytes
    )
      return Promise.reject(queueFullError());
    entry.queuedBytes += bytes;
    // Not async itself: a queued send costs this one promise, no wrapper around it.
    return new Promise((resolve, reject) => {
      entry.queue.push({ frames, bytes, done: (err) => (err ? reject(err) : resolve()) });
      if (!entry.sending) void drain(entry);
    });
  }

  /** The send in flight settled: the next queued one goes. */
  sent(entry: SocketEntry) {
    entry.sending = false;
    if (entry.queue.length > 0 && !entry.closed) void drain(entry);
  }

  /**
   * Runs the socket's one receive loop. Each message is handled before the next is read, and a
   * paused socket stops reading, so new messages queue inside zeromq (up to the high-water mark).
   * A failed receive on a live socket is a peer's bad message (zeromq.js raises EAGAIN when libzmq
   * discarded it): reported through `onPeerError`, and the loop reads on. Failures in a row back
   * off (up to a second) so an error that repeats cannot spin the event loop. `onHeld`: the socket
   * was paused while its receive waited in zeromq, and holds the message that receive then read.
   */
  async receiveLoop(
    entry: SocketEntry,
    handle: (frames: Buffer[]) => void | Promise<unknown>,
    onError: (err: Error) => void,
    onPeerError: (err: NodeJS.ErrnoException) => void = onError,
    onHeld?: () => void,
  ): Promise<void> {
    let failures = 0;
    while (!entry.closed && !entry.closing) {
      if (entry.paused) await new Promise<void>((r) => (entry.wake = r));
      if (entry.closed || entry.closing) break;
      let frames: Buffer[];
      try {
        entry.receiving = true;
        frames = await entry.sock.receive();
        entry.receiving = false;
        entry.receives++;
        entry.holding = true;
        failures = 0;
      } catch (err) {
        entry.receiving = false;
        // A pending receive rejects with EAGAIN when its socket closes: a normal end.
        if (entry.closed || entry.closing || entry.sock.closed) break;
        onPeerError(err as NodeJS.ErrnoException);
        if (++failures > 3) await backOff(failures);
        continue;
      }
      if (entry.paused && !entry.closed) onHeld?.();
      while (entry.paused && !entry.closed) await new Promise<void>((r) => (entry.wake = r));
      if (entry.closed) break;
      try {
        const pending = handle(frames);
        if (pending) await pending;
      } catch (err) {
        onError(err as Error);
      }
      // Handed over (the receive path says so sooner, as it counts it), or refused.
      entry.holding = false;
    }
  }

  setPaused(entry: SocketEntry, paused: boolean) {
    entry.paused = paused;
    if (!paused) entry.wake?.();
  }

  /** Closes with linger 0: nothing queued is flushed. Queued sends fail as closed. */
  close(entry: SocketEntry): void {
    if (entry.closed) return;
    entry.closed = true;
    for (const q of entry.queue.splice(0)) q.done(closedError());
    entry.queuedBytes = 0;
    try {
      entry.sock.close();
    } catch {
      // already closed
    }
    entry.wake?.();
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
  }

  closeAll() {
    for (const e of [...this.entries.values()]) this.close(e);
  }
}

/** 2, 4, 8 … ms after the third failure in a row, at most a second. */
function backOff(failures: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(1000, 2 ** (failures - 3))));
}

/** The code MessagePath.send counts as the drop reason `queue-full` (ZMQP_ERR_QUEUE_FULL). */
export const QUEUE_FULL = "EQUEUEFULL";

function queueFullError(): Error {
  return Object.assign(new Error("the socket's send queue is full"), { code: QUEUE_FULL });
}

function closedError(): Error {
  return Object.assign(new Error("Socket is closed"), { code: "ECLOSED" });
}

async function drain(entry: SocketEntry) {
  entry.sending = true;
  while (entry.queue.length > 0 && !entry.closed) {
    const q = entry.queue.shift()!;
    entry.queuedBytes -= q.bytes;
    try {
      await entry.sock.send(wireMessage(q.frames));
      q.done(null);
    } catch (err) {
      q.done(entry.closed || entry.closing ? closedError() : (err as Error));
    }
  }
  entry.sending = false;
}
