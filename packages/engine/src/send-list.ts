/**
 * One playground socket's recent sends, waiting to be matched to their receives (correlate.ts),
 * and the ledger that says where every one of them went: taken by a receiver, dropped with a
 * reason, or still in flight. Every send recorded ends in exactly one of those, so a link's
 * accounts reconcile exactly (Runtime.accounts(), the soak bench).
 */
import type { PendingSend } from "./pending-send.js";

/**
 * Sends that left this list without a receive, by why (the drops the engine counts elsewhere,
 * `hwm` and the publisher's `no-subscriber`, are not here).
 * - expired: not received within MAX_AGE_MS (lost with a receiver that was killed or cut)
 * - closed: the sending socket closed with them queued (linger 0 discards them)
 * - missed: a subscriber passed them while it was (re)connecting
 */
export interface Settled {
  expired: number;
  closed: number;
  missed: number;
}

/**
 * One receiver's place in one send list: the absolute position of the last send it took (or
 * passed, fan-out). An object, so the correlator's peer holds it and a receive finds it with no
 * lookup by the receiver's key (correlate.ts).
 */
export class Cursor {
  /** -1: not placed (before the receiver's first receive from this list, or forgotten). */
  abs = -1;
}

/** Sends older than this are forgotten: their receiver is gone or filtered them out. */
const MAX_AGE_MS = 30_000;
// In flight at once: both high-water marks plus what the kernel buffers (many small tcp messages).
const MAX_PENDING = 200_000;

export class SendList {
  items: (PendingSend | undefined)[] = [];
  /**
   * Each item's body and time, beside it (undefined once taken or removed): the hot path reads
   * these dense arrays, not the records. A record is made at send time and read again only when
   * its receive comes, hundreds to thousands of messages later: by then it is out of the CPU's
   * caches, and each read of it cost a cache miss per message (a third of the correlator's time).
   */
  bodies: (Buffer | undefined)[] = [];
  private times: number[] = [];
  head = 0;
  /** Absolute position of items[0] (the array is compacted now and then). */
  private base = 0;
  /** Each receiver's cursor, made on its first look (placed on its first take). */
  private cursors = new Map<string, Cursor>();
  readonly settled: Settled = { expired: 0, closed: 0, missed: 0 };

  constructor(
    readonly fanout: boolean,
    private readonly wants: (receiver: string, p: PendingSend) => boolean = () => true,
  ) {}

