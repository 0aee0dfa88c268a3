/**
 * The pipeline from capture bytes to events: pcap records → link layer → IP/TCP → per-connection
 * reassembly → ZMTP recognition and decoding → the graph builder. Pure apart from the optional
 * `owners` lookup (live attach resolves processes through /proc): while a connection's owners are
 * being looked up its observations wait, in order, so ids never change under a message.
 */
import type { ObservedGraph, RuntimeEvent } from "@zmqp/protocol";
import { GraphBuilder } from "./graph/builder.js";
import type { Owner } from "./graph/owners.js";
import { ipPayload, knownLinkType, tcpSegment } from "./pcap/packet.js";
import { PcapFormatError, PcapReader, type PcapPacket } from "./pcap/reader.js";
import { TcpTracker, type TcpConnection } from "./tcp/tracker.js";
import { ZmtpConnection, type Observation } from "./zmtp/connection.js";

export interface Owners {
  client: Owner;
  server: Owner;
}

export interface ObserverOptions {
  source: ObservedGraph["source"];
  emit(event: RuntimeEvent): void;
  /** Which listening ports to follow; every port when absent (`--all-zmtp`). */
  ports?: (port: number) => boolean;
  /** Looks up who owns each end (live: /proc); address only when absent. */
  owners?: (c: TcpConnection) => Promise<Owners>;
  wireItemsPerSecond?: number;
}

export interface ObserverStats {
  packets: number;
  /** Packets that carried no TCP (ARP, UDP, other link types…). */
  notTcp: number;
  /** TCP connections that did not open with a ZMTP greeting. */
  ignoredConnections: number;
  zmtpConnections: number;
}

type Step = { obs: Observation; t: number } | { close: "fin" | "rst" | "lost"; t: number };

interface Conn {
  tcp: TcpConnection;
  zmtp: ZmtpConnection;
  /** null until ZMTP is recognised; then true once the builder knows the connection. */
  announced: boolean | null;
  queue: Step[];
}

const NO_OWNER: Owner = {};

export class Observer {
  readonly builder: GraphBuilder;
  private readonly reader = new PcapReader();
  private readonly tracker: TcpTracker;
  private conns = new Map<number, Conn>();
  private lookups = new Set<Promise<void>>();
  readonly stats: ObserverStats = {
    packets: 0,
    notTcp: 0,
    ignoredConnections: 0,
    zmtpConnections: 0,
  };

  constructor(private readonly o: ObserverOptions) {
    this.builder = new GraphBuilder({
      source: o.source,
      emit: o.emit,
      ...(o.wireItemsPerSecond ? { wireItemsPerSecond: o.wireItemsPerSecond } : {}),
    });
    this.tracker = new TcpTracker(
      {
        open: (c) =>
          this.conns.set(c.id, { tcp: c, zmtp: new ZmtpConnection(), announced: null, queue: [] }),
        data: (c, dir, bytes, t) => this.data(c, dir, bytes, t),
        close: (c, t, how) => this.close(c, t, how),
      },
      { ...(o.ports ? { serverPorts: o.ports } : {}) },
    );
  }

  /** Bytes of a pcap stream (tcpdump's stdout, a file). Throws PcapFormatError when it is not pcap. */
  feed(chunk: Uint8Array): void {
    for (const p of this.reader.feed(chunk)) this.packet(p);
  }

  packet(p: PcapPacket): void {
    this.stats.packets++;
    if (!knownLinkType(p.linkType))
      throw new PcapFormatError(
        `link type ${p.linkType} is not one attach reads (Ethernet, loopback, Linux cooked, raw IP)`,
      );
    const ip = ipPayload(p.linkType, p.data);
    const seg = ip && tcpSegment(ip);
    if (!seg) {
      this.stats.notTcp++;
      return;
    }
    if (this.o.ports && !this.o.ports(seg.sport) && !this.o.ports(seg.dport)) return;
    this.tracker.push(seg, p.t);
  }

  private data(c: TcpConnection, dir: "c2s" | "s2c", bytes: Uint8Array, t: number): void {
    const conn = this.conns.get(c.id);
    if (!conn) return;
    const before = conn.zmtp.verdict;
    const out = conn.zmtp.feed(dir, bytes);
    if (conn.zmtp.verdict === "other") {
      if (before !== "other") {
        this.stats.ignoredConnections++;
        this.conns.delete(c.id);
      }
      return;
    }
    if (conn.zmtp.verdict === "zmtp" && before !== "zmtp") this.recognised(conn);
    for (const obs of out) this.step(conn, { obs, t });
  }

  private recognised(conn: Conn): void {
    this.stats.zmtpConnections++;
    conn.announced = false;
    const t = conn.tcp.opened;
    if (!this.o.owners) {
      this.builder.opened(conn.tcp, { client: NO_OWNER, server: NO_OWNER }, t);
      conn.announced = true;
      return;
    }
    const lookup = this.o
      .owners(conn.tcp)
      .catch(() => ({ client: NO_OWNER, server: NO_OWNER }))
      .then((owners) => {
        this.builder.opened(conn.tcp, owners, t);
        conn.announced = true;
        const queued = conn.queue;
        conn.queue = [];
        for (const s of queued) this.apply(conn, s);
      })
      .finally(() => this.lookups.delete(lookup));
    this.lookups.add(lookup);
  }

  private step(conn: Conn, s: Step): void {
    if (conn.announced) this.apply(conn, s);
    else conn.queue.push(s);
  }

  private apply(conn: Conn, s: Step): void {
    if ("obs" in s) this.builder.observe(conn.tcp, s.obs, s.t);
    else {
      this.builder.closed(conn.tcp, s.t, s.close);
      this.conns.delete(conn.tcp.id);
    }
  }

  private close(c: TcpConnection, t: number, how: "fin" | "rst" | "lost"): void {
    const conn = this.conns.get(c.id);
    if (!conn) return;
    if (conn.announced === null) {
      // Closed before both sides spoke: nothing to show (a port scan, a refused peer, HTTP).
      if (conn.zmtp.verdict === "pending") this.stats.ignoredConnections++;
      this.conns.delete(c.id);
      return;
    }
    this.step(conn, { close: how, t });
  }

  /** Waits until every owner lookup started so far has finished and its observations applied. */
  async settle(): Promise<void> {
    while (this.lookups.size > 0) await Promise.all([...this.lookups]);
  }

  /** Bytes of a record still waiting for the rest of it. */
  get pendingBytes(): number {
    return this.reader.pending;
  }
}
