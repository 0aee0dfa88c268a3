/**
 * A transparent TCP relay for the wire inspector: it listens on 127.0.0.1:<ephemeral>, dials the
 * real endpoint for every accepted connection, pipes both ways unchanged, and feeds each direction
 * to its own ZMTP decoder. The ZeroMQ sockets on either side cannot tell it is there (apart from
 * the extra hop): the connecting socket simply dials the relay's address instead.
 */
import net from "node:net";
import { ZmtpDecoder, writePcap, type ZmtpItem } from "@zmqp/zmtp";
import { nowMs, WireCapture, type CaptureLimits } from "./capture.js";

type WireDirection = "c2s" | "s2c";

export interface WireChunk {
  /** Epoch ms. */
  t: number;
  /** Relay connection id (1, 2… one per TCP connection the connecting socket made). */
  conn: number;
  /** c2s: from the connecting socket to the bound one. */
  direction: WireDirection;
  bytes: Uint8Array;
  items: ZmtpItem[];
}

export interface RelayOptions extends CaptureLimits {
  target: { host: string; port: number };
  /** Called for every chunk forwarded. Must not throw. */
  onChunk?: (chunk: WireChunk) => void;
  /** Called when a relay connection opens or closes. */
  onConnection?: (conn: number, state: "open" | "closed") => void;
}

export class TcpRelay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  readonly capture: WireCapture;
  private port = 0;

  constructor(private readonly options: RelayOptions) {
    this.capture = new WireCapture(options);
  }

  /** Starts listening on an ephemeral loopback port; returns it. */
  async listen(): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** The endpoint the connecting socket should dial instead of the real one. */
  get endpoint(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  private accept(client: net.Socket): void {
    const { host, port } = this.options.target;
    const upstream = net.connect({ host, port });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client);
    this.sockets.add(upstream);
    // The capture names the real server port, so `tcp.port==<real>` selects it in Wireshark.
    const conn = this.capture.open(client.remotePort ?? 0, port);
    const decoders = { c2s: new ZmtpDecoder(), s2c: new ZmtpDecoder() };
    const observe = (direction: WireDirection) => (data: Buffer) => {
      const t = nowMs();
      this.capture.add(conn, direction, data, t);
      const items = decoders[direction].feed(data);
      this.options.onChunk?.({ t, conn, direction, bytes: data, items });
    };
    client.on("data", observe("c2s"));
    upstream.on("data", observe("s2c"));
    client.pipe(upstream);
    upstream.pipe(client);
    this.options.onConnection?.(conn, "open");
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      this.capture.close(conn);
      this.options.onConnection?.(conn, "closed");
    };
    // Either side gone (reset, refused, closed): drop the other, as a direct connection would.
    for (const s of [client, upstream]) {
      s.on("error", close);
      s.on("close", close);
    }
  }

  /** The capture as a pcap file (LINKTYPE_RAW, synthesized IPv4/TCP). */
  pcap(): Uint8Array {
    return writePcap(this.capture.connections());
  }

  /** Open relay connections. */
  get openConnections(): number {
    return this.sockets.size / 2;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
