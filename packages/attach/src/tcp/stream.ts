/**
 * One direction of a TCP connection, put back in order: segments that arrive early wait (bounded),
 * retransmitted bytes are dropped, an overlap is trimmed, and the bytes come out once, in stream
 * order, as soon as they are contiguous. Sequence numbers wrap at 2^32; offsets here do not.
 */

export interface StreamLimits {
  /** Bytes held out of order before the stream gives up on the gap. Default 4 MiB. */
  maxPendingBytes?: number;
}

export class TcpStream {
  /** Absolute stream offset of the next byte expected; its 32-bit sequence number is `nextSeq`. */
  private nextAbs = 0;
  private nextSeq = 0;
  private started = false;
  private pending = new Map<number, Uint8Array>();
  private pendingBytes = 0;
  private readonly maxPending: number;
  /** Bytes dropped because they had been delivered already (retransmits, overlaps). */
  duplicateBytes = 0;
  /** True once a gap could not be filled (pending overflow): later bytes are not delivered. */
  broken = false;
  /** Absolute offset of the FIN, once seen. */
  private finAt: number | null = null;

  constructor(limits: StreamLimits = {}) {
    this.maxPending = limits.maxPendingBytes ?? 4 * 1024 * 1024;
  }

  /** The SYN's sequence number: the first data byte is isn + 1. */
  synchronize(isn: number): void {
    if (this.started) return;
    this.started = true;
    this.nextSeq = (isn + 1) >>> 0;
  }

  get offset(): number {
    return this.nextAbs;
  }

  /** True when every byte up to the FIN has been delivered. */
  get finished(): boolean {
    return this.finAt !== null && this.nextAbs >= this.finAt;
  }

  private abs(seq: number): number {
    // The signed distance from the next expected sequence number, wrap-safe.
    return this.nextAbs + ((seq - this.nextSeq) | 0);
  }

  /** Marks the FIN at `seq` (after this segment's payload of `length` bytes). */
  fin(seq: number, length: number): void {
    if (!this.started) this.synchronize((seq - 1) >>> 0);
    this.finAt = this.abs(seq) + length;
  }

  /** Takes one segment; returns the chunks now deliverable, in order. */
  push(seq: number, payload: Uint8Array): Uint8Array[] {
    if (payload.length === 0 || this.broken) return [];
    // Joined mid-stream (no SYN seen): the first segment sets the origin.
    if (!this.started) this.synchronize((seq - 1) >>> 0);
    let at = this.abs(seq);
    let data = payload;
    const end = at + data.length;
    if (end <= this.nextAbs) {
      this.duplicateBytes += data.length;
      return [];
    }
    if (at < this.nextAbs) {
      this.duplicateBytes += this.nextAbs - at;
      data = data.subarray(this.nextAbs - at);
      at = this.nextAbs;
    }
    if (at > this.nextAbs) {
      this.hold(at, data);
      return [];
    }
    const out = [data.slice()];
    this.advance(data.length);
    this.drain(out);
    return out;
  }

  private advance(n: number): void {
    this.nextAbs += n;
    this.nextSeq = (this.nextSeq + n) >>> 0;
  }

  private hold(at: number, data: Uint8Array): void {
    const old = this.pending.get(at);
    if (old && old.length >= data.length) {
      this.duplicateBytes += data.length;
      return;
    }
    if (old) this.pendingBytes -= old.length;
    this.pending.set(at, data.slice());
    this.pendingBytes += data.length;
    if (this.pendingBytes > this.maxPending) {
      // The capture lost a segment and will not see it again: stop rather than hold forever.
      this.broken = true;
      this.pending.clear();
      this.pendingBytes = 0;
    }
  }

  /** Delivers held segments that are now contiguous. */
  private drain(out: Uint8Array[]): void {
    while (this.pending.size > 0) {
      let progressed = false;
      for (const [at, data] of this.pending) {
        if (at > this.nextAbs) continue;
        this.pending.delete(at);
        this.pendingBytes -= data.length;
        const end = at + data.length;
        progressed = true;
        if (end <= this.nextAbs) {
          this.duplicateBytes += data.length;
          continue;
        }
        const fresh = data.subarray(this.nextAbs - at);
        this.duplicateBytes += data.length - fresh.length;
        out.push(fresh);
        this.advance(fresh.length);
      }
      if (!progressed) return;
    }
  }

  /**
   * The peer acknowledged up to `ack`: when that passes a gap we are waiting on, the peer has the
   * missing bytes and will never send them again, so the capture lost them for good.
   */
  acked(ack: number): void {
    if (!this.started || this.broken || this.pending.size === 0) return;
    if (this.abs(ack) > this.nextAbs) {
      this.broken = true;
      this.pending.clear();
      this.pendingBytes = 0;
    }
  }

  /** Bytes waiting for a gap to fill. */
  get held(): number {
    return this.pendingBytes;
  }
}
