/**
 * The gateway's attach session (at most one), shared by every page in Attach mode. Capturing sees
 * other programs' traffic, so it exists only when the gateway was started with --allow-capture,
 * and then only on loopback and on the ports a page lists. The hub keeps what a page joining late
 * needs (the graph, statuses, counters) and fans the events out to the attach tabs.
 */
import { AttachSession, CaptureError, PortsError, parsePorts, type PortRange } from "@zmqp/attach";
import {
  ERROR_CODES,
  observedDoc,
  type AttachSummary,
  type LinkCounters,
  type NodeCounters,
  type NodeStatus,
  type ObservedGraph,
  type RuntimeEvent,
  type RuntimeSnapshot,
} from "@zmqp/protocol";
import { HttpError } from "../errors.js";
import type { Listener } from "./hub.js";

export interface AttachHubOptions {
  allowCapture: boolean;
  /** A capture nobody watches stops after this long, ms (it sees other programs' traffic). */
  graceMs: number;
  /** The capture tool (tests may point it elsewhere). */
  tcpdump?: string;
}

export interface AttachState {
  allowed: boolean;
  active: boolean;
  ports: string | null;
  graph: ObservedGraph | null;
}

/** Port ranges a page may ask to watch at once. */
const MAX_RANGES = 16;

export class AttachHub {
  readonly tabs = new Set<Listener>();
  private session: AttachSession | null = null;
  private ports: string | null = null;
  private graph: ObservedGraph | null = null;
  private status: Record<string, NodeStatus> = {};
  private counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> } = {
    nodes: {},
    links: {},
  };
  private sessionNo = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private graceTimer: NodeJS.Timeout | null = null;

  constructor(readonly options: AttachHubOptions) {}

  join(tab: Listener): void {
    this.tabs.add(tab);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  /** The last page gone: the capture stops after the grace period unless a page comes back. */
  leave(tab: Listener): void {
    if (this.tabs.delete(tab)) this.armGrace();
  }

  private armGrace(): void {
    if (this.tabs.size > 0 || !this.session) return;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      if (this.tabs.size === 0) void this.serial(() => this.stopSession()).catch(() => undefined);
    }, this.options.graceMs);
    this.graceTimer.unref();
  }

  private emit(e: RuntimeEvent): void {
    if (e.type === "observed") this.graph = e.graph;
    else if (e.type === "status") this.status[e.node] = e.status;
    else if (e.type === "counters") this.counters = { nodes: e.nodes, links: e.links };
    for (const tab of this.tabs) tab.push(e);
  }

  private refuse(): never {
    throw new HttpError(
      403,
      ERROR_CODES.CAPTURE_NOT_ALLOWED,
      "capturing other programs' traffic is off: start the gateway with `zmqp serve --allow-capture` (it needs root or CAP_NET_RAW)",
    );
  }

  state(): AttachState {
    return {
      allowed: this.options.allowCapture,
      active: this.session !== null,
      ports: this.ports,
      graph: this.graph,
    };
  }

  /** What a page in Attach mode draws at once: the observed graph as a document, statuses, counters. */
  snapshot(): RuntimeSnapshot {
    return {
      state: this.session ? "running" : "idle",
      deployId: this.sessionNo,
      doc: this.graph ? observedDoc(this.graph) : null,
      nodes: { ...this.status },
      counters: this.counters,
      stepMode: false,
      speed: 1,
      cutLinks: [],
      // Every observed link's wire events are sent anyway; "watched" is the runtime's relay, not ours.
      watchedLinks: [],
    };
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts watching `ports` on loopback (a running session is stopped first). */
  start(portsText: unknown): Promise<AttachState> {
    if (!this.options.allowCapture) this.refuse();
    if (typeof portsText !== "string" || portsText.length > 200)
      throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, 'send {"ports": "5555,5559-5560"}');
    let ranges: PortRange[];
    try {
      ranges = parsePorts(portsText);
    } catch (e) {
      if (e instanceof PortsError) throw new HttpError(400, ERROR_CODES.BAD_MESSAGE, e.message);
      throw e;
    }
    if (ranges.length > MAX_RANGES)
      throw new HttpError(400, ERROR_CODES.LIMIT, `at most ${MAX_RANGES} ports or ranges`);
    return this.serial(async () => {
      await this.stopSession();
      this.graph = null;
      this.status = {};
      this.counters = { nodes: {}, links: {} };
      const no = ++this.sessionNo;
      try {
        // Loopback only: the gateway never captures a network interface for a page.
        this.session = await AttachSession.start({
          ports: ranges,
          iface: "lo",
          emit: (e) => this.emit(e),
          onEnd: (reason) => {
            if (reason) this.log(`capture ended: ${reason}`);
          },
          ...(this.options.tcpdump ? { tcpdump: this.options.tcpdump } : {}),
        });
      } catch (e) {
        if (e instanceof CaptureError)
          throw new HttpError(500, ERROR_CODES.CAPTURE_FAILED, e.message);
        throw e;
      }
      this.ports = ranges
        .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`))
        .join(",");
      this.emit({ type: "runtime", t: Date.now(), state: "running", deployId: no });
      this.log(
        `attached to loopback, ports ${this.ports}: what ZeroMQ programs do there is drawn as it happens`,
      );
      // Started with no page watching (a script): it still ends by itself.
      this.armGrace();
      return this.state();
    });
  }

  private log(text: string): void {
    this.emit({ type: "log", t: Date.now(), level: "info", text });
  }

  private async stopSession(): Promise<AttachSummary | null> {
    const s = this.session;
    if (!s) return null;
    this.session = null;
    const summary = await s.stop();
    this.emit({ type: "runtime", t: Date.now(), state: "stopped", deployId: this.sessionNo });
    this.ports = null;
    return summary;
  }

  /** Stops capturing; the last graph stays on the pages (and in `state()`) until the next start. */
  stop(): Promise<AttachSummary | null> {
    if (!this.options.allowCapture) this.refuse();
    return this.serial(() => this.stopSession());
  }

  async close(): Promise<void> {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.tabs.clear();
    await this.serial(() => this.stopSession()).catch(() => undefined);
  }
}
