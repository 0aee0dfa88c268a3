/**
 * Test support: `zmqp run FILE --json --allow-external` as a child process, optionally inside a
 * network namespace, with its NDJSON events and final summary collected.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { RuntimeEvent } from "@zmqp/protocol";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
// Spawned, not imported: the engine never imports an app.
const ZMQP = `${ROOT}apps/gateway/bin/zmqp.mjs`;

interface Summary {
  type: "summary";
  nodes: Record<string, { sent: number; received: number; errors: string[] }>;
}

export interface CliRun {
  events: RuntimeEvent[];
  /** Resolves when an event matches (checked on every line). */
  waitFor(pred: (e: RuntimeEvent) => boolean, ms: number, what: string): Promise<void>;
  /** Ends the run (SIGTERM, as Ctrl-C would) and resolves with its summary line. */
  finish(): Promise<Summary>;
}

export function runCli(file: string, durationS: number, netns?: string): CliRun {
  const args = [ZMQP, "run", `${ROOT}${file}`, "--duration", String(durationS)];
  args.push("--json", "--allow-external");
  const child = netns
    ? spawn("ip", ["netns", "exec", netns, process.execPath, ...args], { cwd: ROOT })
    : spawn(process.execPath, args, { cwd: ROOT });
  const events: RuntimeEvent[] = [];
  let summary: Summary | null = null;
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    let msg: { type?: string };
    try {
      msg = JSON.parse(line) as { type?: string };
    } catch {
      return;
    }
    if (msg.type === "summary") summary = msg as Summary;
    else events.push(msg as RuntimeEvent);
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((r) => child.on("close", () => r()));
  return {
    events,
    waitFor(pred, ms, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!events.some(pred)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`zmqp run: no ${what} within ${ms} ms. stderr: ${stderr}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then(check);
        check();
      });
    },
    async finish() {
      child.kill("SIGTERM");
      await exited;
      if (!summary) throw new Error(`zmqp run ended without a summary. stderr: ${stderr}`);
      return summary;
    },
  };
}
