/**
 * Matches each receive to the send it came from. Every playground socket keeps a list of its
 * recent sends; a receive looks, among the sockets linked to the receiving one, for the oldest send
 * whose last frame (the body) has the same bytes. Envelopes differ by socket type (a ROUTER adds a
 * routing id, REQ hides the delimiter), the body never does. No match: the sender is outside.
 *
 * O(1) per message: one pipe delivers in send order, so each receiver keeps a cursor into each
 * sender's list and looks only past it (usually at the very next entry). No lookup by key per
 * message either: the receiving socket keeps its Receiver (its peers), each peer its sender's list
 * and its cursor in it, revalidated by generation counters.
 */
import type { PeerRefs } from "./counters.js";
import { LateSends, MAX_LATE_SENDS } from "./late-sends.js";
import type { PendingSend } from "./pending-send.js";
import { SendList, wantsTopic, type Cursor, type Settled } from "./send-list.js";

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
  /** The peer's send list and our cursor in it, cached while `listGen` is the correlator's generation. */
  list: SendList | undefined;
  cursor: Cursor | undefined;
  listGen: number;
}

/** A receiving socket's linked peers, resolved once and kept on its socket entry (receiverOf). */
export interface Receiver {
  readonly key: string;
  readonly peers: readonly Peer[];
  /** The correlator's `topologyGen` when resolved: stale after setTopology. */
  readonly topologyGen: number;
}

const NO_PEERS: readonly Peer[] = [];

/** A sending socket's list of recent sends, resolved once and kept on its socket entry (sendsOf). */
export interface Sends {
  readonly list: SendList | undefined;
  /** The correlator's `gen` when resolved: stale once any list was made or dropped. */
  readonly gen: number;
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

export class Correlator {
  private lists = new Map<string, SendList>();
  private peers = new Map<string, Peer[]>();
  /** Routing ids we gave playground sockets, so a ROUTER receive names its sender exactly. */
  private routingIds = new Map<string, string>();
  /** What closed sockets still owed and the routing ids they had, for late receives. */
  private readonly late = new LateSends();
  /** Bumped whenever `routingIds` changes, so a cached "this id is known" can tell it is stale. */
  routingGen = 0;
  /** SUB sockets' prefix filters, to tell a high-water-mark drop from a filtered-out topic. */
  private filters = new Map<string, Buffer[]>();
  /** What closed lists had settled, by socket key: the ledger outlives a socket's reopen. */
  private closedTally = new Map<string, Settled>();
  /** Bumped whenever a list is made or dropped: peers' cached lists are then looked up again. */
  private gen = 0;
  /** Bumped whenever the peer table is rebuilt: cached Receivers are then resolved again. */
  private topologyGen = 0;
  /**
   * The one Match object `match` returns, refilled each time: a receive uses it at once (the
   * message path copies it for a link with latency). One allocation less per message.
   */
  private readonly found: Match = {
    send: undefined as unknown as PendingSend,
    skipped: 0,
    peer: undefined as unknown as Peer,
  };

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
    this.topologyGen++;
    this.peers.clear();
    const add = (me: string, key: string, link: string, forward: boolean) => {
      const i = key.indexOf("/");
      const from = Object.freeze({ node: key.slice(0, i), socket: key.slice(i + 1) });
      const p: Peer = { key, from, link, forward, list: undefined, cursor: undefined, listGen: -1 };
      const list = this.peers.get(me);
      if (list) list.push(p);
      else this.peers.set(me, [p]);
    };
    for (const l of links) {
      add(l.to, l.from, l.id, true);
      add(l.from, l.to, l.id, false);
    }
  }

  /** A socket's list of recent sends (the queue gauges read it). */
  listOf(key: string): SendList | undefined {
    return this.lists.get(key);
  }

  /** The playground socket (`node/socket`) that has this routing id now, if any. */
  keyOfRoutingId(id: string): string | undefined {
    return this.routingIds.get(id);
  }

  peersOf(key: string): Peer[] {
    return this.peers.get(key) ?? [];
  }

  /** The receiving socket `key`'s peers: `cached` while still current, else resolved again. */
  receiverOf(key: string, cached: Receiver | undefined): Receiver {
    if (cached && cached.topologyGen === this.topologyGen) return cached;
    return { key, peers: this.peers.get(key) ?? NO_PEERS, topologyGen: this.topologyGen };
  }

  /** Whether the engine gave this routing id to a playground socket, open now or closed since. */
  givenToPlayground(id: string): boolean {
    return this.routingIds.has(id) || this.late.keyOfRoutingId(id) !== undefined;
  }

  setRoutingId(id: string, key: string) {
    this.routingGen++;
    this.routingIds.set(id, key);
  }

  openSocket(key: string, fanout: boolean) {
    this.gen++;
    this.settle(key);
    this.lists.set(key, new SendList(fanout, (receiver, p) => this.wants(receiver, p)));
  }

  private wants(receiver: string, p: PendingSend): boolean {
    const f = this.filters.get(receiver);
    return !f || wantsTopic(f, p.topic ?? p.body);
  }

