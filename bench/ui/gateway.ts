/**
 * The gateway as a child process of the benchmark: started with a fixed token, driven over its
 * REST API, its memory read from /proc, and always stopped (SIGTERM, then SIGKILL).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuntimeSnapshot } from "@zmqp/protocol";
import { GcTrace } from "./gc-trace.js";

export class Gateway {
  private child: ChildProcess | null = null;
  /** The gateway's stderr, kept for the report when something fails. */
  stderr = "";
  /** Its garbage collections (the process runs with --trace-gc, printed on its stdout). */
  readonly gc = new GcTrace();
  private startedAt = 0;
  /** Where the gateway writes heap snapshots (SIGUSR2); removed by `removeSnapshots`. */
  readonly diagDir = mkdtempSync(join(tmpdir(), "zmqp-bench-ui-"));

  constructor(
    readonly root: string,
    readonly port: number,
    readonly token: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A time of ours (Date.now()) on the gateway's trace clock, ms since it started. */
  clock(epochMs: number): number {
    return epochMs - this.startedAt;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    // A gateway left over on this port would answer the health check in place of ours, and every
    // figure would then be measured on the wrong process.
    if (await this.healthy())
      throw new Error(`port ${this.port} already answers: stop that gateway or pass --port`);
    // `node bin/zmqp.mjs` directly (no pnpm or shell in between): the pid is the gateway's own.
    this.startedAt = Date.now();
    const child = spawn(
      process.execPath,
      [
        "--trace-gc",
        // A heap snapshot on SIGUSR2: it starts with a full collection, so the heap it leaves
        // (in the GC trace) is what the process really retains; the file is there to look into.
        "--heapsnapshot-signal=SIGUSR2",
        `--diagnostic-dir=${this.diagDir}`,
        join(this.root, "apps/gateway/bin/zmqp.mjs"),
        "serve",
        "--port",
        String(this.port),
      ],
      { cwd: this.root, env: { ...process.env, ZMQP_TOKEN: this.token }, stdio: "pipe" },
    );
    this.child = child;
    child.stdout?.on("data", (d: Buffer) => this.gc.push(d.toString()));
    child.stderr?.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      if (await this.healthy()) return;
      await sleep(200);
    }
    throw new Error(`the gateway on port ${this.port} did not start: ${this.stderr.trim()}`);
  }

  private async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/api/health`)).ok;
    } catch {
      return false; // not listening (yet)
    }
  }

  private async api(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  deploy(doc: unknown): Promise<unknown> {
    return this.api("POST", "/api/deploy", doc);
  }

  async snapshot(): Promise<RuntimeSnapshot> {
    return (await this.api("GET", "/api/runtime")) as RuntimeSnapshot;
  }

  /** Resident memory of the gateway process, MiB (VmRSS in /proc/<pid>/status). */
  rssMiB(): number | null {
    const pid = this.pid;
    if (!pid) return null;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** CPU seconds the gateway process has used so far (utime + stime from /proc/<pid>/stat). */
  cpuSeconds(): number | null {
    const pid = this.pid;
    if (!pid) return null;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces), 1-based: utime 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return null;
    }
  }

  /**
   * Bytes queued in the kernel on the gateway's side of the page's WebSocket (ss Send-Q): when it
   * sits at its maximum, the tab really stopped reading.
   */
  sendQueueBytes(): number | null {
    const r = spawnSync("ss", ["-Htn", "state", "established", `( sport = :${this.port} )`], {
      encoding: "utf8",
    });
    if (r.status !== 0) return null;
    let max = 0;
    for (const line of r.stdout.trim().split("\n")) {
      const sendQ = Number(line.trim().split(/\s+/)[1]);
      if (Number.isFinite(sendQ)) max = Math.max(max, sendQ);
    }
    return max;
  }

  /**
   * Writes a heap snapshot of the gateway and returns the heap left by the full collection it
   * starts with (MB), or null when none shows up in time.
   */
  async heapAfterFullGc(timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    const before = this.gc.majorBetween(0, Infinity).length;
    child.kill("SIGUSR2");
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.gc.majorBetween(0, Infinity).length > before) {
        // A snapshot may collect several times in a row; the last one leaves the true heap.
        await sleep(2000);
        return this.gc.majorBetween(0, Infinity).at(-1)!.afterMB;
      }
      await sleep(200);
    }
    return null;
  }

  snapshots(): string[] {
    return readdirSync(this.diagDir)
      .filter((f) => f.endsWith(".heapsnapshot"))
      .map((f) => join(this.diagDir, f));
  }

  removeSnapshots(): void {
    rmSync(this.diagDir, { recursive: true, force: true });
  }

  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** Last resort on exit paths that cannot await. */
  killNow(): void {
    this.child?.kill("SIGKILL");
  }
}

/** Messages sent and received so far, summed over every node (exact counters). */
export function trafficTotals(s: RuntimeSnapshot): { sent: number; received: number } {
  let sent = 0;
  let received = 0;
  for (const c of Object.values(s.counters.nodes)) {
    sent += c.sent;
    received += c.received;
  }
  return { sent, received };
}

/** Builds the web app when apps/web/dist is missing (the gateway serves that folder). */
export function ensureWebBuild(root: string, force: boolean): boolean {
  const web = join(root, "apps/web");
  if (!force && existsSync(join(web, "dist/index.html"))) return false;
  const vite = join(web, "node_modules/vite/bin/vite.js");
  const r = spawnSync(process.execPath, [vite, "build"], { cwd: web, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`the web build failed (exit ${r.status ?? r.signal})`);
  return true;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
