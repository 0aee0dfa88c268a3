/** `zmqp attach` as a child process, read line by line; and tcpdump writing a capture file. */
import { spawn } from "node:child_process";
import type { AttachSummary, ObservedGraph, RuntimeEvent } from "@zmqp/protocol";
import { zmqp, type Zmqp } from "../spawn.js";
import { until } from "./peers.js";

export interface Attached {
  z: Zmqp;
  events(): RuntimeEvent[];
  /** The newest observed graph. */
  graph(): ObservedGraph | undefined;
  /** The newest link counters. */
  links(): Record<string, { forward: number; backward: number }>;
  /** SIGINT, then the summary line. */
  stop(): Promise<AttachSummary>;
}

function parse(stdout: string): (RuntimeEvent | AttachSummary)[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RuntimeEvent | AttachSummary);
}

export async function attach(args: string[]): Promise<Attached> {
  const z = zmqp(["attach", "--json", ...args]);
  await until(`zmqp attach to start (stderr: ${z.stderr()})`, () =>
    /attached to/.test(z.stderr()) ? true : z.child.exitCode !== null ? false : undefined,
  ).then((ok) => {
    if (!ok) throw new Error(`zmqp attach failed: ${z.stderr()}`);
  });
  const events = () => parse(z.stdout()).filter((e): e is RuntimeEvent => e.type !== "summary");
  return {
    z,
    events,
    graph: () => {
      const g = events().filter((e) => e.type === "observed");
      return g.at(-1)?.type === "observed"
        ? (g.at(-1) as { graph: ObservedGraph }).graph
        : undefined;
    },
    links: () => {
      const c = events().filter((e) => e.type === "counters");
      const last = c.at(-1);
      return last?.type === "counters" ? last.links : {};
    },
    async stop() {
      z.child.kill("SIGINT");
      const r = await z.done;
      const all = parse(r.stdout);
      const s = all.at(-1);
      if (s?.type !== "summary") throw new Error(`no summary (code ${r.code}, stderr ${r.stderr})`);
      return s;
    },
  };
}

/** tcpdump writing the same traffic to a file, for `zmqp attach --pcap`. */
export async function tcpdumpToFile(file: string, filter: string): Promise<() => Promise<void>> {
  const child = spawn(
    "tcpdump",
    ["-U", "-n", "-Z", "root", "--immediate-mode", "-B", "65536", "-i", "lo", "-w", file, filter],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  await until(`tcpdump to listen (${err})`, () => (/listening on/.test(err) ? true : undefined));
  return async () => {
    child.kill("SIGINT");
    await new Promise((r) => child.once("close", r));
  };
}

/** The graph with what differs between a live attach and a file (pids, ports, times) left out. */
export function shape(s: AttachSummary) {
  const socket = (ref: { node: string; socket: string }) => {
    const n = s.graph.nodes.find((x) => x.id === ref.node)!;
    const sock = n.sockets.find((x) => x.id === ref.socket)!;
    return `${sock.type ?? "?"}/${sock.side}${sock.side === "bind" ? `@${sock.endpoint}` : ""}${sock.identity ? `#${sock.identity}` : ""}`;
  };
  return s.graph.links
    .map((l) => {
      const c = s.links[l.id]!;
      return `${socket(l.from)} -> ${socket(l.to)} ${l.mechanism} ${c.forward}/${c.backward} ${c.unit}`;
    })
    .sort();
}
