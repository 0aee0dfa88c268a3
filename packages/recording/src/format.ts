/**
 * The `.zmqrec` file: a ZIP (so `unzip -l run.zmqrec` shows what is inside) holding
 *   manifest.json  stored uncompressed, read first: the format version is checked before anything
 *                  is inflated, so a file from a newer playground is refused with a clear message;
 *   document.json  the graph the run started with;
 *   start.json     the state before the first entry (empty, unless the budget cut the oldest part);
 *   entries.json   every recorded entry, in order.
 * The manifest carries a CRC-32 of each member: a flipped bit is refused, never replayed as truth.
 */
import type { GraphDoc, RuntimeEvent } from "@zmqp/protocol";
import type { ReplayState } from "./state.js";

/** The version this code writes and the newest it reads. Bump it when a reader of today would misread. */
export const FORMAT_VERSION = 1;
export const FORMAT_NAME = "zmqrec";
export const FILE_EXTENSION = ".zmqrec";
export const MEMBERS = ["document.json", "start.json", "entries.json"] as const;
export type Member = (typeof MEMBERS)[number];

/**
 * One recorded item:
 * - `e`: a runtime event exactly as the engine emitted it (any type, including ones added later);
 * - `doc`: the running document changed (a redeploy) at `t`;
 * - `tally`: messages sampled away by the budget: `n` of them, the last at `t`; `m` counts them by
 *   what they add to the counters (see tally.ts), so counters stay exact without them;
 * - `sync`: the runtime's own counters at `t`, written when they differ from what the recorded
 *   events add up to (an increment the engine made without an event, like a send that timed out).
 */
export type RecordEntry =
  | { k: "e"; e: RuntimeEvent }
  | { k: "doc"; t: number; doc: GraphDoc }
  | { k: "tally"; t: number; n: number; m: Record<string, number> }
  | { k: "sync"; t: number; counters: CountersSnapshot };

export type CountersSnapshot = Pick<ReplayState, "counters">["counters"];

export function entryTime(entry: RecordEntry): number {
  return entry.k === "e" ? entry.e.t : entry.t;
}

export interface RecordingBudget {
  /** Message events kept in full; older ones are sampled beyond it. */
  maxMessages: number;
  /** Estimated bytes of everything held (events, tallies, keyframes). */
  maxBytes: number;
}

/** Documented in the package README and shown in the page: the last 200 000 messages or 64 MB. */
export const DEFAULT_BUDGET: RecordingBudget = { maxMessages: 200_000, maxBytes: 64 * 1024 * 1024 };

export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  /** ISO time the file was written. */
  createdAt: string;
  /** Epoch ms of the first and last entry (0 when empty). */
  startedAt: number;
  endedAt: number;
  /** What made it: `zmqp run`, `zmqp gateway`… and its version. */
  producer: { name: string; version: string };
  /** False when saved while the run was still going. */
  complete: boolean;
  budget: RecordingBudget;
  counts: {
    entries: number;
    /** Message events the runtime emitted during the recording. */
    messagesSeen: number;
    /** Message events kept whole in the file. */
    messagesKept: number;
    /** Messages sampled away: counted in tallies, not replayable one by one. */
    messagesSampled: number;
    /** Entries dropped from the start when even sampled, the record outgrew the byte budget. */
    truncatedEntries: number;
  };
  /** CRC-32 (hex) of each member's bytes. */
  checksums: Record<Member, string>;
}

/** What a recording holds in memory: what the writer writes and the reader returns. */
export interface RecordingData {
  manifest: Manifest;
  document: GraphDoc | null;
  start: ReplayState;
  entries: RecordEntry[];
}
