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
import type { Core } from "./core.js";
import type { MonitorEvent } from "./monitor.js";
import { errorText } from "./say.js";
import type { SocketEntry } from "./sockets/registry.js";

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

  constructor(private readonly core: Core) {}

  /** The `from` words: the one outside peer we know of on this socket, if exactly one. */
  private from(entry: { node: string; socket: string }): Phrase | string {
    const address = this.core.outsideAddressOf(entry.node, entry.socket);
    return address ? phrase("peer.from", { address }) : "";
  }

  /** A receive failed on a live socket: the message was the peer's fault and is gone. */
  receiveFailed(entry: SocketEntry, err: NodeJS.ErrnoException): void {
    const from = this.from(entry);
    if (err.code === "EAGAIN" && entry.zmqType === "REP")
      return this.report(entry, ERROR_CODES.MALFORMED, phrase("peer.noDelimiterRep", { from }));
    if (err.code === "EAGAIN" && entry.zmqType === "REQ")
      return this.report(entry, ERROR_CODES.MALFORMED, phrase("peer.noDelimiterReq", { from }));
    const error = err.code ? `${err.code}: ${err.message}` : err.message;
    this.report(entry, ERROR_CODES.MALFORMED, phrase("peer.receiveFailed", { from, error }));
  }

  /** A message over the playground's limit (zeromq's own cap per frame is higher, see LIMITS). */
  tooLarge(entry: SocketEntry, size: number): void {
    this.core.counters.dropped(entry.node, entry.socket, "too-large");
    const p = phrase("peer.tooLarge", {
      from: this.from(entry),
      size,
      limit: LIMITS.maxMessageSize,
    });
    this.report(entry, ERROR_CODES.TOO_LARGE, p);
  }

  /** The process took more messages a second than LIMITS.maxIncomingPerSecond: `count` dropped. */
  overloaded(entry: SocketEntry, count: number): void {
    const p = phrase("peer.overloaded", { limit: LIMITS.maxIncomingPerSecond, count });
    this.report(entry, ERROR_CODES.OVERLOADED, p);
  }

  /**
   * Monitor events that mean a peer's handshake did not match this socket: a security mechanism
   * zeromq names, or a connection accepted and gone without a handshake (libzmq reports a socket
   * type it cannot talk to, or bytes that are not ZMTP 3, only that way).
   */
  monitor(entry: SocketEntry, type: SocketType, ev: MonitorEvent, errorCode?: string): void {
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
        return this.report(
          entry,
          ERROR_CODES.HANDSHAKE_MISMATCH,
          phrase("peer.handshakeLeft", { from: this.from(entry), type }),
        );
      case "handshake:error:protocol":
      case "handshake:error:auth":
      case "handshake:error:other": {
        // Counted as ended here: the disconnect that follows is not a second report.
        this.pending.set(entry, Math.max(0, pending - 1));
        const from = this.from(entry);
        const p =
          errorCode === "ERR_ZMTP_MECHANISM_MISMATCH"
            ? phrase("peer.mechanism", { from, type })
            : errorCode === "ECONNRESET" || errorCode === "EPIPE"
              ? phrase("peer.handshakeLeft", { from, type })
              : phrase("peer.handshakeError", { from, error: ev.detail ?? ev.event });
        return this.report(entry, ERROR_CODES.HANDSHAKE_MISMATCH, p);
      }
    }
  }

  private report(entry: { node: string; socket: string }, code: ErrorCode, p: Phrase): void {
    this.core.counters.error(entry.node, entry.socket);
    const key = `${entry.node}/${entry.socket}/${code}`;
    const now = Date.now();
    const seen = this.last.get(key);
    if (seen && now - seen.at < REPORT_WINDOW_MS) {
      seen.suppressed++;
      return;
    }
    const suppressed = seen?.suppressed ?? 0;
    this.last.set(key, { at: now, suppressed: 0 });
    const said = suppressed > 0 ? withRepeats(p, suppressed) : p;
    this.core.emit({
      type: "error",
      t: this.core.now(),
      node: entry.node,
      socket: entry.socket,
      code,
      ...errorText(said),
    });
  }
}

/** The phrase with "N more like this" after it (counted while reports were held back). */
function withRepeats(p: Phrase, count: number): Phrase {
  return phrase("peer.withRepeats", { what: p, repeats: phrase("peer.repeated", { count }) });
}
