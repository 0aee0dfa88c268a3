/**
 * Records one template's run on real sockets for scenarios/recordings/: deploys it, lets its
 * timeline (faults, lesson steps) play out, and keeps the runtime's own final counters beside the
 * recording so a test can prove the replay adds up to exactly what the sockets counted.
 */
import { createRuntime } from "@zmqp/engine";
import type { GraphDoc } from "@zmqp/protocol";
import { Recorder, type RecordingData } from "@zmqp/recording";
import { VERSION } from "../version.js";

/** Messages kept whole per template: the committed set stays small; older ones are sampled. */
export const SCENARIO_MESSAGE_BUDGET = 300;
const MIN_RUN_MS = 3000;
const MAX_RUN_MS = 10_000;
/** After the last timeline step: time for its effect (a restart, a timeout) to show. */
const AFTER_LAST_STEP_MS = 2500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScenarioRun {
  data: RecordingData;
  durationMs: number;
  /** `runtime.counters()` at the last recorded event, before the sockets closed. */
  counters: RecordingData["start"]["counters"];
}

/** How long a template runs: long enough for every timeline step and its effect, a few seconds at least. */
function runLength(doc: GraphDoc): number {
  const last = Math.max(0, ...(doc.timeline ?? []).map((s) => s.atMs));
  return Math.min(MAX_RUN_MS, Math.max(MIN_RUN_MS, last + AFTER_LAST_STEP_MS));
}

export async function recordScenario(doc: GraphDoc): Promise<ScenarioRun> {
  const runtime = createRuntime();
  const recorder = new Recorder({
    producer: { name: "pnpm record:scenarios", version: VERSION },
    budget: { maxMessages: SCENARIO_MESSAGE_BUDGET },
    counters: () => runtime.counters(),
  });
  recorder.setDocument(doc, Date.now());
  const off = runtime.on((e) => recorder.push(e));
  const durationMs = runLength(doc);
  const deployed = await runtime.deploy(doc);
  if (!deployed.ok) throw new Error(`${doc.name ?? "template"} did not deploy`);
  // The run is the recording: a fixed length is the point here, not a wait for a condition.
  await sleep(durationMs);
  // In one tick: the last event recorded and the counters read are the same moment (the runtime
  // counts and emits together), so the replay must end on exactly these numbers.
  off();
  const counters = runtime.counters();
  await runtime.close();
  return { data: recorder.data(true), durationMs, counters };
}
