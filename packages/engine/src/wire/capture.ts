/**
 * A bounded capture of the bytes a relay forwards, with timestamps, ready for pcap export.
 * It keeps the FIRST bytes (the greeting and handshake are what a learner opens a capture for)
 * up to a byte budget, and then only counts; it keeps at most `maxConnections` connections
 * (the oldest closed ones are dropped first).
 */
import type { TcpConnectionCapture, TcpSegment } from "@zmqp/zmtp";

export interface CaptureLimits {
  /** Bytes kept across all connections. Default 4 MiB. */
  maxBytes?: number;
  /** Connections kept. Default 32. */
  maxConnections?: number;
}

interface Conn extends TcpConnectionCapture {
  id: number;
  offsets: { c2s: number; s2c: number };
}

/** Wall-clock milliseconds with microsecond resolution (pcap timestamps are in µs). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class WireCapture {
  private conns = new Map<number, Conn>();
  private nextId = 1;
  private kept = 0;
  /** Bytes seen but not kept because the budget was spent. */
  droppedBytes = 0;
  private readonly maxBytes: number;
  private readonly maxConnections: number;

  constructor(limits: CaptureLimits = {}) {
    this.maxBytes = limits.maxBytes ?? 4 * 1024 * 1024;
    this.maxConnections = limits.maxConnections ?? 32;
  }

  /** Records a new TCP connection; returns its id. */
  open(clientPort: number, serverPort: number, t = nowMs()): number {
    const id = this.nextId++;
    this.conns.set(id, {
      id,
      clientPort,
      serverPort,
      opened: t,
      segments: [],
      offsets: { c2s: 0, s2c: 0 },
    });
    if (this.conns.size > this.maxConnections) this.evict();
    return id;
  }

  add(id: number, direction: TcpSegment["direction"], bytes: Uint8Array, t = nowMs()): void {
    const c = this.conns.get(id);
    if (!c) return;
    const offset = c.offsets[direction];
    c.offsets[direction] += bytes.length;
    const room = Math.max(0, this.maxBytes - this.kept);
    const keep = Math.min(room, bytes.length);
    if (keep > 0) {
      // Copy: the caller's Buffer may be pooled and reused by Node.
      c.segments.push({
        t,
        direction,
        offset,
        bytes: Uint8Array.prototype.slice.call(bytes, 0, keep),
      });
      this.kept += keep;
    }
    this.droppedBytes += bytes.length - keep;
  }

  close(id: number, t = nowMs()): void {
    const c = this.conns.get(id);
    if (c && c.closed === undefined) c.closed = t;
  }

  private evict(): void {
    const victim =
      [...this.conns.values()].find((c) => c.closed !== undefined) ??
      this.conns.values().next().value;
    if (!victim) return;
    this.kept -= victim.segments.reduce((n, s) => n + s.bytes.length, 0);
    this.conns.delete(victim.id);
  }

  /** Bytes kept so far. */
  get bytes(): number {
    return this.kept;
  }

  connections(): TcpConnectionCapture[] {
    return [...this.conns.values()].map(({ id: _id, offsets: _o, ...c }) => ({
      ...c,
      segments: [...c.segments],
    }));
  }

  clear(): void {
    this.conns.clear();
    this.kept = 0;
    this.droppedBytes = 0;
  }
}
