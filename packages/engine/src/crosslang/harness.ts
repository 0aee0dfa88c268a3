/**
 * Helpers for the cross-language and cross-machine tests: run the pyzmq peer (`peer.py`) and a pair
 * of network namespaces joined by a veth pair. Test support only; nothing in the engine uses it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Debian's python3 has python3-zmq; the pyenv python3 on PATH does not (zeromq-notes §7). */
export const PYTHON = "/usr/bin/python3";
const PEER_SCRIPT = fileURLToPath(new URL("./peer.py", import.meta.url));

/** Why pyzmq cannot run here, or null when it can. */
export function pythonUnavailable(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import zmq"], { encoding: "utf8", timeout: 10_000 });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no pyzmq: apt-get install python3-zmq`;
  return null;
}

interface PeerDone {
  event: "done";
  type: string;
  sent: number;
  received: number;
  /** Every message received, frames decoded as UTF-8. */
  messages: string[][];
  error: string | null;
}

export interface PeerRun {
  /** Resolves once the peer's socket is bound or connected. */
  ready: Promise<void>;
  /** Resolves with the peer's final counts when it exits. */
  done: Promise<PeerDone>;
  child: ChildProcess;
}

export interface PeerArgs {
  type: "REQ" | "REP" | "SUB" | "PUSH" | "PULL" | "DEALER";
  connect?: string[];
  bind?: string[];
  count: number;
  timeoutS: number;
  topics?: string[];
  payload?: string;
  delayS?: number;
  /** Run inside this network namespace (`ip netns exec`). */
  netns?: string;
}

const live = new Set<ChildProcess>();

/** Ends peers a failed test left running (they would exit on their own deadline anyway). */
export function killPeers(): void {
  for (const c of live) c.kill("SIGKILL");
  live.clear();
}

/** Starts `peer.py`; the promises reject if it exits without its final line. */
export function runPeer(a: PeerArgs): PeerRun {
  const args = [PEER_SCRIPT, "--type", a.type, "--count", String(a.count)];
  args.push("--timeout", String(a.timeoutS));
  for (const ep of a.connect ?? []) args.push("--connect", ep);
  for (const ep of a.bind ?? []) args.push("--bind", ep);
  for (const t of a.topics ?? []) args.push("--topic", t);
  if (a.payload) args.push("--payload", a.payload);
  if (a.delayS) args.push("--delay", String(a.delayS));
  const [cmd, argv] = a.netns
    ? ["ip", ["netns", "exec", a.netns, PYTHON, ...args]]
    : [PYTHON, args];
  const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  child.on("close", () => live.delete(child));
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  let onReady: () => void = () => {};
  let onDone: (d: PeerDone) => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<PeerDone>((resolve, reject) => {
    onDone = resolve;
    // "close" comes after stdout has ended, so a final line has been read by then.
    child.on("close", (code) =>
      reject(new Error(`peer.py exited ${code} without a result: ${stderr}`)),
    );
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const msg = JSON.parse(line) as { event: string };
    if (msg.event === "ready") onReady();
    if (msg.event === "done") onDone(msg as PeerDone);
  });
  void ready.catch(() => {});
  return { ready: Promise.race([ready, done.then(() => {})]), done, child };
}

/** Two namespaces joined by a veth pair; addresses live only inside them. */
export interface NetnsPair {
  a: string;
  b: string;
  addrA: string;
  addrB: string;
  remove(): void;
}

function ip(args: string[]): { ok: boolean; err: string } {
  const r = spawnSync("ip", args, { encoding: "utf8", timeout: 10_000 });
  return { ok: r.status === 0, err: (r.stderr || r.error?.message || "").trim() };
}

/**
 * Creates `zqa<id>` and `zqb<id>` with a veth pair (10.77.<n>.1 and .2/24) created directly inside
 * them, so nothing is added to the namespace the test runs in. Returns the reason when impossible.
 */
export function createNetnsPair(): NetnsPair | { reason: string } {
  const id = String(process.pid % 100_000);
  const a = `zqa${id}`;
  const b = `zqb${id}`;
  const subnet = `10.77.${process.pid % 250}`;
  const pair: NetnsPair = {
    a,
    b,
    addrA: `${subnet}.1`,
    addrB: `${subnet}.2`,
    remove() {
      ip(["netns", "del", a]);
      ip(["netns", "del", b]);
    },
  };
  pair.remove(); // leftovers of an interrupted run with the same pid
  const steps: string[][] = [
    ["netns", "add", a],
    ["netns", "add", b],
    ["-n", a, "link", "add", `v${a}`, "type", "veth", "peer", "name", `v${b}`, "netns", b],
    ["-n", a, "addr", "add", `${pair.addrA}/24`, "dev", `v${a}`],
    ["-n", b, "addr", "add", `${pair.addrB}/24`, "dev", `v${b}`],
    ["-n", a, "link", "set", `v${a}`, "up"],
    ["-n", b, "link", "set", `v${b}`, "up"],
    ["-n", a, "link", "set", "lo", "up"],
    ["-n", b, "link", "set", "lo", "up"],
  ];
  for (const s of steps) {
    const r = ip(s);
    if (!r.ok) {
      pair.remove();
      return { reason: `cannot create network namespaces (ip ${s.join(" ")}: ${r.err})` };
    }
  }
  return pair;
}
