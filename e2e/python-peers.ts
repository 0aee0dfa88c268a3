/** pyzmq programs the playground did not start (apps/gateway/test/attach/peers.py), for Attach mode. */
import { spawn, type ChildProcess } from "node:child_process";

const SCRIPT = "apps/gateway/test/attach/peers.py";

export class PythonPeer {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[] = [];

  constructor(...args: (string | number)[]) {
    this.child = spawn("/usr/bin/python3", [SCRIPT, ...args.map(String)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let buf = "";
    this.child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        this.lines.push(JSON.parse(buf.slice(0, i)) as Record<string, unknown>);
        buf = buf.slice(i + 1);
      }
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Waits for a line with this key (`ready`, `done`, `final`). */
  async line(key: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const l = this.lines.find((x) => key in x);
      if (l) return l;
      if (Date.now() > end) throw new Error(`peer ${this.pid} printed no "${key}" line`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Closes stdin: the program prints its final counts and exits. */
  end(): Promise<Record<string, unknown>> {
    this.child.stdin!.end();
    return this.line("final");
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}
