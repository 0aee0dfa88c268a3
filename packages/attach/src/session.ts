/**
 * One attach session: a live capture (tcpdump on an interface) or a saved pcap file, through the
 * Observer, out as RuntimeEvents. Live sessions look up the local processes at each end through
 * /proc; a file's peers are known only by address. Counters go out at most every `countersMs`
 * while messages flow, and once more at the end. `stop()` returns the summary line.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { AttachSummary, ObservedGraph, RuntimeEvent } from "@zmqp/protocol";
import type { Owner } from "./graph/owners.js";
import { startTcpdump, type RunningCapture } from "./live/tcpdump.js";
import { ProcResolver } from "./live/procfs.js";
import { Observer, type Owners } from "./observer.js";
import type { PcapFormatError } from "./pcap/reader.js";
import { bpfFilter, portMatcher, type PortRange } from "./ports.js";
import type { TcpConnection } from "./tcp/tracker.js";

export interface AttachOptions {
  /** Listening ports to follow, or every TCP connection that greets in ZMTP. */
  ports: readonly PortRange[] | "all";
  /** Live capture on this interface (default `lo`), unless `pcapFile` is given. */
  iface?: string;
  /** Read a saved capture instead of a live interface. */
  pcapFile?: string;
  emit(event: RuntimeEvent): void;
  /** Live only: resolve local peers to processes through /proc. Default true. */
  processes?: boolean;
  countersMs?: number;
  tcpdump?: string;
  procRoot?: string;
  /** Called when a live capture ends by itself, or a file is read to its end. */
  onEnd?(reason: string | null): void;
}

export class BadCaptureFile extends Error {}

export class AttachSession {
  readonly observer: Observer;
  private capture: RunningCapture | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private readonly started = Date.now();
  private fileDone: Promise<void> | null = null;
  private failure: Error | null = null;
  private stopped = false;

  private constructor(private readonly o: AttachOptions) {
    const live = o.pcapFile === undefined;
    const procs = live && o.processes !== false ? new ProcResolver(o.procRoot) : null;
    const source: ObservedGraph["source"] = live
      ? { kind: "live", iface: o.iface ?? "lo" }
      : { kind: "pcap", file: o.pcapFile! };
    this.observer = new Observer({
      source,
      emit: (e) => {
        if (e.type === "message") this.dirty = true;
        o.emit(e);
      },
      ...(o.ports !== "all" ? { ports: portMatcher(o.ports) } : {}),
      ...(procs ? { owners: (c: TcpConnection) => ownersOf(procs, c) } : {}),
    });
  }

  /** Starts capturing (live: resolves once tcpdump listens) or starts reading the file. */
  static async start(o: AttachOptions): Promise<AttachSession> {
    const s = new AttachSession(o);
    s.timer = setInterval(() => s.flushCounters(), o.countersMs ?? 250);
    s.timer.unref();
    try {
      if (o.pcapFile !== undefined) s.fileDone = (await s.readFile(o.pcapFile)).done;
      else
        s.capture = await startTcpdump({
          iface: o.iface ?? "lo",
          filter: bpfFilter(o.ports),
          onData: (c) => s.feed(c),
          onExit: (reason) => o.onEnd?.(reason),
          ...(o.tcpdump ? { bin: o.tcpdump } : {}),
        });
    } catch (e) {
      clearInterval(s.timer);
      throw e;
    }
    return s;
  }

  private feed(chunk: Uint8Array): void {
    if (this.failure) return;
    try {
      this.observer.feed(chunk);
    } catch (e) {
      // A damaged stream: report once and stop reading it; what was seen so far stays.
      this.failure = e as Error;
      this.o.emit({
        type: "log",
        t: Date.now(),
        level: "warn",
        text: `capture unreadable: ${(e as Error).message}`,
      });
      this.o.onEnd?.((e as Error).message);
    }
  }

  private async readFile(file: string): Promise<{ done: Promise<void> }> {
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new BadCaptureFile(`${file} is not a file`);
    } catch (e) {
      if (e instanceof BadCaptureFile) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new BadCaptureFile(
        `cannot read ${file}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`,
      );
    }
    // The header is checked before start() returns, so a wrong file is refused at once.
    const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
    let first = true;
    return new Promise<{ done: Promise<void> }>((resolveStart, rejectStart) => {
      const done = new Promise<void>((resolveDone) => {
        stream.on("data", (c) => {
          const chunk = c as Buffer;
          if (first) {
            first = false;
            try {
              this.observer.feed(chunk);
            } catch (e) {
              stream.destroy();
              rejectStart(new BadCaptureFile(`${file}: ${(e as PcapFormatError).message}`));
              return;
            }
            resolveStart({ done });
            return;
          }
          this.feed(chunk);
        });
        stream.on("error", (e) =>
          rejectStart(new BadCaptureFile(`cannot read ${file}: ${e.message}`)),
        );
        stream.on("end", () => {
          if (first) rejectStart(new BadCaptureFile(`${file} is empty`));
          void this.observer.settle().then(() => {
            this.flushCounters(true);
            this.o.onEnd?.(null);
            resolveDone();
          });
        });
      });
    });
  }

  /** Resolves when a pcap file has been read to its end (never for a live capture). */
  get fileRead(): Promise<void> | null {
    return this.fileDone;
  }

  private flushCounters(force = false): void {
    if (!this.dirty && !force) return;
    this.dirty = false;
    this.o.emit(this.observer.builder.countersEvent(Date.now()));
  }

  graph(): ObservedGraph {
    return this.observer.builder.graph();
  }

  /** Stops capturing, applies what is still in flight, and returns the summary. */
  async stop(): Promise<AttachSummary> {
    if (!this.stopped) {
      this.stopped = true;
      await this.capture?.stop();
      if (this.fileDone) await this.fileDone;
      await this.observer.settle();
      if (this.timer) clearInterval(this.timer);
      this.flushCounters(true);
    }
    const { stats, builder } = this.observer;
    return {
      type: "summary",
      graph: builder.graph(),
      links: builder.linkCounts(),
      ignoredConnections: stats.ignoredConnections,
      packets: stats.packets,
      durationMs: Date.now() - this.started,
    };
  }
}

const UNKNOWN: Owner = {};

async function ownersOf(procs: ProcResolver, c: TcpConnection): Promise<Owners> {
  const [client, server] = await Promise.all([
    procs.owner(c.client, c.server),
    procs.owner(c.server, c.client),
  ]);
  return {
    client: client ? { process: client } : UNKNOWN,
    server: server ? { process: server } : UNKNOWN,
  };
}