  /**
   * Moves a closing list's ledger into the tally kept for its key; what it still owed is kept a
   * while, to be matched if it is read late (lateMatch).
   */
  private settle(key: string) {
    const list = this.lists.get(key);
    if (!list) return;
    this.late.retire(key, list.close(MAX_LATE_SENDS), list.fanout);
    const t = this.closedTally.get(key) ?? { expired: 0, closed: 0, missed: 0 };
    t.expired += list.settled.expired;
    t.closed += list.settled.closed;
    t.missed += list.settled.missed;
    this.closedTally.set(key, t);
  }

  /** Where a socket's sends went, beside what the counters say: in flight, and settled by why. */
  ledger(key: string): { inFlight: number; settled: Settled } {
    const list = this.lists.get(key);
    const t = this.closedTally.get(key) ?? { expired: 0, closed: 0, missed: 0 };
    const s = list?.settled ?? { expired: 0, closed: 0, missed: 0 };
    return {
      inFlight: list?.inFlight() ?? 0,
      settled: {
        expired: t.expired + s.expired,
        closed: t.closed + s.closed,
        missed: t.missed + s.missed,
      },
    };
  }

  /**
   * zeromq took a send whose socket had closed meanwhile (its list was settled without it): it is
   * lost with the socket's queue, unless a receiver got it first.
   */
  sentAfterClose(key: string, p: PendingSend) {
    if (p.taken || this.lists.get(key)?.items.includes(p)) return;
    const t = this.closedTally.get(key) ?? { expired: 0, closed: 0, missed: 0 };
    t.closed++;
    this.closedTally.set(key, t);
  }

  closeSocket(key: string) {
    this.gen++;
    this.settle(key);
    this.lists.delete(key);
    this.filters.delete(key);
    this.forgetReceiver(key);
    for (const [id, k] of this.routingIds) {
      if (k !== key) continue;
      this.routingIds.delete(id);
      this.late.retireRoutingId(id, k);
    }
    this.routingGen++;
  }

  /** The sending socket `key`'s list: `cached` while still current, else looked up again. */
  sendsOf(key: string, cached: Sends | undefined): Sends {
    if (cached && cached.gen === this.gen) return cached;
    return { list: this.lists.get(key), gen: this.gen };
  }

  cancelSend(key: string, id: number) {
    this.lists.get(key)?.remove(id);
  }

  /**
   * The send this receive came from, or null when no linked playground socket sent it. The Match
   * is reused by the next call: read it before matching again.
   */
  match(rx: Receiver, frames: readonly Buffer[], routerReceive: boolean): Match | null {
    const body = frames[frames.length - 1];
    const peers = rx.peers;
    if (!body || peers.length === 0) return null;
    let sender: string | undefined;
    if (routerReceive && frames.length > 1) {
      const id = frames[0]!.toString("latin1");
      sender = this.routingIds.get(id) ?? this.late.keyOfRoutingId(id);
    }
    let bestPeer: Peer | undefined;
    let bestList: SendList | undefined;
    let bestI = -1;
    for (const peer of peers) {
      if (sender !== undefined && peer.key !== sender) continue;
      if (peer.listGen !== this.gen) {
        peer.list = this.lists.get(peer.key);
        peer.cursor = peer.list?.cursorFor(rx.key);
        peer.listGen = this.gen;
      }
      const list = peer.list;
      if (!list) continue;
      const i = list.find(body, peer.cursor!);
      if (i < 0) continue;
      if (!bestList || list.items[i]!.id < bestList.items[bestI]!.id) {
        bestPeer = peer;
        bestList = list;
        bestI = i;
      }
    }
    if (!bestList || !bestPeer) return this.lateMatch(rx, body, sender);
    const send = bestList.items[bestI]!;
    const filters = bestList.fanout ? this.filters.get(rx.key) : undefined;
    const found = this.found;
    found.skipped = bestList.take(bestI, rx.key, bestPeer.cursor!, filters);
    found.send = send;
    found.peer = bestPeer;
    return found;
  }

  /**
   * No open socket's list had it: a send of a linked socket that closed since, read late. Taken
   * from what that socket owed when it closed, and no longer counted as lost with it.
   */
  private lateMatch(rx: Receiver, body: Buffer, sender: string | undefined): Match | null {
    if (this.late.empty) return null;
    for (const peer of rx.peers) {
      if (sender !== undefined && peer.key !== sender) continue;
      const late = this.late.take(peer.key, rx.key, body);
      if (!late) continue;
      const tally = this.closedTally.get(peer.key);
      if (late.first && tally && tally.closed > 0) tally.closed--;
      const found = this.found;
      found.send = late.send;
      found.skipped = 0;
      found.peer = peer;
      return found;
    }
    return null;
  }

  clear() {
    this.gen++;
    this.routingGen++;
    this.lists.clear();
    this.closedTally.clear();
    this.routingIds.clear();
    this.late.clear();
  }
}
