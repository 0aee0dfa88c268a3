/** The templates in scenarios/ and their committed recordings, read as the gateway reads a document. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseGraph, type GraphDoc } from "@zmqp/protocol";

const SCENARIOS_DIR = resolve(fileURLToPath(import.meta.url), "../../../../../scenarios");
export const RECORDINGS_DIR = join(SCENARIOS_DIR, "recordings");
/** The list the player shows, written beside the recordings. */
export const INDEX_FILE = "index.json";

interface RecordingIndexEntry {
  /** The template's file name without `.json`. */
  template: string;
  /** The recording's file name inside recordings/. */
  file: string;
  title: GraphDoc["title"];
  bytes: number;
  durationMs: number;
  messagesSeen: number;
  messagesKept: number;
  messagesSampled: number;
  /** The runtime's own counters when the run ended: the replay must end on exactly these. */
  counters: { nodes: Record<string, unknown>; links: Record<string, unknown> };
}

export interface RecordingIndex {
  /** Message events kept whole per run; older ones were sampled (counted, not replayable). */
  messageBudget: number;
  recordings: RecordingIndexEntry[];
}

export function templateNames(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function loadTemplateDoc(name: string): GraphDoc {
  const parsed = parseGraph(JSON.parse(readFileSync(join(SCENARIOS_DIR, `${name}.json`), "utf8")));
  if (!parsed.doc) throw new Error(`scenarios/${name}.json does not parse`);
  return parsed.doc;
}
