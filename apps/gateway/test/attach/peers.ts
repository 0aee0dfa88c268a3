/** pyzmq programs as separate processes (peers.py), and waiting on what they and zmqp print. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../spawn.js";

const SCRIPT = join(REPO, "apps", "gateway", "test", "attach", "peers.py");

type Line = Record<string, unknown>;

export interface Peer {
  child: ChildProcess;
  pid: number;
  lines: Line[];
  /** Resolves with the first line (printed so far or later) that matches. */
  line(pred: (l: Line) => boolean, timeoutMs?: number): Promise<Line>;
  send(text: string): void;
  /** Closes stdin: the program prints its final counts and exits. */
  end(): Promise<Line>;
}

const children = new Set<ChildProcess>();

export function killPeers(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  children.clear();
}

/** Calls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function peer(...args: (string | number)[]): Peer {
  const child = spawn("/usr/bin/python3", [SCRIPT, ...args.map(String)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  const lines: Line[] = [];
  let buf = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)) as Line);
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const p: Peer = {
    child,
    pid: child.pid!,
    lines,
    line: (pred, timeoutMs) =>
      until(
        `${args.join(" ")} to print a line (stderr: ${err})`,
        () => lines.find(pred),
        timeoutMs,
      ),
    send: (text) => child.stdin!.write(text),
    end: () => {
      child.stdin!.end();
      return p.line((l) => "final" in l);
    },
  };
  return p;
}
