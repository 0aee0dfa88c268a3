/**
 * Whether each socket's pipe is full, as state changes (`pipe` events) the moment the engine sees
 * them: a PUSH, DEALER or PAIR whose send waits in zeromq (blocked at the high-water mark, or no
 * peer to take it), a PUB whose subscriber's pipe overflowed (dropping), a ROUTER sending to a
 * routing id no connected peer has (dropping: with ROUTER_MANDATORY off the message vanishes).
 */
import { phrase, type Phrase, type PipeState, type PipeStatus } from "@zmqp/protocol";
import type { Core } from "../core.js";
import type { PendingSend } from "../pending-send.js";
import type { SocketEntry } from "../sockets/registry.js";
import type { Lane } from "./inflight.js";

/** Socket types whose send waits when every pipe is full. */
const BLOCKING = new Set(["PUSH", "DEALER", "PAIR"]);
/** A send waiting this long in zeromq is blocked, not just on its way (a busy loop takes µs). */
const BLOCKED_AFTER_MS = 50;
/** A dropping socket is `ok` again after this long without a drop (and its pipes not over). */
const DROPPING_FOR_MS = 1000;

interface Known {
  id: Buffer;
  gen: number;
  ok: boolean;
}

export class PipeStates {
  /** Sockets whose state is not `ok`, by key. */
  readonly current = new Map<string, PipeStatus>();
  private lastDrop = new Map<string, number>();
  /** Per ROUTER: the last routing id checked and whether a connected peer had it. */
  private known = new Map<string, Known>();
  /** Per ROUTER: routing ids of outside peers it heard from (the engine gave them none). */
  private outside = new Map<string, Set<string>>();

  constructor(private readonly core: Core) {}

  private set(
    node: string,
    socket: string,
    state: PipeState,
    reason: Phrase,
    peer?: { node: string; link: string },
  ) {
    const key = `${node}/${socket}`;
    const was = this.current.get(key);
    if (!was && state === "ok") return;
    if (was && was.state === state && was.peer === peer?.node && was.reason.key === reason.key)
      return;
    const status: PipeStatus = {
      node,
      socket,
      state,
      reason,
      ...(peer ? { peer: peer.node, link: peer.link } : {}),
    };
    if (state === "ok") this.current.delete(key);
    else this.current.set(key, status);
    this.core.state.emit({ type: "pipe", t: this.core.state.now(), ...status });
  }

  private ok(node: string, socket: string) {
    this.set(node, socket, "ok", phrase("pipe.ok"));
  }

  /** A sampling tick: blocked senders, and dropping ones that have calmed down. */
  check(lanes: Lane[]) {
    const now = this.core.state.now();
    for (const entry of this.core.registry.entries.values()) {
      if (!BLOCKING.has(entry.zmqType) || entry.closed) continue;
      const waiting = entry.sending
        ? this.core.correlator.listOf(entry.key)?.oldestWaiting()
        : undefined;
      const was = this.current.get(entry.key);
      if (waiting && now - waiting.t >= BLOCKED_AFTER_MS) this.blocked(entry, lanes);
      else if (was?.state === "blocked") this.ok(entry.node, entry.socket);
    }
    // A PUB losing more since the previous sample: told now, before the subscriber shows which.
    const lost = new Map<string, number>();
    for (const lane of lanes) {
      const k = `${lane.queue.link}:${lane.queue.direction}`;
      const n = lane.fanout ? (lane.queue.lost ?? 0) : 0;
      lost.set(k, n);
      if (n > (this.lost.get(k) ?? 0)) this.hwmDrop(lane.queue.from, lane);
    }
    this.lost = lost;
    for (const [key, status] of this.current) {
      // Its socket closed (the node stopped, was killed or restarted): nothing waits any more.
      if (status.state === "blocked" && !this.core.registry.get(key)) {
        this.ok(status.node, status.socket);
        continue;
      }
      if (status.state !== "dropping") continue;
      if (now - (this.lastDrop.get(key) ?? 0) >= DROPPING_FOR_MS)
        this.ok(status.node, status.socket);
    }
  }

  /** Each lane's `lost` at the previous sample. */
  private lost = new Map<string, number>();

