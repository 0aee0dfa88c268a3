/**
 * Matches each receive to the send it came from. Every playground socket keeps a list of its
 * recent sends; a receive looks, among the sockets linked to the receiving one, for the oldest send
 * whose last frame (the body) has the same bytes. Envelopes differ by socket type (a ROUTER adds a
 * routing id, REQ hides the delimiter), the body never does. No match: the sender is outside.
 *
 * O(1) per message: one pipe delivers in send order, so each receiver keeps a cursor into each
 * sender's list and looks only past it (usually at the very next entry).
 */
import type { MessageKind } from "@zmqp/protocol";
import type { PeerRefs } from "./counters.js";

export interface PendingSend {
  id: number;
  body: Buffer;
  t: number;
  kind: MessageKind;
  /** Fan-out sends: the first frame, which subscriptions filter on. */
  topic?: Buffer;
  /**
   * A publish no subscription matched, as far as the engine knew when sending: counted as dropped
   * for this reason unless a receiver takes it within a short grace period.
   */
  dropped?: string;
}

export interface Peer {
  /** Socket key `node/socket` of the linked playground socket. */
  key: string;
  /** The same, split (shared by every match from this peer: do not mutate). */
  from: Readonly<{ node: string; socket: string }>;
  link: string;
  /** True when a message from this peer to us crosses the link connect→bind. */
  forward: boolean;
  /** The counters a receive from this peer bumps (CounterStore.peerRefs), cached. */
  counters?: PeerRefs;
}

export interface Match {
  send: PendingSend;
  /**
   * Fan-out only: earlier sends this receiver subscribed to but never got, although it had already
   * received from this sender. libzmq dropped them silently at the high-water mark.
   */
  skipped: number;
  peer: Peer;
}

/** Sends older than this are forgotten: their receiver is gone or filtered them out. */
const MAX_AGE_MS = 30_000;
// In flight at once: both high-water marks plus what the kernel buffers (many small tcp messages).
const MAX_PENDING = 200_000;

class SendList {
  items: (PendingSend | undefined)[] = [];
  head = 0;
  /** Absolute position of items[0] (the array is compacted now and then). */
  private base = 0;
  /** Each receiver's absolute position of the last send it took (or passed, fan-out). */
  private cursor = new Map<string, number>();
  constructor(readonly fanout: boolean) {}

  push(p: PendingSend, now: number) {
    const items = this.items;
    items.push(p);
    // Trim from the head: too many, or too old (nobody will take them any more).
    const oldest = now - MAX_AGE_MS;
    while (this.head < items.length) {
      const h = items[this.head];
      if (h !== undefined && h.t >= oldest && items.length - this.head <= MAX_PENDING) break;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }

  /** Where this receiver's next send is looked for. */
  private start(receiver: string): number {
    const c = this.cursor.get(receiver);
    return c === undefined ? this.head : Math.max(this.head, c - this.base + 1);
  }

  /** Index of the first send this receiver may take whose body equals `body`, or -1. */
  find(body: Buffer, receiver: string): number {
    const items = this.items;
    const from = this.start(receiver);
    for (let i = from; i < items.length; i++) {
      const p = items[i];
      if (p && sameBytes(p.body, body)) return i;
    }
    // Out of order (should not happen on one pipe): a one-to-one send is still there to take.
    if (!this.fanout)
      for (let i = this.head; i < from; i++) {
        const p = items[i];
        if (p && sameBytes(p.body, body)) return i;
      }
    return -1;
  }

  take(i: number, receiver: string, filters?: Buffer[]): { send: PendingSend; skipped: number } {
    const p = this.items[i]!;
    let skipped = 0;
    if (this.fanout) {
      // Wanted sends between the previous one taken and this one never arrived: dropped.
      if (filters && this.cursor.has(receiver))
        for (let j = this.start(receiver); j < i; j++) {
          const q = this.items[j];
          if (q && wants(filters, q.topic ?? q.body)) skipped++;
        }
    } else {
      this.items[i] = undefined;
      while (this.head < this.items.length && this.items[this.head] === undefined) this.head++;
    }
    this.cursor.set(receiver, this.base + i);
    return { send: p, skipped };
  }

  /** A receiver reconnected (or was cut): what it missed meanwhile is not a high-water-mark drop. */
  forget(receiver: string) {
    this.cursor.delete(receiver);
  }

  /** Removes a send that failed. */
  remove(id: number) {
    for (let i = this.items.length - 1; i >= this.head; i--)
      if (this.items[i]?.id === id) {
        this.items[i] = undefined;
        return;
      }
  }
}

/** Buffer.equals, without its native call for the small bodies most messages have. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  if (n > 64) return a.equals(b);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function wants(filters: Buffer[], topic: Buffer): boolean {
  for (const f of filters)
    if (topic.length >= f.length && topic.compare(f, 0, f.length, 0, f.length) === 0) return true;
  return false;
}

export class Correlator {
  private lists = new Map<string, SendList>();
  private peers = new Map<string, Peer[]>();
  /** Routing ids we gave playground sockets, so a ROUTER receive names its sender exactly. */
  private routingIds = new Map<string, string>();
  /** SUB sockets' prefix filters, to tell a high-water-mark drop from a filtered-out topic. */
  private filters = new Map<string, Buffer[]>();

