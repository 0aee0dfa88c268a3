/**
 * The live capture: tcpdump writing pcap to its stdout (`-U -w -`, packet-buffered, immediate
 * mode so a message is seen when it is sent, not when a kernel block fills). We wait for its
 * "listening on" line before saying the capture started, and turn its failures (not installed,
 * not allowed to capture, no such interface) into one sentence that says what to do.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";

export class CaptureError extends Error {}

export interface TcpdumpOptions {
  iface: string;
  filter: string;
  onData(chunk: Uint8Array): void;
  /** tcpdump ended by itself (the interface went away…), with its last words. */
  onExit?(reason: string | null): void;
  /** Defaults to `tcpdump` on PATH. */
  bin?: string;
  /** How long tcpdump may take to start listening, ms. Default 10 s. */
  startTimeoutMs?: number;
}

export interface RunningCapture {
  /** Stops tcpdump (SIGINT: it writes what it holds) and waits until its output has been read. */
  stop(): Promise<void>;
}

function explain(stderr: string, bin: string): string {
  if (/permission|not permitted/i.test(stderr))
    return `${bin} may not capture here: attach needs root or CAP_NET_RAW (${stderr.trim().split("\n").pop()})`;
  if (/No such device|doesn't exist/i.test(stderr))
    return `no such interface: ${stderr.trim().split("\n").pop()}`;
  return `${bin} failed: ${stderr.trim().split("\n").slice(-2).join(" ") || "no output"}`;
}

export function startTcpdump(o: TcpdumpOptions): Promise<RunningCapture> {
  const bin = o.bin ?? "tcpdump";
  // Immediate mode hands each packet over at once (animation), but its ring is one slot per packet
  // of snaplen: with the default 2 MiB a burst of a few packets is lost without a drop being
  // counted (measured on lo). 64 MiB holds a few hundred full-size loopback packets.
  const args = [
    "-U",
    "-w",
    "-",
    "-n",
    "--immediate-mode",
    "-B",
    "65536",
    "-s",
    "262144",
    "-i",
    o.iface,
    o.filter,
  ];
  return new Promise((resolve, reject) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      reject(new CaptureError(`cannot start ${bin}: ${(e as Error).message}`));
      return;
    }
    let stderr = "";
    let started = false;
    let stopping = false;
    const ended = new Promise<void>((r) => child.stdout.on("end", () => r()));
    const exited = new Promise<void>((r) => child.once("close", () => r()));
    const timer = setTimeout(() => {
      if (started) return;
      child.kill("SIGKILL");
      reject(
        new CaptureError(
          `${bin} did not start listening on ${o.iface} within ${(o.startTimeoutMs ?? 10_000) / 1000} s`,
        ),
      );
    }, o.startTimeoutMs ?? 10_000);
    child.stdout.on("data", (c: Buffer) => o.onData(c));
    child.stderr.on("data", (c: Buffer) => {
      // Only the last few KiB matter (the error); tcpdump's stderr cannot grow our memory.
      stderr = (stderr + c.toString("utf8")).slice(-4096);
      if (!started && /listening on/.test(stderr)) {
        started = true;
        clearTimeout(timer);
        resolve({
          async stop() {
            stopping = true;
            child.kill("SIGINT");
            const kill = setTimeout(() => child.kill("SIGKILL"), 2000);
            await Promise.all([ended, exited]);
            clearTimeout(kill);
          },
        });
      }
    });
    child.once("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why =
        e.code === "ENOENT"
          ? `${bin} is not installed: install it (Debian: apt-get install tcpdump), or read a saved capture with --pcap FILE`
          : `cannot start ${bin}: ${e.message}`;
      if (!started) reject(new CaptureError(why));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      if (!started) reject(new CaptureError(explain(stderr, bin)));
      else if (!stopping) o.onExit?.(code === 0 ? null : explain(stderr, bin));
    });
  });
}
