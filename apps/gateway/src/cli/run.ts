/**
 * `zmqp run FILE [--duration S] [--json] [--allow-external]`: deploys headless, prints every event,
 * and ends with exactly one summary line. SIGINT/SIGTERM end the run the same way as --duration.
 * `--record OUT.zmqrec` also saves the run as a recording (see packages/recording).
 */
import { createRuntime } from "@zmqp/engine";
import {
  english,
  parseGraph,
  type ErrorCode,
  type LinkCounters,
  type LinkQueue,
  type NodeCounters,
  type PipeState,
  type RuntimeEvent,
} from "@zmqp/protocol";
import { EXIT_INVALID, loadJson, printDiagnostics } from "./common.js";
import { formatEvent } from "./format.js";
import { startRecording } from "./record.js";

export interface RunArgs {
  file: string;
  durationS?: number;
  json: boolean;
  allowExternal: boolean;
  /** Where to save the run as a .zmqrec. */
  record?: string;
}

export interface Summary {
  type: "summary";
  nodes: Record<string, { sent: number; received: number; errors: ErrorCode[] }>;
  links: Record<string, { forward: number; backward: number }>;
  /**
   * Per link, messages in flight when the run ended, per direction that carries any (`lost`:
   * certain never to arrive, not yet counted as dropped; only where there are some).
   */
  inFlight: Record<string, { forward?: number; backward?: number }>;
  lost: Record<string, { forward?: number; backward?: number }>;
  /**
   * Sockets whose pipe was ever full during the run (`node.socket`): their state when it ended,
   * why (English), and how many times they became blocked or dropping.
   */
  pipes: Record<string, { state: PipeState; reason?: string; blocked: number; dropping: number }>;
  durationMs: number;
}

/** Pipe states seen during a run, for the summary. */
type PipeTally = Summary["pipes"];

export async function runCommand(args: RunArgs): Promise<number> {
  const raw = await loadJson(args.file);
  const parsed = parseGraph(raw, { allowExternal: args.allowExternal });
  if (!parsed.ok) {
    printDiagnostics(parsed.diagnostics, args.json);
    return EXIT_INVALID;
  }
  printDiagnostics(parsed.diagnostics, args.json);

  const out = (line: string) => process.stdout.write(`${line}\n`);
  const errors = new Map<string, ErrorCode[]>();
  const pipes: PipeTally = {};
  const runtime = createRuntime({ allowExternal: args.allowExternal });
  // Checked before the run starts: a long run must not end in "cannot write".
  const recording = args.record ? await startRecording(runtime, args.record, parsed.doc) : null;
  runtime.on((e: RuntimeEvent) => {
    if (e.type === "error") {
      const list = errors.get(e.node) ?? [];
      if (!list.includes(e.code)) list.push(e.code);
      errors.set(e.node, list);
    }
    if (e.type === "pipe") {
      const p = (pipes[`${e.node}.${e.socket}`] ??= { state: "ok", blocked: 0, dropping: 0 });
      if (e.state !== "ok" && e.state !== p.state) p[e.state]++;
      p.state = e.state;
      if (e.state === "ok") delete p.reason;
      else p.reason = english(e.reason);
    }
    if (args.json) out(JSON.stringify(e));
    else {
      const line = formatEvent(e);
      if (line !== null) out(line);
    }
  });

  const started = Date.now();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const onSignal = () => finish();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const timer =
    args.durationS !== undefined ? setTimeout(finish, Math.round(args.durationS * 1000)) : null;

  try {
    // What fails while starting (a bind in use) shows as error events; the run goes on.
    await runtime.deploy(parsed.doc);
    await done;
  } finally {
    if (timer) clearTimeout(timer);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
  const durationMs = Date.now() - started;
  const counters = runtime.counters();
  // Before close: stopping empties every queue and clears every state.
  const queues = runtime.snapshot().queues ?? [];
  const pipesAtEnd = structuredClone(pipes);
  await runtime.close();
  // The runtime's `stopped` is in the recording: it is written after close.
  await recording?.save();
  out(
    JSON.stringify(
      summarize(
        counters,
        errors,
        durationMs,
        parsed.doc.nodes.map((n) => n.id),
        queues,
        pipesAtEnd,
      ),
    ),
  );
  return 0;
}

function summarize(
  counters: { nodes: Record<string, NodeCounters>; links: Record<string, LinkCounters> },
  errors: Map<string, ErrorCode[]>,
  durationMs: number,
  nodeIds: string[],
  queues: LinkQueue[] = [],
  pipes: PipeTally = {},
): Summary {
  const nodes: Summary["nodes"] = {};
  for (const id of new Set([...nodeIds, ...Object.keys(counters.nodes)])) {
    const c = counters.nodes[id];
    nodes[id] = { sent: c?.sent ?? 0, received: c?.received ?? 0, errors: errors.get(id) ?? [] };
  }
  const links: Summary["links"] = {};
  for (const [id, l] of Object.entries(counters.links))
    links[id] = { forward: l.forward, backward: l.backward };
  const inFlight: Summary["inFlight"] = {};
  const lost: Summary["lost"] = {};
  for (const q of queues) {
    (inFlight[q.link] ??= {})[q.direction] = q.inFlight;
    if (q.lost) (lost[q.link] ??= {})[q.direction] = q.lost;
  }
  return { type: "summary", nodes, links, inFlight, lost, pipes, durationMs };
}
