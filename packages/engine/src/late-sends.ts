/**
 * What a closed socket had sent and zeromq had taken, still owed to a receiver, kept a short
 * while. Those messages can still be read after their sender is gone (they were in the receiver's
 * queue or the kernel's buffers when it was killed): matched here, a late receive counts on its
 * link, from its sender, and the sender's ledger moves it from "closed" to received
 * (correlate.ts). Without this, every message a killed server, ventilator or publisher left behind
 * read as an outside peer's.
 *
 * One-to-one, a send is taken once. Fan-out, every subscriber owed it may take it; it leaves the
 * closed tally with the first (the tally, like the list's in-flight count, counts a publish once).
 *
 * The routing ids closed sockets had are kept too (bounded): a ROUTER's late message names its
 * sender by one, and it is not an outside peer's (Correlator.givenToPlayground).
 *
 * Bounded: the newest few closed sockets, the oldest few thousand sends of each (late messages
 * arrive oldest first: they are what the receiver had queued). A receive looks a few sends past
 * the last one its receiver took, as a live list's cursor does, so a flood of unmatched messages
 * costs a short scan each, never a walk of the whole list.
 */
import type { PendingSend } from "./pending-send.js";

const MAX_SOCKETS = 8;
export const MAX_LATE_SENDS = 4096;
/** Bodies kept per closed socket, bytes: with MAX_SOCKETS, at most 32 MB however large they are. */
const MAX_LATE_BYTES = 4 * 1024 * 1024;
/** How far past a receiver's last late send its next one is looked for (others' sends between). */
const WINDOW = 64;
/** Routing ids of closed sockets kept; a node restarted forever must not grow them without end. */
const MAX_RETIRED_IDS = 1000;

interface Retired {
  sends: (PendingSend | undefined)[];
  /** Fan-out only: which sends some receiver took already (they left the closed tally then). */
  seen: Uint8Array | null;
  /** Each receiver's position just past the last send it took here. */
  next: Map<string, number>;
  /** One-to-one: sends not taken yet (the socket is forgotten at 0). */
  left: number;
}

/** A late send taken: `first` when no receiver had taken it before (one-to-one: always). */
export interface LateTake {
  send: PendingSend;
  first: boolean;
}

export class LateSends {
  private bySocket = new Map<string, Retired>();
  /** Routing id → the key of the closed socket it was given to. */
  private routingIds = new Map<string, string>();

  retireRoutingId(id: string, key: string): void {
    if (this.routingIds.size >= MAX_RETIRED_IDS) this.routingIds.clear();
    this.routingIds.set(id, key);
  }

  /** The closed socket (`node/socket`) this routing id was given to, if any. */
  keyOfRoutingId(id: string): string | undefined {
    return this.routingIds.get(id);
  }

  /** Socket `key` closed owing `owed` (oldest first): the oldest within the bounds are kept. */
  retire(key: string, owed: PendingSend[], fanout: boolean): void {
    this.bySocket.delete(key);
    let bytes = 0;
    let n = 0;
    while (n < owed.length && n < MAX_LATE_SENDS && bytes + owed[n]!.body.length <= MAX_LATE_BYTES)
      bytes += owed[n++]!.body.length;
    if (n === 0) return;
    if (this.bySocket.size >= MAX_SOCKETS) {
      const oldest = this.bySocket.keys().next().value;
      if (oldest !== undefined) this.bySocket.delete(oldest);
    }
    const sends = owed.slice(0, n);
    this.bySocket.set(key, {
      sends,
      seen: fanout ? new Uint8Array(n) : null,
      next: new Map(),
      left: n,
    });
  }

  get empty(): boolean {
    return this.bySocket.size === 0;
  }

  /** The send of closed socket `key` that `receiver` reads now (same body), taken; or undefined. */
  take(key: string, receiver: string, body: Buffer): LateTake | undefined {
    const r = this.bySocket.get(key);
    if (!r) return undefined;
    const from = r.next.get(receiver) ?? 0;
    const end = Math.min(r.sends.length, from + WINDOW);
    for (let i = from; i < end; i++) {
      const p = r.sends[i];
      if (!p || !p.body.equals(body)) continue;
      r.next.set(receiver, i + 1);
      if (r.seen) {
        const first = r.seen[i] === 0;
        r.seen[i] = 1;
        return { send: p, first };
      }
      r.sends[i] = undefined;
      if (--r.left === 0) this.bySocket.delete(key);
      return { send: p, first: true };
    }
    return undefined;
  }

  clear(): void {
    this.bySocket.clear();
    this.routingIds.clear();
  }
}
