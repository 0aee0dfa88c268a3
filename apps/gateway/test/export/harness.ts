/**
 * Test support for exported programs: write an export to a temporary folder, run its launcher
 * (each run in a network namespace of its own, so the engine and both languages can use the
 * graph's ports at the same time), and run the same graph on the engine for the same time.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { createRuntime } from "@zmqp/engine";
import { exportGraph, type ExportLanguage, type ExportOptions } from "@zmqp/export";
import { parseGraph, type GraphInput, type NodeCounters } from "@zmqp/protocol";
import { REPO } from "../spawn.js";

/** Debian's python3 has python3-zmq; a python3 elsewhere on PATH may not. */
export const PYTHON = "/usr/bin/python3";

/** Why pyzmq cannot run here, or null when it can. */
export function pythonUnavailable(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import zmq"], { encoding: "utf8", timeout: 10_000 });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} has no pyzmq: apt-get install python3-zmq`;
  return null;
}

export function template(name: string): GraphInput {
  return JSON.parse(
    readFileSync(path.join(REPO, "scenarios", `${name}.json`), "utf8"),
  ) as GraphInput;
}

/**
 * The gateway's zeromq (a devDependency: only these tests use it), which an exported node project
 * is pointed at. A plain `require.resolve` so knip sees the package is used.
 */
const require = createRequire(import.meta.url);
const ZEROMQ = path.dirname(require.resolve("zeromq/package.json"));

/** Writes an export to a new temporary folder and returns the folder. */
export function writeExport(doc: unknown, options: ExportOptions): string {
  const r = exportGraph(doc, options);
  if (!r.ok) throw new Error(`export failed: ${r.reason}`);
  const dir = mkdtempSync(path.join(tmpdir(), `zmqp-export-${options.language}-`));
  for (const [name, text] of Object.entries(r.files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  if (options.language === "node") {
    // `npm install` would fetch zeromq; the test resolves the workspace's copy instead.
    mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    symlinkSync(ZEROMQ, path.join(dir, "node_modules", "zeromq"));
  }
  return dir;
}

/** True when this process may make network namespaces (`unshare -n`, as root). */
const ownNetworks = spawnSync("unshare", ["-n", "true"], { timeout: 10_000 }).status === 0;

const live = new Set<ChildProcess>();

/** Ends what a failed test left running (each program also stops when its launcher goes). */
export function killLeft(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  live.clear();
}

/** A command line, in a fresh network namespace with only loopback when `isolate`. */
function command(argv: string[], isolate: boolean): [string, string[]] {
  if (!isolate) return [argv[0]!, argv.slice(1)];
  return ["unshare", ["-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', ...argv]];
}

export interface ProgramCounters {
  sent: number;
  received: number;
  runs?: number;
  /** How long it ran, from its ready line to its end (the launcher measures it). */
  ranMs?: number;
  lost?: boolean;
  peers?: Record<string, { sent: number; received: number }>;
}

export interface LauncherRun {
  summary: { type: "summary"; nodes: Record<string, ProgramCounters>; durationMs: number };
  /** Every line the launcher printed, "node | text" for a program's. */
  lines: string[];
  stderr: string;
  code: number | null;
}

export const LAUNCHER: Record<ExportLanguage, (dir: string) => string[]> = {
  python: (dir) => [PYTHON, path.join(dir, "run_all.py")],
  node: (dir) => [process.execPath, path.join(dir, "run-all.mjs")],
};

/** Runs an export's launcher for `seconds` and returns its summary line and output. */
export function runLauncher(
  dir: string,
  language: ExportLanguage,
  seconds: number,
  extra: string[] = [],
): Promise<LauncherRun> {
  const [cmd, args] = command(
    [...LAUNCHER[language](dir), "--duration", String(seconds), ...extra],
    ownNetworks,
  );
  const child = spawn(cmd, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const lines: string[] = [];
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      live.delete(child);
      const last = lines.at(-1) ?? "";
      try {
        const summary = JSON.parse(last) as LauncherRun["summary"];
        if (summary.type !== "summary") throw new Error("no summary");
        resolve({ summary, lines, stderr, code });
      } catch {
        reject(
          new Error(
            `${language} launcher ended (${code}) without a summary:\n${lines.join("\n")}\n${stderr}`,
          ),
        );
      }
    }),
  );
}

/** The engine's exact counters after running the same graph for `seconds`. */
export async function engineRun(
  doc: unknown,
  seconds: number,
): Promise<Record<string, NodeCounters>> {
  const rt = createRuntime();
  try {
    // Checked first, as the gateway does: the engine takes a parsed document.
    const parsed = parseGraph(doc);
    if (!parsed.ok) throw new Error(`invalid graph: ${JSON.stringify(parsed.diagnostics)}`);
    await rt.deploy(parsed.doc);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return rt.counters().nodes;
  } finally {
    await rt.close();
  }
}

/**
 * The engine first, alone (its timers must not share two cores with a dozen programs starting),
 * then both languages at once when namespaces keep their ports apart, else in turn.
 */
export async function runAll(
  doc: unknown,
  dirs: Record<ExportLanguage, string>,
  seconds: number,
): Promise<{ engine: Record<string, NodeCounters>; python: LauncherRun; node: LauncherRun }> {
  const engine = await engineRun(doc, seconds);
  if (ownNetworks) {
    const [python, node] = await Promise.all([
      runLauncher(dirs.python, "python", seconds),
      runLauncher(dirs.node, "node", seconds),
    ]);
    return { engine, python, node };
  }
  const python = await runLauncher(dirs.python, "python", seconds);
  const node = await runLauncher(dirs.node, "node", seconds);
  return { engine, python, node };
}

/**
 * A timed count compared with the engine's, scaled to how long the program ran (from its ready
 * line to its end; the engine ran `seconds`): a program of the first wave runs while the second
 * starts. Within 2 messages plus 30 %: timers drift on a loaded two-core machine, while a wrong
 * interval or a lost loop would be off by far more.
 */
export function nearRun(
  what: string,
  run: ProgramCounters,
  k: "sent" | "received",
  engineCount: number,
  seconds: number,
  /** How long the node that drives this count ran: a server counts while its clients run. */
  ranMs = run.ranMs ?? seconds * 1000,
): void {
  const expected = (engineCount * ranMs) / (seconds * 1000);
  near(what, run[k], Math.round(expected), 2 + Math.ceil(expected * 0.3));
}

/** |actual - expected| <= slack, with a message that names what was compared. */
export function near(what: string, actual: number, expected: number, slack: number): void {
  if (Math.abs(actual - expected) > slack)
    throw new Error(`${what}: ${actual}, expected ${expected} ± ${slack}`);
}