  private blocked(entry: SocketEntry, lanes: Lane[]) {
    let fullest: Lane | undefined;
    for (const l of lanes)
      if (l.fromKey === entry.key && (!fullest || l.queue.inFlight > fullest.queue.inFlight))
        fullest = l;
    // Waiting with nothing on any of its links: no pipe to put it in, so no peer is connected.
    if (!fullest || fullest.queue.inFlight === 0) {
      this.set(entry.node, entry.socket, "blocked", phrase("pipe.blockedNoPeer"));
      return;
    }
    const was = this.current.get(entry.key);
    // A send that timed out said more (how long it waited): kept while the pipe stays full.
    if (was?.state === "blocked" && was.reason.key === "pipe.blockedTimeout") return;
    this.set(entry.node, entry.socket, "blocked", hwmReason("pipe.blockedHwm", fullest), {
      node: fullest.queue.to.node,
      link: fullest.queue.link,
    });
  }

  /** zeromq gave up on a send after the socket's send timeout (EAGAIN). */
  sendTimedOut(entry: SocketEntry, ms: number) {
    if (!BLOCKING.has(entry.zmqType)) return;
    this.set(entry.node, entry.socket, "blocked", phrase("pipe.blockedTimeout", { ms }));
  }

  /** A fan-out sender's messages to one receiver were dropped at the high-water mark. */
  hwmDrop(from: { node: string; socket: string }, lane: Lane | undefined) {
    const key = `${from.node}/${from.socket}`;
    this.lastDrop.set(key, this.core.state.now());
    if (!lane) {
      this.set(from.node, from.socket, "dropping", phrase("pipe.droppingHwm", hwmParams()));
      return;
    }
    this.set(from.node, from.socket, "dropping", hwmReason("pipe.droppingHwm", lane), {
      node: lane.queue.to.node,
      link: lane.queue.link,
    });
  }

  /** Whether a ROUTER heard from an outside peer with this routing id. */
  heard(key: string, id: string): boolean {
    return this.outside.get(key)?.has(id) ?? false;
  }

  heardFrom(entry: SocketEntry, id: Buffer) {
    let set = this.outside.get(entry.key);
    if (!set) this.outside.set(entry.key, (set = new Set()));
    // Bounded: an outside program reconnecting forever must not grow it without end.
    if (set.size > 1000) set.clear();
    set.add(id.toString("latin1"));
    this.known.delete(entry.key);
  }

  /**
   * A ROUTER's send zeromq took: is its routing id a connected peer's? If not, libzmq drops it
   * silently (ROUTER_MANDATORY off), so it is counted as dropped here. One buffer comparison per
   * send when the peer is the same as last time (no allocation); a lookup otherwise.
   */
  routed(entry: SocketEntry, id: Buffer | undefined, pending: PendingSend) {
    if (!id) return;
    const gen = this.core.correlator.routingGen;
    let k = this.known.get(entry.key);
    if (!k || k.gen !== gen || !k.id.equals(id)) {
      k = { id, gen, ok: this.routable(entry, id) };
      this.known.set(entry.key, k);
    }
    if (k.ok) {
      if (this.current.get(entry.key)?.state === "dropping") this.ok(entry.node, entry.socket);
      return;
    }
    pending.dropped = "unroutable";
    pending.dropCounted = true;
    this.core.counters.dropped(entry.node, entry.socket, "unroutable");
    this.lastDrop.set(entry.key, this.core.state.now());
    this.core.state.emit({
      type: "drop",
      t: this.core.state.now(),
      node: entry.node,
      socket: entry.socket,
      reason: "unroutable",
      count: 1,
    });
    this.set(
      entry.node,
      entry.socket,
      "dropping",
      phrase("pipe.droppingUnroutable", { id: printable(id) }),
    );
  }

  private routable(entry: SocketEntry, id: Buffer): boolean {
    const s = id.toString("latin1");
    if (this.outside.get(entry.key)?.has(s)) return true;
    const key = this.core.correlator.keyOfRoutingId(s);
    if (!key) return false;
    return this.core.correlator.peersOf(entry.key).some((p) => p.key === key);
  }

  /** Every state back to nothing (the graph stopped): `ok` said for each. */
  reset() {
    for (const s of [...this.current.values()]) this.ok(s.node, s.socket);
    this.lastDrop.clear();
    this.lost.clear();
    this.known.clear();
    this.outside.clear();
  }
}

function hwmParams(lane?: Lane) {
  return {
    peer: lane?.queue.to.node ?? "?",
    sendHwm: lane?.queue.capacity.sendHwm ?? "?",
    recvHwm: lane?.queue.capacity.recvHwm ?? "?",
  };
}

function hwmReason(key: "pipe.blockedHwm" | "pipe.droppingHwm", lane: Lane): Phrase {
  return phrase(key, hwmParams(lane));
}

/** A routing id as the log shows it: text when printable, else hex. */
function printable(id: Buffer): string {
  const s = id.toString("utf8");
  return /^[\x20-\x7e]+$/.test(s) ? s : `0x${id.toString("hex")}`;
}
