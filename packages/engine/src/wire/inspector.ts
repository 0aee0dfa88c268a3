/**
 * The wire inspector: watching a tcp link puts a TcpRelay between its two sockets (the connecting
 * socket dials the relay, the relay dials the real endpoint) and turns what crosses it into `wire`
 * events, decoded as ZMTP, rate-limited so a busy link cannot flood the page. The capture of the
 * last relay of each link stays available as a pcap file after unwatching.
 */
import { ERROR_CODES, parseEndpoint, phrase, type Phrase, type RuntimeEvent } from "@zmqp/protocol";
import { errorText, spoken } from "../say.js";
import { TcpRelay, type WireChunk } from "./relay.js";

/** What the inspector needs from the runtime. */
export interface WireHost {
  now(): number;
  emit(event: RuntimeEvent): void;
  /** The link's connecting node, or null when the link is not in the running document. */
  linkFrom(link: string): string | null;
  /** The address the link dials when not watched (`tcp://127.0.0.1:5555`), or null. */
  realAddress(link: string): string | null;
  /** Makes the link's connecting socket dial `address`; null: back to the real endpoint. */
  reroute(link: string, address: string | null): Promise<void>;
  /** The link left the document: drop its route. */
  forget(link: string): void;
}

export interface InspectorLimits {
  /** Decoded items sent per link per second; the rest are counted in `skipped`. Default 500. */
  itemsPerSecond?: number;
  /** Bytes of capture kept per link. Default 4 MiB. */
  captureBytes?: number;
}

interface Watch {
  relay: TcpRelay;
  /** The real endpoint the relay dials. */
  address: string;
  windowStart: number;
  inWindow: number;
  skipped: number;
}

export class WireInspector {
  private watches = new Map<string, Watch>();
  /** The latest relay of each link, open or closed: its capture is what `pcap` exports. */
  private last = new Map<string, TcpRelay>();

  constructor(
    private readonly host: WireHost,
    private readonly limits: InspectorLimits = {},
  ) {}

  watched(): string[] {
    return [...this.watches.keys()];
  }

  /** Starts watching; reports problems as `error` events (the link stays as it was). */
  async watch(link: string): Promise<void> {
    const old = this.watches.get(link);
    if (old && old.address === this.host.realAddress(link)) return;
    const node = this.host.linkFrom(link);
    const address = this.host.realAddress(link);
    if (!node || !address) {
      this.log(phrase("note.wireNoLink", { link }), "warn");
      if (old) await this.unwatch(link);
      return;
    }
    const parsed = parseEndpoint(address);
    if (!parsed.ok || parsed.endpoint.transport !== "tcp") {
      this.host.emit({
        type: "error",
        t: this.host.now(),
        node,
        link,
        code: ERROR_CODES.BAD_ENDPOINT,
        ...errorText(phrase("error.wireNotTcp", { address })),
      });
      if (old) await this.unwatch(link);
      return;
    }
    const host = parsed.endpoint.host.replace(/^\[|\]$/g, "");
    const w: Watch = {
      relay: new TcpRelay({
        target: { host, port: parsed.endpoint.port },
        maxBytes: this.limits.captureBytes ?? 4 * 1024 * 1024,
        onChunk: (c) => this.onChunk(link, w, c),
        onConnection: (conn, state) =>
          this.log(phrase(state === "open" ? "note.wireOpen" : "note.wireClosed", { link, conn })),
      }),
      address,
      windowStart: 0,
      inWindow: 0,
      skipped: 0,
    };
    await w.relay.listen();
    this.watches.set(link, w);
    this.last.set(link, w.relay);
    // From the old relay (a moved endpoint) or the real endpoint, straight to the new relay.
    await this.host.reroute(link, w.relay.endpoint);
    await old?.relay.close();
    this.log(phrase("note.wireWatching", { link, node, relay: w.relay.endpoint, address }));
  }

  async unwatch(link: string): Promise<void> {
    const w = this.watches.get(link);
    if (!w) return;
    this.watches.delete(link);
    await this.host.reroute(link, null);
    await w.relay.close();
    this.log(phrase("note.wireStopped", { link }));
  }

  /** The link's capture as a pcap file; null when it was never watched. */
  pcap(link: string): Uint8Array | null {
    return this.last.get(link)?.pcap() ?? null;
  }

  /**
   * After a deploy: forgets links gone from the document (no reroute, the link is gone) and
   * re-creates the relay of a watched link whose endpoint changed.
   */
  async retain(links: Set<string>): Promise<void> {
    for (const [link, w] of [...this.watches]) {
      if (links.has(link)) {
        // watch() replaces the relay when the real endpoint moved, and does nothing otherwise.
        await this.watch(link);
        continue;
      }
      this.watches.delete(link);
      this.host.forget(link);
      await w.relay.close();
    }
    for (const link of [...this.last.keys()]) if (!links.has(link)) this.last.delete(link);
  }

  /** Closes every relay (the runtime stops: its sockets are closing anyway). Captures stay. */
  async closeAll(): Promise<void> {
    const all = [...this.watches.entries()];
    this.watches.clear();
    for (const [link] of all) this.host.forget(link);
    for (const [, w] of all) await w.relay.close();
  }

  private onChunk(link: string, w: Watch, c: WireChunk): void {
    const now = this.host.now();
    if (now - w.windowStart >= 1000) {
      w.windowStart = now;
      w.inWindow = 0;
    }
    const room = (this.limits.itemsPerSecond ?? 500) - w.inWindow;
    if (room <= 0) {
      // Over the budget: nothing is sent until the next second, whose first event says how much.
      w.skipped += c.items.length;
      return;
    }
    const items = c.items.slice(0, room);
    w.skipped += c.items.length - items.length;
    w.inWindow += items.length;
    this.host.emit({
      type: "wire",
      t: now,
      link,
      conn: c.conn,
      direction: c.direction,
      bytes: c.bytes.length,
      items,
      ...(w.skipped > 0 ? { skipped: w.skipped } : {}),
    });
    w.skipped = 0;
  }

  private log(text: Phrase, level: "info" | "warn" = "info"): void {
    this.host.emit({ type: "log", t: this.host.now(), level, ...spoken(text) });
  }
}