  push(p: PendingSend, now: number) {
    const items = this.items;
    p.list = this;
    p.abs = this.base + items.length;
    items.push(p);
    this.bodies.push(p.body);
    this.times.push(p.t);
    // Trim from the head: too many, or too old (nobody will take them any more).
    const oldest = now - MAX_AGE_MS;
    const times = this.times;
    while (this.head < items.length) {
      const h = items[this.head];
      if (h !== undefined && times[this.head]! >= oldest && items.length - this.head <= MAX_PENDING)
        break;
      if (h !== undefined && this.stillAhead(this.base + this.head, h)) this.settled.expired++;
      this.clear(this.head);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.bodies = this.bodies.slice(this.head);
      this.times = times.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }

  /** Whether `p` is still in this list: not taken, removed or trimmed. */
  holds(p: PendingSend): boolean {
    const i = p.abs - this.base;
    return i >= this.head && this.items[i] === p;
  }

  /** The item at `i` left the list (taken, removed or trimmed). */
  private clear(i: number) {
    this.items[i] = undefined;
    this.bodies[i] = undefined;
  }

  /**
   * Whether a send at absolute position `abs` is still owed to a receiver (not taken, not dropped
   * for a reason counted elsewhere). One-to-one: any item left in the list. Fan-out: one past
   * a receiver's cursor that it wants.
   */
  private stillAhead(abs: number, p: PendingSend): boolean {
    // Not taken by zeromq yet: a send still waiting in the socket's queue is not in `sent`, and
    // if its socket closes it is counted as a failed send (MessagePath.send), not here.
    if (p.dropped || !p.onWire) return false;
    if (!this.fanout) return true;
    for (const [receiver, c] of this.cursors)
      if (c.abs >= 0 && abs > c.abs && this.wants(receiver, p)) return true;
    return false;
  }

  /** Sends still owed to a receiver: in flight. */
  inFlight(): number {
    let n = 0;
    for (let i = this.head; i < this.items.length; i++) {
      const p = this.items[i];
      if (p && this.stillAhead(this.base + i, p)) n++;
    }
    return n;
  }

  /** Absolute position of the last send `receiver` took or passed; undefined before its first. */
  cursorOf(receiver: string): number | undefined {
    const c = this.cursors.get(receiver);
    return c && c.abs >= 0 ? c.abs : undefined;
  }

  /** The receiver's cursor object, kept by its caller (the correlator's peer) between receives. */
  cursorFor(receiver: string): Cursor {
    let c = this.cursors.get(receiver);
    if (!c) {
      c = new Cursor();
      this.cursors.set(receiver, c);
    }
    return c;
  }

  /** Whether a fan-out `receiver` subscribed to `p`. */
  wanted(receiver: string, p: PendingSend): boolean {
    return this.wants(receiver, p);
  }

  /**
   * Calls `fn` with every send zeromq took that is neither taken nor counted as dropped, oldest
   * first, and its absolute position (fan-out: whether a given receiver still owes it is the
   * caller's to tell, with cursorOf and wanted). A publish in its no-subscriber grace period is
   * still in flight: nobody knows yet. Not for the hot path: the gauges sample a few times a second.
   */
  forEachOnWire(fn: (p: PendingSend, abs: number) => void, afterAbs = -1): void {
    for (let i = Math.max(this.head, afterAbs - this.base + 1); i < this.items.length; i++) {
      const p = this.items[i];
      // One taken (one-to-one) is no longer in the list.
      if (p && p.onWire && (!p.dropped || !p.dropCounted)) fn(p, this.base + i);
    }
  }

  /** The oldest send zeromq has not taken yet (queued or being sent), or undefined. */
  oldestWaiting(): PendingSend | undefined {
    let oldest: PendingSend | undefined;
    // Sends reach zeromq in order, so the ones not on the wire are a run at the end.
    for (let i = this.items.length - 1; i >= this.head; i--) {
      const p = this.items[i];
      if (!p) continue;
      if (p.onWire) break;
      oldest = p;
    }
    return oldest;
  }

  /**
   * The socket closed: what it still owed is gone with its queue. Returns the oldest `keep` of
   * those sends, which may yet be read late (late-sends.ts): one walk for both.
   */
  close(keep = 0): PendingSend[] {
    const owed: PendingSend[] = [];
    let n = 0;
    for (let i = this.head; i < this.items.length; i++) {
      const p = this.items[i];
      if (!p || !this.stillAhead(this.base + i, p)) continue;
      n++;
      if (owed.length < keep) owed.push(p);
    }
    this.settled.closed += n;
    return owed;
  }

  /** Where the next send of the receiver at `cursor` is looked for. */
  private start(cursor: Cursor): number {
    return cursor.abs < 0 ? this.head : Math.max(this.head, cursor.abs - this.base + 1);
  }

  /** Index of the first send the receiver at `cursor` may take whose body equals `body`, or -1. */
  find(body: Buffer, cursor: Cursor): number {
    const bodies = this.bodies;
    const from = this.start(cursor);
    for (let i = from; i < bodies.length; i++) {
      const b = bodies[i];
      if (b !== undefined && sameBytes(b, body)) return i;
    }
    // Out of order (should not happen on one pipe): a one-to-one send is still there to take.
    if (!this.fanout)
      for (let i = this.head; i < from; i++) {
        const b = bodies[i];
        if (b !== undefined && sameBytes(b, body)) return i;
      }
    return -1;
  }

  /**
   * Takes the send at `i` for `receiver` (its cursor from cursorFor); returns how many wanted
   * sends it skipped (fan-out).
   */
  take(i: number, receiver: string, cursor: Cursor, filters?: Buffer[]): number {
    let skipped = 0;
    if (this.fanout) {
      // Not lost after all: its subscription was on its way when it was published (its
      // no-subscriber drop is then not counted). A one-to-one send is marked dropped only when
      // unroutable, which no receiver can take: its record is left untouched.
      this.items[i]!.dropped = undefined;
      const known = cursor.abs >= 0;
      // Wanted sends between the previous one taken and this one never arrived: dropped.
      for (let j = this.start(cursor); j < i; j++) {
        const q = this.items[j];
        if (!q || q.dropped || !this.wants(receiver, q)) continue;
        if (known && filters) skipped++;
        // Passed while (re)connecting, or by a receiver without filters: not owed any more.
        else if (this.owedOnlyTo(receiver, this.base + j)) this.settled.missed++;
      }
    } else {
      // Taken: out of the list (PendingSend.taken asks it), the record itself left untouched.
      this.clear(i);
      while (this.head < this.items.length && this.items[this.head] === undefined) this.head++;
    }
    cursor.abs = this.base + i;
    return skipped;
  }

  /** No other receiver's cursor is before `abs`: passing it ends what it was owed. */
  private owedOnlyTo(receiver: string, abs: number): boolean {
    for (const [r, c] of this.cursors)
      if (r !== receiver && c.abs >= 0 && c.abs < abs) return false;
    return true;
  }

  /** A receiver reconnected (or was cut): what it missed meanwhile is not a high-water-mark drop. */
  forget(receiver: string) {
    // Unplaced, not deleted: a peer holding this cursor keeps using the same object.
    const c = this.cursors.get(receiver);
    if (c) c.abs = -1;
  }

  /** Removes a send that failed. */
  remove(id: number) {
    for (let i = this.items.length - 1; i >= this.head; i--)
      if (this.items[i]?.id === id) {
        this.clear(i);
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

export function wantsTopic(filters: Buffer[], topic: Buffer): boolean {
  for (const f of filters)
    if (topic.length >= f.length && topic.compare(f, 0, f.length, 0, f.length) === 0) return true;
  return false;
}
