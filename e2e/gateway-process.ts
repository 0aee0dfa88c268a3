/** A gateway process owned by one test (so the test may stop and restart it). */
import { spawn, type ChildProcess } from "node:child_process";

export class GatewayProcess {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    readonly token: string,
    /** More `zmqp serve` flags (`--allow-capture`…). */
    readonly flags: string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      process.execPath,
      ["apps/gateway/bin/zmqp.mjs", "serve", "--port", String(this.port), ...this.flags],
      { env: { ...process.env, ZMQP_TOKEN: this.token }, stdio: "ignore" },
    );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`gateway on port ${this.port} did not start`);
  }

  /** Stops this process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}