  setFilters(receiver: string, prefixes: string[]) {
    this.filters.set(
      receiver,
      prefixes.map((p) => Buffer.from(p)),
    );
  }

  /** Forgets a receiver's place in every fan-out list (it disconnected or restarted). */
  forgetReceiver(receiver: string) {
    for (const list of this.lists.values()) list.forget(receiver);
  }

  /** Rebuilds the linked-peer table from the document's links. */
  setTopology(links: { id: string; from: string; to: string }[]) {
    this.peers.clear();
    const add = (me: string, key: string, link: string, forward: boolean) => {
      const i = key.indexOf("/");
      const from = Object.freeze({ node: key.slice(0, i), socket: key.slice(i + 1) });
      const p: Peer = { key, from, link, forward };
      const list = this.peers.get(me);
      if (list) list.push(p);
      else this.peers.set(me, [p]);
    };
    for (const l of links) {
      add(l.to, l.from, l.id, true);
      add(l.from, l.to, l.id, false);
    }
  }

  peersOf(key: string): Peer[] {
    return this.peers.get(key) ?? [];
  }

  setRoutingId(id: string, key: string) {
    this.routingIds.set(id, key);
  }

  openSocket(key: string, fanout: boolean) {
    this.lists.set(key, new SendList(fanout));
  }

  closeSocket(key: string) {
    this.lists.delete(key);
    this.filters.delete(key);
    this.forgetReceiver(key);
    for (const [id, k] of this.routingIds) if (k === key) this.routingIds.delete(id);
  }

  recordSend(key: string, p: PendingSend, now: number) {
    this.lists.get(key)?.push(p, now);
  }

  cancelSend(key: string, id: number) {
    this.lists.get(key)?.remove(id);
  }

  /** The send this receive came from, or null when no linked playground socket sent it. */
  match(receiver: string, frames: readonly Buffer[], routerReceive: boolean): Match | null {
    const body = frames[frames.length - 1];
    const peers = this.peers.get(receiver);
    if (!body || !peers) return null;
    const sender =
      routerReceive && frames.length > 1
        ? this.routingIds.get(frames[0]!.toString("latin1"))
        : undefined;
    let bestPeer: Peer | undefined;
    let bestList: SendList | undefined;
    let bestI = -1;
    for (const peer of peers) {
      if (sender !== undefined && peer.key !== sender) continue;
      const list = this.lists.get(peer.key);
      if (!list) continue;
      const i = list.find(body, receiver);
      if (i < 0) continue;
      if (!bestList || list.items[i]!.id < bestList.items[bestI]!.id) {
        bestPeer = peer;
        bestList = list;
        bestI = i;
      }
    }
    if (!bestList || !bestPeer) return null;
    const { send, skipped } = bestList.take(bestI, receiver, this.filters.get(receiver));
    return { send, skipped, peer: bestPeer };
  }

  clear() {
    this.lists.clear();
    this.routingIds.clear();
  }
}
