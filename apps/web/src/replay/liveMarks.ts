/**
 * Marks of the run going on before anything was fetched: errors and timeline steps from the live
 * log (never sampled), and the faults seen in node states (runSpan.ts).
 */
import type { LogEntry } from "../store/runtimeSlice.js";
import { markOf, MAX_MARKS, type Mark } from "./marks.js";

let memo: { log: readonly LogEntry[]; faults: readonly Mark[]; marks: Mark[] } | null = null;

export function liveMarks(log: readonly LogEntry[], faults: readonly Mark[]): Mark[] {
  if (memo?.log === log && memo.faults === faults) return memo.marks;
  const marks: Mark[] = [...faults];
  for (const e of log) {
    if (marks.length >= MAX_MARKS) break;
    const m = markOf(e, 0);
    if (m) marks.push(m);
  }
  memo = { log, faults, marks };
  return marks;
}
