/**
 * Matches each receive to the send it came from. Every playground socket keeps a list of its
 * recent sends; a receive looks, among the sockets linked to the receiving one, for the oldest send
 * whose last frame (the body) has the same bytes. Envelopes differ by socket type (a ROUTER adds a
 * routing id, REQ hides the delimiter), the body never does. No match: the sender is outside.
 */
import type { MessageKind } from "@zmqp/protocol";

export interface PendingSend {
  id: number;
  body: Buffer;
  t: number;
  kind: MessageKind;
  /** Fan-out sends (PUB) may be matched once per receiver. */
  takenBy?: Set<string>;
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
  link: string;
  /** True when a message from this peer to us crosses the link connect→bind. */
  forward: boolean;
}

export interface Match {
  send: PendingSend;
  /**
   * Fan-out only: earlier sends this receiver subscribed to but never got, although it had already
   * received from this sender. libzmq dropped them silently at the high-water mark.
   */
  skipped: number;
  from: string;
  link: string;
  forward: boolean;
}

/** Sends older than this are forgotten: their receiver is gone or filtered them out. */
const MAX_AGE_MS = 30_000;
// In flight at once: both high-water marks plus what the kernel buffers (many small tcp messages).
const MAX_PENDING = 200_000;

class SendList {
  items: (PendingSend | undefined)[] = [];
  head = 0;
  /** Fan-out: the id of the last send each receiver got. */
  private cursor = new Map<string, number>();
  constructor(readonly fanout: boolean) {}

  push(p: PendingSend, now: number) {
    if (this.fanout) p.takenBy = new Set();
    this.items.push(p);
    // Trim from the head: too many, or too old (nobody will take them any more).
    while (
      this.head < this.items.length &&
      (this.items.length - this.head > MAX_PENDING ||
        (this.items[this.head]?.t ?? now) < now - MAX_AGE_MS ||
        this.items[this.head] === undefined)
    )
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Index of the first send this receiver may take whose body equals `body`, or -1. */
  find(body: Buffer, receiver: string): number {
    for (let i = this.head; i < this.items.length; i++) {
      const p = this.items[i];
      if (!p) continue;
      if (p.takenBy?.has(receiver)) continue;
      if (p.body.equals(body)) return i;
    }
    return -1;
  }

  take(
    i: number,
    receiver: string,
    wants?: (topic: Buffer) => boolean,
  ): { send: PendingSend; skipped: number } {
    const p = this.items[i]!;
    let skipped = 0;
    if (this.fanout) {
      const last = this.cursor.get(receiver);
      if (last !== undefined && wants)
        for (let j = this.head; j < i; j++) {
          const q = this.items[j];
          if (!q || q.id <= last || q.takenBy!.has(receiver) || !wants(q.topic ?? q.body)) continue;
          q.takenBy!.add(receiver);
          skipped++;
        }
      this.cursor.set(receiver, p.id);
      p.takenBy!.add(receiver);
    } else {
      this.items[i] = undefined;
      while (this.head < this.items.length && this.items[this.head] === undefined) this.head++;
    }
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
    const add = (me: string, p: Peer) => {
      const list = this.peers.get(me);
      if (list) list.push(p);
      else this.peers.set(me, [p]);
    };
    for (const l of links) {
      add(l.to, { key: l.from, link: l.id, forward: true });
      add(l.from, { key: l.to, link: l.id, forward: false });
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
    if (!body) return null;
    let peers = this.peersOf(receiver);
    if (routerReceive && frames.length > 1) {
      const sender = this.routingIds.get(frames[0]!.toString("latin1"));
      if (sender) peers = peers.filter((p) => p.key === sender);
    }
    let best: { peer: Peer; list: SendList; i: number } | null = null;
    for (const peer of peers) {
      const list = this.lists.get(peer.key);
      if (!list) continue;
      const i = list.find(body, receiver);
      if (i < 0) continue;
      if (!best || list.items[i]!.id < best.list.items[best.i]!.id) best = { peer, list, i };
    }
    if (!best) return null;
    const filters = this.filters.get(receiver);
    const wants = filters
      ? (topic: Buffer) => filters.some((f) => topic.subarray(0, f.length).equals(f))
      : undefined;
    const { send, skipped } = best.list.take(best.i, receiver, wants);
    return { send, skipped, from: best.peer.key, link: best.peer.link, forward: best.peer.forward };
  }

  clear() {
    this.lists.clear();
    this.routingIds.clear();
  }
}
