/**
 * What a peer did wrong, in a learner's words. A playground's peers are often wrong (a DEALER that
 * forgets the empty delimiter, a raw TCP client, a PLAIN socket talking to a NULL one): the node
 * drops what it cannot read, keeps serving, and says why with a stable code. zeromq.js raises
 * EAGAIN from a receive whose message libzmq discarded (a REP or REQ without a delimiter), so a
 * receive error on a live socket is the peer's fault, never a reason to stop reading.
 */
import {
  ERROR_CODES,
  LIMITS,
  phrase,
  type ErrorCode,
  type Phrase,
  type SocketType,
} from "@zmqp/protocol";
import type { Correlator } from "./correlate.js";
import type { CounterStore } from "./counters.js";
import type { MonitorEvent } from "./monitor.js";
import { outsideTable } from "./outside-table.js";
import { errorText } from "./say.js";
import type { SocketEntry } from "./sockets/registry.js";
import type { RuntimeState } from "./state.js";

/** At most one report per socket and code in this window: a hostile peer must not flood the log. */
const REPORT_WINDOW_MS = 1000;

/** Total bytes of a message (what the playground's message limit is about). */
export function messageBytes(frames: Buffer[]): number {
  let n = 0;
  for (const f of frames) n += f.length;
  return n;
}

export class PeerErrors {
  private readonly last = new Map<string, { at: number; suppressed: number }>();
  /** Accepted connections whose handshake has not ended yet, per bound socket. */
  private readonly pending = new WeakMap<SocketEntry, number>();

  /** When each playground socket last closed (`node/socket`): its half-open connections are ours. */
  readonly closedAt = new Map<string, number>();
  /** The outside peers known on each bound tcp socket (`node/socket`), from outside-table.ts. */
  readonly outsideWatches = new Map<string, { known: Set<string> }>();

  constructor(
    private readonly state: RuntimeState,
    private readonly counters: CounterStore,
    private readonly correlator: Correlator,
  ) {}

  /** The one outside peer known on a node's socket, for "from 127.0.0.1:43210"; else undefined. */
  outsideAddressOf(node: string, socket: string): string | undefined {
    const known = this.outsideWatches.get(`${node}/${socket}`)?.known;
    return known?.size === 1 ? [...known][0] : undefined;
  }

  /** The `from` words: the one outside peer we know of on this socket, if exactly one. */
  private from(entry: { node: string; socket: string }): Phrase | string {
    const address = this.outsideAddressOf(entry.node, entry.socket);
    return address ? phrase("peer.from", { address }) : "";
  }

  private linkedJustClosed(entry: SocketEntry): boolean {
    const now = Date.now();
    return this.correlator
      .peersOf(entry.key)
      .some((p) => now - (this.closedAt.get(p.key) ?? 0) < 2000);
  }

  /** Whether the socket's outside peers are watched but none is known yet (a scan is coming). */
  private addressPending(entry: { node: string; socket: string }): boolean {
    const w = this.outsideWatches.get(`${entry.node}/${entry.socket}`);
    return w !== undefined && w.known.size === 0;
  }

  /** A receive failed on a live socket: the message was the peer's fault and is gone. */
  receiveFailed(entry: SocketEntry, err: NodeJS.ErrnoException): void {
    if (err.code === "EAGAIN" && entry.zmqType === "REP")
      return this.report(entry, ERROR_CODES.MALFORMED, (from) =>
        phrase("peer.noDelimiterRep", { from }),
      );
    if (err.code === "EAGAIN" && entry.zmqType === "REQ")
      return this.report(entry, ERROR_CODES.MALFORMED, (from) =>
        phrase("peer.noDelimiterReq", { from }),
      );
    const error = err.code ? `${err.code}: ${err.message}` : err.message;
    this.report(entry, ERROR_CODES.MALFORMED, (from) =>
      phrase("peer.receiveFailed", { from, error }),
    );
  }

  /** A message over the playground's limit (zeromq's own cap per frame is higher, see LIMITS). */
  tooLarge(entry: SocketEntry, size: number): void {
    this.counters.dropped(entry.node, entry.socket, "too-large");
    this.report(entry, ERROR_CODES.TOO_LARGE, (from) =>
      phrase("peer.tooLarge", { from, size, limit: LIMITS.maxMessageSize }),
    );
  }

