/**
 * TCP connections out of a sequence of segments: who is the client (it sent the SYN) and who the
 * server (it listened), both directions reassembled, and the end (both FINs, or a RST). A
 * connection whose SYN was not captured is still followed; its server is the side on a watched
 * port when there is one (`serverPorts`), else the side the first segment went to.
 * A new SYN on a finished 4-tuple is a new connection (ports are reused).
 */
import type { TcpSegment } from "../pcap/packet.js";
import { TcpStream, type StreamLimits } from "./stream.js";

export type Direction = "c2s" | "s2c";

export interface Endpoint {
  ip: string;
  port: number;
}

export interface TcpConnection {
  /** 1, 2… in the order seen. */
  id: number;
  client: Endpoint;
  server: Endpoint;
  /** Epoch ms of the first packet (the SYN when captured). */
  opened: number;
  /** Whether the SYN was captured (else the capture joined an open connection). */
  fromSyn: boolean;
}

export interface TrackerEvents {
  open(c: TcpConnection, t: number): void;
  data(c: TcpConnection, direction: Direction, bytes: Uint8Array, t: number): void;
  close(c: TcpConnection, t: number, how: "fin" | "rst" | "lost"): void;
}

export interface TrackerOptions extends StreamLimits {
  /** Ports known to be listening (the watched ones): decides sides when no SYN was seen. */
  serverPorts?: (port: number) => boolean;
  /** Connections followed at once; the oldest is dropped beyond. Default 4096. */
  maxConnections?: number;
}

interface State {
  conn: TcpConnection;
  c2s: TcpStream;
  s2c: TcpStream;
  closed: boolean;
}

const ep = (ip: string, port: number) => `${ip}|${port}`;

export class TcpTracker {
  private conns = new Map<string, State>();
  private nextId = 1;
  /** Connections dropped because too many were open. */
  evicted = 0;

  constructor(
    private readonly on: TrackerEvents,
    private readonly options: TrackerOptions = {},
  ) {}

  private key(a: string, b: string): string {
    return a < b ? `${a}>${b}` : `${b}>${a}`;
  }

  push(s: TcpSegment, t: number): void {
    const src = ep(s.src, s.sport);
    const dst = ep(s.dst, s.dport);
    const key = this.key(src, dst);
    let st = this.conns.get(key);
    if (st && st.closed && s.syn && !s.ackFlag) {
      this.conns.delete(key);
      st = undefined;
    }
    if (!st) {
      // A lone ACK, FIN or RST of a connection we never saw carry nothing to follow.
      if (!s.syn && s.payload.length === 0) return;
      st = this.start(s, t);
      this.conns.set(key, st);
    }
    if (st.closed) return;
    const c = st.conn;
    const dir: Direction = s.src === c.client.ip && s.sport === c.client.port ? "c2s" : "s2c";
    const stream = dir === "c2s" ? st.c2s : st.s2c;
    if (s.syn) stream.synchronize(s.seq);
    if (s.rst) {
      this.finish(st, t, "rst");
      return;
    }
    // A SYN carries no data here (TCP Fast Open aside), and its sequence number is not a data byte.
    const seq = s.syn ? (s.seq + 1) >>> 0 : s.seq;
    for (const chunk of stream.push(seq, s.payload)) this.on.data(c, dir, chunk, t);
    if (s.fin) stream.fin(seq, s.payload.length);
    const other = dir === "c2s" ? st.s2c : st.c2s;
    if (s.ackFlag) other.acked(s.ack);
    if (stream.broken || other.broken) {
      this.finish(st, t, "lost");
      return;
    }
    if (st.c2s.finished && st.s2c.finished) this.finish(st, t, "fin");
  }

  private start(s: TcpSegment, t: number): State {
    const a = { ip: s.src, port: s.sport };
    const b = { ip: s.dst, port: s.dport };
    let client = a;
    let server = b;
    if (s.syn && s.ackFlag) [client, server] = [b, a];
    else if (!s.syn) {
      const listens = this.options.serverPorts ?? (() => false);
      if (listens(a.port) && !listens(b.port)) [client, server] = [b, a];
    }
    const conn: TcpConnection = { id: this.nextId++, client, server, opened: t, fromSyn: s.syn };
    const st: State = {
      conn,
      c2s: new TcpStream(this.options),
      s2c: new TcpStream(this.options),
      closed: false,
    };
    this.on.open(conn, t);
    const max = this.options.maxConnections ?? 4096;
    if (this.conns.size >= max) this.evictOldest(t);
    return st;
  }

  /** Forgets the oldest finished connection, or else ends the oldest open one. */
  private evictOldest(t: number): void {
    for (const [key, st] of this.conns)
      if (st.closed) {
        this.conns.delete(key);
        return;
      }
    const first = this.conns.entries().next().value;
    if (!first) return;
    this.evicted++;
    this.finish(first[1], t, "lost");
    this.conns.delete(first[0]);
  }

  private finish(st: State, t: number, how: "fin" | "rst" | "lost"): void {
    if (st.closed) return;
    // Kept (closed) until the 4-tuple is reused, so late retransmits of it are recognised and dropped.
    st.closed = true;
    this.on.close(st.conn, t, how);
  }

  /** Connections not yet finished. */
  get open(): number {
    let n = 0;
    for (const st of this.conns.values()) if (!st.closed) n++;
    return n;
  }
}
