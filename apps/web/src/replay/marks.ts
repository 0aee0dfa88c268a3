/**
 * The marks on the timeline: errors, faults (a node killed, paused or stopped, a link cut, by a
 * person or a timeline step) and lesson notes, each at its moment and entry.
 */
import type { RuntimeEvent } from "@zmqp/protocol";
import type { RecordEntry } from "@zmqp/recording";

export interface Mark {
  kind: "error" | "fault" | "note";
  t: number;
  /** The position that shows it: just after its entry. */
  position: number;
  /** A short label (node or link id and what happened), for the mark's title. */
  label: string;
}

/** Marks drawn at most; a run full of errors keeps the first ones (the strip is a few hundred px). */
export const MAX_MARKS = 400;

const FAULT_ACTIONS = new Set(["kill", "stop", "pause", "cut", "restart"]);
const FAULT_STATES = new Set(["killed", "paused", "error"]);

export function markOf(e: RuntimeEvent, position: number): Mark | null {
  switch (e.type) {
    case "error":
      return { kind: "error", t: e.t, position, label: `${e.node}: ${e.code}` };
    case "timeline": {
      const target = e.step.node ?? e.step.link ?? "";
      if (e.step.note)
        return { kind: "note", t: e.t, position, label: `${e.step.action} ${target}` };
      if (FAULT_ACTIONS.has(e.step.action))
        return { kind: "fault", t: e.t, position, label: `${e.step.action} ${target}` };
      return null;
    }
    case "status":
      return FAULT_STATES.has(e.status.state)
        ? { kind: "fault", t: e.t, position, label: `${e.node}: ${e.status.state}` }
        : null;
    default:
      return null;
  }
}

export function marksOf(entries: readonly RecordEntry[]): Mark[] {
  const out: Mark[] = [];
  for (let i = 0; i < entries.length && out.length < MAX_MARKS; i++) {
    const entry = entries[i]!;
    if (entry.k !== "e") continue;
    const m = markOf(entry.e, i + 1);
    if (m) out.push(m);
  }
  return out;
}