  /** A send found the socket's queue full (nobody is taking what it sends): it was dropped. */
  queueFull(entry: SocketEntry): void {
    this.report(entry, ERROR_CODES.QUEUE_FULL, () =>
      phrase("limit.sendQueue", {
        socket: `${entry.node}.${entry.socket}`,
        limit: LIMITS.maxQueuedSends,
        bytes: LIMITS.maxQueuedBytes,
      }),
    );
  }

  /** The process took more messages a second than LIMITS.maxIncomingPerSecond: `count` dropped. */
  overloaded(entry: SocketEntry, count: number): void {
    this.report(entry, ERROR_CODES.OVERLOADED, () =>
      phrase("peer.overloaded", { limit: LIMITS.maxIncomingPerSecond, count }),
    );
  }

  /**
   * Monitor events that mean a peer's handshake did not match this socket: a security mechanism
   * zeromq names, or a connection accepted and gone without a handshake (libzmq reports a socket
   * type it cannot talk to, or bytes that are not ZMTP 3, only that way).
   */
  monitor(entry: SocketEntry, type: SocketType, ev: MonitorEvent, errorCode?: string): void {
    // A STREAM speaks raw TCP: there is no handshake to finish, and a peer that closes (libzmq
    // reports it as a handshake error, EPIPE) is the stream:disconnect its node shows.
    if (type === "STREAM") return;
    const pending = this.pending.get(entry) ?? 0;
    switch (ev.event) {
      case "accept":
        this.pending.set(entry, pending + 1);
        return;
      case "handshake":
        this.pending.set(entry, Math.max(0, pending - 1));
        return;
      case "disconnect":
        if (pending === 0) return;
        this.pending.set(entry, pending - 1);
        // A playground socket linked to this one just closed (a kill, a Lazy Pirate reopen): the
        // connection that left was ours, not a wrong peer.
        if (this.linkedJustClosed(entry)) return;
        return this.report(entry, ERROR_CODES.HANDSHAKE_MISMATCH, (from) =>
          phrase("peer.handshakeLeft", { from, type }),
        );
      case "handshake:error:protocol":
      case "handshake:error:auth":
      case "handshake:error:other": {
        // Counted as ended here: the disconnect that follows is not a second report.
        this.pending.set(entry, Math.max(0, pending - 1));
        if (this.linkedJustClosed(entry)) return;
        return this.report(entry, ERROR_CODES.HANDSHAKE_MISMATCH, (from) =>
          errorCode === "ERR_ZMTP_MECHANISM_MISMATCH"
            ? phrase("peer.mechanism", { from, type })
            : errorCode === "ECONNRESET" || errorCode === "EPIPE"
              ? phrase("peer.handshakeLeft", { from, type })
              : phrase("peer.handshakeError", { from, error: ev.detail ?? ev.event }),
        );
      }
    }
  }

  private report(
    entry: { node: string; socket: string },
    code: ErrorCode,
    say: (from: Phrase | string) => Phrase,
  ): void {
    this.counters.error(entry.node, entry.socket);
    const key = `${entry.node}/${entry.socket}/${code}`;
    const now = Date.now();
    const seen = this.last.get(key);
    if (seen && now - seen.at < REPORT_WINDOW_MS) {
      seen.suppressed++;
      return;
    }
    const suppressed = seen?.suppressed ?? 0;
    this.last.set(key, { at: now, suppressed: 0 });
    const emit = () => {
      const p = say(this.from(entry));
      const said = suppressed > 0 ? withRepeats(p, suppressed) : p;
      this.state.emit({
        type: "error",
        t: this.state.now(),
        node: entry.node,
        socket: entry.socket,
        code,
        ...errorText(said),
      });
    };
    // The peer's address comes from the next scan of the connection table (a few ms away).
    if (this.addressPending(entry)) void outsideTable.nextScan().then(emit);
    else emit();
  }
}

/** The phrase with "N more like this" after it (counted while reports were held back). */
function withRepeats(p: Phrase, count: number): Phrase {
  return phrase("peer.withRepeats", { what: p, repeats: phrase("peer.repeated", { count }) });
}
